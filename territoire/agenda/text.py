"""French wording of event dates and times: « mardi 1er octobre 2019, de 9 h à 12 h 30 »."""

from __future__ import annotations

import datetime as dt

from territoire.agenda.events import WEEKDAY_NAMES
from territoire.french import long_date


def clock(value: dt.time | dt.datetime) -> str:
    """« 9 h », « 14 h 30 » (French typography)."""
    return f"{value.hour} h" if value.minute == 0 else f"{value.hour} h {value.minute:02d}"


def weekday_date(value: dt.date) -> str:
    """« mardi 1er octobre 2019 »."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return f"{WEEKDAY_NAMES[day.weekday()]} {long_date(day)}"


def event_when(event) -> str:
    start, end = event.start, event.end
    if event.all_day:
        if event.multi_day:
            return f"du {weekday_date(event.first_day)} au {weekday_date(event.last_day)}"
        return weekday_date(event.first_day)
    if end is None:
        return f"{weekday_date(start)}, à {clock(start)}"
    if end.date() == start.date():
        return f"{weekday_date(start)}, de {clock(start)} à {clock(end)}"
    return f"du {weekday_date(start)}, {clock(start)}, au {weekday_date(end)}, {clock(end)}"
