"""schema.org ``Event`` data for an event page (Google's required and recommended properties).

Returns plain dictionaries; the template serialises them with Jinja's ``tojson`` inside a
``<script type="application/ld+json">``, which escapes ``<``, ``>`` and ``&``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from territoire.agenda import AgendaEvent

_STATUS = {"prévu": "https://schema.org/EventScheduled",
           "annulé": "https://schema.org/EventCancelled",
           "reporté": "https://schema.org/EventRescheduled"}


def iso(value: dt.date | dt.datetime) -> str:
    """« 2020-03-29T10:00:00+02:00 » for a time, « 2018-03-08 » for a whole day."""
    return value.isoformat()


def event_json_ld(event: AgendaEvent, *, url: str, organizer_name: str,
                  organizer_url: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": iso(event.start),
        "eventStatus": _STATUS[event.status],
    }
    if event.end is not None:
        data["endDate"] = iso(event.end)
    elif event.all_day:
        data["endDate"] = iso(event.last_day)
    if event.previous_start is not None:
        data["previousStartDate"] = iso(event.previous_start)
    if event.description or event.themes:
        data["description"] = " ".join(filter(None, [*event.themes, (event.description or "").strip()]))
    locations = []
    if event.place:
        address = {"@type": "PostalAddress", "addressLocality": event.place.commune}
        if event.place.address:
            address["streetAddress"] = event.place.address
        locations.append({"@type": "Place", "name": event.place.name or event.place.commune,
                          "address": address})
    if event.online:
        locations.append({"@type": "VirtualLocation", "url": event.online})
    data["location"] = locations[0] if len(locations) == 1 else locations
    data["eventAttendanceMode"] = (
        "https://schema.org/MixedEventAttendanceMode" if event.place and event.online
        else "https://schema.org/OnlineEventAttendanceMode" if event.online
        else "https://schema.org/OfflineEventAttendanceMode")
    organizer: dict[str, Any] = {"@type": "Organization", "name": organizer_name}
    if organizer_url:
        organizer["url"] = organizer_url
    data["organizer"] = organizer
    if event.speakers:
        data["performer"] = [{"@type": "Person", "name": s.name} for s in event.speakers]
    offer: dict[str, Any] = {"@type": "Offer", "url": event.registration or url,
                             "availability": "https://schema.org/InStock"}
    if event.free:
        offer.update(price=0, priceCurrency="EUR")
    data["isAccessibleForFree"] = event.free
    data["offers"] = offer
    if event.audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": a.name} for a in event.audiences]
    return data
