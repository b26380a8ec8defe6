"""The plan du site: every built page, grouped under its section, computed from MkDocs' pages.

Sections are the first segment of a page's URL (``valeurs/``, ``membres/``…); a section's title is
that of its index page. Sections follow the nav's order, then French alphabetical order. In a
section, the pages one level down (members, events, values…) come first, sorted by title; then the
deeper pages (filter pages, month grids, news archives…) grouped by their folder, each group
sorted by title: a member's name never falls between two "Les membres : …" filter pages.
Templates draw the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation

from territoire import memo
from territoire.engine.pages import display_title
from territoire.loader import sort_key


@dataclass
class PlanEntry:
    title: str
    url: str
    children: list["PlanEntry"] = field(default_factory=list)


def site_plan(files: Iterable[File], nav: Navigation) -> list[PlanEntry]:
    entries: dict[str, PlanEntry] = {}
    children: dict[str, list[tuple[str, str, bool]]] = {}
    for file in files:
        page = file.page
        if page is None or page.title is None:
            continue
        url = page.url
        section = url.split("/", 1)[0] if "/" in url else ""
        title = display_title(page)
        if url in ("", f"{section}/") or not section:
            entries[url] = PlanEntry(title=title, url=url)
        else:
            # The escaped flag is part of the key: an escaped title equals the same text unescaped.
            children.setdefault(f"{section}/", []).append(
                (url, title, bool(getattr(page.file, "territoire_escaped_title", False))))
    for section_url, items in children.items():
        parent = entries.setdefault(section_url, PlanEntry(title=section_url.strip("/"), url=section_url))
        parent.children = _section(tuple(items))
    nav_order = {page.url: index for index, page in enumerate(nav.pages)}
    return sorted(entries.values(),
                  key=lambda item: (nav_order.get(item.url, len(nav_order)), sort_key(item.title)))


@memo.pure(list)  # under the preview, a section whose pages are the same is not sorted again
def _section(pages: tuple[tuple[str, str, bool], ...]) -> list[PlanEntry]:
    """A section's pages, (URL, title, whether the title is escaped HTML) each, in plan order."""
    return sorted((PlanEntry(title=title, url=url) for url, title, _escaped in pages),
                  key=_child_order)


def _child_order(entry: PlanEntry) -> tuple:
    segments = entry.url.strip("/").split("/")
    group = segments[1] if len(segments) > 2 else ""
    return (len(segments) > 2, sort_key(group), sort_key(entry.title))
