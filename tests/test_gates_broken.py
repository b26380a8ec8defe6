"""Each quality gate fails on a deliberately broken page: proof that the gates can fail.

tests/fixtures/broken_gates/ holds only what differs from the small valid territory
tests/fixtures/other_territory/: a page with a broken link and anchor, invalid HTML, an image
without alternative text; the script from another host is written into the built page (the
screen of territoire/bodies.py refuses it in a page's Markdown), as a faulty template would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import linkcheck
import pytest

import gates
from conftest import FIXTURES, build, copy_project
from gates import check_links, serve, validate_html

BROKEN_PAGE = "casse/"
MOVING_PAGE = "bouge/"


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("broken")
    project = copy_project(FIXTURES / "other_territory", tmp / "project")
    shutil.copytree(FIXTURES / "broken_gates", project, dirs_exist_ok=True)
    result = build(project, tmp, not_in_nav="/casse.md")
    assert result.returncode == 0, result.output
    page = result.site_dir / BROKEN_PAGE / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<script src="https://cdn.exemple.com/suivi.js"></script>\n</body>', 1),
        encoding="utf-8")
    assert "cdn.exemple.com" in page.read_text(encoding="utf-8")
    # A valid page that a script makes move once shown, as a block shown late by a script does.
    moving = result.site_dir / MOVING_PAGE / "index.html"
    moving.parent.mkdir()
    moving.write_text((result.site_dir / "a-propos" / "index.html").read_text(encoding="utf-8").replace(
        "</body>", "<script>setTimeout(() => { const block = document.createElement('p'); "
        "block.style.height = '300px'; block.textContent = 'Annonce'; "
        "document.querySelector('.md-content').prepend(block); }, 300);</script>\n</body>", 1),
        encoding="utf-8")
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


def test_layout_gate_sees_a_page_that_moves_once_shown(browser, broken_url) -> None:
    # The shift must come back on the visits that confirm it (gates.Browser._confirmed_shift).
    visit = browser.visit(broken_url + MOVING_PAGE, run_axe=False)
    assert [problem for problem in visit.layout_problems
            if problem.startswith("la mise en page bouge après l'affichage")], visit.layout_problems


def test_privacy_gate_sees_the_third_party_script(browser, broken_url) -> None:
    visit = browser.visit(broken_url + BROKEN_PAGE, run_axe=False)
    assert visit.foreign_requests() == ["https://cdn.exemple.com/suivi.js"]


def test_anchor_canary_fails_the_gate_when_anchors_are_not_checked(broken_url, tmp_path: Path,
                                                                   monkeypatch) -> None:
    # A wrapper that starts linkchecker without AnchorCheck stands for every way the plugin can
    # go missing: the gate must then stop, not report a clean site.
    no_anchors = tmp_path / "sans_ancres.py"
    no_anchors.write_text(
        "import sys\nfrom linkcheck.command import linkchecker as command\n"
        "from linkcheck import configuration\n"
        "read = configuration.Configuration.read\n"
        "def read_without_anchors(self, files=None):\n"
        "    read(self, files)\n"
        "    self['enabledplugins'] = []\n"
        "configuration.Configuration.read = read_without_anchors\n"
        "command.drop_privileges = lambda: None\n"
        "command.linkchecker()\n", encoding="utf-8")
    monkeypatch.setattr(gates, "LINKCHECKER_RUN", no_anchors)
    with pytest.raises(AssertionError, match="ancre témoin"):
        check_links(broken_url, tmp_path)


@pytest.mark.skipif(os.geteuid() != 0, reason="linkchecker ne change d'utilisateur qu'en root")
def test_anchors_are_checked_when_the_project_sits_in_a_private_folder(broken_url, tmp_path: Path,
                                                                        monkeypatch) -> None:
    # A fresh clone in `mktemp -d` is mode 0700: linkchecker, which drops from root to "nobody"
    # before listing its plugins, then loads none. Reproduce that with a private copy of it.
    private = tmp_path / "prive"
    private.mkdir(mode=0o700)
    shutil.copytree(Path(linkcheck.__file__).parent, private / "linkcheck")
    monkeypatch.setenv("PYTHONPATH", str(private))
    plain = subprocess.run(
        [sys.executable, "-m", "linkcheck", "--no-status", "--output", "csv",
         "--config", str(_anchor_config(tmp_path)), broken_url],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert "page-absente" in plain.stdout and "ancre-absente" not in plain.stdout, (
        "la copie privée ne reproduit plus le défaut de linkchecker", plain.stdout)
    status, broken = check_links(broken_url, tmp_path)
    assert {row["urlname"] for row in broken} == {"../page-absente/", "../a-propos/#ancre-absente"}


def _anchor_config(folder: Path) -> Path:
    config = folder / "linkcheckerrc-brut"
    config.write_text("[checking]\nmaxrequestspersecond=100\n[AnchorCheck]\n", encoding="utf-8")
    return config
