"""Recurring series (``data/series/<id>.yml``): the rule's dates, the overrides, the dated meetings.

A series is a rule (« le premier mardi du mois, du … au … ») expanded with dateutil into one event
per date, « <file>-<AAAA-MM-JJ> »; a « seances » entry changes one meeting (its theme, its
status, its text) and must fall on a date of the rule. The rule is checked before it is expanded:
a typo in the year would otherwise list thousands of meetings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from dateutil import rrule

from territoire.agenda.events import AgendaEvent
from territoire.agenda.models import Occurrence, SeriesFile
from territoire.agenda.references import References
from territoire.agenda.times import day_of, localise, reschedule
from territoire.errors import IssueCollector
from territoire.limits import SERIES_MAX_YEARS, series_too_long
from territoire.sources import SourceDocument
from territoire.validation import describe_found, report_at

_WEEKDAYS = {"lundi": rrule.MO, "mardi": rrule.TU, "mercredi": rrule.WE, "jeudi": rrule.TH,
             "vendredi": rrule.FR, "samedi": rrule.SA, "dimanche": rrule.SU}

Overrides = dict[dt.date, tuple[int, Occurrence]]
"""The meetings a series describes in « seances », by date: their index there and their entry."""


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


def plan(model: SeriesFile, document: SourceDocument,
         issues: IssueCollector) -> tuple[list[dt.date], Overrides] | None:
    """The rule's dates and the overrides that fall on them, or None when the rule is wrong."""
    if not _rule_holds(model, document, issues):
        return None
    dates = expand(model)
    overrides: Overrides = {}
    for index, occurrence in enumerate(model.occurrences):
        if occurrence.date not in dates:
            shown = ", ".join(day.isoformat() for day in dates)
            report_at(document, ("seances", index, "date"),
                      f"trouvé {describe_found(occurrence.date)}, attendu l'une des dates de la "
                      f"série : {shown}", issues)
        elif occurrence.date in overrides:
            report_at(document, ("seances", index, "date"),
                      f"séance en double : trouvé {describe_found(occurrence.date)} déjà décrite "
                      f"par seances[{overrides[occurrence.date][0]}], attendu une date unique", issues)
        else:
            overrides[occurrence.date] = (index, occurrence)
    return dates, overrides


def meetings(model: SeriesFile, document: SourceDocument, series_id: str, dates: list[dt.date],
             overrides: Overrides, *, zone: ZoneInfo, fields: dict[str, Any],
             references: References, issues: IssueCollector,
             source: str) -> Iterator[tuple[str, tuple, AgendaEvent]]:
    """Each valid meeting as (event id, where its data is, event), in date order.

    A generator, so that the caller registers each id as it comes: problems are then reported in
    the order of the meetings, which decides the ones kept when a file has too many.
    """
    for day in dates:
        index, occurrence = overrides.get(day, (None, None))
        base = ("seances", index) if index is not None else ("recurrence",)
        if model.start_time is not None:
            start = localise(dt.datetime.combine(day, model.start_time), zone, document,
                             ("heure_debut",), issues)
            end = (localise(dt.datetime.combine(day, model.end_time), zone, document,
                            ("heure_fin",), issues) if model.end_time else None)
            if start is None:
                continue
        else:
            start, end = day, None
        status = occurrence.status if occurrence else "prévu"
        start, end, previous = reschedule(status, occurrence.new_start if occurrence else None,
                                          start, end, zone, document, base, issues)
        if start is None:
            continue
        meeting_fields = dict(fields)
        if occurrence:
            if occurrence.speakers:
                meeting_fields["speakers"] = tuple(occurrence.speakers)
            for name, key in (("news", "actualites"), ("values", "valeurs"), ("axes", "axes")):
                extra = getattr(occurrence, name)
                references.check_lists(document, base + (key,), extra)
                meeting_fields[name] = tuple(dict.fromkeys(meeting_fields[name] + tuple(extra)))
        event_id = f"{series_id}-{day.isoformat()}"
        yield event_id, base, AgendaEvent(
            id=event_id,
            title=(occurrence.title if occurrence and occurrence.title else model.title),
            start=start, end=end, status=status, previous_start=previous,
            description=(occurrence.description if occurrence and occurrence.description
                         else model.description),
            themes=tuple(occurrence.themes) if occurrence else (), edition=None,
            series=series_id, **meeting_fields, source=source,
            updated=model.updated or day_of(previous or start))


def _rule_holds(model: SeriesFile, document: SourceDocument, issues: IssueCollector) -> bool:
    rule = model.recurrence
    if rule.until < rule.first:
        report_at(document, ("recurrence", "au"),
                  f"trouvé {describe_found(rule.until)}, attendu une date égale ou postérieure à "
                  f"« du » ({rule.first.isoformat()})", issues)
        return False
    if series_too_long(rule.first, rule.until):
        # Checked before the meetings are listed: a typo in the year would be thousands.
        report_at(document, ("recurrence", "au"),
                  f"série trop longue : trouvé une série du {rule.first.isoformat()} au "
                  f"{rule.until.isoformat()}, attendu au plus {SERIES_MAX_YEARS} ans entre "
                  "« du » et « au » (faute de frappe dans l'année ?)", issues)
        return False
    if model.end_time is not None and model.start_time is None:
        report_at(document, ("heure_fin",), "trouvé une heure de fin sans heure de début, "
                  "attendu aussi « heure_debut »", issues)
        return False
    if model.start_time is not None and model.end_time is None:
        report_at(document, ("heure_debut",), f"trouvé une heure de début ({model.start_time:%H:%M}) "
                  "sans « heure_fin », attendu aussi « heure_fin » (sans fin, les agendas "
                  "montrent des séances de durée nulle), ou aucune heure pour des journées "
                  "entières", issues)
        return False
    if model.start_time and model.end_time and model.end_time <= model.start_time:
        report_at(document, ("heure_fin",),
                  f"trouvé {model.end_time:%H:%M}, attendu une heure après l'heure de début "
                  f"({model.start_time:%H:%M})", issues)
        return False
    return True
