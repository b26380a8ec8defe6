"""Make the blog plugin's membership tests cost O(1) instead of O(posts).

Material's blog plugin asks ``page not in self.blog.posts`` for every page (in its
``on_page_markdown`` and ``on_page_content``) and its nav template asks ``page in nav_item.pages``
for every view: each test walks a whole list calling ``Page.__eq__`` (title and file compared), so
the build is quadratic in the number of posts (8.6 million comparisons at 2,000 posts, ~18 % of
the build). The pages tested are always the very objects held by those lists, so an identity test
gives the same answers: ``IdentityList`` is a list that answers ``in`` from a set of ids.
"""

from __future__ import annotations

from typing import Any, Iterable

import yaml
from mkdocs.config.defaults import MkDocsConfig

from territoire import memo


class IdentityList(list):
    """A list whose ``in`` compares by identity, through a set rebuilt after any change."""

    __slots__ = ("_ids",)

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._ids: set[int] | None = None

    def __contains__(self, item: object) -> bool:
        if self._ids is None:
            self._ids = {id(element) for element in self}
        return id(item) in self._ids


def _invalidating(name: str):
    method = getattr(list, name)

    def wrapper(self: IdentityList, *args: Any, **kwargs: Any) -> Any:
        self._ids = None
        return method(self, *args, **kwargs)

    wrapper.__name__ = name
    return wrapper


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "__setitem__",
              "__delitem__", "__iadd__", "__imul__"):
    setattr(IdentityList, _name, _invalidating(_name))


def install(config: MkDocsConfig) -> int:
    """Swap the blog plugins' post and view-page lists for identity lists; returns how many.

    Runs after the blog's own ``on_files`` (priority -50), once those lists exist. A paginated
    view's pages all share the view's list, so each of them gets the new list too.
    """
    swapped = 0
    for plugin in config.plugins.values():
        blog = getattr(plugin, "blog", None)
        if blog is None or not hasattr(blog, "posts") or not hasattr(plugin, "_resolve_views"):
            continue
        blog.posts = IdentityList(blog.posts)
        swapped += 1
        for view in plugin._resolve_views(blog):
            pages = IdentityList(view.pages)
            for page in pages:
                if getattr(page, "pages", None) is view.pages or page is view:
                    page.pages = pages
            view.pages = pages
            swapped += 1
    return swapped


_FORMATTED: dict[tuple[str, str, str, str], str] = {}


def format_dates_once(config: MkDocsConfig) -> None:
    """Material's blog formats each article's date with Babel two or three times per build (its
    URL, its page, the archive): the same date, format and language give the same text, so each
    is formatted once per process."""
    for plugin in config.plugins.values():
        method = getattr(plugin, "_format_date", None)
        if method is None or getattr(method, "kept", False) or not hasattr(plugin, "blog"):
            continue

        def format_date(date: Any, format: str, config: MkDocsConfig,  # noqa: A002 - Material's
                        _format: Any = method) -> str:
            # isoformat names the offset too: equal instants in two zones print differently.
            key = (type(date).__name__, date.isoformat(), format, config.theme["language"])
            if key not in _FORMATTED:
                _FORMATTED[key] = _format(date, format, config)
            return _FORMATTED[key]

        format_date.kept = True  # type: ignore[attr-defined]
        plugin._format_date = format_date


def read_posts_with_libyaml() -> None:
    """Material's blog parses each article's front matter with PyYAML's pure-Python loader (7.5 s
    of a 79 s profiled build of 2,810 pages); MkDocs itself reads every other page's with
    libyaml's ``CSafeLoader`` when PyYAML has it. Same loader, same values: the blog gets it too.
    Our own reader (``territoire/sources.py``) has checked every front matter before."""
    from material.plugins.blog import structure

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        structure.SafeLoader = loader
    structure.yaml = _KeptYaml


class _KeptYaml:
    """``yaml`` for the blog's module: under the preview (``territoire.memo``), an article's front
    matter already read is not parsed again; each post gets its own copy, as it mutates it."""

    @staticmethod
    def load(text: str, loader: Any) -> Any:
        key = ("blog front matter", text)
        kept = memo.recall(key)
        if kept is None:
            kept = yaml.load(text, loader)
            memo.remember(key, kept)
        return memo.copied(kept)
