"""Load ``data/agenda.yml``, ``data/events/``, ``data/series/`` and ``data/editions.yml``.

Called by ``load_site``: it validates every file, resolves references (types, audiences, members,
values, axes, editions, news), localises times to the agenda's zone, expands recurring series
into dated occurrences and applies the national labelling rules of the industry week. Every
problem is added to the shared ``IssueCollector``; nothing is raised here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule

from territoire.agenda.events import Agenda, AgendaEvent
from territoire.errors import IssueCollector
from territoire.french import long_date
from territoire.limits import EDITION_MAX_DAYS, EVENT_MAX_DAYS, SERIES_MAX_YEARS, event_days, series_too_long, thin
from territoire.models.common import SLUG_PATTERN
from territoire.agenda.models import (AgendaFile, EditionsFile, EventFields, EventFile, Occurrence,
                                      SeriesFile)
from territoire.sources import SourceDocument, dotted_path, read_yaml
from territoire.validation import check_unique, describe_found, validate

AGENDA_FILE = "agenda.yml"
EVENTS_DIR = "events"
SERIES_DIR = "series"
EDITIONS_FILE = "editions.yml"

_WEEKDAYS = {"lundi": rrule.MO, "mardi": rrule.TU, "mercredi": rrule.WE, "jeudi": rrule.TH,
             "vendredi": rrule.FR, "samedi": rrule.SA, "dimanche": rrule.SU}


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
    loader = _AgendaLoader(data, issues, member_ids=member_ids, value_ids=value_ids,
                           axis_ids=axis_ids, news_ids=news_ids)
    return loader.load()


class _AgendaLoader:
    def __init__(self, data: Path, issues: IssueCollector, **known: set[str] | None):
        self.data = data
        self.issues = issues
        self.known = known
        self.zone: ZoneInfo | None = None
        self.type_ids: set[str] | None = None
        self.audience_ids: set[str] | None = None
        self.editions: dict[str, Any] | None = None
        self.events: list[AgendaEvent] = []
        self.owners: dict[str, str] = {}  # event id -> file that defines it

    # Top level
    def load(self) -> Agenda | None:
        agenda_doc = read_yaml(self.data / AGENDA_FILE, self.issues)
        agenda_file = validate(AgendaFile, agenda_doc, self.issues) if agenda_doc else None
        if agenda_file:
            self.zone = self._zone(agenda_file.timezone, agenda_doc, ("fuseau",))
            check_unique(agenda_doc, "types", agenda_file.types, self.issues)
            check_unique(agenda_doc, "publics", agenda_file.audiences, self.issues)
            self.types = {t.id: t for t in agenda_file.types}
            self.audiences = {a.id: a for a in agenda_file.audiences}
            self.type_ids, self.audience_ids = set(self.types), set(self.audiences)
        editions_file = None
        if (self.data / EDITIONS_FILE).exists():
            editions_doc = read_yaml(self.data / EDITIONS_FILE, self.issues)
            editions_file = validate(EditionsFile, editions_doc, self.issues) if editions_doc else None
            if editions_file:
                check_unique(editions_doc, "editions", editions_file.editions, self.issues)
                for index, edition in enumerate(editions_file.editions):
                    if edition.end < edition.start:
                        self._add(editions_doc, ("editions", index, "fin"),
                                  f"trouvé {describe_found(edition.end)}, attendu une date de fin "
                                  f"égale ou postérieure au début ({edition.start.isoformat()})")
                    elif event_days(edition.start, edition.end) > EDITION_MAX_DAYS:
                        self._add(editions_doc, ("editions", index, "fin"), thin(
                            f"édition trop longue : trouvé {event_days(edition.start, edition.end):_} "
                            f"jours du {edition.start.isoformat()} au {edition.end.isoformat()}, "
                            f"attendu au plus {EDITION_MAX_DAYS} jours (faute de frappe dans "
                            "l'année ?)"))
                self.editions = {e.id: e for e in editions_file.editions}
        else:
            self.editions = {}

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
        zone = self._event_zone(model, document)
        common = self._common(model, document)
        start = self._localise(model.start, zone, document, ("debut",))
        end = self._localise(model.end, zone, document, ("fin",)) if model.end is not None else None
        if start is None or (model.end is not None and end is None) or common is None:
            return
        if end is None and isinstance(start, dt.datetime):
            self._add(document, ("debut",), f"trouvé une heure de début ({start:%H:%M}) sans « fin », "
                      f"attendu aussi « fin: {start:%Y-%m-%d} HH:MM » (sans fin, les agendas "
                      "montrent un événement de durée nulle), ou la date seule pour une journée "
                      "entière")
            return
        if end is not None and not self._check_end(start, end, document, ("fin",)):
            return
        days = event_days(_day_of(start), _day_of(end)) if end is not None else 1
        if days > EVENT_MAX_DAYS:
            self._add(document, ("fin",), thin(
                f"événement trop long : trouvé {days:_} jours du {_shown(_naive(start))} au "
                f"{_shown(_naive(end))}, attendu au plus {EVENT_MAX_DAYS} jours (faute de frappe "
                "dans l'année ?)"))
            return
        start, end, previous = self._reschedule(model.status, model.new_start, start, end, zone,
                                                document, ())
        if start is None:
            return
        if model.edition is not None:
            self._check_edition(model, start, end, document)
        self._register(path.stem, path, document)
        self.events.append(AgendaEvent(
            id=path.stem, title=model.title, start=start, end=end, status=model.status,
            previous_start=previous, description=model.description, themes=tuple(model.themes),
            edition=model.edition, series=None, **common,
            source=self.issues.display_path(path),
            updated=model.updated or _day_of(previous or start)))

    # Recurring series
    def _load_series(self, path: Path) -> None:
        if not self._check_file_name(path):
            return
        document = read_yaml(path, self.issues)
        model = validate(SeriesFile, document, self.issues) if document else None
        if model is None:
            return
        zone = self._event_zone(model, document)
        common = self._common(model, document)
        rule = model.recurrence
        if rule.until < rule.first:
            self._add(document, ("recurrence", "au"),
                      f"trouvé {describe_found(rule.until)}, attendu une date égale ou postérieure à "
                      f"« du » ({rule.first.isoformat()})")
            return
        if series_too_long(rule.first, rule.until):
            # Checked before the meetings are listed: a typo in the year would be thousands.
            self._add(document, ("recurrence", "au"),
                      f"série trop longue : trouvé une série du {rule.first.isoformat()} au "
                      f"{rule.until.isoformat()}, attendu au plus {SERIES_MAX_YEARS} ans entre "
                      "« du » et « au » (faute de frappe dans l'année ?)")
            return
        if model.end_time is not None and model.start_time is None:
            self._add(document, ("heure_fin",), "trouvé une heure de fin sans heure de début, "
                      "attendu aussi « heure_debut »")
            return
        if model.start_time is not None and model.end_time is None:
            self._add(document, ("heure_debut",), f"trouvé une heure de début ({model.start_time:%H:%M}) "
                      "sans « heure_fin », attendu aussi « heure_fin » (sans fin, les agendas "
                      "montrent des séances de durée nulle), ou aucune heure pour des journées "
                      "entières")
            return
        if model.start_time and model.end_time and model.end_time <= model.start_time:
            self._add(document, ("heure_fin",),
                      f"trouvé {model.end_time:%H:%M}, attendu une heure après l'heure de début "
                      f"({model.start_time:%H:%M})")
            return
        dates = expand(model)
        overrides: dict[dt.date, tuple[int, Occurrence]] = {}
        for index, occurrence in enumerate(model.occurrences):
            if occurrence.date not in dates:
                shown = ", ".join(day.isoformat() for day in dates)
                self._add(document, ("seances", index, "date"),
                          f"trouvé {describe_found(occurrence.date)}, attendu l'une des dates de la "
                          f"série : {shown}")
            elif occurrence.date in overrides:
                self._add(document, ("seances", index, "date"),
                          f"séance en double : trouvé {describe_found(occurrence.date)} déjà décrite "
                          f"par seances[{overrides[occurrence.date][0]}], attendu une date unique")
            else:
                overrides[occurrence.date] = (index, occurrence)
        if common is None or zone is None:
            return
        for day in dates:
            index, occurrence = overrides.get(day, (None, None))
            base = ("seances", index) if index is not None else ("recurrence",)
            if model.start_time is not None:
                start = self._localise(dt.datetime.combine(day, model.start_time), zone, document,
                                       ("heure_debut",))
                end = (self._localise(dt.datetime.combine(day, model.end_time), zone, document,
                                      ("heure_fin",)) if model.end_time else None)
                if start is None:
                    continue
            else:
                start, end = day, None
            status = occurrence.status if occurrence else "prévu"
            start, end, previous = self._reschedule(status, occurrence.new_start if occurrence else None,
                                                    start, end, zone, document, base)
            if start is None:
                continue
            fields = dict(common)
            if occurrence:
                if occurrence.speakers:
                    fields["speakers"] = tuple(occurrence.speakers)
                for name, key in (("news", "actualites"), ("values", "valeurs"), ("axes", "axes")):
                    extra = getattr(occurrence, name)
                    self._check_refs(document, base + (key,), extra)
                    fields[name] = tuple(dict.fromkeys(fields[name] + tuple(extra)))
            event_id = f"{path.stem}-{day.isoformat()}"
            if not self._register(event_id, path, document, base):
                continue
            self.events.append(AgendaEvent(
                id=event_id, title=(occurrence.title if occurrence and occurrence.title else model.title),
                start=start, end=end, status=status, previous_start=previous,
                description=(occurrence.description if occurrence and occurrence.description
                             else model.description),
                themes=tuple(occurrence.themes) if occurrence else (), edition=None,
                series=path.stem, **fields, source=self.issues.display_path(path),
                updated=model.updated or _day_of(previous or start)))

    # Shared checks
    def _common(self, model: EventFields, document: SourceDocument) -> dict[str, Any] | None:
        ok = True
        if model.type and self.type_ids is not None and model.type not in self.type_ids:
            ok = self._unknown(document, ("type",), model.type, "type inconnu", self.type_ids,
                               "data/agenda.yml (types)")
        for index, audience in enumerate(model.audiences):
            if self.audience_ids is not None and audience not in self.audience_ids:
                ok = self._unknown(document, ("publics", index), audience, "public inconnu",
                                   self.audience_ids, "data/agenda.yml (publics)")
        member = model.organizer.member
        if member and self.known["member_ids"] is not None and member not in self.known["member_ids"]:
            ok = self._unknown(document, ("organisateur", "membre"), member, "membre inconnu",
                               self.known["member_ids"], "data/members.yml")
        if model.place is None and model.online is None:
            self._add(document, ("lieu",), "trouvé ni « lieu » ni « en_ligne », attendu un lieu "
                      "(nom, commune) ou l'adresse web d'un événement en ligne")
            ok = False
        if model.price and model.free is True:
            self._add(document, ("tarif",), "trouvé un tarif sur un événement gratuit, attendu "
                      "« gratuit: false » avec un tarif")
            ok = False
        ok = self._check_refs(document, (), model) and ok
        if not ok or self.type_ids is None or self.audience_ids is None:
            return None
        return dict(
            type=self.types[model.type],
            audiences=tuple(self.audiences[a] for a in dict.fromkeys(model.audiences)),
            organizer_member=member, organizer_name=model.organizer.name,
            organizer_url=model.organizer.website, place=model.place, online=model.online,
            registration=model.registration, free=_free(model), price=model.price,
            speakers=tuple(model.speakers), programme=tuple(model.programme),
            values=tuple(model.values), axes=tuple(model.axes), news=tuple(model.news))

    def _check_refs(self, document: SourceDocument, base: tuple, source: Any) -> bool:
        """Values, axes and news of an event (``source`` is a model) or of a list at ``base``."""
        ok = True
        if isinstance(source, (list, tuple)):
            key = base[-1]
            lists = {key: (base, source)}
        else:
            lists = {key: ((key,), getattr(source, name)) for key, name in
                     (("valeurs", "values"), ("axes", "axes"), ("actualites", "news"))}
        labels = {"valeurs": ("valeur inconnue", "value_ids", "data/values.yml"),
                  "axes": ("axe inconnu", "axis_ids", "data/axes.yml"),
                  "actualites": ("actualité inconnue", "news_ids", "content/actualites/posts/")}
        for key, (path, items) in lists.items():
            label, known_key, source_name = labels[key]
            known = self.known[known_key]
            for index, item in enumerate(items):
                if known is not None and item not in known:
                    ok = self._unknown(document, path + (index,), item, label, known, source_name)
        return ok

    def _check_file_name(self, path: Path) -> bool:
        if re.fullmatch(SLUG_PATTERN, path.stem):
            return True
        self.issues.add(path, 1, 1, "", f"nom de fichier : trouvé « {path.name} », attendu un "
                        "identifiant en minuscules sans accent ni espace suivi de « .yml », "
                        "ex. « cafe-debat-ess.yml »")
        return False

    def _register(self, event_id: str, path: Path, document: SourceDocument,
                  base: tuple = ()) -> bool:
        shown = self.issues.display_path(path)
        if event_id in self.owners:
            line, column = document.position(base) if base else (1, 1)
            self.issues.add(path, line, column, dotted_path(base),
                            f"identifiant en double : trouvé « {event_id} » déjà utilisé par "
                            f"{self.owners[event_id]}, attendu un identifiant d'événement unique")
            return False
        self.owners[event_id] = shown
        return True

    def _zone(self, name: str, document: SourceDocument, path: tuple) -> ZoneInfo | None:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self._add(document, path, f"fuseau horaire inconnu : trouvé {describe_found(name)}, "
                      "attendu un nom de la base IANA, ex. « Europe/Paris »")
            return None

    def _event_zone(self, model: EventFields, document: SourceDocument) -> ZoneInfo | None:
        if model.timezone is None:
            return self.zone
        return self._zone(model.timezone, document, ("fuseau",))

    def _localise(self, value: dt.date | dt.datetime, zone: ZoneInfo | None,
                  document: SourceDocument, path: tuple) -> dt.date | dt.datetime | None:
        if not isinstance(value, dt.datetime):
            return value
        if zone is None:
            return None
        written_offset = value.utcoffset()
        local = value.replace(tzinfo=zone)
        if written_offset is not None:
            local = value.replace(tzinfo=None).replace(tzinfo=zone)
            if local.utcoffset() != written_offset:
                self._add(document, path, f"trouvé le décalage {_offset(written_offset)}, attendu "
                          f"{_offset(local.utcoffset())}, le décalage de {zone.key} le "
                          f"{long_date(local)} (ou l'heure sans décalage)")
                return None
        # A local time skipped when clocks go forward does not exist: round-tripping through UTC
        # moves it, which tells it apart.
        round_trip = local.astimezone(dt.timezone.utc).astimezone(zone)
        if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
            self._add(document, path, f"trouvé {local:%Y-%m-%d %H:%M}, attendu une heure qui existe "
                      f"dans le fuseau {zone.key} (cette heure est sautée au passage à l'heure d'été)")
            return None
        return local

    def _check_end(self, start: Any, end: Any, document: SourceDocument, path: tuple) -> bool:
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            wanted = "une date et une heure, comme le début" if isinstance(start, dt.datetime) \
                else "une date seule, comme le début (journée entière)"
            self._add(document, path, f"trouvé {describe_found(_naive(end))}, attendu {wanted}")
            return False
        if end < start:
            self._add(document, path, f"trouvé {describe_found(_naive(end))}, attendu une fin "
                      f"postérieure au début ({_shown(start)})")
            return False
        return True

    def _reschedule(self, status: str, new_start: Any, start: Any, end: Any, zone: ZoneInfo | None,
                    document: SourceDocument, base: tuple) -> tuple[Any, Any, Any]:
        """A postponed event moves to its new date, keeping its duration."""
        if status != "reporté":
            if new_start is not None:
                self._add(document, base + ("nouvelle_date",),
                          f"trouvé une nouvelle date sur un événement « {status} », attendu "
                          "« statut: reporté » ou pas de « nouvelle_date »")
                return None, None, None
            return start, end, None
        if new_start is None:
            self._add(document, base + ("statut",), "trouvé « reporté » sans nouvelle date, attendu "
                      "le champ « nouvelle_date »")
            return None, None, None
        new = self._localise(new_start, zone, document, base + ("nouvelle_date",))
        if new is None:
            return None, None, None
        if isinstance(new, dt.datetime) != isinstance(start, dt.datetime):
            wanted = "une date et une heure" if isinstance(start, dt.datetime) else "une date seule"
            self._add(document, base + ("nouvelle_date",),
                      f"trouvé {describe_found(_naive(new))}, attendu {wanted}, comme la date prévue")
            return None, None, None
        new_end = new + (end - start) if end is not None else None
        return new, new_end, start

    def _check_edition(self, model: EventFile, start: Any, end: Any, document: SourceDocument) -> None:
        """The national labelling rules: within the week's dates, free, aimed at an audience."""
        if self.editions is None:
            return
        edition = self.editions.get(model.edition)
        if edition is None:
            self._unknown(document, ("edition",), model.edition, "édition inconnue",
                          set(self.editions), "data/editions.yml")
            return
        first = _day_of(start)
        last = _day_of(end) if end is not None else first
        if isinstance(end, dt.datetime) and end > start and end.time() == dt.time(0):
            last = (end - dt.timedelta(microseconds=1)).date()
        label = f"label {edition.name}"
        if first < edition.start or last > edition.end:
            shown = long_date(first) if first == last else f"du {long_date(first)} au {long_date(last)}"
            self._add(document, ("debut",),
                      f"{label} : trouvé un événement le {shown}, attendu une date comprise "
                      f"dans l'édition, du {long_date(edition.start)} au {long_date(edition.end)}")
        if model.free is False or model.price:
            field = "gratuit" if model.free is not None else "tarif"
            self._add(document, (field,), f"{label} : trouvé un événement payant, attendu un "
                      "événement gratuit (« gratuit: true »)")
        if not model.audiences:
            self._add(document, ("publics",), f"{label} : trouvé aucun public, attendu au moins un "
                      "public visé dans « publics »")

    # Reporting
    def _add(self, document: SourceDocument, path: tuple, message: str) -> None:
        line, column = document.position(path)
        self.issues.add(document.path, line, column, dotted_path(path), message)

    def _unknown(self, document: SourceDocument, path: tuple, found: str, label: str,
                 known: set[str], source: str) -> bool:
        choices = ", ".join(sorted(known)) or "aucun n'est défini"
        self._add(document, path, f"{label} : trouvé {describe_found(found)}, attendu l'un des "
                  f"identifiants de {source} : {choices}")
        return False


