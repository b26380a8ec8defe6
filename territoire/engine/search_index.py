"""Put the whole territory in the search index: members, products, events, actions, values, axes,
editions and key figures, each labelled with what it is.

Material's search plugin indexes the Markdown body of a page; our generated pages have none (their
templates draw everything from the models), so it left them out. Before the plugin writes
``search/search_index.json``, this module adds one entry per generated page, built from the same
models its template shows (name, presentation, sector, commune, values, know-how for a member;
date in words, place, organiser, type and audiences for an event...), never from scraped HTML.
A product is an entry of its own, at its anchor on its member's page.

Results say what they are through the entries' ``tags``: a label (« Membre », « Événement »,
« Actualité »...) and, for events and news, the date; Material prints them with each result and
assets/javascripts/search-results.js turns them into a line above its title. An article's own
tags move to ``keywords``, a field that is searched and not printed.
Filter and listing pages (directory filters, month grids, edition filters, roadmap filters, the
blog's archives, categories and pagination) stay out: they repeat what the pages they list hold.

Every generated page kind must be listed in ``INDEXED`` or ``EXCLUDED``: a new kind that is in
neither stops the build, so that a page type is never left out of search by oversight.

Titles, texts and tags are escaped plain text: Material's results insert them as HTML.
"""

from __future__ import annotations

import html
import re
from typing import Callable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from territoire.agenda.text import event_when
from territoire.engine import incremental, pages, state
from territoire.engine.agenda import organizer_name
from territoire.french import long_date
from territoire.site import Site

SEARCH_PLUGIN = "material/search"
TEXT_CHARS = 1000
"""An entry's text is cut there (at a word): enough to find a page by any word of its presentation,
and the index stays bounded when a firm writes pages of it."""

SEPARATOR = r"[\s\-'’.,;:!?()\[\]«»\"/]+"
"""Words end at spaces, hyphens, French apostrophes (« l'industrie ») and punctuation; Material's
default (spaces and hyphens) keeps « l'industrie » and « (santé) » as single words."""
TAGS_BOOST = 10.0
"""Labels and dates count more than text and less than titles: « mars » finds March's events
without burying a page titled with the word (Material's default, 1e6, would)."""
KEYWORDS_BOOST = 1000.0
"""``keywords``: words that find an entry without being printed in its result (a member's
identifier such as « upjv », which is often its acronym), weighed like a title."""
MEMBER_BOOST = 3.0
"""A firm searched by its name comes before the articles that name it in their title."""
ENTITY_BOOST = 2.0

LABELS = {
    "member": "Membre", "offering": "Savoir-faire", "event": "Événement", "news": "Actualité",
    "roadmap-action": "Action", "value": "Valeur", "axis": "Axe", "edition": "Édition",
    "key-figure": "Chiffre clé", "section": "Rubrique", "page": "Page", "home": "Accueil",
}
"""The label printed on a result, by kind of entry."""

