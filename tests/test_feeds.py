"""Every feed of the sample and of the news fixture, read as a reader reads it (feedparser) and
checked against its format's rules (tests/machine_rules.py): own address as « self », the page
as RSS's <link>, a PNG/JPEG/GIF logo, an author and a cover picture on every entry."""

from __future__ import annotations

import feedparser
import pytest

from conftest import FIXTURES, build
from machine_rules import check_feeds, site_url_of

SITE_URL = "https://essai.example/"


@pytest.fixture(scope="module")
def news_site(tmp_path_factory):
    result = build(FIXTURES / "news", tmp_path_factory.mktemp("feeds"), site_url=SITE_URL)
    assert result.returncode == 0, result.output
    return result


def _assert_valid(site_dir, expected_count):
    report = check_feeds(site_dir)
    assert len(report) == expected_count, sorted(report)
    broken = {name: problems for name, problems in report.items() if problems}
    assert not broken, broken


def test_sample_feeds_follow_their_formats(sample_site):
    # All news and three categories, each in Atom and RSS.
    _assert_valid(sample_site.site_dir, 8)


def test_fixture_feeds_follow_their_formats(news_site):
    _assert_valid(news_site.site_dir, 2 * (1 + 2))


def test_rss_names_itself_and_links_the_page(news_site):
    parsed = feedparser.parse((news_site.site_dir / "actualites/rss.xml").read_bytes())
    assert parsed.feed.link == SITE_URL + "actualites/"
    selves = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert selves == [SITE_URL + "actualites/rss.xml"]
    assert parsed.feed.image.href == SITE_URL + "assets/images/logo-512.png"
    category = feedparser.parse(
        (news_site.site_dir / "actualites/categorie/economie/rss.xml").read_bytes())
    assert [link.href for link in category.feed.links if link.rel == "self"] == [
        SITE_URL + "actualites/categorie/economie/rss.xml"]


def test_entries_carry_author_and_cover_in_both_formats(news_site):
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse((news_site.site_dir / "actualites" / name).read_bytes())
        for entry in parsed.entries:
            assert entry.author, (name, entry.title)
            (enclosure,) = entry.enclosures
            assert enclosure.type in {"image/jpeg", "image/png"}, (name, entry.title)
            assert enclosure.href.startswith(SITE_URL + "assets/partage/"), (name, entry.title)
            assert int(enclosure.length) > 0


def test_site_url_is_read_from_the_sitemap(news_site):
    assert site_url_of(news_site.site_dir) == SITE_URL
