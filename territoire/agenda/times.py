"""The moments of an agenda event: time zones, written times localised to a zone, ends, postponements.

A start or end is a ``date`` (all-day) or a ``datetime`` the data wrote without a zone, or with an
offset that must be the zone's on that day. These checks are shared by single events and by the
meetings of a series; each problem is added to the collector and the value comes back as None.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from territoire.agenda.models import EventFields
from territoire.errors import IssueCollector
from territoire.french import long_date
from territoire.sources import SourceDocument
from territoire.validation import describe_found, report_at


def zone_named(name: str, document: SourceDocument, path: tuple,
               issues: IssueCollector) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        report_at(document, path, f"fuseau horaire inconnu : trouvé {describe_found(name)}, "
                  "attendu un nom de la base IANA, ex. « Europe/Paris »", issues)
        return None


def event_zone(model: EventFields, default: ZoneInfo | None, document: SourceDocument,
               issues: IssueCollector) -> ZoneInfo | None:
    """The event's own « fuseau », or the agenda's."""
    if model.timezone is None:
        return default
    return zone_named(model.timezone, document, ("fuseau",), issues)


def localise(value: dt.date | dt.datetime, zone: ZoneInfo | None, document: SourceDocument,
             path: tuple, issues: IssueCollector) -> dt.date | dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return value
    if zone is None:
        return None
    written_offset = value.utcoffset()
    local = value.replace(tzinfo=zone)
    if written_offset is not None:
        local = value.replace(tzinfo=None).replace(tzinfo=zone)
        if local.utcoffset() != written_offset:
            report_at(document, path, f"trouvé le décalage {_offset(written_offset)}, attendu "
                      f"{_offset(local.utcoffset())}, le décalage de {zone.key} le "
                      f"{long_date(local)} (ou l'heure sans décalage)", issues)
            return None
    # A local time skipped when clocks go forward does not exist: round-tripping through UTC
    # moves it, which tells it apart.
    round_trip = local.astimezone(dt.timezone.utc).astimezone(zone)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        report_at(document, path, f"trouvé {local:%Y-%m-%d %H:%M}, attendu une heure qui existe "
                  f"dans le fuseau {zone.key} (cette heure est sautée au passage à l'heure d'été)",
                  issues)
        return None
    return local


def check_end(start: Any, end: Any, document: SourceDocument, path: tuple,
              issues: IssueCollector) -> bool:
    if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
        wanted = "une date et une heure, comme le début" if isinstance(start, dt.datetime) \
            else "une date seule, comme le début (journée entière)"
        report_at(document, path, f"trouvé {describe_found(naive(end))}, attendu {wanted}", issues)
        return False
    if end < start:
        report_at(document, path, f"trouvé {describe_found(naive(end))}, attendu une fin "
                  f"postérieure au début ({shown(start)})", issues)
        return False
    return True


def reschedule(status: str, new_start: Any, start: Any, end: Any, zone: ZoneInfo | None,
               document: SourceDocument, base: tuple,
               issues: IssueCollector) -> tuple[Any, Any, Any]:
    """A postponed event moves to its new date, keeping its duration: (start, end, previous
    start), all None when the data is wrong."""
    if status != "reporté":
        if new_start is not None:
            report_at(document, base + ("nouvelle_date",),
                      f"trouvé une nouvelle date sur un événement « {status} », attendu "
                      "« statut: reporté » ou pas de « nouvelle_date »", issues)
            return None, None, None
        return start, end, None
    if new_start is None:
        report_at(document, base + ("statut",), "trouvé « reporté » sans nouvelle date, attendu "
                  "le champ « nouvelle_date »", issues)
        return None, None, None
    new = localise(new_start, zone, document, base + ("nouvelle_date",), issues)
    if new is None:
        return None, None, None
    if isinstance(new, dt.datetime) != isinstance(start, dt.datetime):
        wanted = "une date et une heure" if isinstance(start, dt.datetime) else "une date seule"
        report_at(document, base + ("nouvelle_date",),
                  f"trouvé {describe_found(naive(new))}, attendu {wanted}, comme la date prévue",
                  issues)
        return None, None, None
    new_end = new + (end - start) if end is not None else None
    return new, new_end, start


def day_of(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def naive(value: Any) -> Any:
    return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value


def shown(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, dt.datetime) else value.isoformat()


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