def expand(model: SeriesFile) -> list[dt.date]:
    """Dates of a series' meetings, from its rule."""
    rule = model.recurrence
    weekday = _WEEKDAYS[rule.weekday]
    if rule.frequency == "mensuelle":
        byweekday = weekday(rule.rank) if rule.rank else weekday(+1)
        frequency = rrule.MONTHLY
    else:
        byweekday, frequency = weekday, rrule.WEEKLY
    start = dt.datetime.combine(rule.first, dt.time(0))
    until = dt.datetime.combine(rule.until, dt.time(0))
    return [moment.date() for moment in rrule.rrule(frequency, dtstart=start, until=until,
                                                     byweekday=byweekday)]


def _yaml_files(directory: Path, issues: IssueCollector) -> list[Path]:
    if not directory.is_dir():
        return []
    for other in sorted(directory.glob("*.yaml")):
        issues.add(other, 1, 1, "", f"extension : trouvé « {other.name} », attendu un nom en « .yml »")
    return sorted(directory.glob("*.yml"))


def _day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _naive(value: Any) -> Any:
    return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value


def _shown(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else value.isoformat()


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _free(model: Any) -> bool | None:
    """Whether entry is free, as far as the data says: a price means paid; an event of the
    industry week is free by the label's rule (checked above); otherwise unknown (None)."""
    if model.free is not None:
        return model.free
    if model.price:
        return False
    return True if getattr(model, "edition", None) else None
