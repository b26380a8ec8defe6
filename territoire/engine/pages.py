"""Virtual pages generated from data, and the table that finds their URL by kind and id.

A generated page is a Markdown file made in memory (``File.generated``): its front matter names
the template that presents it and the model it shows. Its "edit" link points at the data file it
comes from, so that an author lands on the right file.
"""

from __future__ import annotations

from typing import Any

import yaml
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from territoire import memo

_KEY = "territoire_pages"
# libyaml's dumper when present: thousands of generated pages each dump their front matter.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def add_page(files: Files, config: MkDocsConfig, *, kind: str, key: str, src_uri: str,
             title: str, template: str, edit_path: str | None = None,
             meta: dict[str, Any] | None = None, body: str = "", in_nav: bool = False) -> File:
    """Add a generated page; ``meta`` reaches the template as ``page.meta``.

    Pages are kept out of the nav unless ``in_nav``: a nav listing every member or article renders
    every link on every page and makes the build quadratic.

    ``title`` and a ``description`` in ``meta`` are plain text (a firm's name, an event's title):
    they are escaped here, because Material prints both as they are in ``<title>`` and
    ``<meta name="description">``. Our templates show such a title through ``display_title``.
    """
    meta = dict(meta or {})
    if "description" in meta:
        meta["description"] = str(escape(meta["description"]))
    front_matter = {"title": str(escape(title)), "template": template, "kind": kind, "key": key, **meta}
    content = "---\n" + _dumped(front_matter) + "---\n" + body
    file = File.generated(config, src_uri, content=content)
    if not in_nav:
        file.inclusion = InclusionLevel.NOT_IN_NAV
    file.territoire_escaped_title = True
    if edit_path:
        # Relative to the docs_dir, as MkDocs resolves edit links from the content folder.
        file.edit_uri = "../" + edit_path
    files.append(file)
    table(config)[(kind, key)] = file
    return file


def _dumped(front_matter: dict[str, Any]) -> str:
    # The preview makes the same pages after every save (``territoire.memo``).
    key = ("front matter", repr(sorted(front_matter.items())))
    text = memo.recall(key)
    if text is None:
        text = yaml.dump(front_matter, Dumper=_DUMPER, allow_unicode=True, sort_keys=True)
        memo.remember(key, text)
    return text


def table(config: MkDocsConfig) -> dict[tuple[str, str], File]:
    if _KEY not in config:
        config[_KEY] = {}
    return config[_KEY]


def reset(config: MkDocsConfig) -> None:
    config[_KEY] = {}


def url_of(config: MkDocsConfig, kind: str, key: str) -> str:
    """The site-relative URL of a generated page, for the ``url`` filter of templates."""
    return table(config)[(kind, key)].url


def display_title(page: Page | None) -> str:
    """A page's title for our (escaping) templates: generated pages hold it escaped already."""
    if page is None or page.title is None:
        return ""
    if getattr(page.file, "territoire_escaped_title", False):
        return Markup(page.title)
    return page.title
