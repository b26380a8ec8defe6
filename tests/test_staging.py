"""Nothing built is lost, at any stage (issue 14, item 6).

A site is built, then builds that fail late run into the same folder: an exception after every
page was written (``on_post_build``), a page that fails to render halfway, a warning that strict
mode refuses at the very end, a build killed by SIGTERM in the middle. Each time the previous site
must be there byte for byte, and no staging folder may be left behind by a build that ended.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from commands import (TIMEOUT, config_with_hooks, english_lines, leftovers, snapshot, tasks,
                      territoire, wait_until)
from conftest import FIXTURES, build, copy_project

HOOKS = FIXTURES / "test_hooks"
BASE = FIXTURES / "other_territory"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A valid site of the small territory, and its snapshot."""
    tmp = tmp_path_factory.mktemp("staging")
    project = copy_project(BASE, tmp / "project")
    result = build(project, tmp)
    assert result.returncode == 0, result.output
    return project, result.site_dir, snapshot(result.site_dir)


def _site_copy(built, tmp_path: Path) -> Path:
    _project, site_dir, before = built
    copy = tmp_path / "site"
    subprocess.run(["cp", "-a", str(site_dir), str(copy)], check=True)
    assert snapshot(copy) == before
    return copy


def _mkdocs(config: Path, site_dir: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                           "-d", str(site_dir)], capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, **kwargs)


@pytest.mark.parametrize("hook", ["fail_late.py", "fail_render.py", "strict_warning.py"])
def test_a_build_that_fails_late_keeps_the_previous_site(built, tmp_path, hook):
    project, _site, before = built
    site_dir = _site_copy(built, tmp_path)
    config = config_with_hooks(project, tmp_path / "mkdocs.yml", site_dir, HOOKS / hook)
    failed = _mkdocs(config, site_dir)
    assert failed.returncode != 0, failed.stdout + failed.stderr
    assert snapshot(site_dir) == before
    assert leftovers(site_dir) == []


def test_without_the_staging_hook_the_same_failure_wipes_the_site(built, tmp_path):
    """The test above can fail: MkDocs alone empties the folder before it fails."""
    project, _site, before = built
    site_dir = _site_copy(built, tmp_path)
    config = config_with_hooks(project, tmp_path / "mkdocs.yml", site_dir, HOOKS / "fail_render.py")
    text = config.read_text(encoding="utf-8")
    config.write_text("\n".join(line for line in text.splitlines()
                                if not line.endswith("hooks/staging.py")), encoding="utf-8")
    assert _mkdocs(config, site_dir).returncode != 0
    assert snapshot(site_dir) != before


def test_a_build_killed_in_the_middle_keeps_the_previous_site(built, tmp_path):
    project, _site, before = built
    site_dir = _site_copy(built, tmp_path)
    config = config_with_hooks(project, tmp_path / "mkdocs.yml", site_dir, HOOKS / "hang.py")
    marker = tmp_path / "pages-written"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TERRITOIRE_TEST_MARKER": str(marker)})
    try:
        wait_until(marker.exists, what="les pages écrites dans le dossier de préparation")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=TIMEOUT)
    staged = Path(marker.read_text(encoding="utf-8"))
    assert staged.parent == site_dir.parent and (staged / "index.html").is_file()
    assert snapshot(site_dir) == before
    assert leftovers(site_dir) == [staged.name]  # killed: nothing could clean it up

    # The next build removes what the killed one left and replaces the site.
    (site_dir / "obsolete.html").write_text("ancienne page", encoding="utf-8")
    rebuilt = build(project, tmp_path)
    assert rebuilt.returncode == 0, rebuilt.output
    assert leftovers(site_dir) == []
    assert not (site_dir / "obsolete.html").exists()
    assert snapshot(site_dir) == before


def test_a_build_killed_between_the_two_renames_gets_its_site_back(built, tmp_path):
    """The swap renames the site away, then the staging folder in: a kill in between leaves no
    site at all; the next build, even a refused one, puts the previous site back first."""
    project, _site, before = built
    site_dir = _site_copy(built, tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    site_dir.rename(site_dir.parent / f".site.previous-{dead.pid}-0abc")
    broken = copy_project(project, tmp_path / "broken")
    figures = broken / "data" / "key_figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8") + "\nnimporte: quoi\n", encoding="utf-8")
    refused = build(broken, tmp_path)
    assert refused.returncode != 0
    assert snapshot(site_dir) == before
    assert leftovers(site_dir) == []


def test_another_build_in_progress_keeps_its_staging_folder(built, tmp_path):
    project, _site, _before = built
    site_dir = _site_copy(built, tmp_path)
    try:
        sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        running = site_dir.parent / f".site.staging-{sleeper.pid}-0def"
        running.mkdir()
        assert build(project, tmp_path).returncode == 0
        assert running.is_dir()  # a live process's build is never touched
    finally:
        sleeper.kill()
        sleeper.wait()
    assert build(project, tmp_path).returncode == 0
    assert leftovers(site_dir) == []


def test_a_successful_build_leaves_no_staging_folder(built, tmp_path):
    project, _site, before = built
    site_dir = _site_copy(built, tmp_path)
    assert build(project, tmp_path).returncode == 0
    assert leftovers(site_dir) == []
    assert snapshot(site_dir) == before


@pytest.mark.parametrize("command", ["territoire", "tasks"])
def test_our_build_commands_keep_the_site_when_the_content_is_refused(built, tmp_path, command):
    project, _site, before = built
    site_dir = _site_copy(built, tmp_path)
    broken = copy_project(project, tmp_path / "broken")
    page = broken / "content" / "a-propos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVoir [la page](/nulle-part/).\n",
                    encoding="utf-8")
    if command == "territoire":
        failed = territoire("build", "--project", broken, "--site-dir", site_dir, cwd=tmp_path)
    else:
        failed = tasks("build", broken, "--site-dir", site_dir, cwd=tmp_path)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert english_lines(failed.stdout + failed.stderr) == []
    assert failed.stderr.splitlines()[-1] == ("Le site n'a pas été construit et le site précédent "
                                              "est intact : corrigez ces erreurs puis relancez.")
    assert snapshot(site_dir) == before
    assert leftovers(site_dir) == []
