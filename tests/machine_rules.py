"""Rules of the formats machines read, checked on built files: RSS 2.0 and Atom feeds, and
schema.org JSON-LD.

Each check returns the list of broken rules as readable strings (empty when the file is right), so
that a test shows every problem of a site at once. feedparser reads the feeds as readers do; its
``bozo`` flag only catches malformed XML, so the format's own rules are checked here too:
RSS 2.0 (rssboard.org/rss-specification) and Atom (RFC 4287).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from pathlib import Path
from typing import Any

import feedparser
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
# RSS 2.0: « url is the URL of a GIF, JPEG or PNG image ».
_RSS_IMAGE_TYPES = {"image/gif", "image/jpeg", "image/png"}
_MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}


def site_url_of(site_dir: Path) -> str:
    """The public address a site was built for: the first address of its sitemap."""
    root = etree.fromstring((site_dir / "sitemap.xml").read_bytes())
    first = root.find("{http://www.sitemaps.org/schemas/sitemap/0.9}url/"
                      "{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text
    return first if first.endswith("/") else first.rsplit("/", 1)[0] + "/"


def feeds_of(site_dir: Path) -> list[Path]:
    return sorted(path for pattern in ("**/atom.xml", "**/rss.xml") for path in site_dir.glob(pattern))


def _local(site_dir: Path, site_url: str, url: str | None) -> Path | None:
    """The built file an absolute address of the site points to, or None outside the site."""
    if not url or not url.startswith(site_url):
        return None
    path = site_dir / url[len(site_url):]
    return path / "index.html" if url.endswith("/") else path


def image_type(path: Path) -> str | None:
    """The media type of a picture read from its first bytes, as a reader's decoder would."""
    head = path.read_bytes()[:8]
    return next((mime for magic, mime in _MAGIC.items() if head.startswith(magic)), None)


def _check_file(site_dir: Path, site_url: str, url: str | None, what: str) -> list[str]:
    path = _local(site_dir, site_url, url)
    if path is None:
        return [f"{what} : « {url} » n'est pas une adresse absolue du site"]
    if not path.is_file():
        return [f"{what} : « {url} » ne mène à aucun fichier construit"]
    return []


def _check_picture(site_dir: Path, site_url: str, url: str | None, what: str, *,
                   declared_type: str | None = None, length: str | None = None) -> list[str]:
    problems = _check_file(site_dir, site_url, url, what)
    if problems:
        return problems
    path = _local(site_dir, site_url, url)
    found = image_type(path)
    if found not in _RSS_IMAGE_TYPES:
        problems.append(f"{what} : « {url} » n'est ni PNG, ni JPEG, ni GIF")
    if declared_type is not None and declared_type != found:
        problems.append(f"{what} : type annoncé {declared_type}, fichier {found}")
    if length is not None and length != str(path.stat().st_size):
        problems.append(f"{what} : longueur annoncée {length}, fichier {path.stat().st_size} octets")
    return problems


def check_rss(path: Path, site_dir: Path, site_url: str) -> list[str]:
    own_url = site_url + path.relative_to(site_dir).as_posix()
    problems = []
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        problems.append(f"feedparser : {parsed.bozo_exception}")
    root = etree.fromstring(path.read_bytes())
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return problems + ["pas un document RSS 2.0"]
    for field in ("title", "link", "description"):
        if not (channel.findtext(field) or "").strip():
            problems.append(f"channel/{field} manque")
    selves = [link.get("href") for link in channel.findall(ATOM + "link") if link.get("rel") == "self"]
    if selves != [own_url]:
        problems.append(f"atom:link rel=self : trouvé {selves}, attendu [{own_url}]")
    link = channel.findtext("link")
    if link == own_url or (link or "").endswith(".xml"):
        problems.append(f"channel/link doit être la page du site, trouvé {link}")
    problems += _check_file(site_dir, site_url, link, "channel/link")
    image = channel.find("image")
    if image is None:
        problems.append("channel/image manque")
    else:
        for field in ("url", "title", "link"):
            if not image.findtext(field):
                problems.append(f"channel/image/{field} manque")
        problems += _check_picture(site_dir, site_url, image.findtext("url"), "channel/image/url")
        if image.findtext("link") != link:
            problems.append("channel/image/link diffère de channel/link")
        if image.findtext("width") and int(image.findtext("width")) > 144:
            problems.append("channel/image/width dépasse 144")
    items = channel.findall("item")
    if len(items) != len(parsed.entries):
        problems.append("feedparser ne lit pas tous les items")
    for index, item in enumerate(items):
        where = f"item[{index}]"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where} : ni title ni description")
        problems += _check_file(site_dir, site_url, item.findtext("link"), f"{where}/link")
        if not item.findtext("guid"):
            problems.append(f"{where}/guid manque")
        try:
            email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        except (TypeError, ValueError):
            problems.append(f"{where}/pubDate n'est pas une date RFC 822 : {item.findtext('pubDate')}")
        authors = [a.text for a in item.findall("author")] + [a.text for a in item.findall(DC + "creator")]
        if not any(authors):
            problems.append(f"{where} : aucun auteur (author ou dc:creator)")
        if any(a and "@" not in a for a in (a.text for a in item.findall("author"))):
            problems.append(f"{where}/author doit être une adresse électronique")
        if index < len(parsed.entries) and not parsed.entries[index].get("author"):
            problems.append(f"{where} : feedparser ne trouve pas d'auteur")
        enclosures = item.findall("enclosure")
        if len(enclosures) != 1:
            problems.append(f"{where} : {len(enclosures)} enclosure, attendu 1 (l'image)")
        for enclosure in enclosures:
            for attribute in ("url", "length", "type"):
                if not enclosure.get(attribute):
                    problems.append(f"{where}/enclosure@{attribute} manque")
            problems += _check_picture(site_dir, site_url, enclosure.get("url"), f"{where}/enclosure",
                                       declared_type=enclosure.get("type"),
                                       length=enclosure.get("length"))
    return problems


