"""The agenda built for real: iCalendar feeds checked strictly, Event JSON-LD, ordering, month grids,
industry-week filter pages, series expansion, and the Montpellier sample agenda.

The fixture territory ``agenda_territory`` is built twice with "today" set to 29 March 2020, the
day clocks go forward in Paris, so that the build-time split and the UTC offsets are known.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from unittest import mock

import pytest
from icalendar import Calendar

from conftest import FIXTURES, REPO, build
from territoire import load_site

AGENDA = FIXTURES / "agenda_territory"
TODAY = "2020-03-29"
UTC = dt.timezone.utc
# Text the safety screen lets through (no script, handler or dangerous link) but that would still
# break the page if printed raw: a tag, an ampersand, quotes closing an attribute.
TRICKY_TITLE = 'Fête de l\'industrie ; savoir-faire, métiers & <b>démos</b> "><em>'
HOST = "agenda.val-vert.example"  # the fixture's own publication.url_du_site


def _build(tmp: Path):
    with mock.patch.dict(os.environ, {"TERRITOIRE_AUJOURDHUI": TODAY}):
        result = build(AGENDA, tmp)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def agenda_site(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("agenda"))


@pytest.fixture(scope="module")
def agenda_site_again(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("agenda-again"))


def _ics_files(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.ics"))


def _calendar(site, relative: str) -> Calendar:
    return Calendar.from_ical((site.site_dir / relative).read_bytes())


def _event(site, event_id: str):
    [vevent] = _calendar(site, f"agenda/ics/{event_id}.ics").walk("VEVENT")
    return vevent


# iCalendar ---------------------------------------------------------------------------------------

def test_every_feed_is_written(agenda_site) -> None:
    names = {p.relative_to(agenda_site.site_dir).as_posix() for p in _ics_files(agenda_site.site_dir)}
    site = load_site(AGENDA)
    expected = {"agenda/agenda.ics", "semaine-de-l-industrie/2020.ics"}
    expected |= {f"agenda/types/{t}.ics" for t in ("atelier", "conseil", "webinaire", "visite")}
    expected |= {f"agenda/ics/{e.id}.ics" for e in site.agenda.events}
    assert names == expected


def test_every_feed_is_strict_rfc5545(agenda_site) -> None:
    files = _ics_files(agenda_site.site_dir)
    assert files
    for path in files:
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n"), path
        lines = raw.split(b"\r\n")[:-1]
        for line in lines:
            assert b"\n" not in line and b"\r" not in line, f"{path}: fin de ligne sans CRLF"
            assert len(line) <= 75, f"{path}: ligne de {len(line)} octets"
        assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
        calendar = Calendar.from_ical(raw)
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["PRODID"])
        events = list(calendar.walk("VEVENT"))
        assert events, path
        uids = [str(e["UID"]) for e in events]
        assert len(uids) == len(set(uids)), path
        for event in events:
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert required in event, f"{path}: {required} manquant"
            assert event["DTSTAMP"].to_ical().endswith(b"Z")
            start = event["DTSTART"].dt
            if isinstance(start, dt.datetime):
                assert event["DTSTART"].to_ical().endswith(b"Z"), f"{path}: heure sans UTC"
                assert event["DTEND"].to_ical().endswith(b"Z"), f"{path}: heure sans UTC"
                assert event["DTEND"].dt > start
            else:
                assert event["DTSTART"].params.get("VALUE") == "DATE"
                assert event["DTEND"].params.get("VALUE") == "DATE"
                assert event["DTEND"].dt > start  # exclusive end
            assert str(event["STATUS"]) in {"CONFIRMED", "CANCELLED"}


def test_daylight_saving_offsets(agenda_site) -> None:
    assert _event(agenda_site, "dst-dimanche")["DTSTART"].dt == dt.datetime(2020, 3, 29, 8, 0, tzinfo=UTC)
    assert _event(agenda_site, "dst-samedi")["DTSTART"].dt == dt.datetime(2020, 3, 28, 9, 0, tzinfo=UTC)
    raw = (agenda_site.site_dir / "agenda/ics/dst-dimanche.ics").read_bytes()
    assert b"DTSTART:20200329T080000Z\r\n" in raw and b"DTEND:20200329T100000Z\r\n" in raw
    # A series keeps its local time across the change: 18:00 is 17:00 UTC in March, 16:00 in April.
    assert _event(agenda_site, "conseil-2020-03-05")["DTSTART"].dt.hour == 17
    assert _event(agenda_site, "conseil-2020-04-02")["DTSTART"].dt.hour == 16


def test_all_day_events_have_an_exclusive_end(agenda_site) -> None:
    raw = (agenda_site.site_dir / "agenda/ics/fete-deux-jours.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20200703\r\n" in raw
    assert b"DTEND;VALUE=DATE:20200705\r\n" in raw  # 3 and 4 July, the end is the day after
    single = (agenda_site.site_dir / "agenda/ics/salon-annule.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:20200512\r\nDTEND;VALUE=DATE:20200513\r\n" in single


def test_status_escaping_and_location(agenda_site) -> None:
    assert str(_event(agenda_site, "salon-annule")["STATUS"]) == "CANCELLED"
    assert str(_event(agenda_site, "conseil-2020-04-02")["STATUS"]) == "CANCELLED"
    assert str(_event(agenda_site, "dst-samedi")["STATUS"]) == "CONFIRMED"
    fete = _event(agenda_site, "fete-deux-jours")
    assert str(fete["SUMMARY"]) == TRICKY_TITLE
    raw = (agenda_site.site_dir / "agenda/ics/fete-deux-jours.ics").read_bytes().decode()
    assert "SUMMARY:Fête de l'industrie \\; savoir-faire\\, métiers" in raw
    assert str(_event(agenda_site, "dst-samedi")["LOCATION"]) == "Halle des machines, 2 rue des Forges, 99001 Val-Vert"
    assert str(_event(agenda_site, "webinaire-en-ligne")["LOCATION"]) == "https://visio.example.org/val-vert"
    reporte = _event(agenda_site, "forum-reporte")
    assert reporte["DTSTART"].dt == dt.datetime(2020, 6, 4, 7, 0, tzinfo=UTC)
    assert "initialement prévu le 2020-04-02" in str(reporte["DESCRIPTION"])


def test_feeds_are_identical_across_builds(agenda_site, agenda_site_again) -> None:
    first = {p.relative_to(agenda_site.site_dir): p.read_bytes() for p in _ics_files(agenda_site.site_dir)}
    second = {p.relative_to(agenda_site_again.site_dir): p.read_bytes()
              for p in _ics_files(agenda_site_again.site_dir)}
    assert first == second
    uids = {str(e["UID"]) for e in _calendar(agenda_site, "agenda/agenda.ics").walk("VEVENT")}
    assert uids == {f"{e.id}@{HOST}" for e in load_site(AGENDA).agenda.events}
    stamp = _event(agenda_site, "dst-samedi")["DTSTAMP"].dt
    assert stamp == dt.datetime(2020, 3, 1, tzinfo=UTC)  # from « mis_a_jour », not the clock


def test_type_and_edition_feeds_hold_their_events(agenda_site) -> None:
    def summaries(relative):
        return sorted(str(e["SUMMARY"]) for e in _calendar(agenda_site, relative).walk("VEVENT"))
    assert summaries("agenda/types/conseil.ics") == ["Conseil du Val"] * 4
    assert summaries("semaine-de-l-industrie/2020.ics") == [
        "Atelier du samedi", "Visite du dimanche", "Webinaire des entreprises"]


# Event pages and JSON-LD --------------------------------------------------------------------------

def _json_ld(site, event_id: str) -> dict:
    page = site.html(f"agenda/{event_id}/")
    # The event, then the trail (BreadcrumbList).
    [script, trail] = page.select('script[type="application/ld+json"]')
    assert json.loads(trail.string)["@type"] == "BreadcrumbList"
    return json.loads(script.string)


def test_event_json_ld(agenda_site) -> None:
    data = _json_ld(agenda_site, "dst-dimanche")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Visite du dimanche"
    assert data["startDate"] == "2020-03-29T10:00:00+02:00"
    assert data["endDate"] == "2020-03-29T12:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {"@type": "Place", "name": "Saint-Éloi",
                                "address": {"@type": "PostalAddress", "addressLocality": "Saint-Éloi"}}
    assert data["organizer"] == {"@type": "Organization", "name": "Office du Val",
                                 "url": "https://office.example.org"}
    # A labelled event of the industry week: free by the label's rule.
    assert data["offers"] == {"@type": "Offer", "url": f"https://{HOST}/agenda/dst-dimanche/",
                              "price": 0, "priceCurrency": "EUR"}
    assert data["isAccessibleForFree"] is True
    assert data["image"][0].startswith(f"https://{HOST}/assets/partage/")
    assert data["url"] == f"https://{HOST}/agenda/dst-dimanche/"
    samedi = _json_ld(agenda_site, "dst-samedi")
    assert samedi["startDate"] == "2020-03-28T10:00:00+01:00"
    assert samedi["location"]["address"]["streetAddress"] == "2 rue des Forges"
    online = _json_ld(agenda_site, "webinaire-en-ligne")
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://visio.example.org/val-vert"}
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert _json_ld(agenda_site, "salon-annule")["eventStatus"] == "https://schema.org/EventCancelled"
    moved = _json_ld(agenda_site, "forum-reporte")
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2020-04-02T09:00:00+02:00"
    assert moved["startDate"] == "2020-06-04T09:00:00+02:00"
    assert _json_ld(agenda_site, "fete-deux-jours")["startDate"] == "2020-07-03"


def test_event_page_details_and_calendar_links(agenda_site) -> None:
    page = agenda_site.html("agenda/dst-dimanche/")
    assert page.h1.get_text(strip=True) == "Visite du dimanche"
    facts = dict(zip([t.get_text(strip=True) for t in page.select(".tp-facts dt")],
                     [d.get_text(" ", strip=True) for d in page.select(".tp-facts dd")]))
    assert facts["Date"] == "dimanche 29 mars 2020, de 10 h à 12 h"
    assert facts["Publics"] == "Grand public, Scolaires"
    assert facts["Tarif"] == "Gratuit"
    assert facts["Label"] == "Semaine d'essai 2020"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".tp-add-links a")}
    assert links["Fichier iCalendar (.ics)"] == "../ics/dst-dimanche.ics"
    assert links["Google Agenda"].startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert "dates=20200329T080000Z%2F20200329T100000Z" in links["Google Agenda"]
    assert "startdt=2020-03-29T08%3A00%3A00Z" in links["Outlook"]
    assert [li.get_text(" ", strip=True) for li in page.select("#programme ~ ol li")] == [
        "10 h : Accueil", "10 h 30 : Visite des ateliers"]
    title = agenda_site.html("agenda/fete-deux-jours/")
    assert title.h1.get_text() == TRICKY_TITLE and not title.h1.find_all(True)
    assert title.title.get_text().startswith(TRICKY_TITLE + " - ")
    [ld, _trail] = title.select('script[type="application/ld+json"]')
    assert "<" not in ld.string and json.loads(ld.string)["name"] == TRICKY_TITLE  # tojson escapes <
    cancelled = agenda_site.html("agenda/salon-annule/")
    assert "Événement annulé." in cancelled.select_one(".tp-notice").get_text()


def test_tricky_title_is_text_on_every_page_that_lists_it(agenda_site) -> None:
    for path in ["", "agenda/", "agenda/mois/2020-07/", "agenda/fete-deux-jours/", "plan-du-site/"]:
        raw = (agenda_site.site_dir / path / "index.html").read_text(encoding="utf-8")
        assert "<b>démos" not in raw and '"><em>' not in raw, path  # never printed raw
        page = agenda_site.html(path)
        links = [a for a in page.select('a[href$="fete-deux-jours/"]') if a.get_text(strip=True)]
        assert links or path == "agenda/fete-deux-jours/", path
        assert all(a.get_text(strip=True) == TRICKY_TITLE for a in links), path


# Ordering, freshness, month grids ----------------------------------------------------------------

def _ids(items) -> list[str]:
    return [li.select_one("a")["href"].strip("/").split("/")[-1] for li in items]


def test_agenda_lists_upcoming_then_past_by_month(agenda_site) -> None:
    page = agenda_site.html("agenda/")
    upcoming = page.select("[data-agenda-upcoming] .tp-event")
    assert _ids(upcoming) == ["dst-dimanche", "conseil-2020-04-02", "salon-annule", "forum-reporte",
                              "fete-deux-jours"]
    assert [h.get_text(strip=True) for h in page.select("[data-agenda-upcoming] .tp-month-group__title")] == [
        "Mars 2020", "Avril 2020", "Mai 2020", "Juin 2020", "Juillet 2020"]
    past = [li for li in page.select("[data-agenda-past] .tp-event") if not li.has_attr("hidden")]
    assert _ids(past) == ["dst-samedi", "webinaire-en-ligne", "conseil-2020-03-05", "conseil-2020-02-06",
                          "conseil-2020-01-02"]
    # Upcoming events are also in the past list, hidden: the script shows them once they are over.
    hidden = [li for li in page.select("[data-agenda-past] .tp-event") if li.has_attr("hidden")]
    assert sorted(_ids(hidden)) == sorted(_ids(upcoming))
    assert page.select_one('script[src$="agenda.js"]')["data-zone"] == "Europe/Paris"
    assert upcoming[0]["data-last"] == "2020-03-29"


def test_home_shows_the_next_three_events(agenda_site) -> None:
    section = agenda_site.html("").select_one("[data-agenda-next]")
    items = section.select(".tp-event")
    visible = [li for li in items if not li.has_attr("hidden")]
    assert _ids(visible) == ["dst-dimanche", "conseil-2020-04-02", "salon-annule"]
    assert _ids(items)[3:] == ["forum-reporte", "fete-deux-jours"]


def test_member_and_value_pages_list_their_events(agenda_site) -> None:
    member = agenda_site.html("membres/atelier-mecanique/")
    assert _ids(member.select("#evenements ~ ul .tp-event")) == ["dst-samedi"]
    value = agenda_site.html("valeurs/inventive/")
    assert _ids(value.select("#evenements ~ ul .tp-event")) == ["dst-samedi"]


def test_month_grid(agenda_site) -> None:
    page = agenda_site.html("agenda/mois/2020-03/")
    table = page.select_one("table.tp-calendar")
    assert table.caption.get_text(strip=True) == "Événements de mars 2020"
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 7
    assert [th.abbr["title"] for th in headers][:2] == ["lundi", "mardi"]
    rows = table.select("tbody tr")
    assert len(rows) == 6  # 1 March 2020 is a Sunday
    first_row = rows[0].select("td")
    assert [td.get("data-day") for td in first_row] == [None] * 6 + ["2020-03-01"]
    today = table.select('td[aria-current="date"]')
    assert [td["data-day"] for td in today] == [TODAY]
    cell = table.select_one('td[data-day="2020-03-28"]')
    assert [a.get_text(strip=True) for a in cell.select("a")] == ["Atelier du samedi"]
    nav = {a["rel"][0]: a["href"] for a in page.select(".tp-month-nav a[rel]")}
    assert nav == {"prev": "../2020-02/", "next": "../2020-04/"}
    assert not agenda_site.exists("agenda/mois/2020-08/")
    assert agenda_site.html("agenda/mois/2020-07/").select_one('td[data-day="2020-07-04"] a') is not None
    first = agenda_site.html("agenda/mois/2020-01/")
    assert [a["rel"][0] for a in first.select(".tp-month-nav a[rel]")] == ["next"]


# Industry week ----------------------------------------------------------------------------------

EDITION_FILTERS = {
    "type/atelier": ["dst-samedi"],
    "type/visite": ["dst-dimanche"],
    "type/webinaire": ["webinaire-en-ligne"],
    "public/scolaires": ["dst-samedi", "dst-dimanche"],
    "public/grand-public": ["dst-dimanche"],
    "public/entreprises": ["webinaire-en-ligne"],
    "commune/val-vert": ["dst-samedi"],
    "commune/saint-eloi": ["dst-dimanche"],
    "jour/2020-03-25": ["webinaire-en-ligne"],
    "jour/2020-03-28": ["dst-samedi"],
    "jour/2020-03-29": ["dst-dimanche"],
}


def test_edition_filter_pages_list_exactly_their_events(agenda_site) -> None:
    root = agenda_site.site_dir / "semaine-de-l-industrie/2020"
    generated = {p.parent.relative_to(root).as_posix() for p in root.rglob("index.html")} - {"."}
    assert generated == set(EDITION_FILTERS)  # no page for a filter without events
    for key, expected in EDITION_FILTERS.items():
        page = agenda_site.html(f"semaine-de-l-industrie/2020/{key}/")
        assert _ids(page.select("ul.tp-events .tp-event")) == expected, key
        count = page.select_one(".tp-filter-count").get_text(strip=True)
        assert count.startswith(f"{len(expected)} événement"), key
        assert page.select_one('.tp-filters a[aria-current="page"]') is not None


def test_edition_page_links_filters_with_counts(agenda_site) -> None:
    page = agenda_site.html("semaine-de-l-industrie/2020/")
    assert _ids(page.select("[data-live-list] .tp-event")) == ["webinaire-en-ligne", "dst-samedi",
                                                              "dst-dimanche"]
    links = {a["href"]: " ".join(a.get_text().split()) for a in page.select(".tp-filters a")}
    assert links["public/scolaires/"] == "Scolaires (2)"
    assert links["jour/2020-03-29/"] == "dimanche 29 mars 2020 (1)"
    assert links["commune/saint-eloi/"] == "Saint-Éloi (1)"
    form = page.select_one("form[data-live-filter]")
    assert "tp-with-js" in form["class"]  # shown only where scripts run, from the first paint
    assert [label.get_text() for label in form.select("label")] == ["Type", "Public", "Commune", "Jour"]
    for select in form.select("select"):
        assert form.select_one(f'label[for="{select["id"]}"]') is not None
    item = page.select_one('[data-live-list] .tp-event[data-type="visite"]')
    assert item["data-publics"] == "grand-public scolaires"
    assert item["data-commune"] == "saint-eloi" and item["data-days"] == "2020-03-29"
    editions = agenda_site.html("semaine-de-l-industrie/")
    assert [a.get_text(strip=True) for a in editions.select(".tp-edition-card a")] == ["Semaine d'essai 2020"]


# Series -----------------------------------------------------------------------------------------

def test_series_expands_into_dated_meetings() -> None:
    agenda = load_site(AGENDA).agenda
    meetings = agenda.of_series("conseil")
    assert [m.id for m in meetings] == ["conseil-2020-01-02", "conseil-2020-02-06",
                                        "conseil-2020-03-05", "conseil-2020-04-02"]
    assert [m.start.isoformat() for m in meetings] == [
        "2020-01-02T18:00:00+01:00", "2020-02-06T18:00:00+01:00", "2020-03-05T18:00:00+01:00",
        "2020-04-02T18:00:00+02:00"]
    assert meetings[1].themes == ("Premier thème de février", "Second thème de février")
    assert meetings[0].themes == ()
    assert [m.status for m in meetings] == ["prévu", "prévu", "prévu", "annulé"]


def test_sample_council_series_and_editions(sample_site) -> None:
    site = load_site(REPO)
    agenda = site.agenda
    council = agenda.of_series("conseil-industrie-positive")
    assert [m.first_day.isoformat() for m in council] == [
        "2019-10-01", "2019-11-05", "2019-12-03", "2020-01-07", "2020-02-04"]
    assert council[1].themes[0] == "Construire une stratégie de marketing durable"
    assert council[2].themes == ("Identifier les besoins prioritaires des entreprises",
                                 "Co-construire une offre et des outils économiques")
    assert len(council[3].themes) == 2
    assert "feuille de route" in council[4].title
    assert agenda.event("journee-uimm-territoire-industriel-du-futur").first_day == dt.date(2018, 3, 8)
    orly = agenda.event("signature-territoire-industrie-grand-orly")
    assert orly.first_day == dt.date(2019, 3, 22) and orly.edition == "2019"
    assert agenda.event("cafe-debat-ess").type.id == "table-ronde"
    editions = {e.id: (e.start, e.end) for e in agenda.editions}
    assert editions == {"2018": (dt.date(2018, 3, 26), dt.date(2018, 4, 1)),
                        "2019": (dt.date(2019, 3, 18), dt.date(2019, 3, 24))}
    assert len(agenda.of_edition("2018")) >= 3 and len(agenda.of_edition("2019")) >= 3
    page = sample_site.html("agenda/conseil-industrie-positive-2019-11-05/")
    assert [li.get_text(strip=True) for li in page.select("#themes ~ ul li")] == [
        "Construire une stratégie de marketing durable",
        "Identifier des actions phares pour changer l'image industrielle du territoire",
        "Promouvoir le made in Montpellier"]
    member = sample_site.html("membres/uimm-montpellier/")
    assert len(member.select("#evenements ~ ul .tp-event")) == 2
    assert sample_site.exists("semaine-de-l-industrie/2019/commune/orly/")
    assert sample_site.exists("agenda/agenda.ics")


def test_bad_agenda_stops_the_build(tmp_path: Path) -> None:
    from conftest import copy_project
    project = copy_project(AGENDA, tmp_path / "project")
    path = project / "data/events/dst-samedi.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("publics: [scolaires]", "publics: []"),
                    encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert ("data/events/dst-samedi.yml:6:10 publics: label Semaine d'essai 2020 : trouvé aucun public"
            in result.output)
    assert "Traceback" not in result.output


CHROMIUM = Path("/usr/bin/chromium")


def _dom_after_scripts(site, url_path: str):
    import subprocess
    from bs4 import BeautifulSoup
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    target = (site.site_dir / url_path / "index.html").as_uri()
    completed = subprocess.run([str(CHROMIUM), *flags, "--dump-dom", target], capture_output=True,
                               text=True, timeout=120)
    return BeautifulSoup(completed.stdout, "lxml")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium absent")
def test_script_corrects_the_split_from_today(agenda_site) -> None:
    # Built as if on 29 March 2020; the browser's today is later than every event of the fixture.
    assert dt.date.today() > dt.date(2020, 7, 4)
    page = _dom_after_scripts(agenda_site, "agenda")
    assert all(li.has_attr("hidden") for li in page.select("[data-agenda-upcoming] .tp-event"))
    assert not page.select_one("[data-agenda-upcoming] [data-agenda-empty]").has_attr("hidden")
    past = [li for li in page.select("[data-agenda-past] .tp-event") if not li.has_attr("hidden")]
    assert _ids(past)[:2] == ["fete-deux-jours", "forum-reporte"] and len(past) == 10
    home = _dom_after_scripts(agenda_site, "").select_one("[data-agenda-next]")
    assert all(li.has_attr("hidden") for li in home.select(".tp-event"))
    assert home.has_attr("hidden")  # a band with nothing left to show is hidden
    grid = _dom_after_scripts(agenda_site, "agenda/mois/2020-03")
    assert grid.select('td[aria-current="date"]') == []
    edition = _dom_after_scripts(agenda_site, "semaine-de-l-industrie/2020")
    assert not edition.select_one("form[data-live-filter]").has_attr("hidden")
