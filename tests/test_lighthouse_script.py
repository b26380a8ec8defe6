"""scripts/lighthouse.py does what the README says (issue 19, item 4): it takes the page types by
the French names the README lists, and ``--help`` answers without starting an audit."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO
from page_types import PAGE_TYPES

sys.path.insert(0, str(REPO / "scripts"))
import lighthouse  # noqa: E402

SCRIPT = REPO / "scripts" / "lighthouse.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def test_every_page_type_has_one_french_name():
    assert sorted(lighthouse.FRENCH_NAMES.values()) == sorted(PAGE_TYPES)


def test_the_readme_lists_the_names_the_script_takes():
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    sentence = re.search(r"Les \d+ types actuels, tels que `scripts/lighthouse.py` les nomme : (.+?)\. ",
                         readme).group(1)
    listed = re.findall(r"`([^`]+)`", sentence)
    assert sorted(listed) == sorted(lighthouse.FRENCH_NAMES)
    assert f"Les {len(PAGE_TYPES)} types actuels" in readme
    for name in listed:
        assert lighthouse.page_type(name) is not None


def test_french_names_are_taken_with_or_without_accents_and_spaces():
    assert lighthouse.page_type("accueil") == "home"
    assert lighthouse.page_type("À propos") == "about"
    assert lighthouse.page_type("chiffres clés") == "key figures"
    assert lighthouse.page_type("member") == "member"
    assert lighthouse.page_type("nimporte") is None


def test_help_answers_in_french_without_an_audit():
    completed = _run("--help")
    assert completed.returncode == 0
    assert completed.stdout.startswith("Utilisation : .venv/bin/python scripts/lighthouse.py")
    assert "bonnes pr." not in completed.stdout  # the heading of the scores: no audit started


def test_an_unknown_type_is_named_with_the_list():
    completed = _run("accueil", "nimporte")
    assert completed.returncode == 2
    assert completed.stderr.startswith("Types de page inconnus : nimporte\n")
    assert "accueil, valeurs, valeur" in completed.stderr
