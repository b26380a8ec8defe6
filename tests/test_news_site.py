"""News on a small fixture territory: listing order and pagination, archive and category pages,
French dates, cross-links, feeds, JSON-LD, and drafts and future-dated items kept out of every
production output but shown by ``mkdocs serve``."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from lxml import etree

from commands import interrupt
from conftest import FIXTURES, REPO, build, write_config

PROJECT = FIXTURES / "news"
SITE_URL = "https://essai.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLISHED = ["conseil-de-mars", "atelier-recrute", "bilan-annuel"]  # newest first
HIDDEN = {"brouillon-secret": "Motdubrouillon", "annonce-future": "Motdufutur"}


def _plugins(per_page: int) -> list:
    """The repo's plugins, with a small page size so that three articles need two pages."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "blog" in plugin:
            plugin = {"blog": {**plugin["blog"], "pagination_per_page": per_page}}
        plugins.append(plugin)
    return plugins


@pytest.fixture(scope="module")
def news_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("news")
    result = build(PROJECT, tmp, site_url=SITE_URL, plugins=_plugins(2))
    assert result.returncode == 0, result.output
    return result


def _listing_slugs(soup) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1]
            for a in soup.select("article.tp-news-row h2 a")]


def test_listing_is_newest_first_and_paginated(news_site):
    first = news_site.html("actualites/")
    assert _listing_slugs(first) == PUBLISHED[:2]
    assert news_site.exists("actualites/page/2/")
    assert _listing_slugs(news_site.html("actualites/page/2/")) == PUBLISHED[2:]
    card = first.select_one("article.tp-news-row")
    assert card.select_one("time").get_text() == "1er mars 2024"
    assert card.select_one("img.tp-news-card__cover")["alt"] == "Trois cercles colorés."
    assert "Le réseau s'est réuni le premier jour du mois." in card.get_text()


def test_archive_by_year_and_category_pages(news_site):
    assert _listing_slugs(news_site.html("actualites/archives/2024/")) == PUBLISHED[:2]
    assert _listing_slugs(news_site.html("actualites/archives/2023/")) == ["bilan-annuel"]
    reseau = news_site.html("actualites/categorie/vie-du-reseau/")
    assert reseau.h1.find(string=True).strip() == "Vie du réseau"
    assert _listing_slugs(reseau) == ["conseil-de-mars", "bilan-annuel"]
    assert "Ce que fait le réseau." in reseau.select_one(".tp-lead").get_text()
    assert _listing_slugs(news_site.html("actualites/categorie/economie/")) == ["atelier-recrute"]


def test_article_page(news_site):
    page = news_site.html("actualites/2024/conseil-de-mars/")
    assert page.h1.get_text(strip=True) == "Le conseil de mars"
    meta = [li.get_text(" ", strip=True) for li in page.select(".tp-article__meta li")]
    assert meta[:2] == ["Publié le 1er mars 2024", "Mis à jour le 4 mars 2024"]
    assert any(text.endswith("min de lecture") for text in meta)
    assert "Par Rédaction d'essai" in meta
    assert page.select_one(".tp-kicker a").get_text() == "Vie du réseau"
    assert [li.get_text() for li in page.select(".tp-tags li")] == ["gouvernance"]
    assert page.select_one(".tp-article__cover img")["alt"] == "Trois cercles colorés."
    cited = page.select("#membres-cites ~ ul a")
    assert [(a.get_text(), a["href"]) for a in cited] == [("Atelier Un", "../../../membres/atelier/")]
    badges = [a.get_text() for a in page.select("#valeurs-axes ~ ul a")]
    assert badges == ["Valeur\u00a0: Pionnière", "Axe 1\u00a0: Changer l'image"]
    share = {a.get_text(): a["href"] for a in page.select(".tp-share a")}
    article_url = "https%3A//essai.example/actualites/2024/conseil-de-mars/"
    assert set(share) == {"Par courriel", "Sur LinkedIn", "Sur X", "Sur Facebook", "Sur Mastodon"}
    assert all(article_url in href for href in share.values())
    assert share["Par courriel"].startswith("mailto:")
    loaded = [tag.get("src") or tag.get("href") for tag in page.select("[src], link[href]")]
    assert all(not url.startswith(("http:", "https:", "//")) or url.startswith(SITE_URL)
               for url in loaded), "nothing is loaded from another host"
    previous = page.select_one("a[rel=prev]")
    assert previous["href"] == "../atelier-recrute/"
    assert page.select_one("a[rel=next]") is None


def test_news_article_json_ld(news_site):
    page = news_site.html("actualites/2024/conseil-de-mars/")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Le conseil de mars"
    assert data["datePublished"] == "2024-03-01T00:00:00+01:00"
    assert data["dateModified"] == "2024-03-04T00:00:00+01:00"
    # The share picture: the cover cropped to 1200x630 (a JPEG, not the SVG itself).
    [image] = data["image"]
    assert image.startswith(SITE_URL + "assets/partage/") and image.endswith(".jpg")
    assert page.select_one('meta[property="og:image"]')["content"] == image
    assert data["author"] == [{"@type": "Organization", "name": "Rédaction d'essai"}]
    # No full name of the governing body in this fixture: the site's signature names it.
    assert data["publisher"]["name"] == "Essai, l'industrie d'essai"
    assert data["publisher"]["logo"]["url"] == SITE_URL + "assets/images/logo-512.png"
    assert data["mainEntityOfPage"] == SITE_URL + "actualites/2024/conseil-de-mars/"


