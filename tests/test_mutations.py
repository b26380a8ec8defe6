"""Random mutations of a valid territory: every check either succeeds or fails with French
« fichier:ligne:colonne … attendu … » lines, never a traceback; and what check accepts, the strict
build accepts (one verdict).

Hypothesis changes one thing in one file of a small valid territory (tests/fixtures/
other_territory plus an agenda, an event and a series): a value replaced by another of any type
(texts with HTML, huge or mistyped dates, lists, mappings…), a key removed or misspelt, a list item
doubled, a line deleted, doubled or re-indented, random characters typed anywhere, HTML pasted
into a page. The examples are fixed
(``derandomize``) so that the suite gives the same verdict on every run;
``TERRITOIRE_MUTATIONS=500`` explores that many new ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, build, copy_project
from territoire.cli import main

AGENDA = """\
fuseau: Europe/Paris
types:
  - id: atelier
    nom: Atelier
  - id: conseil
    nom: Conseil
publics:
  - id: entreprises
    nom: Entreprises
"""
EVENT = """\
titre: Portes ouvertes de la scierie
debut: 2025-03-10 14:00
fin: 2025-03-10 17:00
type: atelier
publics: [entreprises]
organisateur:
  membre: scierie-du-val
lieu:
  nom: Scierie du Val
  commune: Val-Vert
valeurs: [solidaire]
"""
SERIES = """\
titre: Conseil du Val
recurrence:
  frequence: mensuelle
  jour: jeudi
  rang: 1
  du: 2025-01-01
  au: 2025-06-30
heure_debut: "18:00"
heure_fin: "20:00"
type: conseil
publics: [entreprises]
organisateur:
  nom: Communauté du Val Vert
lieu:
  commune: Val-Vert
seances:
  - date: 2025-02-06
    themes: [Budget]
"""
ISSUE_LINE = re.compile(r"^  (?:data|content)/[^\s:]+:\d+:\d+ \S.* attendu .+$")
EXPLORE = int(os.environ.get("TERRITOIRE_MUTATIONS", "0"))
"""``TERRITOIRE_MUTATIONS=500`` explores 500 new random examples instead of the fixed 25."""
BUILDS_MAX = 2
"""Real builds of mutated territories that check accepted (each takes seconds)."""

SPECIAL_TEXTS = [
    "", " ", "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[x](javascript:alert(1))",
    "x" * 25_000, "é" * 301, "2926-01-01", "9999-12-31", "0001-01-01", "2025-02-30", "18:00",
    "24:61", "#zzzzzz", "#ffffff", "https://", "mailto:", "../../etc/passwd", "/absolu.svg",
    "images/absente.svg", "À compléter : texte", "membre:inconnu", "~", "null", "&", "*alias",
    "!!python/object:os.system", "{a: b}", "- a", "\u202e\u0000", "🏭" * 10,
]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(SPECIAL_TEXTS),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=8), st.integers(), max_size=2),
)
PAGE_SNIPPETS = [
    "<iframe src=\"https://ailleurs.example\"></iframe>", "<figure><figcaption>x</figcaption></figure>",
    "<abbr title=\"t\">T</abbr>", "<script src=//x.example/a.js", "[lien](page-absente.md)",
    "[lien](#ancre-absente)", "![x](https://pixel.example/p.png)", "<details><summary>x</summary></details>",
    "[Scierie](membre:scierie-du-val)", "[x](membre:absent)", "`<script>`", "<p style=\"x\">y</p>",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    project = copy_project(FIXTURES / "other_territory", tmp_path_factory.mktemp("base") / "project")
    data = project / "data"
    (data / "agenda.yml").write_text(AGENDA, encoding="utf-8")
    (data / "events").mkdir()
    (data / "events" / "portes-ouvertes.yml").write_text(EVENT, encoding="utf-8")
    (data / "series").mkdir()
    (data / "series" / "conseil.yml").write_text(SERIES, encoding="utf-8")
    code, output = _check(project)
    assert code == 0, output
    return project


def _check(project: Path) -> tuple[int, str]:
    """``territoire check`` in this process: an exception here is the traceback an author would see."""
    out = io.StringIO()
    # From the project's folder, as an author runs it: paths in messages are relative to it.
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = main(["check"])
        except SystemExit as stop:  # argparse and friends
            code = stop.code if isinstance(stop.code, int) else 1
    return code, out.getvalue()


def _paths(data, prefix=()):
    """Every path into a YAML document: mappings by key, lists by index."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, prefix + (index,))