def _rfc3339(text: str | None) -> bool:
    try:
        return dt.datetime.fromisoformat(text or "").tzinfo is not None
    except ValueError:
        return False


def check_atom(path: Path, site_dir: Path, site_url: str) -> list[str]:
    own_url = site_url + path.relative_to(site_dir).as_posix()
    problems = []
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        problems.append(f"feedparser : {parsed.bozo_exception}")
    root = etree.fromstring(path.read_bytes())
    if root.tag != ATOM + "feed":
        return problems + ["pas un document Atom"]
    for field in ("id", "title", "updated"):
        if not root.findtext(ATOM + field):
            problems.append(f"feed/{field} manque")
    if not _rfc3339(root.findtext(ATOM + "updated")):
        problems.append("feed/updated n'est pas une date RFC 3339")
    links = root.findall(ATOM + "link")
    selves = [link.get("href") for link in links if link.get("rel") == "self"]
    if selves != [own_url]:
        problems.append(f"link rel=self : trouvé {selves}, attendu [{own_url}]")
    alternates = [link.get("href") for link in links if link.get("rel", "alternate") == "alternate"]
    if len(alternates) != 1:
        problems.append(f"feed : {len(alternates)} liens alternate, attendu 1")
    problems += [p for href in alternates for p in _check_file(site_dir, site_url, href, "feed/link")]
    logo = root.findtext(ATOM + "logo")
    if logo is None:
        problems.append("feed/logo manque")
    else:
        problems += _check_picture(site_dir, site_url, logo, "feed/logo")
    feed_author = root.find(ATOM + "author") is not None
    entries = root.findall(ATOM + "entry")
    if len(entries) != len(parsed.entries):
        problems.append("feedparser ne lit pas toutes les entrées")
    for index, entry in enumerate(entries):
        where = f"entry[{index}]"
        for field in ("id", "title", "updated"):
            if not entry.findtext(ATOM + field):
                problems.append(f"{where}/{field} manque")
        if not _rfc3339(entry.findtext(ATOM + "updated")):
            problems.append(f"{where}/updated n'est pas une date RFC 3339")
        if not feed_author and entry.find(ATOM + "author") is None:
            problems.append(f"{where} : aucun auteur (ni l'entrée ni le flux)")
        if entry.find(ATOM + "author/" + ATOM + "name") is None:
            problems.append(f"{where} : l'entrée ne nomme pas son auteur")
        entry_links = entry.findall(ATOM + "link")
        pages = [link for link in entry_links if link.get("rel", "alternate") == "alternate"]
        if len(pages) != 1:
            problems.append(f"{where} : {len(pages)} liens alternate, attendu 1")
        problems += [p for link in pages
                     for p in _check_file(site_dir, site_url, link.get("href"), f"{where}/link")]
        enclosures = [link for link in entry_links if link.get("rel") == "enclosure"]
        if len(enclosures) != 1:
            problems.append(f"{where} : {len(enclosures)} link rel=enclosure, attendu 1 (l'image)")
        for link in enclosures:
            problems += _check_picture(site_dir, site_url, link.get("href"), f"{where}/enclosure",
                                       declared_type=link.get("type"), length=link.get("length"))
        if index < len(parsed.entries) and not parsed.entries[index].get("enclosures"):
            problems.append(f"{where} : feedparser ne trouve pas l'image")
    return problems


def check_feeds(site_dir: Path) -> dict[str, list[str]]:
    """Every feed of a built site and its broken rules; a site with news must have feeds."""
    site_url = site_url_of(site_dir)
    report = {}
    for path in feeds_of(site_dir):
        check = check_atom if path.name == "atom.xml" else check_rss
        report[path.relative_to(site_dir).as_posix()] = check(path, site_dir, site_url)
    return report


