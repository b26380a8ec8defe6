"""Bound the search index: full text for pages and recent news, title, lead and headings for older news.

Material's index holds every word of every page; it grows with the archive (9.7 MB for 2,000
articles) while visitors mostly look for recent news, members and pages. Once the search plugin
has gathered its entries, before it writes ``search/search_index.json``, the articles beyond the
newest ``full_text_news`` keep their title, their lead (first paragraph, at most ``LEAD_CHARS``
characters) and the titles of their sections, which still find them by name and subject; their
section bodies are dropped. Pages that are not blog posts are never trimmed. The size then grows
by about half a kilobyte per old article.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from mkdocs.config.defaults import MkDocsConfig

from territoire import memo
from territoire.engine.search_index import SEARCH_PLUGIN

DEFAULT_FULL_TEXT_NEWS = 100
"""How many of the newest articles keep their full text (``extra.search_full_text_news``)."""
LEAD_CHARS = 300
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def old_news_urls(config: MkDocsConfig) -> set[str]:
    """Site-relative URLs of the articles beyond the newest ones, from Material's blog plugins."""
    keep = int(config.extra.get("search_full_text_news", DEFAULT_FULL_TEXT_NEWS))
    urls: set[str] = set()
    for plugin in config.plugins.values():
        blog = getattr(plugin, "blog", None)
        posts = getattr(blog, "posts", None)
        if not posts:
            continue
        newest_first = sorted(posts, key=lambda post: post.config.date.created, reverse=True)
        urls.update(post.url for post in newest_first[keep:])
    return urls


@memo.pure(str)  # under the preview, thousands of old articles at every save, mostly unchanged
def lead(text: str) -> str:
    """The first paragraph as plain text, cut at a word boundary."""
    match = _FIRST_PARAGRAPH.search(text)
    plain = html.unescape(_TAG.sub("", match.group(1) if match else text)).strip()
    if len(plain) <= LEAD_CHARS:
        return html.escape(plain, quote=False)
    cut = plain[:LEAD_CHARS].rsplit(" ", 1)[0]
    return html.escape(cut, quote=False) + " …"


def trim(docs: Iterable[dict], old_urls: set[str]) -> list[dict]:
    trimmed = []
    for doc in docs:
        page_url, _, anchor = doc.get("location", "").partition("#")
        if page_url in old_urls:
            doc = {**doc, "text": "" if anchor else lead(doc.get("text", ""))}
        trimmed.append(doc)
    return trimmed


def apply(config: MkDocsConfig) -> None:
    """Trim the entries the search plugin is about to write (in memory: reading its file back
    and writing it again cost a parse and a dump of the whole index on every build)."""
    index = getattr(config.plugins.get(SEARCH_PLUGIN), "search_index", None)
    old_urls = old_news_urls(config)
    if index is None or not old_urls:
        return
    index.entries = trim(index.entries, old_urls)
