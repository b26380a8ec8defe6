"""The corpus of bad inputs: each one stops a real build with its exact French messages.

A case is a folder of tests/bad_inputs/ holding only the files that differ from the small valid
territory tests/fixtures/other_territory/ (same paths, under data/ or content/), an optional
remove.txt (files of the base to delete, one per line) and expected.txt: the exact error lines,
« fichier:ligne:colonne champ: trouvé …, attendu … ». Adding a case is adding a folder.

Every case runs the real ``mkdocs build --strict`` into a folder that already holds the valid
site: the build must exit non-zero, print exactly the expected errors and no traceback, and leave
every file of that folder as it was (same bytes, same modification time).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import FIXTURES, BuildResult, build, copy_project

BASE = FIXTURES / "other_territory"
CASES_DIR = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(path.name for path in CASES_DIR.iterdir() if path.is_dir())
_CONTROL_FILES = {"expected.txt", "remove.txt"}


def make_project(case: Path, destination: Path) -> Path:
    """The base territory with the case's files laid over it."""
    project = copy_project(BASE, destination)
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.as_posix() in _CONTROL_FILES:
            continue
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    removals = case / "remove.txt"
    if removals.exists():
        for line in removals.read_text(encoding="utf-8").splitlines():
            if line.strip():
                (project / line.strip()).unlink()
    return project


def snapshot(site_dir: Path) -> dict[str, tuple[int, int, str]]:
    return {path.relative_to(site_dir).as_posix():
            (path.stat().st_size, path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def error_lines(output: str) -> list[str]:
    """The issue lines of the French report (indented by two spaces)."""
    return [line[2:] for line in output.splitlines() if line.startswith("  ") and line[2:3] != " "]


@pytest.fixture(scope="module")
def valid_site(tmp_path_factory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("valid")
    result = build(make_project(CASES_DIR / "__none__", tmp / "project"), tmp)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def outcomes(valid_site, tmp_path_factory) -> dict[str, tuple[BuildResult, bool]]:
    """Every case built once, two at a time; for each, the result and whether the site is intact."""
    before = snapshot(valid_site.site_dir)

    def run(name: str) -> tuple[BuildResult, bool]:
        tmp = tmp_path_factory.mktemp(name)
        project = make_project(CASES_DIR / name, tmp / "project")
        shutil.copytree(valid_site.site_dir, tmp / "site", copy_function=shutil.copy2)
        assert snapshot(tmp / "site") == before
        result = build(project, tmp)
        return result, snapshot(result.site_dir) == before

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(CASES, pool.map(run, CASES)))


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    for name in CASES:
        assert (CASES_DIR / name / "expected.txt").is_file(), name


@pytest.mark.parametrize("name", CASES)
def test_bad_input_stops_the_build_and_keeps_the_site(outcomes, name: str) -> None:
    result, site_intact = outcomes[name]
    expected = (CASES_DIR / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert error_lines(result.output) == expected, result.output
    assert "Le site n'a pas été construit" in result.output
    assert site_intact, "le dossier du site construit avant a changé"
