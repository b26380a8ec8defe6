"""Bounds on what a source may expand to (territoire/limits.py, the models' text types).

Every string of every data model has a maximum length; a site that would have too many pages, or
a project with too many files, is refused by ``territoire check`` before anything is built; and the
worst input these bounds still let through is refused in under 5 s and 200 MB. The single cases
(a title of 10,000 characters, a series or an event whose end year is mistyped) are in
tests/bad_inputs/limit-*.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, copy_project
from territoire.limits import DATA_MAX_FILES, SERIES_MAX_YEARS, SITE_MAX_PAGES
from territoire.models.common import PROSE_MAX
from territoire.schemas import SCHEMAS, render

BASE = FIXTURES / "other_territory"
AGENDA = """\
fuseau: Europe/Paris
types:
  - id: conseil
    nom: Conseil
publics:
  - id: entreprises
    nom: Entreprises
"""


def _strings_without_bound(node, where: str) -> list[str]:
    found = []
    if isinstance(node, dict):
        kind = node.get("type")
        if (kind == "string" or (isinstance(kind, list) and "string" in kind)) \
                and "maxLength" not in node and "enum" not in node and "const" not in node:
            found.append(where)
        for key, value in node.items():
            found += _strings_without_bound(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _strings_without_bound(value, f"{where}/{index}")
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_text_of_every_model_has_a_maximum_length(name: str) -> None:
    schema = json.loads(render(name))
    strings = json.dumps(schema).count('"string"')
    assert strings > 0
    assert _strings_without_bound(schema, name) == []


def _series(number: int) -> str:
    """A weekly series at the longest span allowed: valid on its own."""
    return f"""\
titre: Réunion {number}
recurrence:
  frequence: hebdomadaire
  jour: mardi
  du: 2025-01-07
  au: {2025 + SERIES_MAX_YEARS}-01-06
type: conseil
publics: [entreprises]
organisateur:
  nom: Communauté du Val Vert
lieu:
  commune: Val-Vert
"""


def _check(project: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """``territoire check`` in its own process: the result, the seconds it took and the peak
    memory of that process in MB (its own high-water mark, VmHWM: ``ru_maxrss`` would count the
    test process it was forked from, which Linux keeps across exec)."""
    code = ("import re, sys\n"
            "from territoire.cli import main\n"
            "status = main(['check', '--project', sys.argv[1]])\n"
            "sys.stdout.flush()\n"
            "status_file = open('/proc/self/status').read()\n"
            "print('PEAK', re.search(r'VmHWM:\\s+(\\d+) kB', status_file).group(1), file=sys.stderr)\n"
            "sys.exit(status)\n")
    started = time.monotonic()
    completed = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True,
                               text=True, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    elapsed = time.monotonic() - started
    peak = next(int(line.split()[1]) for line in completed.stderr.splitlines()
                if line.startswith("PEAK "))
    return completed, elapsed, peak // 1024


def test_a_site_of_too_many_pages_is_refused_quickly_at_the_file_that_asks_for_most(tmp_path) -> None:
    # The worst the per-file bounds let through: every series as long as allowed (522 weekly
    # meetings, a page each), enough of them to pass the site's page budget.
    project = copy_project(BASE, tmp_path / "project")
    (project / "data" / "agenda.yml").write_text(AGENDA, encoding="utf-8")
    series = project / "data" / "series"
    series.mkdir()
    count = SITE_MAX_PAGES // 500 + 1
    for number in range(count):
        (series / f"reunion-{number:02d}.yml").write_text(_series(number), encoding="utf-8")
    completed, elapsed, peak_mb = _check(project)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output
    lines = [line.strip() for line in output.splitlines() if line.startswith("  ")]
    assert len(lines) == 1, output
    found = re.fullmatch(r"data/series/reunion-00\.yml:1:1 trop de pages : trouvé un site de "
                         r"(\d+)\u202f(\d{3}) pages, dont 522 venues de ce fichier, attendu au plus "
                         r"20\u202f000 pages", lines[0])
    assert found, lines[0]
    # Each series' meetings, and a page for each month of the ten years, and the other pages.
    assert 522 * count + 120 < int(found.group(1) + found.group(2)) < 522 * count + 200
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert peak_mb < 200, f"{peak_mb} Mo"


def test_the_longest_texts_allowed_and_one_more_character_are_refused_quickly(tmp_path) -> None:
    # Texts one character over their bound in every value and member profile.
    project = copy_project(BASE, tmp_path / "project")
    over = "x" * (PROSE_MAX + 1)
    for profile in (project / "data" / "members").glob("*.yml"):
        profile.write_text(f"description: {over}\n", encoding="utf-8")
    completed, elapsed, peak_mb = _check(project)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert output.count("attendu un texte d'au plus 20\u202f000 caractères") == 3, output
    assert "Traceback" not in output
    assert elapsed < 5, f"{elapsed:.1f} s"
    assert peak_mb < 200, f"{peak_mb} Mo"


def test_a_project_with_too_many_files_is_refused_before_any_is_read(tmp_path) -> None:
    project = copy_project(BASE, tmp_path / "project")
    folder = project / "content" / "pieces-jointes"
    folder.mkdir()
    for number in range(DATA_MAX_FILES + 1):
        (folder / f"{number}.txt").touch()
    completed, elapsed, _ = _check(project)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert re.fullmatch(
        r"content/pieces-jointes:1:1 trop de fichiers : trouvé plus de 20\u202f000 fichiers dans "
        r"data/ et content/ \(dont 19\u202f9\d\d dans ce dossier\), attendu au plus 20\u202f000",
        output.splitlines()[1].strip()), output
    assert elapsed < 5, f"{elapsed:.1f} s"


def test_the_sample_is_far_below_every_bound() -> None:
    completed = subprocess.run([sys.executable, "-m", "territoire.cli", "check"], cwd=REPO,
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_data_text_screen_reads_a_long_text_in_linear_time() -> None:
    # The handler pattern ran from each « < » to the next « > »: 60 Ko of « <a » took 27 s.
    from territoire.safety import _text_problem
    started = time.process_time()
    assert _text_problem("<a " * 100_000) is None
    assert _text_problem("<a " * 1_000 + '<img title="<" onerror=x>') is not None
    assert time.process_time() - started < 2
