"""schema.org data of each page type, with the properties search engines document for it.

Google's structured data guides name, per type, the properties they require and recommend:
``Organization`` (name, url, logo, description, address, sameAs), ``WebSite`` (name, url),
``Event`` (required: name, startDate, location with its address; recommended: endDate,
eventStatus, eventAttendanceMode, image, description, organizer, performer, offers,
previousStartDate), ``BreadcrumbList`` (itemListElement of position, name, item). Roadmap
actions are schema.org ``Action``s (actionStatus, agent, participant), a type Google has no
guide for. Each property is written only when the data states it: no made-up price, country
or availability.

Returns plain dictionaries; templates serialise them with Jinja's ``tojson`` inside a
``<script type="application/ld+json">``, which escapes ``<``, ``>`` and ``&``. Addresses are
absolute; the caller passes them in, as nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from territoire.agenda.events import AgendaEvent

CONTEXT = "https://schema.org"
_STATUS = {"prévu": "https://schema.org/EventScheduled",
           "annulé": "https://schema.org/EventCancelled",
           "reporté": "https://schema.org/EventRescheduled"}
# Roadmap statuses: planned, ongoing, done; an abandoned action will not be completed.
_ACTION_STATUS = {"à lancer": "https://schema.org/PotentialActionStatus",
                  "en cours": "https://schema.org/ActiveActionStatus",
                  "réalisée": "https://schema.org/CompletedActionStatus",
                  "abandonnée": "https://schema.org/FailedActionStatus"}
_AMOUNT = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?\b|EUR\b)", re.IGNORECASE)


def iso(value: dt.date | dt.datetime) -> str:
    """« 2020-03-29T10:00:00+02:00 » for a time, « 2018-03-08 » for a whole day."""
    return value.isoformat()


def image_object(url: str, width: int | None = None, height: int | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ImageObject", "url": url}
    if width and height:
        data.update(width=width, height=height)
    return data


# -- the territory and its site ---------------------------------------------------------------------

def territory_id(site_url: str) -> str:
    return site_url + "#organisation"


def territory_organization(territory: Any, *, site_url: str,
                           logo: dict[str, Any] | None) -> dict[str, Any]:
    """The body that publishes the site (``data/territory.yml``): the site is its website.

    ``logo`` is ``{"url", "width", "height"}`` with an absolute url (the PNG logo: Google wants
    a raster of at least 112 pixels).
    """
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": territory_id(site_url),
        "name": _governing_body_name(territory),
        "alternateName": territory.signature,
        "url": site_url,
        "description": territory.description,
        "parentOrganization": {"@type": "Organization", "name": territory.name},
    }
    if logo is not None:
        data["logo"] = image_object(logo["url"], logo.get("width"), logo.get("height"))
    contact = territory.contact
    if contact.email:
        data["email"] = contact.email
    if contact.phone:
        data["telephone"] = contact.phone
    same_as = [url for url in [contact.url, *(link.url for link in territory.social_links)] if url]
    if same_as:
        data["sameAs"] = list(dict.fromkeys(str(url) for url in same_as))
    return data


def _governing_body_name(territory: Any) -> str:
    # « le Conseil métropolitain de l'industrie positive » → « Conseil métropolitain … »: the
    # vocabulary writes it with its article, a name does not take one.
    words = territory.vocabulary
    full = words.governing_body_full
    if not full:
        return territory.signature
    for article in ("le ", "la ", "les ", "l'", "l’"):
        if full.casefold().startswith(article):
            full = full[len(article):]
            break
    return full[:1].upper() + full[1:]


def territory_reference(organization: dict[str, Any]) -> dict[str, Any]:
    """The territory's organisation where another item names it (publisher, memberOf)."""
    keep = ("@type", "@id", "name", "url", "logo")
    return {key: organization[key] for key in keep if key in organization}


def website(territory: Any, *, site_url: str) -> dict[str, Any]:
    return {"@type": "WebSite", "@id": site_url + "#site", "name": territory.signature,
            "url": site_url, "description": territory.description, "inLanguage": "fr",
            "publisher": {"@id": territory_id(site_url)}}


def home_graph(organization: dict[str, Any], site: dict[str, Any]) -> dict[str, Any]:
    return {"@context": CONTEXT, "@graph": [organization, site]}


# -- trails -----------------------------------------------------------------------------------------

def breadcrumbs(crumbs: list[tuple[str, str]]) -> dict[str, Any] | None:
    """``crumbs`` are (name, absolute url) from the home page down to the page itself."""
    if len(crumbs) < 2:
        return None
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(crumbs, start=1)]}


# -- events -----------------------------------------------------------------------------------------

def postal_address(address: str | None, postal_code: str | None, locality: str | None,
                   country: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "PostalAddress"}
    for key, value in (("streetAddress", address), ("postalCode", postal_code),
                       ("addressLocality", locality), ("addressCountry", country)):
        if value:
            data[key] = value
    return data


def event_json_ld(event: AgendaEvent, *, url: str, organizer_name: str,
                  organizer_url: str | None, image: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
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
    if image:
        data["image"] = [image]
    locations = []
    if event.place:
        place = event.place
        locations.append({"@type": "Place", "name": place.name or place.commune,
                          "address": postal_address(place.address, place.postal_code,
                                                    place.commune, place.country)})
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
    offer = _offer(event, url)
    if offer is not None:
        data["offers"] = offer
        data["isAccessibleForFree"] = bool(event.free)
    if event.audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": a.name} for a in event.audiences]
    return data


def _offer(event: AgendaEvent, url: str) -> dict[str, Any] | None:
    """Only what the data says about entry: free, or a price (read as euros when it names them)."""
    if event.free is None:
        return None
    offer: dict[str, Any] = {"@type": "Offer", "url": event.registration or url}
    if event.free:
        offer.update(price=0, priceCurrency="EUR")
    elif event.price:
        amount = _AMOUNT.search(event.price)
        if amount:
            offer.update(price=float(amount.group(1).replace(",", ".")), priceCurrency="EUR")
        offer["description"] = event.price
    return offer


# -- roadmap ----------------------------------------------------------------------------------------

def action_json_ld(action: Any, *, url: str, lead: dict[str, Any],
                   partners: list[dict[str, Any]], image: str | None = None) -> dict[str, Any]:
    """A roadmap action; ``lead`` and ``partners`` are Organization items (name, url)."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Action",
        "name": action.title,
        "url": url,
        "actionStatus": _ACTION_STATUS[action.status],
        "agent": lead,
        "startTime": iso(action.start),
    }
    if partners:
        data["participant"] = partners
    if image:
        data["image"] = image
    return data
