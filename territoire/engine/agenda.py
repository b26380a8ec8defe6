"""MkDocs glue of the agenda: its virtual pages, its .ics files and what its templates call.

Pages: ``/agenda/`` (upcoming then past), one page per event and per month with events,
``/semaine-de-l-industrie/`` (every edition), one page per edition and one no-JavaScript filter
page per edition and type, audience, commune or day that has events. Files: the site-wide feed,
one per event type, per edition and per event, written as generated static files (bytes from
``territoire.agenda.ical``).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from territoire import memo
from territoire.agenda import ical
from territoire.agenda.events import (FACET_KINDS, WEEKDAY_NAMES, WEEKDAY_SHORT, Agenda,
                                      AgendaEvent, Facet, slugify)
from territoire.agenda.text import clock, event_when, weekday_date
from territoire.french import month_short, month_year
from territoire.engine import menu, pages
from territoire.site import Site

TODAY_VARIABLE = "TERRITOIRE_AUJOURDHUI"
AGENDA_DIR = "agenda"
EDITIONS_DIR = "semaine-de-l-industrie"


def today(agenda: Agenda) -> dt.date:
    """The build date in the agenda's zone; tests and previews may set it with TERRITOIRE_AUJOURDHUI."""
    forced = os.environ.get(TODAY_VARIABLE)
    if forced:
        return dt.date.fromisoformat(forced)
    return dt.datetime.now(agenda.timezone).date()


def ics_path(kind: str, key: str = "") -> str:
    """Site-relative path of a feed: ``all``, ``type``, ``edition`` or ``event``."""
    return {"all": f"{AGENDA_DIR}/agenda.ics", "type": f"{AGENDA_DIR}/types/{key}.ics",
            "edition": f"{EDITIONS_DIR}/{key}.ics", "event": f"{AGENDA_DIR}/ics/{key}.ics"}[kind]


def prune_menu(config: MkDocsConfig, site: Site) -> None:
    """No menu entry for an agenda without events, nor for industry weeks without editions."""
    agenda = site.agenda
    if agenda is None or not agenda.events:
        menu.drop_section(config, f"{AGENDA_DIR}/index.md")
    if agenda is None or not agenda.editions:
        menu.drop_section(config, f"{EDITIONS_DIR}/index.md")


def add_files(files: Files, config: MkDocsConfig, site: Site) -> None:
    agenda = site.agenda
    if agenda is None:
        return
    if agenda.events:
        pages.add_page(files, config, kind="agenda", key="index", src_uri=f"{AGENDA_DIR}/index.md",
                       title="Agenda", template="agenda.html", edit_path="data/agenda.yml",
                       in_nav=True)
    for event in agenda.events:
        pages.add_page(files, config, kind="event", key=event.id, src_uri=f"{AGENDA_DIR}/{event.id}.md",
                       title=event.title, template="event.html", edit_path=event.source,
                       meta={"description": _summary(event)})
    for month in agenda.months():
        key = f"{month:%Y-%m}"
        pages.add_page(files, config, kind="month", key=key, src_uri=f"{AGENDA_DIR}/mois/{key}.md",
                       title=f"Agenda\u00a0: {month_year(month)}", template="agenda-month.html",
                       edit_path="data/agenda.yml", meta={"month": key})
    if agenda.editions:
        pages.add_page(files, config, kind="editions", key="index", src_uri=f"{EDITIONS_DIR}/index.md",
                       title=agenda.editions_title, template="editions.html",
                       edit_path="data/editions.yml", in_nav=True)
    for edition in agenda.editions:
        pages.add_page(files, config, kind="edition", key=edition.id,
                       src_uri=f"{EDITIONS_DIR}/{edition.id}.md", title=edition.name,
                       template="edition.html", edit_path="data/editions.yml")
        for facet_kind, facets in agenda.facets(edition.id).items():
            for facet in facets:
                label = _facet_label(facet)
                pages.add_page(files, config, kind="edition-filter",
                               key=f"{edition.id}/{facet_kind}/{facet.key}",
                               src_uri=f"{EDITIONS_DIR}/{edition.id}/{facet_kind}/{facet.key}.md",
                               title=f"{edition.name}\u00a0: {label}", template="edition-filter.html",
                               edit_path="data/editions.yml",
                               meta={"edition": edition.id, "facet_kind": facet_kind,
                                     "facet_key": facet.key})
    _add_feeds(files, config, site, agenda)


