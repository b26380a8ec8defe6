"""The local preview: notices on pages, the page of errors, and what a production build held back.

- ``Notices``: for each page, what the preview says at its top (an article dated in the future,
  provisional texts « À compléter : »), rendered by ``overrides/partials/preview/notices.html``.
- ``error_page``: the French list of errors (``overrides/partials/preview/errors.html``) that the
  preview's server (``territoire.engine.run``) shows for every page while a rebuild fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from territoire.errors import DataIssue
from territoire.french import long_date
from territoire.project import ENGINE_ROOT
from territoire.publishing import held_back, held_back_text, placeholder_issues
from territoire.site import Site
from territoire.engine import state

log = get_plugin_logger("territoire.engine.preview")
TEMPLATES = ENGINE_ROOT / "overrides"
ERROR_TEMPLATE = "partials/preview/errors.html"


class Notices:
    """``preview_notices(page)`` in templates: the French notices of one page, under serve only."""

    def __init__(self, config: MkDocsConfig):
        site = state.site_of(config)
        project = state.project_dir(config)
        content = Path(config.docs_dir)
        self._content = _relative(content, project)
        self._news = {item.src_uri: item for item in site.news}
        self._placeholders: dict[str, list[DataIssue]] = {}
        for issue in placeholder_issues(site, content, root=project):
            self._placeholders.setdefault(issue.file, []).append(issue)
        self._today = dt.date.today()

    def __call__(self, page: Any) -> list[str]:
        if page is None or getattr(page, "file", None) is None:
            return []
        notes = []
        item = self._news.get(page.file.src_uri)
        if item is not None and not item.is_draft and item.date > self._today:
            notes.append(f"À paraître le {long_date(item.date)} : cet article n'est visible que dans "
                         "l'aperçu ; il sera publié par la première construction du site à cette date.")
        for issue in self._placeholders.get(self._source(page), []):
            notes.append(f"Texte provisoire à remplacer avant publication ({issue.file}, ligne "
                         f"{issue.line}) : la construction du site le refusera.")
        return notes

    def _source(self, page: Any) -> str:
        edit = page.file.edit_uri if page.file.generated_by else None
        if edit and edit.startswith("../"):
            return edit.removeprefix("../")  # a generated page points at its data file
        return f"{self._content}/{page.file.src_uri}"


def held_back_message(site: Site) -> str | None:
    return held_back_text(held_back(site))


def log_held_back(site: Site) -> None:
    """Say how many articles a production build left out (drafts, dated in the future)."""
    message = held_back_message(site)
    if message:
        log.info(message)


def error_page(lines: Iterable[dict[str, str]], *, heading: str, closing: str) -> bytes:
    """The page shown for every address while a rebuild fails; ``lines`` have ``where`` and
    ``text`` (``where`` empty for an error without a file)."""
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                              autoescape=select_autoescape(default=True, default_for_string=True))
    html = environment.get_template(ERROR_TEMPLATE).render(errors=list(lines), heading=heading,
                                                           closing=closing)
    return html.encode("utf-8")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