# -- structured data (schema.org JSON-LD) ------------------------------------------------------------
# Per type, the properties Google's structured data guides require, then those they recommend and
# that our data always has. Properties the data may lack (offers, performer, streetAddress…) are
# checked against the data by the tests themselves.

REQUIRED = {
    "Organization": ("name", "url"),
    "WebSite": ("name", "url"),
    "NewsArticle": ("headline",),
    "Event": ("name", "startDate", "location"),
    "BreadcrumbList": ("itemListElement",),
    "Action": ("name", "actionStatus"),
}
RECOMMENDED = {
    "Organization": ("description",),
    "WebSite": ("description", "inLanguage", "publisher"),
    "NewsArticle": ("image", "datePublished", "dateModified", "author", "publisher", "description"),
    "Event": ("endDate", "eventStatus", "eventAttendanceMode", "image", "organizer", "url"),
    "BreadcrumbList": (),
    "Action": ("agent", "url", "startTime"),
}
_ACTION_STATUSES = {f"https://schema.org/{s}" for s in (
    "PotentialActionStatus", "ActiveActionStatus", "CompletedActionStatus", "FailedActionStatus")}


def json_ld_items(soup) -> list[dict]:
    """Every top-level item of a page's JSON-LD, ``@graph`` members included, in page order."""
    items = []
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        assert data.get("@context") == "https://schema.org", data
        items.extend(data["@graph"] if "@graph" in data else [data])
    return items


def _absolute_picture(site_dir: Path, site_url: str, url: Any, what: str) -> list[str]:
    if isinstance(url, dict):
        url = url.get("url")
    if not isinstance(url, str):
        return [f"{what} : trouvé {url!r}, attendu une adresse"]
    return _check_picture(site_dir, site_url, url, what)


def _iso_with_zone_or_day(text: Any) -> bool:
    try:
        value = dt.datetime.fromisoformat(str(text))
    except ValueError:
        return False
    return len(str(text)) == 10 or value.tzinfo is not None


def check_item(item: dict, site_dir: Path, site_url: str, page_url: str) -> list[str]:
    """The broken rules of one JSON-LD item of a page."""
    kind = item.get("@type")
    if kind not in REQUIRED:
        return [f"type inattendu : {kind}"]
    problems = [f"{kind}.{field} manque" for field in REQUIRED[kind] + RECOMMENDED[kind]
                if item.get(field) in (None, "", [], {})]
    for field in ("url", "mainEntityOfPage"):
        value = item.get(field)
        if value is not None and not str(value).startswith(("https://", "http://")):
            problems.append(f"{kind}.{field} n'est pas une adresse absolue : {value}")
    if kind == "Organization":
        if "logo" in item:
            problems += _absolute_picture(site_dir, site_url, item["logo"], "Organization.logo")
        if "image" in item:
            problems += _absolute_picture(site_dir, site_url, item["image"], "Organization.image")
        member_of = item.get("memberOf")
        if member_of is not None:
            for field in ("name", "url", "logo"):
                if not member_of.get(field):
                    problems.append(f"Organization.memberOf.{field} manque")
    elif kind == "NewsArticle":
        if len(item.get("headline", "")) > 110:
            problems.append("NewsArticle.headline dépasse 110 caractères")
        for url in item.get("image") or []:
            problems += _absolute_picture(site_dir, site_url, url, "NewsArticle.image")
        for field in ("datePublished", "dateModified"):
            if field in item and not _iso_with_zone_or_day(item[field]):
                problems.append(f"NewsArticle.{field} n'est pas une date ISO 8601 : {item[field]}")
        for author in item.get("author") or []:
            if author.get("@type") not in {"Person", "Organization"} or not author.get("name"):
                problems.append(f"NewsArticle.author incomplet : {author}")
        publisher = item.get("publisher") or {}
        if not (publisher.get("name") and publisher.get("logo")):
            problems.append("NewsArticle.publisher sans nom ou sans logo")
    elif kind == "Event":
        for field in ("startDate", "endDate", "previousStartDate"):
            if field in item and not _iso_with_zone_or_day(item[field]):
                problems.append(f"Event.{field} n'est pas une date ISO 8601 : {item[field]}")
        if "endDate" in item and "startDate" in item and item["endDate"] < item["startDate"]:
            problems.append("Event.endDate avant startDate")
        for url in item.get("image") or []:
            problems += _absolute_picture(site_dir, site_url, url, "Event.image")
        locations = item.get("location")
        for location in locations if isinstance(locations, list) else [locations]:
            if not isinstance(location, dict):
                problems.append(f"Event.location : {location!r}")
            elif location.get("@type") == "Place":
                address = location.get("address") or {}
                if not location.get("name"):
                    problems.append("Event.location.name manque")
                if address.get("@type") != "PostalAddress" or not address.get("addressLocality"):
                    problems.append("Event.location.address sans PostalAddress ni addressLocality")
            elif location.get("@type") == "VirtualLocation":
                if not location.get("url"):
                    problems.append("Event.location (VirtualLocation).url manque")
            else:
                problems.append(f"Event.location : type {location.get('@type')}")
        if not (item.get("organizer") or {}).get("name"):
            problems.append("Event.organizer.name manque")
        offers = item.get("offers")
        if offers is not None:
            if not offers.get("url"):
                problems.append("Event.offers.url manque")
            if "price" in offers and "priceCurrency" not in offers:
                problems.append("Event.offers.price sans priceCurrency")
            if "price" not in offers and not offers.get("description"):
                problems.append("Event.offers ne dit ni prix ni tarif")
            if "availability" in offers:
                problems.append("Event.offers.availability : la donnée n'existe pas")
        elif "isAccessibleForFree" in item:
            problems.append("Event.isAccessibleForFree sans tarif dans les données")
    elif kind == "BreadcrumbList":
        elements = item.get("itemListElement") or []
        if len(elements) < 2:
            problems.append("BreadcrumbList de moins de deux éléments")
        for position, element in enumerate(elements, start=1):
            if element.get("@type") != "ListItem" or element.get("position") != position:
                problems.append(f"BreadcrumbList : élément {position} mal numéroté")
            if not element.get("name"):
                problems.append(f"BreadcrumbList : élément {position} sans nom")
            problems += _check_file(site_dir, site_url, element.get("item"),
                                    f"BreadcrumbList[{position}].item")
        if elements and elements[-1].get("item") != page_url:
            problems.append(f"BreadcrumbList : le dernier élément n'est pas la page ({page_url})")
    elif kind == "Action":
        if item.get("actionStatus") not in _ACTION_STATUSES:
            problems.append(f"Action.actionStatus : {item.get('actionStatus')}")
        if not (item.get("agent") or {}).get("name"):
            problems.append("Action.agent.name manque")
        if "image" in item:
            problems += _absolute_picture(site_dir, site_url, item["image"], "Action.image")
    return problems