def _add_feeds(files: Files, config: MkDocsConfig, site: Site, agenda: Agenda) -> None:
    host = urlsplit(config.site_url or "").hostname or "localhost"
    signature = site.territory.signature
    keeping = memo.keeping()
    # Each event is in several calendars (all, its type, its edition, its own): its address and,
    # under the preview, its repr (part of each calendar's key) are made once per build.
    urls = {event.id: absolute_url(config, "event", event.id) for event in agenda.events}
    shown = {event.id: repr(event) for event in agenda.events} if keeping else {}

    def write(path: str, events: list[AgendaEvent], name: str) -> None:
        if not events:
            return  # RFC 5545: a calendar holds at least one component
        # Kept by the preview between rebuilds (``territoire.memo``): most calendars are unchanged.
        key = ("calendar", name, host, tuple(urls[event.id] for event in events),
               tuple(shown[event.id] for event in events)) if keeping else None
        content = memo.recall(key) if key else None
        if content is None:
            content = ical.calendar_bytes(events, name=name, host=host,
                                          url_of=lambda event: urls[event.id])
            if key:
                memo.remember(key, content)
        files.append(File.generated(config, path, content=content))

    write(ics_path("all"), agenda.events, f"{signature} : agenda")
    for event_type in agenda.used_types():
        write(ics_path("type", event_type.id), agenda.of_type(event_type.id),
              f"{signature} : {event_type.name}")
    for edition in agenda.editions:
        write(ics_path("edition", edition.id), agenda.of_edition(edition.id), edition.name)
    for event in agenda.events:
        write(ics_path("event", event.id), [event], event.title)


def absolute_url(config: MkDocsConfig, kind: str, key: str) -> str:
    base = (config.site_url or "/").rstrip("/") + "/"
    return base + pages.url_of(config, kind, key)


def organizer_name(site: Site, event: AgendaEvent) -> str:
    return site.member(event.organizer_member).name if event.organizer_member else event.organizer_name


def install_globals(env: Environment, config: MkDocsConfig, site: Site) -> None:
    agenda = site.agenda
    env.globals["agenda"] = agenda
    env.globals["agenda_ics"] = ics_path
    env.filters["event_when"] = event_when
    env.filters["month_short"] = month_short
    env.filters["clock"] = clock
    env.filters["weekday_date"] = weekday_date
    env.filters["slug"] = slugify
    env.globals["agenda_weekdays"] = list(zip(WEEKDAY_SHORT, WEEKDAY_NAMES))
    env.globals["facet_kinds"] = FACET_KINDS
    if agenda is None:
        return
    env.globals["agenda_today"] = today(agenda)
    env.globals["event_organizer"] = lambda event: organizer_name(site, event)
    env.globals["event_links"] = lambda event: _calendar_links(config, event)
    env.globals["month_of"] = lambda key: dt.date.fromisoformat(key + "-01")


def _calendar_links(config: MkDocsConfig, event: AgendaEvent) -> dict[str, Any]:
    url = absolute_url(config, "event", event.id)
    return {"google": ical.google_link(event, url), "outlook": ical.outlook_link(event, url)}


def _member_url(config: MkDocsConfig, event: AgendaEvent) -> str | None:
    return absolute_url(config, "member", event.organizer_member) if event.organizer_member else None


def _summary(event: AgendaEvent) -> str:
    place = event.place.commune if event.place else "en ligne"
    return f"{event.type.name}, {event_when(event)}, {place}."


def _facet_label(facet: Facet) -> str:
    if facet.day is not None:
        return weekday_date(facet.day)
    return facet.label
