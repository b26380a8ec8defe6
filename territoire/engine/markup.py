"""Render Markdown written in data files into safe HTML for templates.

Profile text comes from member firms and is untrusted: after Markdown, the HTML goes through nh3
(the ammonia sanitiser), which keeps a short list of tags and drops scripts, frames, styles, forms,
event handlers and any link that is not http, https or mailto.
"""

from __future__ import annotations

from functools import lru_cache

import markdown as markdown_lib
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "h3",
                 "h4", "abbr"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    # Raw HTML is escaped before Markdown runs, so authors cannot inject markup at all; nh3 then
    # guards what Markdown itself produces (links with dangerous schemes).
    html = _converter().reset().convert(_escape_raw_html(text))
    # No rel attribute: links never open a new window, and nh3 would keep rel on an <a> whose
    # dangerous href it removed, which is invalid HTML.
    cleaned = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                        url_schemes=_URL_SCHEMES, link_rel=None)
    return Markup(cleaned)


@lru_cache(maxsize=1)
def _converter() -> markdown_lib.Markdown:
    # One converter, reset between texts (which also forgets abbreviations): building one per
    # text loads its extensions again, a measurable cost on sites with thousands of profiles.
    return markdown_lib.Markdown(extensions=["abbr", "sane_lists"], output_format="html")


def _escape_raw_html(text: str) -> str:
    # Only "<" opens a tag; ">" stays usable for quotes and "&" for entities.
    return text.replace("<", "&lt;")
