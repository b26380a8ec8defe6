"""Load ``data/agenda.yml``, ``data/events/``, ``data/series/`` and ``data/editions.yml``.

Called by ``load_site``. This module reads the files in order and keeps event ids unique across
them; the checks live with their subject: ``times`` (zones, localised times, ends, postponements),
``references`` (types, audiences, members, values, axes, news), ``editions`` (the industry week and
its label's rules), ``series`` (recurring meetings expanded into dated events). Every problem is
added to the shared ``IssueCollector``; nothing is raised here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from territoire.agenda import editions, series
from territoire.agenda.events import Agenda, AgendaEvent
from territoire.agenda.models import AgendaFile, Edition, EventFile, SeriesFile
from territoire.agenda.references import References
from territoire.agenda.times import (check_end, day_of, event_zone, localise, naive, reschedule,
                                     shown, zone_named)
from territoire.errors import IssueCollector
from territoire.limits import EVENT_MAX_DAYS, event_days, thin
from territoire.models.common import SLUG_PATTERN
from territoire.sources import SourceDocument, dotted_path, read_yaml
from territoire.validation import check_unique, report_at, validate

AGENDA_FILE = "agenda.yml"
EVENTS_DIR = "events"
SERIES_DIR = "series"


def has_agenda(data: Path) -> bool:
    """A territory without ``data/agenda.yml`` nor events simply has no agenda pages."""
    return (data / AGENDA_FILE).exists() or (data / EVENTS_DIR).is_dir() or (data / SERIES_DIR).is_dir()


def load_agenda(data: Path, issues: IssueCollector, *, member_ids: set[str] | None,
                value_ids: set[str] | None, axis_ids: set[str] | None,
                news_ids: set[str] | None = None) -> Agenda | None:
    """``*_ids`` is None when the referenced file failed (its issues are reported already).

    ``news_ids`` is the hook for the news feature: None means the site has no news yet, so related
    news ids are not checked; pass the set of news post ids to check them.
    """
    if not has_agenda(data):
        return None
    loader = AgendaLoader(data, issues, member_ids=member_ids, value_ids=value_ids,
                          axis_ids=axis_ids, news_ids=news_ids)
    return loader.load()


class AgendaLoader:
    """One load of the agenda: the files in order, the events found so far and who owns each id."""

    def __init__(self, data: Path, issues: IssueCollector, **known: set[str] | None):
        self.data = data
        self.issues = issues
        self.known = known
        self.zone: ZoneInfo | None = None
        # Until data/agenda.yml is read, types and audiences are unknown: not checked.
        self.references = References(issues, types=None, audiences=None, **known)
        self.editions: dict[str, Edition] | None = None
        self.events: list[AgendaEvent] = []
        self.owners: dict[str, str] = {}  # event id -> file that defines it

    def load(self) -> Agenda | None:
        agenda_doc = read_yaml(self.data / AGENDA_FILE, self.issues)
        agenda_file = validate(AgendaFile, agenda_doc, self.issues) if agenda_doc else None
        if agenda_file:
            self.zone = zone_named(agenda_file.timezone, agenda_doc, ("fuseau",), self.issues)
            check_unique(agenda_doc, "types", agenda_file.types, self.issues)
            check_unique(agenda_doc, "publics", agenda_file.audiences, self.issues)
            self.references = References(
                self.issues, types={t.id: t for t in agenda_file.types},
                audiences={a.id: a for a in agenda_file.audiences}, **self.known)
        editions_file, self.editions = editions.load_editions(self.data, self.issues)

        for path in _yaml_files(self.data / EVENTS_DIR, self.issues):
            self._load_event(path)
        for path in _yaml_files(self.data / SERIES_DIR, self.issues):
            self._load_series(path)

        if agenda_file is None or self.zone is None:
            return None
        return Agenda(timezone=self.zone, types=list(agenda_file.types),
                      audiences=list(agenda_file.audiences), events=self.events,
                      editions=list(editions_file.editions) if editions_file else [],
                      editions_title=editions_file.title if editions_file else "",
                      editions_introduction=editions_file.introduction if editions_file else None)

    # One event per file
    def _load_event(self, path: Path) -> None:
        if not self._check_file_name(path):
            return
        document = read_yaml(path, self.issues)
        model = validate(EventFile, document, self.issues) if document else None
        if model is None:
            return
        zone = event_zone(model, self.zone, document, self.issues)
        fields = self.references.event_fields(model, document)
        start = localise(model.start, zone, document, ("debut",), self.issues)
        end = (localise(model.end, zone, document, ("fin",), self.issues)
               if model.end is not None else None)
        if start is None or (model.end is not None and end is None) or fields is None:
            return
        if end is None and isinstance(start, dt.datetime):
            report_at(document, ("debut",), f"trouvé une heure de début ({start:%H:%M}) sans « fin », "
                      f"attendu aussi « fin: {start:%Y-%m-%d} HH:MM » (sans fin, les agendas "
                      "montrent un événement de durée nulle), ou la date seule pour une journée "
                      "entière", self.issues)
            return
        if end is not None and not check_end(start, end, document, ("fin",), self.issues):
            return
        days = event_days(day_of(start), day_of(end)) if end is not None else 1
        if days > EVENT_MAX_DAYS:
            report_at(document, ("fin",), thin(
                f"événement trop long : trouvé {days:_} jours du {shown(naive(start))} au "
                f"{shown(naive(end))}, attendu au plus {EVENT_MAX_DAYS} jours (faute de frappe "
                "dans l'année ?)"), self.issues)
            return
        start, end, previous = reschedule(model.status, model.new_start, start, end, zone,
                                          document, (), self.issues)
        if start is None:
            return
        if model.edition is not None:
            editions.check_label(self.editions, model, start, end, document, self.issues)
        self._register(path.stem, path, document)
        self.events.append(AgendaEvent(
            id=path.stem, title=model.title, start=start, end=end, status=model.status,
            previous_start=previous, description=model.description, themes=tuple(model.themes),
            edition=model.edition, series=None, **fields,
            source=self.issues.display_path(path),
            updated=model.updated or day_of(previous or start)))

    # Recurring series: one event per meeting
    def _load_series(self, path: Path) -> None:
        if not self._check_file_name(path):
            return
        document = read_yaml(path, self.issues)
        model = validate(SeriesFile, document, self.issues) if document else None
        if model is None:
            return
        zone = event_zone(model, self.zone, document, self.issues)
        fields = self.references.event_fields(model, document)
        planned = series.plan(model, document, self.issues)
        if planned is None or fields is None or zone is None:
            return
        dates, overrides = planned
        for event_id, base, event in series.meetings(
                model, document, path.stem, dates, overrides, zone=zone, fields=fields,
                references=self.references, issues=self.issues,
                source=self.issues.display_path(path)):
            if self._register(event_id, path, document, base):
                self.events.append(event)

    # Files and ids
    def _check_file_name(self, path: Path) -> bool:
        if re.fullmatch(SLUG_PATTERN, path.stem):
            return True
        self.issues.add(path, 1, 1, "", f"nom de fichier : trouvé « {path.name} », attendu un "
                        "identifiant en minuscules sans accent ni espace suivi de « .yml », "
                        "ex. « cafe-debat-ess.yml »")
        return False

    def _register(self, event_id: str, path: Path, document: SourceDocument,
                  base: tuple = ()) -> bool:
        shown_path = self.issues.display_path(path)
        if event_id in self.owners:
            line, column = document.position(base) if base else (1, 1)
            self.issues.add(path, line, column, dotted_path(base),
                            f"identifiant en double : trouvé « {event_id} » déjà utilisé par "
                            f"{self.owners[event_id]}, attendu un identifiant d'événement unique")
            return False
        self.owners[event_id] = shown_path
        return True


def _yaml_files(directory: Path, issues: IssueCollector) -> list[Path]:
    if not directory.is_dir():
        return []
    for other in sorted(directory.glob("*.yaml")):
        issues.add(other, 1, 1, "", f"extension : trouvé « {other.name} », attendu un nom en « .yml »")
    return sorted(directory.glob("*.yml"))
