"""Load a territory project (``data/`` and ``content/``) into a validated ``Site``.

Every file is read, validated and cross-checked before anything fails: the single ``DataError``
lists all issues. A project is a folder holding ``data/`` and ``content/``; the same code builds
any territory from its own folder.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

from territoire import bodies
from territoire.agenda.loader import EVENTS_DIR, SERIES_DIR, load_agenda
from territoire.errors import IssueCollector
from territoire.icons import icon_exists
from territoire.images import (IDENTITY_IMAGE_MAX_BYTES, PICTURE_MAX_BYTES, check_content_files,
                               check_image)
from territoire.legal import load_legal
from territoire.limits import page_budget_issue, pages_by_source, too_many_files
from territoire.members.loader import load_members
from territoire.members.models import Member, MembersRegistry
from territoire.models.figures import KeyFiguresFile
from territoire.models.identity import Territory
from territoire.models.pillars import AxesFile, SectorsFile, ValuesFile
from territoire.news.loader import POSTS_DIR, KnownIds, load_news, news_ids
from territoire.roadmap.loader import check_related, load_roadmap
from territoire.site import Site
from territoire.sources import SourceDocument, check_links, check_pages, read_yaml
from territoire.validation import ReferableIds, check_unique, validate

DATA_DIR = "data"
CONTENT_DIR = "content"


@functools.lru_cache(maxsize=65_536)  # pure; the site plan sorts every page's title at every build
def sort_key(text: str) -> str:
    """French alphabetical order: accents and case do not count."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_site(project: Path, *, content_dir: Path | None = None) -> Site:
    """Read and validate the whole project; raise ``DataError`` listing every issue."""
    project = Path(project)
    data = project / DATA_DIR
    content = Path(content_dir) if content_dir else project / CONTENT_DIR
    issues = IssueCollector(project)
    if too_many_files((data, content), issues):
        issues.raise_if_any()
    # The territory's folders are the boundary: no symbolic link is followed, and every page is
    # bounded and its front matter screened before MkDocs reads it.
    check_links([data, content], issues)
    check_pages(content, issues, skip=POSTS_DIR + "/")

    def load(name: str, model: Any) -> tuple[SourceDocument | None, Any]:
        document = read_yaml(data / name, issues)
        return document, (validate(model, document, issues) if document else None)

    territory_doc, territory = load("territory.yml", Territory)
    values_doc, values_file = load("values.yml", ValuesFile)
    axes_doc, axes_file = load("axes.yml", AxesFile)
    sectors_doc, sectors_file = load("sectors.yml", SectorsFile)
    _, figures_file = load("key_figures.yml", KeyFiguresFile)
    registry_doc, registry = load("members.yml", MembersRegistry)
    legal = load_legal(data, issues)

    values = values_file.values if values_file else []
    axes = axes_file.axes if axes_file else []
    sectors = sectors_file.sectors if sectors_file else []
    check_unique(values_doc, "valeurs", values, issues)
    check_unique(axes_doc, "axes", axes, issues)
    check_unique(sectors_doc, "secteurs", sectors, issues)

    members: list[Member] = []
    if registry_doc and registry:
        members = load_members(data, registry_doc, registry, issues,
                               value_ids={v.id for v in values} if values_file else None,
                               sector_ids={s.id for s in sectors} if sectors_file else None,
                               content=content)

    if territory:
        for field_name, asset in (("logo", territory.logo), ("favicon", territory.favicon)):
            _check_asset(content, asset, territory_doc, (field_name,), issues)
        _check_hero(content, territory_doc, territory, issues)
    for document, key, items in ((values_doc, "valeurs", values), (sectors_doc, "secteurs", sectors)):
        for index, item in enumerate(items):
            if not icon_exists(item.icon):
                line, column = document.position((key, index, "icone"))
                issues.add(document.path, line, column, f"{key}[{index}].icone",
                           f"icône inconnue : trouvé « {item.icon} », attendu le nom d'une icône "
                           "livrée avec Material, ex. « material/factory »")

    # Articles and events refer to each other: an article is known by its file name, so the agenda
    # can check its news ids before the articles are validated, and the articles then check theirs.
    agenda = load_agenda(data, issues, member_ids={e.id for e in registry.entries} if registry else None,
                         value_ids={v.id for v in values} if values_file else None,
                         axis_ids={a.id for a in axes} if axes_file else None,
                         news_ids=news_ids(content))
    # An item whose own file is invalid is still referable: its file's error is the one reported.
    event_ids = _event_ids(agenda, data, issues)
    news = load_news(data, content, issues, KnownIds(
        members={entry.id for entry in registry.entries} if registry else None,
        values={v.id for v in values} if values_file else None,
        axes={a.id for a in axes} if axes_file else None,
        events=event_ids))
    roadmap_doc, roadmap = load_roadmap(
        data, issues, axes=axes if axes_file else None,
        member_names={e.id: e.name for e in registry.entries} if registry_doc and registry else None)
    if roadmap is not None and roadmap_doc is not None:
        check_related(roadmap_doc, roadmap, issues, news_ids=news_ids(content), event_ids=event_ids)

    check_content_files(content, issues)
    bodies.check_pages(content, issues, articles_dir=POSTS_DIR)
    issues.raise_if_any()
    site = Site(
        root=project,
        territory=territory,
        values=values,
        axes=sorted(axes, key=lambda axis: axis.number),
        sectors=sectors,
        key_figures=figures_file.figures,
        roles=registry.roles,
        members=sorted(members, key=lambda member: sort_key(member.name)),
        legal=legal,
        news=news.items,
        news_categories=news.categories,
        authors=news.authors,
        agenda=agenda,
        roadmap=roadmap,
    )
    # Once the data is valid: the pages it asks for, counted before the build makes any.
    page_budget_issue(pages_by_source(site, content, project), issues, project)
    issues.raise_if_any()
    return site


