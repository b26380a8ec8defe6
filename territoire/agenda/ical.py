"""iCalendar (RFC 5545) feeds of agenda events, and "add to my calendar" links.

The ``icalendar`` library writes the text: CRLF line ends, lines folded at 75 octets, escaping.
Timed events are written in UTC (``DTSTART:20200329T080000Z``), which RFC 5545 allows and which
needs no VTIMEZONE: the VTIMEZONE the library generates puts the onset of summer time at 03:00
local time instead of 02:00, and a reader relying on it would be wrong for an hour each spring.
All-day events use ``VALUE=DATE`` with an exclusive DTEND. Nothing here reads the clock: UID comes
from the event id and the site's host, DTSTAMP from the event's ``mis_a_jour`` date, so two
builds of the same data give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable
from urllib.parse import urlencode

from icalendar import Calendar, Event

from territoire.agenda.events import AgendaEvent

PRODID = "-//Territoire//Agenda//FR"


def uid(event: AgendaEvent, host: str) -> str:
    return f"{event.id}@{host}"


def location_text(event: AgendaEvent) -> str:
    parts = []
    if event.place:
        place = event.place
        town = " ".join(p for p in (place.postal_code, place.commune) if p)
        parts = [p for p in (place.name, place.address, town) if p]
    if event.online:
        parts.append(event.online)
    return ", ".join(parts)


def description_text(event: AgendaEvent, url: str) -> str:
    """Plain text: the Markdown source reads well as it is; themes as a list; the page's URL."""
    blocks = []
    if event.postponed and event.previous_start is not None:
        blocks.append(f"Reporté (initialement prévu le {_day(event.previous_start).isoformat()}).")
    if event.themes:
        blocks.append("Thèmes :\n" + "\n".join(f"- {theme}" for theme in event.themes))
    if event.description:
        blocks.append(event.description.strip())
    blocks.append(url)
    return "\n\n".join(blocks)


def calendar_bytes(events: Iterable[AgendaEvent], *, name: str, host: str,
                   url_of: Callable[[AgendaEvent], str]) -> bytes:
    """One VCALENDAR holding ``events``; ``url_of`` gives each event page's absolute URL."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, host, url_of(event)))
    return calendar.to_ical()


def _vevent(event: AgendaEvent, host: str, url: str) -> Event:
    vevent = Event()
    vevent.add("uid", uid(event, host))
    vevent.add("dtstamp", dt.datetime.combine(event.updated, dt.time(0), tzinfo=dt.timezone.utc))
    vevent.add("last-modified", dt.datetime.combine(event.updated, dt.time(0), tzinfo=dt.timezone.utc))
    if event.all_day:
        vevent.add("dtstart", event.first_day)
        vevent.add("dtend", event.last_day + dt.timedelta(days=1))  # exclusive
    else:
        vevent.add("dtstart", event.start.astimezone(dt.timezone.utc))
        if event.end is not None:
            vevent.add("dtend", event.end.astimezone(dt.timezone.utc))
    vevent.add("summary", event.title)
    vevent.add("description", description_text(event, url))
    location = location_text(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("categories", [event.type.name])
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("sequence", 1 if event.postponed else 0)
    vevent.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    return vevent


def google_link(event: AgendaEvent, url: str) -> str:
    return "https://calendar.google.com/calendar/render?" + urlencode({
        "action": "TEMPLATE", "text": event.title, "dates": "/".join(_compact_range(event)),
        "details": url, "location": location_text(event)})


def outlook_link(event: AgendaEvent, url: str) -> str:
    start, end = _iso_range(event)
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": event.title,
             "startdt": start, "enddt": end, "body": url, "location": location_text(event)}
    if event.all_day:
        query["allday"] = "true"
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


def _compact_range(event: AgendaEvent) -> tuple[str, str]:
    if event.all_day:
        return (f"{event.first_day:%Y%m%d}", f"{event.last_day + dt.timedelta(days=1):%Y%m%d}")
    end = event.end or event.start + dt.timedelta(hours=1)
    return tuple(f"{moment.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}" for moment in (event.start, end))


def _iso_range(event: AgendaEvent) -> tuple[str, str]:
    if event.all_day:
        return event.first_day.isoformat(), (event.last_day + dt.timedelta(days=1)).isoformat()
    end = event.end or event.start + dt.timedelta(hours=1)
    return tuple(moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                 for moment in (event.start, end))


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
