"""The directory's script in a real browser (Debian's chromium through playwright) on the built
sample site: filters, name box, live count, keyboard use, shareable address, no outside request;
and the e-mail link rebuilt on a member page of the 30-member fixture."""

from __future__ import annotations

import functools
import http.server
import threading
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, build
from directory_project import EMAIL, EMAIL_MEMBER, write_project
from territoire import load_site

CHROMIUM = Path("/usr/bin/chromium")

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium absent de /usr/bin")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ``browser`` is the session's Chromium from tests/gates.py: a second playwright instance in the
# same process fails ("Sync API inside the asyncio loop") whenever the gates' one is running.


@pytest.fixture(scope="module")
def sample_server(sample_site):
    server = _serve(sample_site.site_dir)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def page(browser, sample_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(5000)
    outside: list[str] = []
    tab.on("request", lambda request: None if request.url.startswith(sample_server)
           or request.url.startswith("data:") else outside.append(request.url))
    tab.outside = outside
    yield tab
    context.close()


def _visible_names(tab) -> list[str]:
    return tab.eval_on_selector_all(
        ".tp-member-card:not([hidden]) .tp-card__title a", "links => links.map(a => a.textContent.trim())")


def _status(tab) -> str:
    return " ".join(tab.locator("#tp-filter-status").text_content().split())


def test_select_filters_narrow_the_cards_and_announce_the_count(page, sample_server) -> None:
    site = load_site(REPO)
    page.goto(f"{sample_server}/membres/")
    assert page.locator("#tp-filter").is_visible()
    assert page.locator(".tp-filter-links").is_hidden()
    assert len(_visible_names(page)) == len(site.members) == 18

    page.select_option("#tp-filter-secteur", "numerique")
    expected = [m.name for m in site.members_in_sector("numerique")]
    assert _visible_names(page) == expected and len(expected) > 1
    assert _status(page) == f"{len(expected)} membres sur 18 correspondent aux filtres."
    assert "secteur=numerique" in page.url

    page.select_option("#tp-filter-role", "reseau")
    assert _visible_names(page) == []
    assert page.locator("#tp-filter-empty").is_visible()
    assert _status(page) == "0 membre sur 18 correspond aux filtres."

    page.click("#tp-filter button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.tp-member-card:not([hidden])').length === 18")
    assert _status(page) == "18 membres affichés."
    assert page.url.endswith("/membres/")
    # Nothing leaves the site (main.html keeps Material's repository widget from calling
    # api.github.com; news-head.html keeps its script from fetching sitemaps off the feeds' host).
    assert page.outside == []


def test_value_and_commune_filters_match_the_data(page, sample_server) -> None:
    site = load_site(REPO)
    page.goto(f"{sample_server}/membres/")
    for value in site.values:
        page.select_option("#tp-filter-valeur", value.id)
        assert _visible_names(page) == [m.name for m in site.members_with_value(value.id)]
    page.select_option("#tp-filter-valeur", "")
    page.select_option("#tp-filter-commune", "montpellier")
    assert _visible_names(page) == [m.name for m in site.members if m.profile.commune == "Montpellier"]


def test_name_box_by_keyboard_ignores_accents_and_case(page, sample_server) -> None:
    page.goto(f"{sample_server}/membres/")
    page.locator("#tp-filter-nom").focus()
    page.keyboard.type("MERIDIS")
    assert _visible_names(page) == ["Groupe Méridis"]
    assert _status(page) == "1 membre sur 18 correspond aux filtres."
    # Tab leads from the name box to the first select: the form is usable without a mouse.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tp-filter-secteur"
    page.locator("#tp-filter-nom").fill("chambre")
    names = _visible_names(page)
    assert names and all("chambre" in unicodedata.normalize("NFD", n).lower() for n in names)


def test_a_shared_address_restores_the_filters(page, sample_server) -> None:
    page.goto(f"{sample_server}/membres/?secteur=accompagnement&nom=herault")
    assert page.input_value("#tp-filter-secteur") == "accompagnement"
    assert page.input_value("#tp-filter-nom") == "herault"
    assert _visible_names(page) == ["Chambre de Commerce et d'Industrie de l'Hérault",
                                    "Chambre de Métiers et de l'Artisanat de l'Hérault"]


def test_without_javascript_the_links_are_there_and_the_form_is_not(browser, sample_server) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{sample_server}/membres/")
    assert tab.locator("#tp-filter").is_hidden()
    assert tab.locator(".tp-filter-links").is_visible()
    tab.click(".tp-filter-links summary")  # a disclosure: works without JavaScript
    tab.click(".tp-filter-links a:has-text('Numérique et nouvelles technologies')")
    assert tab.url.endswith("/membres/secteur/numerique/")
    names = tab.eval_on_selector_all(".tp-member-card .tp-card__title a", "l => l.map(a => a.textContent.trim())")
    assert names == [m.name for m in load_site(REPO).members_in_sector("numerique")]
    context.close()


def test_email_link_is_rebuilt_by_the_script(browser, tmp_path_factory) -> None:
    tmp = tmp_path_factory.mktemp("browser-directory")
    result = build(write_project(tmp / "project"), tmp)
    assert result.returncode == 0, result.output
    server = _serve(result.site_dir)
    try:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/membres/{EMAIL_MEMBER}/")
        link = tab.locator(".tp-facts a[href^='mailto:']")
        assert link.get_attribute("href") == f"mailto:{EMAIL}"
        assert link.text_content() == EMAIL
        context.close()
    finally:
        server.shutdown()
