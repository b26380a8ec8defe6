"""Two builds of the same input are byte-identical.

The only input that is not in the repository is the build date, which MkDocs writes as <lastmod>
in sitemap.xml (and sitemap.xml.gz). MkDocs takes it from SOURCE_DATE_EPOCH when set: a
reproducible build sets it (e.g. to the last commit's time). Builds also run with different
PYTHONHASHSEED values and in different folders, so that any order taken from a set or a dict of
strings, or any absolute path leaking into the output, shows up as a difference.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import REPO, build

# Files that differ between two builds made on different days without SOURCE_DATE_EPOCH.
DATE_DEPENDENT = ["sitemap.xml", "sitemap.xml.gz"]


def differing_files(first: Path, second: Path) -> list[str]:
    def digests(root: Path) -> dict[str, str]:
        return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in root.rglob("*") if path.is_file()}
    left, right = digests(first), digests(second)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def _build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, epoch: str, seed: str) -> Path:
    tmp_path.mkdir()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    monkeypatch.setenv("PYTHONHASHSEED", seed)
    result = build(REPO, tmp_path)
    assert result.returncode == 0, result.output
    return result.site_dir


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _build(tmp_path / "a", monkeypatch, epoch="1700000000", seed="1")
    second = _build(tmp_path / "b", monkeypatch, epoch="1700000000", seed="2")
    assert len(list(first.rglob("*.html"))) > 20
    assert differing_files(first, second) == []


def test_the_build_date_is_the_only_difference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The gate's own check: two different build dates must be caught, and only in the sitemap.
    first = _build(tmp_path / "a", monkeypatch, epoch="1700000000", seed="1")
    second = _build(tmp_path / "b", monkeypatch, epoch="1800000000", seed="1")
    assert differing_files(first, second) == DATE_DEPENDENT