def _set(data, path, value):
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


@st.composite
def mutations(draw, files: list[str]):
    """(relative file, kind, parameters) of one mutation."""
    name = draw(st.sampled_from(files))
    kind = draw(st.sampled_from(["value", "value", "drop", "misspell", "double", "line-drop",
                                 "line-double", "indent", "insert"]
                                + (["page"] if name.endswith(".md") else [])))
    value = draw(st.text(max_size=12)) if kind == "insert" else draw(VALUES)
    return name, kind, draw(st.randoms(use_true_random=False)), value


def _apply(project: Path, name: str, kind: str, rng, value) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if kind == "page" or (name.endswith(".md") and kind in ("value", "drop", "misspell", "double")):
        snippet = rng.choice(PAGE_SNIPPETS)
        path.write_text(text + "\n" + snippet + "\n", encoding="utf-8")
        return
    if kind == "insert":
        position = rng.randrange(len(text) + 1)
        path.write_text(text[:position] + value + text[position:], encoding="utf-8")
        return
    if kind.startswith("line-") or kind == "indent":
        index = rng.randrange(len(lines))
        if kind == "line-drop":
            del lines[index]
        elif kind == "line-double":
            lines.insert(index, lines[index])
        else:
            lines[index] = " " * rng.choice([1, 2, 3, 4]) + lines[index]
        path.write_text("".join(lines), encoding="utf-8")
        return
    data = yaml.safe_load(text)
    paths = [p for p in _paths(data) if p]
    target = rng.choice(paths)
    parent = data
    for part in target[:-1]:
        parent = parent[part]
    if kind == "value":
        _set(data, target, value)
    elif kind == "drop":
        del parent[target[-1]]
    elif kind == "misspell" and isinstance(parent, dict):
        key = target[-1]
        parent[str(key)[:-1] + "x"] = parent.pop(key)
    elif kind == "double" and isinstance(parent, list):
        parent.insert(target[-1], parent[target[-1]])
    else:
        _set(data, target, value)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


_builds = {"count": 0}


@settings(max_examples=EXPLORE or 25, deadline=None, derandomize=not EXPLORE, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_territory_is_checked_in_french_and_never_crashes(base, tmp_path_factory, data) -> None:
    files = sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                   if p.suffix in (".yml", ".md"))
    name, kind, rng, value = data.draw(mutations(files))
    tmp = tmp_path_factory.mktemp("mutation")
    project = tmp / "project"
    shutil.copytree(base, project)
    _apply(project, name, kind, rng, value)

    code, output = _check(project)
    assert "Traceback" not in output, output
    assert code in (0, 1), output
    if code == 1:
        lines = output.splitlines()
        assert re.fullmatch(r"\d+ erreurs? dans les données ou le contenu :", lines[0]), output
        issues = [line for line in lines[1:] if line.startswith("  ")]
        assert issues, output
        for line in issues:
            assert ISSUE_LINE.match(line), line
    elif _builds["count"] < BUILDS_MAX:
        # One verdict: a territory that check accepts, the strict build builds.
        _builds["count"] += 1
        result = build(project, tmp)
        assert result.returncode == 0, (name, kind, result.output[-3000:])
        assert "Traceback" not in result.output


def test_an_invisible_character_is_shown_by_its_code_and_the_issue_stays_on_one_line(base, tmp_path) -> None:
    # Found by the test above: U+001E ends a line for str.splitlines, and so cut the message.
    project = tmp_path / "project"
    shutil.copytree(base, project)
    (project / "data" / "axes.yml").write_text('axes:\n  - "\\x1E"\n', encoding="utf-8")
    code, output = _check(project)
    assert code == 1
    assert output.splitlines()[1] == (
        "  data/axes.yml:2:5 axes[0]: trouvé « <U+001E> », attendu un ensemble de champs "
        "« champ: valeur »")
