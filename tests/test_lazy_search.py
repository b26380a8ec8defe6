"""The search index is downloaded only when a visitor starts a search (real Chromium, real site).

Material's bundle starts its search worker and requests ``search/search_index.json`` on every
page load; our ``lazy-search.js`` holds both back until the search field gets focus or the address
carries ``?q=``. These tests load the built sample site over HTTP in headless Chromium and watch
every request.
"""

from __future__ import annotations

import pytest

INDEX = "search/search_index.json"
WORKER = "workers/search."


@pytest.fixture
def visit(browser, sample_url):
    """Open a page of the sample site in a fresh context; returns (page, list of requested URLs).

    ``browser`` and ``sample_url`` are the session's Chromium and HTTP server (tests/gates.py).
    """
    pages = []

    def open_page(path: str):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages.append(page)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(sample_url.rstrip("/") + "/" + path, wait_until="networkidle")
        return page, requests

    yield open_page
    for page in pages:
        page.context.close()


def _fetched_index(requests: list[str]) -> bool:
    return any(INDEX in url for url in requests)


def test_no_index_on_page_load(visit):
    page, requests = visit("membres/bulane/")
    page.wait_for_timeout(500)
    assert page.locator("input[name=query]").count() == 1
    assert not _fetched_index(requests), requests
    assert not any(WORKER in url for url in requests), requests
    assert any("bundle." in url for url in requests)


def test_typing_in_search_fetches_index_and_shows_results(visit):
    page, requests = visit("membres/bulane/")
    with page.expect_request(lambda request: INDEX in request.url):
        page.locator("input[name=query]").focus()
    page.keyboard.type("signature")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "signature" in results.first.inner_text().lower()
    assert sum(INDEX in url for url in requests) == 1
    assert sum(WORKER in url for url in requests) == 1


def test_keyboard_shortcut_starts_search(visit):
    page, requests = visit("a-propos/")
    assert not _fetched_index(requests)
    with page.expect_request(lambda request: INDEX in request.url):
        page.keyboard.press("/")
    page.keyboard.type("Conseil")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


def test_search_link_with_q_loads_index_and_shows_results(visit):
    page, requests = visit("membres/?q=signature")
    assert _fetched_index(requests)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "signature" in results.first.inner_text().lower()
