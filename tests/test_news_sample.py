"""The Montpellier sample's news: the five seed articles, their French dates, cross-links with
members, values and axes, the home page's latest three, and the committed JSON Schemas."""

from __future__ import annotations

import json

from lxml import etree

from territoire.schemas import SCHEMA_DIR, render

ATOM = "{http://www.w3.org/2005/Atom}"
COUNCIL = "actualites/2019/premier-conseil-industrie-positive/"


def test_five_seed_articles_newest_first(sample_site):
    listing = sample_site.html("actualites/")
    cards = listing.select("article.tp-news-row")
    assert [card.select_one("time").get_text() for card in cards] == [
        "15 novembre 2019", "4 octobre 2019", "22 mars 2019", "8 mars 2018", "3 mars 2015"]
    titles = [card.h2.get_text(strip=True) for card in cards]
    assert titles[1] == "Le Conseil métropolitain de l'industrie positive s'est réuni pour la première fois"
    assert sample_site.exists("actualites/archives/2015/")
    assert sample_site.exists("actualites/categorie/territoires-dindustrie/")


def test_first_council_article(sample_site):
    page = sample_site.html(COUNCIL)
    assert page.select_one(".tp-article__meta time").get_text() == "4 octobre 2019"
    assert "Le mardi 1er octobre 2019" in page.select_one("article").get_text()
    cited = page.select("#membres-cites ~ ul a")
    assert len(cited) == 18
    assert ("Bulane", "../../../membres/bulane/") in [(a.get_text(), a["href"]) for a in cited]
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["datePublished"] == "2019-10-04T00:00:00+02:00"
    # The publisher is the site's organisation: the council, part of the Métropole.
    assert data["publisher"]["name"] == "Conseil métropolitain de l'industrie positive"
    home = json.loads(sample_site.html("").select_one('script[type="application/ld+json"]').string)
    [organization] = [item for item in home["@graph"] if item["@type"] == "Organization"]
    assert organization["parentOrganization"]["name"] == "Montpellier Méditerranée Métropole"
    assert data["publisher"]["@id"] == organization["@id"]


def test_member_value_and_axis_pages_list_their_news(sample_site):
    bulane = sample_site.html("membres/bulane/")
    assert [a["href"] for a in bulane.select(".tp-news-list a")] == ["../../" + COUNCIL]
    uimm = sample_site.html("membres/uimm-montpellier/")
    assert [a.get_text() for a in uimm.select(".tp-news-list a")] == [
        "Le Conseil métropolitain de l'industrie positive s'est réuni pour la première fois",
        "UIMM Occitanie : construire le territoire industriel du futur"]
    engagee = sample_site.html("valeurs/engagee/")
    assert len(engagee.select(".tp-news-list li")) == 3
    axis = sample_site.html("axes/projets-structurants/")
    dates = [t.get_text() for t in axis.select(".tp-news-list time")]
    assert dates == ["4 octobre 2019", "22 mars 2019", "3 mars 2015"]


def test_home_shows_latest_three(sample_site):
    home = sample_site.html("")
    assert [t.get_text() for t in home.select(".tp-home-news time")] == [
        "15 novembre 2019", "4 octobre 2019", "22 mars 2019"]


def test_sample_feeds_use_paris_offsets(sample_site):
    feed = etree.fromstring((sample_site.site_dir / "actualites/atom.xml").read_bytes())
    published = [e.find(ATOM + "published").text for e in feed.findall(ATOM + "entry")]
    assert published == ["2019-11-15T00:00:00+01:00", "2019-10-04T00:00:00+02:00",
                         "2019-03-22T00:00:00+01:00", "2018-03-08T00:00:00+01:00",
                         "2015-03-03T00:00:00+01:00"]
    link = feed.find(ATOM + "entry").find(ATOM + "link").get("href")
    assert link.startswith("https://industrie-positive.montpellier3m.example/actualites/2019/")


def test_articles_stay_out_of_the_top_nav(sample_site):
    tabs = [a.get_text(strip=True) for a in sample_site.html("").select(".tp-nav a")]
    assert "Actualités" in tabs
    assert not any("Conseil métropolitain" in tab for tab in tabs)


def test_news_schemas_are_up_to_date():
    for name in ("news_categories", "authors", "news-front-matter"):
        assert (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8") == render(name), name