# -- calendars (iCalendar, RFC 5545) --------------------------------------------------------------------
# icalendar parses files that lack UID or DTSTAMP, or whose lines end in LF only, without a word:
# those rules are checked here on the bytes and on the parsed components.

def check_calendar(path: Path) -> list[str]:
    from icalendar import Calendar

    raw = path.read_bytes()
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        problems.append("le fichier ne finit pas par CRLF")
    if any(b"\n" in line or b"\r" in line for line in lines):
        problems.append("une fin de ligne n'est pas CRLF")
    if any(len(line) > 75 for line in lines):
        problems.append("une ligne dépasse 75 octets sans être pliée")
    calendar = Calendar.from_ical(raw)
    for field in ("PRODID", "VERSION"):
        if field not in calendar:
            problems.append(f"VCALENDAR.{field} manque")
    if str(calendar.get("VERSION")) != "2.0":
        problems.append("VCALENDAR.VERSION n'est pas 2.0")
    events = list(calendar.walk("VEVENT"))
    if not events:
        problems.append("aucun VEVENT")
    uids = [str(event.get("UID")) for event in events]
    if len(set(uids)) != len(uids):
        problems.append("UID en double")
    for event in events:
        where = str(event.get("UID"))
        for field in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if field not in event:
                problems.append(f"{where} : {field} manque")
        if "DTSTART" not in event:
            continue
        start = event["DTSTART"].dt
        if "DTEND" in event and "DURATION" in event:
            problems.append(f"{where} : DTEND et DURATION à la fois")
        if "DTEND" not in event and "DURATION" not in event:
            # RFC 5545 3.6.1: a DATE-TIME start alone makes an event of no duration.
            problems.append(f"{where} : ni DTEND ni DURATION (événement de durée nulle)")
            continue
        end = event["DTEND"].dt if "DTEND" in event else start + event["DURATION"].dt
        if type(end) is not type(start):
            problems.append(f"{where} : DTSTART et DTEND de natures différentes")
        elif end <= start:
            problems.append(f"{where} : la fin ({end}) n'est pas après le début ({start})")
        if isinstance(start, dt.datetime) and start.tzinfo is None:
            problems.append(f"{where} : heure flottante (ni UTC ni fuseau)")
    return problems


def check_calendars(site_dir: Path) -> dict[str, list[str]]:
    return {path.relative_to(site_dir).as_posix(): check_calendar(path)
            for path in sorted(site_dir.rglob("*.ics"))}
