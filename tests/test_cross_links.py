"""Articles, events, roadmap actions and the governance page link each other, both ways.

A small territory (the agenda fixture plus three articles and one roadmap action, written here) is
built once with "today" set to 29 March 2020; the Montpellier sample is checked with its real
relations (first council, Grand-Orly, UIMM, ESS café-débat, actions from the council's themes).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from unittest import mock

import pytest

from conftest import FIXTURES, REPO, build, copy_project
from territoire import load_site

AGENDA = FIXTURES / "agenda_territory"

FILES = {
    "data/news_categories.yml": "categories:\n  - nom: Vie du réseau\n    description: Le réseau.\n",
    "data/authors.yml": "auteurs:\n  - id: redaction\n    nom: Rédaction du Val\n",
    "content/actualites/index.md": "# Actualités\n",
    # Names the February council: the article -> event link, and a minute of the council.
    "content/actualites/posts/compte-rendu-fevrier.md": (
        "---\ntitle: Compte rendu du conseil de février\ndate: 2020-02-10\n"
        "resume: Ce que le conseil a décidé.\ncategories: [Vie du réseau]\n"
        "evenements: [conseil-2020-02-06]\n---\n\nLe conseil a siégé.\n"),
    # Named by the Saturday workshop only: the event -> article link.
    "content/actualites/posts/annonce-atelier.md": (
        "---\ntitle: Un atelier pour les scolaires\ndate: 2020-03-01\n"
        "resume: L'atelier ouvre ses portes.\ncategories: [Vie du réseau]\n---\n\nVenez.\n"),
    # A draft about the January council: published nowhere, so linked from nowhere.
    "content/actualites/posts/brouillon-conseil.md": (
        "---\ntitle: Brouillon sur le conseil de janvier\ndate: 2020-01-10\n"
        "resume: Pas encore relu.\ncategories: [Vie du réseau]\ndraft: true\n"
        "evenements: [conseil-2020-01-02]\n---\n\nÀ relire.\n"),
    "data/roadmap.yml": (
        "actions:\n  - id: former-au-conseil\n    titre: Former les jeunes au conseil\n"
        "    axe: former\n    statut: en cours\n    pilote: scierie-du-val\n"
        "    debut: 2020-01-01\n    echeance: 2020-06-30\n    description: Issue du conseil.\n"
        "    mise_a_jour: 2020-02-10\n    evenements: [conseil-2020-02-06]\n"
        "    actualites: [compte-rendu-fevrier, brouillon-conseil]\n"),
}


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("linked")
    project = copy_project(AGENDA, tmp / "project")
    for relative, text in FILES.items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    workshop = project / "data/events/dst-samedi.yml"
    workshop.write_text(workshop.read_text(encoding="utf-8") + "actualites: [annonce-atelier]\n",
                        encoding="utf-8")
    with mock.patch.dict(os.environ, {"TERRITOIRE_AUJOURDHUI": "2020-03-29"}):
        result = build(project, tmp)
    assert result.returncode == 0, result.output
    return result


def _links(section) -> list[tuple[str, str]]:
    """(text, href) of the links of a section, the titles of the items they name."""
    assert section is not None
    return [(" ".join(a.get_text().split()), a["href"]) for a in section.select("li a")
            if "tp-status" not in (a.get("class") or [])]


def _section(page, heading_id: str):
    heading = page.find(id=heading_id)
    return heading.find_parent("section") if heading else None


def _action_titles(page) -> list[str]:
    section = _section(page, "actions-liees")
    return [a.get_text(strip=True) for a in section.select(".tp-action__title a")] if section else []


# The small territory --------------------------------------------------------------------------

def test_article_links_to_its_event_and_the_event_back(linked_site) -> None:
    article = linked_site.html("actualites/2020/compte-rendu-du-conseil-de-fevrier/")
    assert _links(_section(article, "evenements-cites")) == [
        ("Conseil du Val", "../../../agenda/conseil-2020-02-06/")]
    assert "jeudi 6 février 2020" in _section(article, "evenements-cites").get_text()
    event = linked_site.html("agenda/conseil-2020-02-06/")
    assert _links(_section(event, "actualites-evenement")) == [
        ("Compte rendu du conseil de février", "../../actualites/2020/compte-rendu-du-conseil-de-fevrier/")]


def test_event_listing_an_article_links_to_it(linked_site) -> None:
    event = linked_site.html("agenda/dst-samedi/")
    assert _links(_section(event, "actualites-evenement")) == [
        ("Un atelier pour les scolaires", "../../actualites/2020/un-atelier-pour-les-scolaires/")]
    # The article names no event, yet shows the one that names it: links go both ways.
    article = linked_site.html("actualites/2020/un-atelier-pour-les-scolaires/")
    assert _links(_section(article, "evenements-cites")) == [
        ("Atelier du samedi", "../../../agenda/dst-samedi/")]


def test_draft_article_is_linked_from_nowhere(linked_site) -> None:
    assert _section(linked_site.html("agenda/conseil-2020-01-02/"), "actualites-evenement") is None
    action = linked_site.html("feuille-de-route/actions/former-au-conseil/")
    assert [text for text, _ in _links(_section(action, "actualites-liees"))] == [
        "Compte rendu du conseil de février"]
    everything = "\n".join(p.read_text(encoding="utf-8") for p in linked_site.site_dir.rglob("*.html"))
    assert "Brouillon sur le conseil" not in everything


def test_action_links_events_and_news_with_titles_and_back(linked_site) -> None:
    action = linked_site.html("feuille-de-route/actions/former-au-conseil/")
    assert _links(_section(action, "evenements-lies")) == [
        ("Conseil du Val", "../../../agenda/conseil-2020-02-06/")]
    assert _links(_section(action, "actualites-liees")) == [
        ("Compte rendu du conseil de février", "../../../actualites/2020/compte-rendu-du-conseil-de-fevrier/")]
    assert _action_titles(linked_site.html("agenda/conseil-2020-02-06/")) == ["Former les jeunes au conseil"]
    assert _action_titles(linked_site.html("agenda/conseil-2020-03-05/")) == []
    article = linked_site.html("actualites/2020/compte-rendu-du-conseil-de-fevrier/")
    assert _action_titles(article) == ["Former les jeunes au conseil"]
    assert _action_titles(linked_site.html("actualites/2020/un-atelier-pour-les-scolaires/")) == []


def test_governance_lists_meetings_upcoming_and_past_and_their_minutes(linked_site) -> None:
    page = linked_site.html("gouvernance/")
    upcoming = page.select('ul[aria-labelledby="seances-a-venir"] a')
    past = page.select('ul[aria-labelledby="seances-passees"] a')
    assert [a["href"] for a in upcoming] == ["../agenda/conseil-2020-04-02/"]
    assert "Annulé" in upcoming[0].find_parent("li").get_text()
    assert [a["href"] for a in past] == ["../agenda/conseil-2020-03-05/", "../agenda/conseil-2020-02-06/",
                                        "../agenda/conseil-2020-01-02/"]
    assert {a.get_text(strip=True) for a in upcoming + past} == {"Conseil du Val"}
    assert _links(_section(page, "comptes-rendus")) == [
        ("Compte rendu du conseil de février", "../actualites/2020/compte-rendu-du-conseil-de-fevrier/")]


# The Montpellier sample -----------------------------------------------------------------------

SAMPLE_PAIRS = [
    ("actualites/2019/premier-conseil-industrie-positive/", "agenda/conseil-industrie-positive-2019-10-01/"),
    ("actualites/2019/grand-orly-seine-bievre-protocole-territoire-d-industrie/",
     "agenda/signature-territoire-industrie-grand-orly/"),
    ("actualites/2018/uimm-occitanie-territoire-industriel-du-futur/",
     "agenda/journee-uimm-territoire-industriel-du-futur/"),
    ("actualites/2019/cafe-debat-economie-sociale-et-solidaire/", "agenda/cafe-debat-ess/"),
]


@pytest.mark.parametrize(("article_path", "event_path"), SAMPLE_PAIRS)
def test_sample_article_and_event_link_each_other(sample_site, article_path, event_path) -> None:
    article = sample_site.html(article_path)
    event = sample_site.html(event_path)
    [(event_title, event_href)] = _links(_section(article, "evenements-cites"))
    assert event_title == event.h1.get_text(strip=True)
    assert event_href == "../../../" + event_path
    [(article_title, article_href)] = _links(_section(event, "actualites-evenement"))
    assert article_title == article.h1.get_text(strip=True)
    assert article_href == "../../" + article_path


def test_sample_actions_link_to_the_council_meetings_of_their_themes(sample_site) -> None:
    site = load_site(REPO)
    november = "conseil-industrie-positive-2019-11-05"
    action = sample_site.html("feuille-de-route/actions/strategie-marketing-durable/")
    assert _links(_section(action, "evenements-lies")) == [
        (site.agenda.event(november).title, f"../../../agenda/{november}/")]
    meeting = sample_site.html(f"agenda/{november}/")
    assert _action_titles(meeting) == [a.title for a in site.roadmap.about_event(november)]
    assert "Construire une stratégie de marketing durable" in _action_titles(meeting)
    first = sample_site.html("feuille-de-route/actions/installer-le-conseil/")
    assert [t for t, _ in _links(_section(first, "actualites-liees"))] == [
        "Le Conseil métropolitain de l'industrie positive s'est réuni pour la première fois"]
    article = sample_site.html("actualites/2019/premier-conseil-industrie-positive/")
    assert "Installer le Conseil métropolitain de l'industrie positive" in _action_titles(article)


def test_sample_governance_links_meetings_and_minutes(sample_site) -> None:
    page = sample_site.html("gouvernance/")
    hrefs = [a["href"] for a in _section(page, "seances").select("li a")]
    council = load_site(REPO).agenda.council_meetings()
    assert sorted(hrefs) == sorted(f"../agenda/{e.id}/" for e in council) and len(hrefs) == 5
    assert _links(_section(page, "comptes-rendus")) == [
        ("Le Conseil métropolitain de l'industrie positive s'est réuni pour la première fois",
         "../actualites/2019/premier-conseil-industrie-positive/")]


# Open data ------------------------------------------------------------------------------------

def _export(site, name: str) -> dict:
    import json
    return json.loads((site.site_dir / "donnees" / name).read_text(encoding="utf-8"))


def test_events_and_news_exports_follow_the_data(linked_site) -> None:
    import csv
    events = _export(linked_site, "events.json")
    agenda = load_site(AGENDA).agenda
    records = events["enregistrements"]
    assert [r["id"] for r in records] == sorted(e.id for e in agenda.events)
    saturday = next(r for r in records if r["id"] == "dst-samedi")
    assert saturday["debut"] == "2020-03-28T10:00:00+01:00" and saturday["actualites"] == ["annonce-atelier"]
    assert saturday["publics"] == ["Scolaires"] and saturday["gratuit"] is True
    assert saturday["page"].endswith("/agenda/dst-samedi/")
    assert next(r for r in records if r["id"] == "conseil-2020-04-02")["statut"] == "annulé"
    rows = list(csv.DictReader((linked_site.site_dir / "donnees/events.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    assert next(row for row in rows if row["id"] == "dst-samedi")["gratuit"] == "true"
    news = _export(linked_site, "news.json")["enregistrements"]
    assert [(r["id"], r["evenements"]) for r in news] == [
        ("annonce-atelier", []), ("compte-rendu-fevrier", ["conseil-2020-02-06"])]  # no draft
    assert news[1]["page"].endswith("/actualites/2020/compte-rendu-du-conseil-de-fevrier/")
    page = linked_site.html("donnees/")
    for dataset, field in (("events", "journee_entiere"), ("news", "evenements")):
        section = page.find(id=f"jeu-{dataset}").find_parent("section")
        assert field in [code.get_text() for code in section.select("th code")]
        assert {a.get_text() for a in section.select("a[download]")} == {f"{dataset}.json", f"{dataset}.csv"}


def test_sample_exports_hold_the_agenda_and_the_news(sample_site) -> None:
    site = load_site(REPO)
    events = {r["id"]: r for r in _export(sample_site, "events.json")["enregistrements"]}
    assert set(events) == {e.id for e in site.agenda.events}
    assert events["cafe-debat-ess"]["actualites"] == ["cafe-debat-economie-sociale-et-solidaire"]
    news = {r["id"]: r for r in _export(sample_site, "news.json")["enregistrements"]}
    assert news["premier-conseil-industrie-positive"]["evenements"] == [
        "conseil-industrie-positive-2019-10-01"]
    assert len(news) == len(site.news)


# Every declared link, both ways -------------------------------------------------------------------

RELATED_SECTIONS = ("evenements-cites", "actualites-evenement", "evenements-lies",
                    "actualites-liees", "actions-liees")


def _linked_urls(site, url: str) -> set[str]:
    """Site-relative URLs of the pages a built page links to from its « related » sections."""
    page = site.html(url)
    anchors = [a for heading_id in RELATED_SECTIONS if _section(page, heading_id) is not None
               for a in _section(page, heading_id).select("a[href]")]
    found = set()
    for anchor in anchors:
        href = anchor["href"].split("#")[0]
        if not href or "://" in href:
            continue
        resolved = posixpath.normpath(posixpath.join(url, href))
        found.add("" if resolved == "." else resolved.rstrip("/") + "/")
    return found


def _declared_pairs(project: Path, news_urls: dict[str, str]) -> list[tuple[str, str, str]]:
    """(who declared it, page, page) for every link written in the data, on either side."""
    site = load_site(project)
    pairs = []
    for item in site.news:
        article = news_urls.get(Path(item.src_uri).stem)
        if article is None:  # a draft: published nowhere
            continue
        pairs += [("article.evenements", article, f"agenda/{e}/") for e in item.front.events
                  if site.agenda.find(e)]
    for event in site.agenda.events:
        pairs += [("événement.actualites", f"agenda/{event.id}/", news_urls[n]) for n in event.news
                  if n in news_urls]
    for action in site.roadmap.actions:
        page = f"feuille-de-route/actions/{action.id}/"
        pairs += [("action.evenements", page, f"agenda/{e}/") for e in action.events]
        pairs += [("action.actualites", page, news_urls[n]) for n in action.news if n in news_urls]
    return pairs


def test_every_declared_link_goes_both_ways(linked_site) -> None:
    news_urls = {"compte-rendu-fevrier": "actualites/2020/compte-rendu-du-conseil-de-fevrier/",
                 "annonce-atelier": "actualites/2020/un-atelier-pour-les-scolaires/"}
    pairs = _declared_pairs(linked_site.site_dir.parent / "project", news_urls)
    # Each kind of declaration is exercised: by the article, by the event, by the action.
    assert {who for who, _, _ in pairs} == {"article.evenements", "événement.actualites",
                                            "action.evenements", "action.actualites"}
    missing = [(who, a, b) for who, a, b in pairs
               if b not in _linked_urls(linked_site, a) or a not in _linked_urls(linked_site, b)]
    assert not missing, missing


def test_every_declared_link_of_the_sample_goes_both_ways(sample_site) -> None:
    site = load_site(REPO)
    # Every sample article sets its « slug »: its address follows from its year and slug.
    news_urls = {Path(item.src_uri).stem: f"actualites/{item.date.year}/{item.front.slug}/"
                 for item in site.news}
    pairs = _declared_pairs(REPO, news_urls)
    assert len(pairs) >= 10
    missing = [(who, a, b) for who, a, b in pairs
               if b not in _linked_urls(sample_site, a) or a not in _linked_urls(sample_site, b)]
    assert not missing, missing
