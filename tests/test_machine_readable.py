"""What machines read on the sample, on Amiens and on the agenda fixture, parsed with the libraries
their readers use and checked against the formats' rules (tests/machine_rules.py):

- schema.org JSON-LD on every page, per type, with the properties Google's guides require and
  recommend, then against the data: a property the data states is there, a property it does not
  state (a price, a street) is not made up;
- every iCalendar file, read with ``icalendar``: an end (DTEND) on every timed event, CRLF, folding;
- price information on event pages only when the data states it.

Feeds: tests/test_feeds.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, REPO, build
from machine_rules import check_calendars, check_item, json_ld_items, site_url_of
from page_types import TOOL_PAGES
from territoire import load_site

AMIENS = REPO / "examples" / "amiens"
AGENDA = FIXTURES / "agenda_territory"


@pytest.fixture(scope="module")
def amiens_site(tmp_path_factory):
    result = build(AMIENS, tmp_path_factory.mktemp("amiens-ld"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def agenda_site(tmp_path_factory):
    result = build(AGENDA, tmp_path_factory.mktemp("agenda-ld"))
    assert result.returncode == 0, result.output
    return result


def _pages(site_dir: Path):
    """(url, soup, items) of every built HTML page but the 404 page and the tool pages."""
    site_url = site_url_of(site_dir)
    tools = {path.strip("/") for path, _template in TOOL_PAGES.values()}
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        if relative in tools:
            continue  # the web editor (/admin/) is a tool, not a page of the site
        url = site_url if relative == "." else f"{site_url}{relative}/"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        yield url, soup, json_ld_items(soup)


def _by_type(items, kind):
    return [item for item in items if item.get("@type") == kind]


def _check_site(site_dir: Path, project: Path) -> dict[str, dict]:
    """Every page follows the rules; returns the main item of each page by url."""
    site_url = site_url_of(site_dir)
    site = load_site(project)
    broken, main = {}, {}
    for url, soup, items in _pages(site_dir):
        problems = [p for item in items for p in check_item(item, site_dir, site_url, url)]
        if url == site_url:
            kinds = sorted(item["@type"] for item in items)
            if kinds != ["Organization", "WebSite"]:
                problems.append(f"accueil : {kinds}")
        elif len(_by_type(items, "BreadcrumbList")) != 1:
            problems.append("pas de BreadcrumbList")
        if problems:
            broken[url] = problems
        main[url] = {item["@type"]: item for item in items}
    assert not broken, broken
    # The territory's organisation: url and PNG logo, named the same everywhere it appears.
    home = main[site_url]
    organization = home["Organization"]
    assert organization["@id"] == site_url + "#organisation"
    assert organization["url"] == site_url
    assert organization["logo"]["url"] == site_url + "assets/images/logo-512.png"
    assert home["WebSite"]["publisher"] == {"@id": organization["@id"]}
    # Each member: an Organization whose url is its website, or its page without one.
    for member in site.members:
        url = f"{site_url}membres/{member.id}/"
        data = main[url]["Organization"]
        assert data["url"] == (str(member.profile.website) if member.profile.website else url), url
        assert data["image"].startswith(site_url + "assets/partage/")
        assert ("logo" in data) == bool(member.profile.logo), url
        assert data["memberOf"]["@id"] == organization["@id"]
        assert data["memberOf"]["logo"] == organization["logo"]
        if member.profile.address:
            assert data["address"]["streetAddress"] == member.profile.address
    # Each event: its picture, its place as the data gives it, offers only when stated.
    for event in (site.agenda.events if site.agenda else []):
        data = main[f"{site_url}agenda/{event.id}/"]["Event"]
        assert data["image"][0].startswith(site_url + "assets/partage/")
        if event.place:
            place = data["location"] if event.place and not event.online else data["location"][0]
            address = place["address"]
            assert place["name"] == (event.place.name or event.place.commune)
            for key, value in (("streetAddress", event.place.address),
                               ("postalCode", event.place.postal_code),
                               ("addressLocality", event.place.commune),
                               ("addressCountry", event.place.country)):
                assert address.get(key) == value, (event.id, key)
        assert ("offers" in data) == (event.free is not None), event.id
        assert ("isAccessibleForFree" in data) == (event.free is not None), event.id
    # Articles and roadmap actions.
    articles = [m["NewsArticle"] for m in main.values() if "NewsArticle" in m]
    assert len(articles) == len(site.news) - sum(1 for n in site.news if n.front.draft)
    for article in articles:
        assert article["image"][0].startswith(site_url + "assets/partage/")
        assert article["publisher"]["@id"] == organization["@id"]
    if site.roadmap is not None and site.roadmap.published:
        for action in site.roadmap.actions:
            data = main[f"{site_url}feuille-de-route/actions/{action.id}/"]["Action"]
            assert data["name"] == action.title
    return main


def test_sample_structured_data(sample_site):
    main = _check_site(sample_site.site_dir, REPO)
    site_url = site_url_of(sample_site.site_dir)
    # A council meeting states no price: no offer, free or not.
    council = [url for url in main if url.startswith(site_url + "agenda/conseil-industrie-positive-")]
    assert council
    for url in council:
        assert "offers" not in main[url]["Event"] and "isAccessibleForFree" not in main[url]["Event"]
    # A labelled event of the industry week is free by the label's rule.
    week = main[site_url + "agenda/made-in-montpellier-2019/"]["Event"]
    assert week["offers"]["price"] == 0 and week["isAccessibleForFree"] is True
    trail = main[site_url + "membres/bulane/"]["BreadcrumbList"]["itemListElement"]
    assert [(e["name"], e["item"]) for e in trail] == [
        ("Accueil", site_url), ("Membres", site_url + "membres/"),
        ("Bulane", site_url + "membres/bulane/")]


def test_amiens_structured_data(amiens_site):
    _check_site(amiens_site.site_dir, AMIENS)


def test_agenda_fixture_structured_data(agenda_site):
    main = _check_site(agenda_site.site_dir, AGENDA)
    site_url = site_url_of(agenda_site.site_dir)
    samedi = main[site_url + "agenda/dst-samedi/"]["Event"]
    assert samedi["location"] == {
        "@type": "Place", "name": "Halle des machines",
        "address": {"@type": "PostalAddress", "streetAddress": "2 rue des Forges",
                    "postalCode": "99001", "addressLocality": "Val-Vert", "addressCountry": "FR"}}
    paid = main[site_url + "agenda/forum-reporte/"]["Event"]
    assert paid["isAccessibleForFree"] is False
    assert paid["offers"] == {"@type": "Offer", "url": site_url + "agenda/forum-reporte/",
                              "price": 12.5, "priceCurrency": "EUR",
                              "description": "12,50 € le déjeuner"}
    # The series of council meetings states no price.
    council = main[site_url + "agenda/conseil-2020-02-06/"]["Event"]
    assert "offers" not in council


# Calendars -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["sample", "amiens", "agenda"])
def test_every_calendar_file_follows_rfc5545(which, request):
    site = request.getfixturevalue({"sample": "sample_site", "amiens": "amiens_site",
                                    "agenda": "agenda_site"}[which])
    report = check_calendars(site.site_dir)
    assert len(report) >= 2, sorted(report)  # agenda.ics and one per event at least
    broken = {name: problems for name, problems in report.items() if problems}
    assert not broken, broken


def test_timed_events_end_in_their_calendar_files(agenda_site):
    from icalendar import Calendar

    for path in sorted((agenda_site.site_dir / "agenda" / "ics").glob("*.ics")):
        (event,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert end > start, path.name
    series = Calendar.from_ical((agenda_site.site_dir / "agenda/ics/conseil-2020-02-06.ics").read_bytes())
    (meeting,) = series.walk("VEVENT")
    assert (meeting["DTEND"].dt - meeting["DTSTART"].dt).total_seconds() == 2 * 3600


def _facts(site, url):
    page = site.html(url)
    return dict(zip([t.get_text(strip=True) for t in page.select(".tp-facts dt")],
                    [d.get_text(" ", strip=True) for d in page.select(".tp-facts dd")]))


def test_price_shown_only_when_the_data_states_it(sample_site, agenda_site):
    site = load_site(REPO)
    council = [e for e in site.agenda.events if e.series]
    assert council and all(e.free is None for e in council)
    for event in council:
        assert "Tarif" not in _facts(sample_site, f"agenda/{event.id}/"), event.id
    assert _facts(sample_site, "agenda/made-in-montpellier-2019/")["Tarif"] == "Gratuit"
    assert _facts(agenda_site, "agenda/forum-reporte/")["Tarif"] == "12,50 € le déjeuner"
    assert "Tarif" not in _facts(agenda_site, "agenda/conseil-2020-02-06/")