def _event_ids(agenda, data: Path, issues: IssueCollector) -> ReferableIds | None:
    """The events a reference may name: the agenda's, and those of event and series files that
    are invalid (a series' meetings are « <file>-<date> »)."""
    if agenda is None:
        return None
    failed = {issue.file for issue in issues.issues}
    broken_events = {path.stem for path in (data / EVENTS_DIR).glob("*.yml")
                     if issues.display_path(path) in failed}
    broken_series = tuple(f"{path.stem}-" for path in (data / SERIES_DIR).glob("*.yml")
                          if issues.display_path(path) in failed)
    return ReferableIds((event.id for event in agenda.events),
                        lambda event_id: event_id in broken_events or event_id.startswith(broken_series))


def _check_asset(content: Path, asset: str | None, document: SourceDocument, path: tuple,
                 issues: IssueCollector) -> None:
    check_image(content, asset, document, path, issues, max_bytes=IDENTITY_IMAGE_MAX_BYTES)


def _check_hero(content: Path, document: SourceDocument, territory: Territory,
                issues: IssueCollector) -> None:
    hero = territory.home
    if hero.image:
        check_image(content, hero.image, document, ("accueil", "image"), issues,
                    max_bytes=PICTURE_MAX_BYTES)
        if hero.image_alt is None:
            line, column = document.position(("accueil", "image"))
            issues.add(document.path, line, column, "accueil.image_alt",
                       "texte alternatif manquant : trouvé une image sans « image_alt », attendu "
                       "une description de l'image, ou « \"\" » si elle est décorative")
    elif hero.image_alt is not None or hero.credit is not None:
        field_name = "image_alt" if hero.image_alt is not None else "credit"
        line, column = document.position(("accueil", field_name))
        issues.add(document.path, line, column, f"accueil.{field_name}",
                   f"image manquante : trouvé « {field_name} » sans « image », attendu les deux "
                   "champs ensemble")