def test_cross_links_both_ways(news_site):
    member = news_site.html("membres/atelier/")
    links = [(a.get_text(), a["href"]) for a in member.select(".tp-news-list a")]
    assert links == [("Le conseil de mars", "../../actualites/2024/conseil-de-mars/"),
                     ("L'Atelier Un recrute", "../../actualites/2024/atelier-recrute/")]
    assert member.select_one(".tp-news-list time").get_text() == "1er mars 2024"
    fonderie = news_site.html("membres/fonderie/")
    assert [a.get_text() for a in fonderie.select(".tp-news-list a")] == ["L'Atelier Un recrute"]
    value = news_site.html("valeurs/engagee/")
    assert [a.get_text() for a in value.select(".tp-news-list a")] == ["Le bilan de l'année"]
    axis = news_site.html("axes/image/")
    assert [a.get_text() for a in axis.select(".tp-news-list a")] == ["Le conseil de mars",
                                                                      "Le bilan de l'année"]
    home = news_site.html("")
    assert [a.get_text() for a in home.select(".tp-home-news h3 a")] == [
        "Le conseil de mars", "L'Atelier Un recrute", "Le bilan de l'année"]


def _parse(path: Path):
    return etree.fromstring(path.read_bytes())


def test_atom_feeds_all_and_per_category(news_site):
    feed = _parse(news_site.site_dir / "actualites/atom.xml")
    for field in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + field) is not None, field
    assert feed.find(ATOM + "updated").text == "2024-03-04T00:00:00+01:00"
    entries = feed.findall(ATOM + "entry")
    assert [e.find(ATOM + "title").text for e in entries] == [
        "Le conseil de mars", "L'Atelier Un recrute", "Le bilan de l'année"]
    first = entries[0]
    assert first.find(ATOM + "id").text == SITE_URL + "actualites/2024/conseil-de-mars/"
    assert first.find(ATOM + "link").get("href") == SITE_URL + "actualites/2024/conseil-de-mars/"
    assert first.find(ATOM + "published").text == "2024-03-01T00:00:00+01:00"
    assert first.find(ATOM + "updated").text == "2024-03-04T00:00:00+01:00"
    assert first.find(ATOM + "summary").text == "Le réseau s'est réuni le premier jour du mois."
    assert entries[2].find(ATOM + "published").text == "2023-12-20T00:00:00+01:00"
    category = _parse(news_site.site_dir / "actualites/categorie/economie/atom.xml")
    assert [e.find(ATOM + "title").text for e in category.findall(ATOM + "entry")] == [
        "L'Atelier Un recrute"]


def test_rss_feeds(news_site):
    channel = _parse(news_site.site_dir / "actualites/rss.xml").find("channel")
    for field in ("title", "link", "description"):
        assert channel.find(field).text, field
    items = channel.findall("item")
    assert [i.find("link").text for i in items] == [
        SITE_URL + f"actualites/{year}/{slug}/"
        for year, slug in (("2024", "conseil-de-mars"), ("2024", "atelier-recrute"),
                           ("2023", "bilan-annuel"))]
    assert items[0].find("pubDate").text == "Fri, 01 Mar 2024 00:00:00 +0100"
    reseau = _parse(news_site.site_dir / "actualites/categorie/vie-du-reseau/rss.xml")
    assert len(reseau.find("channel").findall("item")) == 2


def test_feeds_advertised_in_every_head(news_site):
    for url in ("", "membres/atelier/", "actualites/2024/conseil-de-mars/", "valeurs/engagee/"):
        hrefs = {link["href"] for link in news_site.html(url).select('link[rel~="alternate"][type]')}
        assert {SITE_URL + "actualites/atom.xml", SITE_URL + "actualites/rss.xml"} <= hrefs, url
    category = news_site.html("actualites/categorie/economie/")
    hrefs = {link["href"]: link["type"] for link in category.select('link[rel~="alternate"][type]')}
    assert hrefs[SITE_URL + "actualites/categorie/economie/atom.xml"] == "application/atom+xml"


def test_drafts_and_future_items_appear_nowhere(news_site):
    site = news_site.site_dir
    for slug, word in HIDDEN.items():
        assert not any(site.rglob(f"*{slug}*")), slug
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".xml", ".json", ".gz"}:
                raw = path.read_bytes()
                text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
                assert word not in text and slug not in text, (slug, path)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if "brouillon" in d["location"] or "future" in d["location"]]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "conseil-de-mars" in sitemap and "brouillon" not in sitemap
    assert not site.joinpath("actualites/archives/2099").exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_shows_drafts_and_future_items(tmp_path):
    port = _free_port()
    config = write_config(PROJECT, tmp_path / "mkdocs.yml", tmp_path / "site", site_url=SITE_URL)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-f", str(config),
         "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                listing = urllib.request.urlopen(base + "actualites/", timeout=5).read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("mkdocs serve did not start")
                time.sleep(0.5)
        assert "Brouillon secret" in listing and "Annonce future" in listing
        draft = urllib.request.urlopen(base + "actualites/2024/brouillon-secret/", timeout=5).read()
        assert "Motdubrouillon" in draft.decode()
        member = urllib.request.urlopen(base + "membres/atelier/", timeout=5).read().decode()
        assert "Brouillon secret" in member
    finally:
        interrupt(server, timeout=20)
