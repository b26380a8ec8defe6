"""The main menu and the breadcrumb trail, from the nav of ``mkdocs.yml``.

The nav is the engine's, shared by every territory; a territory that has nothing to show in a
section (no industry-week edition, no roadmap, no product) must not get a menu entry leading to an
empty page. Each hook drops the entry of its own empty section in ``on_config`` (before MkDocs reads
the nav) and does not generate the page. Templates then read ``main_menu`` and ``trail``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from territoire.engine.pages import display_title


@dataclass(frozen=True)
class MenuEntry:
    title: str
    url: str  # site-relative, for the ``url`` filter
    current: bool


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str  # site-relative, for the ``url`` filter


def drop_section(config: MkDocsConfig, src_uri: str) -> None:
    """Remove from the nav every entry that leads to ``src_uri`` (a file of the content folder)."""
    if config.nav:
        config.nav = [item for item in config.nav if src_uri not in nav_targets(item)]


def nav_targets(item: Any) -> list[str]:
    if isinstance(item, dict):
        return [target for value in item.values() for target in nav_targets(value)]
    if isinstance(item, list):
        return [target for value in item for target in nav_targets(value)]
    return [item] if isinstance(item, str) else []


def _landing(item: Any) -> Page | None:
    """The page a top-level nav item opens: the page itself, or a section's first page."""
    if isinstance(item, Section):
        for child in item.children:
            page = _landing(child)
            if page is not None:
                return page
        return None
    return item if isinstance(item, Page) else None


def _section_url(page: Page) -> str:
    """The folder a section index covers: ``membres/`` for ``membres/`` and its sub-pages."""
    return page.url if page.url.endswith("/") else page.url.rsplit("/", 1)[0] + "/"


def _covers(landing: Page, page: Page) -> bool:
    if landing.is_homepage:
        return page.is_homepage
    return page.url.startswith(_section_url(landing))


def main_menu(nav: Navigation, page: Page | None, titles: dict[str, str] | None = None) -> list[MenuEntry]:
    """Top-level entries except the home page (the logo leads there), the current one marked.

    ``titles`` replaces the nav's title of an entry by its file (``membres/index.md``), for
    the words a territory chooses (its members may be « signataires »).
    """
    entries = []
    for item in nav.items:
        landing = _landing(item)
        if landing is None or landing.is_homepage:
            continue
        title = (titles or {}).get(landing.file.src_uri) or item.title or display_title(landing)
        entries.append(MenuEntry(title=title, url=landing.url,
                                 current=page is not None and _covers(landing, page)))
    return entries


def trail(nav: Navigation, page: Page | None, titles: dict[str, str] | None = None) -> list[Crumb]:
    """The pages above ``page``: home, then the section it belongs to; empty on the home page.

    The template adds the page itself, with the title it shows (generated pages keep an escaped
    title for Material's ``<title>``: see ``pages.display_title``).
    """
    if page is not None and page.is_homepage:
        return []
    home = next((item for item in nav.pages if item.is_homepage), None)
    crumbs = [Crumb(title="Accueil", url=home.url if home else "")]
    if page is None:  # a page without a file, such as 404.html
        return crumbs
    for entry in main_menu(nav, page, titles):
        if entry.current and entry.url != page.url:
            crumbs.append(Crumb(title=entry.title, url=entry.url))
            break
    return crumbs
