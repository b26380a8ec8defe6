"""Rules of the formats machines read, checked on built files: RSS 2.0 and Atom feeds.

Each check returns the list of broken rules as readable strings (empty when the file is right), so
that a test shows every problem of a site at once. feedparser reads the feeds as readers do; its
``bozo`` flag only catches malformed XML, so the format's own rules are checked here too:
RSS 2.0 (rssboard.org/rss-specification) and Atom (RFC 4287).
"""

from __future__ import annotations

import email.utils
import datetime as dt
from pathlib import Path

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