_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+\.)\s+|[*_`~]+|<[^>]+>", re.M)
_SPACES = re.compile(r"\s+")

Entry = dict[str, object]
Builder = Callable[[Site, str, str, str], Iterator[Entry]]
"""Entries of a generated page from (site, page key, page URL, page title)."""


def configure(config: MkDocsConfig) -> None:
    """Word separator and label weight for the search plugin, unless the project sets its own.

    Runs before the plugin's ``on_config``, which fills what is still unset with Material's
    defaults for French.
    """
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None:
        return
    if not plugin.config.separator:
        plugin.config.separator = SEPARATOR
    plugin.config.fields.setdefault("tags", {"boost": TAGS_BOOST})
    plugin.config.fields.setdefault("keywords", {"boost": KEYWORDS_BOOST})


def apply(config: MkDocsConfig) -> None:
    """Label, filter and complete the entries the search plugin is about to write."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    if plugin is None or not plugin.config.enabled:
        return
    check_kinds(config)
    index = plugin.search_index
    index.entries = complete(config, index.entries)
    previous = getattr(plugin, "search_index_prev", None)
    if previous is not None:
        # ``serve --dirty`` merges this build's entries into the previous build's: ours are all
        # in this build already, so their previous copies go.
        ours = {file.url for file in pages.table(config).values()} | {""}
        previous.entries = [doc for doc in previous.entries
                            if str(doc.get("location", "")).partition("#")[0] not in ours]


def check_kinds(config: MkDocsConfig) -> None:
    unknown = sorted({kind for kind, _ in pages.table(config)} - set(INDEXED) - EXCLUDED)
    if unknown:
        raise PluginError(
            "Recherche : type de page générée ni indexé ni exclu : " + ", ".join(unknown)
            + ". Ajoutez-le à INDEXED ou à EXCLUDED dans territoire/engine/search_index.py.")


def complete(config: MkDocsConfig, entries: list[Entry]) -> list[Entry]:
    """Material's entries (news labelled, blog listings removed) followed by ours."""
    posts, listings, blog_index = _blog_pages(config)
    kept: list[Entry] = []
    for doc in entries:
        page_url, _, anchor = str(doc.get("location", "")).partition("#")
        if page_url in listings:
            continue
        if page_url == blog_index:
            if not anchor:
                kept.append({**doc, "text": "", "tags": [LABELS["section"]]})
            continue
        if page_url in posts:
            # Results show the label and the date; the article's own tags still find it.
            keywords = " ".join(doc.get("tags", []))
            doc = {key: value for key, value in doc.items() if key != "tags"}
            if not anchor:
                doc["tags"] = [LABELS["news"], long_date(posts[page_url])]
                if keywords:
                    doc["keywords"] = keywords
        kept.append(doc)
    indexed = {str(doc.get("location", "")).partition("#")[0] for doc in kept}
    site = state.site_of(config)
    for (kind, key), file in sorted(pages.table(config).items(), key=lambda item: item[1].url):
        build = INDEXED.get(kind)
        if build is None or file.url in indexed or _excluded(file):
            continue
        title = html.unescape(file.page.title) if file.page and file.page.title else key
        kept.extend(incremental.generated_entries(
            file.url, lambda: list(build(site, key, file.url, title))))
    if "" not in indexed:
        # The home page draws everything from data/territory.yml: it has no Markdown to index.
        # Last, not first: ``serve --dirty`` takes the first entry for the page just rebuilt.
        territory = site.territory
        kept.append(entry("", territory.signature, [
            territory.baseline, territory.description, plain(territory.ambition)],
            [LABELS["home"]], keywords=territory.name))
    return kept


def _excluded(file: File) -> bool:
    """A generated page whose front matter says ``search: {exclude: true}`` (the site plan)."""
    page = file.page
    search = (page.meta.get("search") if page is not None else None) or {}
    return bool(search.get("exclude"))


def _blog_pages(config: MkDocsConfig) -> tuple[dict[str, object], set[str], str | None]:
    """Posts (URL → date), listing views (archives, categories, pagination) and the blog's index."""
    posts: dict[str, object] = {}
    listings: set[str] = set()
    blog_index = None
    for plugin in config.plugins.values():
        blog = getattr(plugin, "blog", None)
        if blog is None or not hasattr(blog, "posts"):
            continue
        blog_index = blog.url
        for post in blog.posts:
            posts[post.url] = post.config.date.created
        for view in [blog, *blog.views]:
            listings.update(page.url for page in [view, *view.pages] if page.url != blog.url)
    return posts, listings, blog_index


# --- one builder per generated page kind -------------------------------------------------------

def entry(location: str, title: str, parts: list[str | None], tags: list[str],
          boost: float | None = None, keywords: str | None = None) -> Entry:
    result: Entry = {"location": location, "title": _escape(title), "text": _text(parts),
                     "tags": [_escape(tag) for tag in tags]}
    if keywords:
        result["keywords"] = _escape(keywords)
    if boost is not None:
        result["boost"] = boost
    return result


def _member(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    member = site.member(key)
    profile = member.profile
    sector = site.sector(profile.sector)
    values = [site.value(value_id).name for value_id in profile.values]
    yield entry(url, member.name, [
        profile.tagline, plain(profile.description),
        f"Secteur : {sector.name}" if sector else None,
        f"Commune : {profile.commune}" if profile.commune else None,
        "Valeurs : " + ", ".join(values) if values else None,
        "Savoir-faire : " + ", ".join(o.title for o in profile.offerings) if profile.offerings else None,
    ], [LABELS["member"]], MEMBER_BOOST, keywords=member.id.replace("-", " "))
    for number, offering in enumerate(profile.offerings, start=1):
        yield entry(f"{url}#{offering_anchor(number)}", offering.title,
                    [plain(offering.description), member.name, sector.name if sector else None],
                    [LABELS["offering"]], ENTITY_BOOST)


def offering_anchor(number: int) -> str:
    """The id of a member's n-th product on its page (``savoir-faire-1``...)."""
    return f"savoir-faire-{number}"


def _event(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    event = site.agenda.event(key)
    place = event.place
    yield entry(url, event.title, [
        event_when(event),
        ", ".join(part for part in (place.name, place.address, place.commune) if part) if place else "En ligne",
        f"Organisé par {organizer_name(site, event)}",
        event.type.name,
        "Public : " + ", ".join(audience.name for audience in event.audiences) if event.audiences else None,
        ", ".join(event.themes) or None,
        plain(event.description),
        ", ".join(speaker.name for speaker in event.speakers) or None,
    ], [LABELS["event"], long_date(event.first_day)], ENTITY_BOOST)


def _action(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    roadmap = site.roadmap
    action = roadmap.action(key)
    partners = [party.name for party in roadmap.partners_of(action)]
    yield entry(url, action.title, [
        f"Axe : {site.axis(action.axis).title}", f"Statut : {action.status}",
        f"Pilote : {roadmap.lead_of(action).name}",
        "Partenaires : " + ", ".join(partners) if partners else None,
        plain(action.description),
    ], [LABELS["roadmap-action"]], ENTITY_BOOST)


def _value(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    value = site.value(key)
    yield entry(url, value.name, [value.tagline, plain(value.text)], [LABELS["value"]], ENTITY_BOOST)


def _axis(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    axis = site.axis(key)
    yield entry(url, axis.title, [axis.tagline, plain(axis.text)], [LABELS["axis"]], ENTITY_BOOST)


def _edition(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    edition = site.agenda.edition(key)
    yield entry(url, edition.name, [
        f"Du {long_date(edition.start)} au {long_date(edition.end)}",
        edition.theme, plain(edition.description),
    ], [LABELS["edition"]], ENTITY_BOOST)


def _key_figures(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    yield entry(url, title, ["Le territoire en chiffres, chacun avec sa source."],
                [LABELS["section"]])
    for number, figure in enumerate(site.key_figures, start=1):
        # The anchors are those of overrides/key-figures.html.
        yield entry(f"{url}#chiffre-{number}", f"{figure.value} {figure.label}",
                    [f"Source : {figure.source}, {long_date(figure.date)}"], [LABELS["key-figure"]])


def _section(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    """A section's landing page: found by its name; what it lists has entries of its own."""
    yield entry(url, title, [], [LABELS["section"]])


def _showcase(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    """The showcase page; each product is an entry of its own, on its member's page."""
    yield entry(url, title, [f"Vitrine des savoir-faire et produits des {site.territory.vocabulary.members}"],
                [LABELS["section"]], keywords=f"made in {site.territory.name}")


def _page(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    yield entry(url, title, [], [LABELS["page"]])


def _editions_index(site: Site, key: str, url: str, title: str) -> Iterator[Entry]:
    yield entry(url, title, [plain(site.agenda.editions_introduction)], [LABELS["section"]])


INDEXED: dict[str, Builder] = {
    "member": _member, "event": _event, "roadmap-action": _action, "value": _value,
    "axis": _axis, "edition": _edition, "key-figures": _key_figures, "legal": _page,
    "editions": _editions_index, "members": _section, "values": _section, "axes": _section,
    "agenda": _section, "roadmap": _section, "governance": _section, "opendata": _section,
    "showcase": _showcase,
}
"""Generated page kinds in the index, each with the builder of its entries."""

EXCLUDED = frozenset({"members-filter", "month", "edition-filter", "roadmap-filter"})
"""Filter and listing pages: each repeats entries that are in the index already."""


# --- text ---------------------------------------------------------------------------------------

def plain(markdown: str | None) -> str | None:
    """Markdown as running text: link texts kept, marks dropped (a search needs the words only)."""
    if not markdown:
        return None
    text = _MARKDOWN_LINK.sub(r"\1", markdown)
    text = _MARKDOWN_MARKS.sub(r"\1", text)
    return html.unescape(_SPACES.sub(" ", text)).strip() or None


def _text(parts: list[str | None]) -> str:
    text = " · ".join(part.strip() for part in parts if part and part.strip())
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS].rsplit(" ", 1)[0] + " …"
    return _escape(text)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
