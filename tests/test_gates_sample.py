"""The quality gates over the built sample site: links, HTML, accessibility and privacy.

Every page type of tests/page_types.py is opened in Chromium: axe-core (WCAG 2.1 A/AA and best
practices) must find nothing, and no request may leave the local server. linkchecker walks the
whole site over HTTP with anchors; vnu validates every page. tests/test_gates_broken.py shows that
each of these gates fails on a deliberately broken page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gates import VNU_ALLOWED, check_links, serve, validate_html
from page_types import PATHS, SEARCH_TYPES


def test_every_page_type_exists(sample_site) -> None:
    for kind, path in PATHS.items():
        file_part = path.split("?", 1)[0]
        assert sample_site.exists(file_part), f"{kind}: {path}"


def test_no_broken_link_or_anchor(sample_site, sample_url, tmp_path: Path) -> None:
    status, broken = check_links(sample_url, tmp_path)
    assert broken == [] and status == 0, broken


def test_every_page_is_valid_html(sample_site) -> None:
    assert validate_html(sample_site.site_dir) == []


def test_html_allow_list_is_short_and_explained() -> None:
    assert len(VNU_ALLOWED) <= 3
    assert all(reason.strip() for reason in VNU_ALLOWED.values())


WIDTHS = (390, 1280)
"""A phone and a laptop: the header, menu and grids change between them."""


@pytest.fixture(scope="module")
def visits(browser, sample_url):
    return {(kind, width): browser.visit(sample_url + path, search=kind in SEARCH_TYPES, width=width)
            for kind, path in PATHS.items() for width in WIDTHS}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PATHS))
def test_page_type_has_no_accessibility_violation(visits, kind: str, width: int) -> None:
    visit = visits[(kind, width)]
    assert visit.violations == [], f"{visit.url} ({width} px)\n{visit.violation_report()}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PATHS))
def test_page_type_fits_the_screen_and_its_icons_their_boxes(visits, kind: str, width: int) -> None:
    visit = visits[(kind, width)]
    assert visit.layout_problems == [], f"{visit.url} ({width} px)"


@pytest.fixture(scope="module")
def trickled_url(sample_site):
    with serve(sample_site.site_dir, trickle=True) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PATHS))
def test_page_type_does_not_move_while_it_arrives_over_a_slow_network(browser, trickled_url,
                                                                      kind: str, width: int) -> None:
    # A page painted while its HTML still arrives: a box anchored to the bottom of a block that
    # grows (the hero's light, CLS 0.13) or a table widening row by row moves what is painted.
    visit = browser.visit(trickled_url + PATHS[kind], search=kind in SEARCH_TYPES, run_axe=False,
                          width=width)
    assert visit.layout_problems == [], f"{visit.url} ({width} px)"


@pytest.mark.parametrize("kind", list(PATHS))
def test_page_type_makes_no_request_to_another_host(visits, kind: str) -> None:
    visit = visits[(kind, 390)]
    assert len(visit.requests) > 1, "aucune requête enregistrée : le test ne verrait rien"
    assert visit.foreign_requests() == []


def test_every_form_control_has_a_name(sample_site) -> None:
    # axe skips hidden controls such as Material's "#__toc" checkbox, which pa11y reports when
    # the page has no table of contents: checked here on every page.
    unnamed = []
    for path in sorted(sample_site.site_dir.rglob("*.html")):
        soup = sample_site.html(path.relative_to(sample_site.site_dir).as_posix())
        labelled = {label.get("for") for label in soup.find_all("label")}
        for control in soup.find_all(["input", "select", "textarea"]):
            if control.get("type") == "hidden" or control.get("aria-label") or control.get("id") in labelled:
                continue
            unnamed.append(f"{path.relative_to(sample_site.site_dir)}: {control}")
    assert unnamed == []


@pytest.fixture(scope="module")
def other_url(tmp_path_factory):
    from conftest import FIXTURES, build
    from gates import serve
    result = build(FIXTURES / "other_territory", tmp_path_factory.mktemp("other-a11y"))
    assert result.returncode == 0, result.output
    with serve(result.site_dir) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "valeurs/solidaire/", "membres/", "membres/bois-et-fer/", "accessibilite/", "a-propos/"])
def test_another_territory_s_colours_stay_accessible(browser, other_url, path: str, width: int) -> None:
    # Contrast depends on the territory's colours (tints, tiles, hero, footer are derived from them).
    visit = browser.visit(other_url + path, width=width)
    assert visit.violations == [], visit.violation_report()
    assert visit.layout_problems == []
    assert visit.foreign_requests() == []


@pytest.fixture(scope="module")
def amiens_url(tmp_path_factory):
    from conftest import REPO, build
    from gates import serve
    result = build(REPO / "examples" / "amiens", tmp_path_factory.mktemp("amiens-a11y"))
    assert result.returncode == 0, result.output
    with serve(result.site_dir) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "membres/", "membres/upjv/", "valeurs/innover/", "agenda/", "a-propos/"])
def test_amiens_pages_stay_accessible(browser, amiens_url, path: str, width: int) -> None:
    visit = browser.visit(amiens_url + path, width=width)
    assert visit.violations == [], visit.violation_report()
    assert visit.layout_problems == []
    assert visit.foreign_requests() == []
