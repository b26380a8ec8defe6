"""Each quality gate fails on a deliberately broken page: proof that the gates can fail.

tests/fixtures/broken_gates/ holds only what differs from the small valid territory
tests/fixtures/other_territory/: a page with a broken link and anchor, invalid HTML, an image
without alternative text and a script from another host.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, build, copy_project
from gates import check_links, serve, validate_html

BROKEN_PAGE = "casse/"


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("broken")
    project = copy_project(FIXTURES / "other_territory", tmp / "project")
    shutil.copytree(FIXTURES / "broken_gates", project, dirs_exist_ok=True)
    result = build(project, tmp, not_in_nav="/casse.md")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def broken_url(broken_site):
    with serve(broken_site.site_dir) as url:
        yield url


def test_linkchecker_finds_the_broken_link_and_anchor(broken_url, tmp_path: Path) -> None:
    status, broken = check_links(broken_url, tmp_path)
    assert status != 0
    found = {(row["urlname"], row["parentname"].removeprefix(broken_url)) for row in broken}
    assert found == {("../page-absente/", BROKEN_PAGE),
                     ("../a-propos/#ancre-absente", BROKEN_PAGE)}, broken


def test_vnu_finds_the_invalid_html_and_the_image_without_alt(broken_site) -> None:
    errors = validate_html(broken_site.site_dir)
    assert all(error.startswith("casse/index.html:") for error in errors), errors
    text = "\n".join(errors)
    assert "No “p” element in scope but a “p” end tag seen." in text
    assert "An “img” element must have an “alt” attribute" in text


def test_axe_finds_the_image_without_alt(browser, broken_url) -> None:
    visit = browser.visit(broken_url + BROKEN_PAGE)
    assert [v["id"] for v in visit.violations] == ["image-alt"], visit.violation_report()


def test_privacy_gate_sees_the_third_party_script(browser, broken_url) -> None:
    visit = browser.visit(broken_url + BROKEN_PAGE, run_axe=False)
    assert visit.foreign_requests() == ["https://cdn.exemple.com/suivi.js"]
