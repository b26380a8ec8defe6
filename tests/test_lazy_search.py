"""The search index is downloaded only when a visitor starts a search (real Chromium, real site).

Material's bundle starts its search worker and requests ``search/search_index.json`` on every
page load; our ``lazy-search.js`` holds both back until the search field gets focus or the address
carries ``?q=``. These tests load the built sample site over HTTP in headless Chromium and watch
every request.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INDEX = "search/search_index.json"
WORKER = "workers/search."


@pytest.fixture(scope="module")
def server(sample_site):
    handler = functools.partial(_QuietHandler, directory=str(sample_site.site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, server):
    """Open a page of the site in a fresh context; returns (page, list of requested URLs)."""
    contexts = []

    def open_page(path: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(server + path, wait_until="networkidle")
        return page, requests

    yield open_page
    for context in contexts:
        context.close()


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
