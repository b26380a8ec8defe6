"""Search as a visitor uses it (real Chromium, real sites over HTTP): real queries typed in the
search field, first results asserted, on the sample, on Amiens and on a fixture territory.

The index's contents are tested in tests/test_search_index.py; that the index loads only when a
search starts, in tests/test_lazy_search.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from unittest import mock

import pytest

from conftest import FIXTURES, REPO, build
from gates import serve


@dataclass
class Result:
    title: str
    tags: list[str]
    text: str


def _search(browser, base_url: str, query: str, *, width: int = 1280) -> list[Result]:
    """Type ``query`` in the search field of the about page; the results shown, best first."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "a-propos/", wait_until="networkidle")
        field = page.locator("input[name=query]")
        field.focus()
        page.keyboard.type(query, delay=20)
        return _results(page)
    finally:
        context.close()


def _results(page) -> list[Result]:
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # the worker answers each keystroke: let the last answer land
    return [Result(title=item["title"], tags=item["tags"], text=item["text"]) for item in page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
             const article = item.querySelector('.md-search-result__article');
             return {title: article.querySelector('h1, h2').textContent.trim(),
                     tags: [...article.querySelectorAll('.tp-search-kind > span')].map(tag => tag.textContent.trim()),
                     text: item.textContent};
           })""")]


@pytest.fixture(scope="module")
def amiens_url(tmp_path_factory):
    result = build(REPO / "examples" / "amiens", tmp_path_factory.mktemp("search-amiens"))
    assert result.returncode == 0, result.output
    with serve(result.site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    with mock.patch.dict(os.environ, {"TERRITOIRE_AUJOURDHUI": "2020-03-29"}):
        result = build(FIXTURES / "agenda_territory", tmp_path_factory.mktemp("search-fixture"))
    assert result.returncode == 0, result.output
    with serve(result.site_dir) as url:
        yield url


# --- the sample site ---------------------------------------------------------------------------

def test_member_by_name_comes_first_above_articles(browser, sample_url):
    results = _search(browser, sample_url, "Bulane")
    assert results[0].title == "Bulane"
    assert results[0].tags == ["Membre"]
    # An article that names the firm is found too, below it.
    assert any(result.tags[:1] == ["Actualité"] for result in results[1:])


def test_member_by_its_know_how(browser, sample_url):
    first = _search(browser, sample_url, "soudure")[0]
    assert first.title == "Bulane" and first.tags == ["Membre"]


def test_event_by_a_word_of_its_title_with_its_date(browser, sample_url):
    first = _search(browser, sample_url, "job dating")[0]
    assert first.title == "L'industrie recrute : job dating de la métallurgie"
    assert first.tags == ["Événement", "30 mars 2018"]


def test_event_by_its_commune(browser, sample_url):
    first = _search(browser, sample_url, "Orly")[0]
    assert first.tags[0] == "Événement"
    assert "Orly" in first.text


def test_product_leads_to_its_member_page(browser, sample_url):
    first = _search(browser, sample_url, "Dynaflame")[0]
    assert first.title == "Bulane"
    assert "Dynaflame" in first.text and "Savoir-faire" in first.text


def test_action_sheet(browser, sample_url):
    first = _search(browser, sample_url, "marketing durable")[0]
    assert first.title == "Construire une stratégie de marketing durable"
    assert first.tags == ["Action"]


def test_value(browser, sample_url):
    first = _search(browser, sample_url, "Responsable")[0]
    assert first.title == "Responsable" and first.tags == ["Valeur"]


def test_missing_accents_and_case_do_not_matter(browser, sample_url):
    with_accents = _search(browser, sample_url, "Pionnière")
    without = _search(browser, sample_url, "pionniere")
    assert without[0].title == with_accents[0].title == "Pionnière"
    assert [r.title for r in without[:3]] == [r.title for r in with_accents[:3]]
    first = _search(browser, sample_url, "hydrogene")[0]
    assert first.title == "Bulane"


def test_french_stemming_finds_the_word_family(browser, sample_url):
    # « métallurgiques » is not in the sample; its stem finds « métallurgie ».
    results = _search(browser, sample_url, "métallurgiques")
    assert results[0].tags[0] == "Événement"
    assert "métallurgie" in results[0].title


def test_label_is_a_visible_line_above_the_title_and_result_opens_the_page(browser, sample_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(sample_url + "a-propos/", wait_until="networkidle")
        page.locator("input[name=query]").focus()
        page.keyboard.type("Bulane", delay=20)
        _results(page)
        first = page.locator(".md-search-result__item").first
        label = first.locator(".tp-search-kind__label").first
        assert label.is_visible() and label.inner_text() == "Membre"
        assert label.bounding_box()["y"] < first.locator("h1").bounding_box()["y"]
        # No <nav> per result (unnamed landmarks) once the labels are written.
        assert page.locator(".md-search-result nav").count() == 0
        page.locator(".md-search-result__link").first.click()
        page.wait_for_url("**/membres/bulane/")
    finally:
        context.close()


# --- other territories -------------------------------------------------------------------------

def test_amiens_finds_its_own_territory(browser, amiens_url):
    assert _search(browser, amiens_url, "Amiens")[0].title == "Amiens Métropole, entreprendre et innover"
    upjv = _search(browser, amiens_url, "UPJV")[0]
    assert upjv.title == "Université de Picardie Jules-Verne" and upjv.tags == ["Membre"]
    industry = _search(browser, amiens_url, "industrie")[0]
    assert industry.title == "Industrie numérique" and industry.tags == ["Axe"]
    assert _search(browser, amiens_url, "santé")[0].title == "Santé, longévité et silver économie"
    assert _search(browser, amiens_url, "sante")[0].title == "Santé, longévité et silver économie"


def test_amiens_event_by_words_of_its_title(browser, amiens_url):
    results = _search(browser, amiens_url, "pacte emploi")
    assert results[0].title == "Présentation du pacte pour l'emploi et l'innovation"
    assert results[0].tags[0] == "Événement"


def test_fixture_territory_finds_its_members_and_events_by_commune(browser, fixture_url):
    assert _search(browser, fixture_url, "scierie")[0].title == "Scierie du Val"
    first = _search(browser, fixture_url, "Val-Vert samedi")[0]
    assert first.title == "Atelier du samedi" and first.tags[0] == "Événement"


def test_titles_from_data_are_shown_as_text_not_markup(browser, fixture_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(fixture_url + "a-propos/", wait_until="networkidle")
        page.locator("input[name=query]").focus()
        page.keyboard.type("fete industrie", delay=20)
        results = _results(page)
        assert any("<b>démos</b>" in result.title for result in results)
        assert page.locator(".md-search-result b, .md-search-result em").count() == 0
    finally:
        context.close()
