"""The source reader (territoire/sources.py) at the trust boundary, with real commands and builds.

- The worst input the limits let through is refused by ``territoire check`` in under 5 s of CPU
  and 200 MB of memory, measured on that process alone.
- Symbolic links in data/ or content/ are refused, named by their path in the territory; the
  build neither prints what they point at nor an absolute path, and leaves the previous site
  as it was. They are made here, since the bad-input corpus copies files.
- A file with a YAML syntax error still has its other mistakes reported in the same run: after the
  syntax error is fixed, the other errors are the same ones, and there are no more of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from commands import TERRITOIRE, english_lines, snapshot
from conftest import FIXTURES, build, copy_project
from territoire import DataError, load_site
from territoire.sources import DATA_MAX_BYTES, MAX_VALUES, PAGE_MAX_BYTES
from territoire.yaml_syntax import diagnose

BASE = FIXTURES / "other_territory"
PROFILE = "data/members/atelier-mecanique.yml"


def _issues(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(issue) for issue in caught.value.issues]


# -- limits ----------------------------------------------------------------------------------------

def _worst_project(destination: Path) -> Path:
    """Each file as costly as the limits allow: as many values as allowed, nested anchors (a
    "billion laughs"), a data file at the size limit full of syntax errors, the largest page."""
    project = copy_project(BASE, destination)
    members = project / "data" / "members"
    values = ",".join(["a"] * (MAX_VALUES - 10))
    (members / "atelier-mecanique.yml").write_text(
        f"description: Atelier d'essai.\nsecteur: mecanique\nvaleurs: [{values}]\n", encoding="utf-8")
    laughs = ['  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, letter in zip("abcdefgh", "bcdefghi"):
        laughs.append(f"  {letter}: &{letter} [" + ", ".join([f"*{previous}"] * 9) + "]")
    (members / "bois-et-fer.yml").write_text(
        "description: x\nsecteur: bois\nvaleurs: []\nx:\n" + "\n".join(laughs) + "\n", encoding="utf-8")
    lines = [f"cle{index}: valeur numéro {index}" for index in range(9000)]
    lines += [f"faute{index}: Bulane : le gaz" for index in range(12)]
    text = "\n".join(lines) + "\n"
    assert DATA_MAX_BYTES * 0.9 < len(text.encode("utf-8")) <= DATA_MAX_BYTES
    (members / "scierie-du-val.yml").write_text(text, encoding="utf-8")
    page = "---\ntitle: À propos\ntemplate: about.html\n---\n\n" + (
        "Un paragraphe de texte ordinaire. " * 15 + "\n\n") * 1000
    assert PAGE_MAX_BYTES * 0.9 < len(page.encode("utf-8")) <= PAGE_MAX_BYTES
    (project / "content" / "a-propos.md").write_text(page, encoding="utf-8")
    return project


# A process forked from pytest inherits pytest's peak memory in its own count (Linux keeps the
# peak across exec): a small Python in between runs the command and reports its child's figures.
_MEASURE = """
import json, resource, subprocess, sys
completed = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([completed.returncode, completed.stdout, usage.ru_utime + usage.ru_stime,
                  usage.ru_maxrss / 1024]))
"""


def _run_measured(args: list[str], cwd: Path) -> tuple[int, str, float, float]:
    """Exit status, output, CPU seconds and peak memory in MB of that one command."""
    completed = subprocess.run([sys.executable, "-c", _MEASURE, *args], cwd=cwd, timeout=120,
                               capture_output=True, text=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    code, output, cpu, memory = json.loads(completed.stdout)
    return code, output, cpu, memory


def test_the_worst_bounded_input_is_refused_in_5_s_and_200_mb(tmp_path):
    project = _worst_project(tmp_path / "project")
    code, output, cpu, memory = _run_measured([str(TERRITOIRE), "check"], project)
    assert code == 1, output
    assert "Traceback" not in output and not english_lines(output), output
    lines = output.splitlines()
    assert ("  data/members/atelier-mecanique.yml : et 19890 autres erreurs dans ce fichier, non "
            "affichées : corrigez d'abord les 100 premières") in lines
    assert ("  data/members/bois-et-fer.yml:13:6 ancre YAML : trouvé « &i », attendu une valeur "
            "écrite en entier à chaque endroit (les ancres « & » et les alias « * » ne sont pas "
            "acceptés)") in lines
    # A big file gets its first syntax error only: reading it again for each one would cost more.
    assert [line for line in lines if "scierie-du-val.yml" in line] == [
        "  data/members/scierie-du-val.yml:9001:16 deux-points dans un texte : trouvé « : » dans la "
        "valeur de « faute0 », attendu le texte entre guillemets : « faute0: \"Bulane : le gaz\" »"]
    # CPU time, not wall-clock time: the machine running the tests may be shared.
    assert cpu < 5, f"{cpu:.1f} s de calcul"
    assert memory < 200, f"{memory:.0f} Mo"


def test_one_more_value_than_allowed_is_refused(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    values = ",".join(["inventive"] * MAX_VALUES)
    (project / PROFILE).write_text(f"valeurs: [{values}]\n", encoding="utf-8")
    assert [issue for issue in _issues(project) if "taille" in issue] == [
        f"{PROFILE}:1:{10 * (MAX_VALUES - 3) + 11} taille : trouvé plus de 20\u202f000 valeurs dans "
        "un seul fichier, attendu au plus 20\u202f000"]


def test_a_page_over_the_limit_is_refused_unread(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    page = project / "content" / "a-propos.md"
    page.write_text("---\ntitle: À propos\n---\n" + "x" * PAGE_MAX_BYTES, encoding="utf-8")
    assert _issues(project) == [
        "content/a-propos.md:1:1 taille : trouvé 512 Ko, attendu au plus 512 Ko pour une page"]


# -- symbolic links --------------------------------------------------------------------------------

LINK_MESSAGE = ("lien symbolique : trouvé un lien vers un autre fichier ou dossier, attendu un vrai "
                "fichier du territoire (les liens symboliques ne sont pas suivis)")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """The valid territory, built once; each link test starts from a copy of its site."""
    tmp = tmp_path_factory.mktemp("links")
    result = build(copy_project(BASE, tmp / "project"), tmp)
    assert result.returncode == 0, result.output
    return result


def _link_case(tmp_path: Path, built_once, make_links) -> tuple[str, Path]:
    project = copy_project(BASE, tmp_path / "project")
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    make_links(project, outside)
    site = tmp_path / "site"
    subprocess.run(["cp", "-a", str(built_once.site_dir), str(site)], check=True)
    before = snapshot(site)
    result = build(project, tmp_path)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert str(tmp_path) not in result.output, "un chemin absolu est affiché"
    assert snapshot(site) == before, "le site construit avant a changé"
    return result.output, project


def test_a_link_to_a_valid_profile_elsewhere_is_refused(tmp_path, built_once):
    def make(project: Path, outside: Path) -> None:
        target = outside / "profil.yml"
        target.write_text("description: Profil venu d'ailleurs, SECRET-HORS-TERRITOIRE.\n"
                          "secteur: bois\nvaleurs: []\n", encoding="utf-8")
        (project / PROFILE).unlink()
        (project / PROFILE).symlink_to(target)

    output, _ = _link_case(tmp_path, built_once, make)
    assert f"  {PROFILE}:1:1 {LINK_MESSAGE}" in output.splitlines()
    assert "SECRET-HORS-TERRITOIRE" not in output


def test_a_link_to_a_system_file_never_quotes_it(tmp_path, built_once):
    def make(project: Path, outside: Path) -> None:
        passwd = outside / "passwd"
        passwd.write_text("root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/bin/false\n",
                          encoding="utf-8")
        (project / "data" / "values.yml").unlink()
        (project / "data" / "values.yml").symlink_to(passwd)
        (project / "content" / "secret.md").symlink_to(passwd)

    output, _ = _link_case(tmp_path, built_once, make)
    lines = output.splitlines()
    assert f"  data/values.yml:1:1 {LINK_MESSAGE}" in lines
    assert f"  content/secret.md:1:1 {LINK_MESSAGE}" in lines
    assert "root:x" not in output and "/bin/bash" not in output and "passwd" not in output


def test_a_linked_folder_is_refused_and_not_entered(tmp_path, built_once):
    def make(project: Path, outside: Path) -> None:
        (outside / "images").mkdir()
        (outside / "images" / "photo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
        (project / "content" / "galerie").symlink_to(outside / "images", target_is_directory=True)
        members = project / "data" / "members"
        moved = outside / "members"
        members.rename(moved)
        members.symlink_to(moved, target_is_directory=True)

    output, _ = _link_case(tmp_path, built_once, make)
    issue_lines = [line for line in output.splitlines() if line.startswith("  ")]
    assert f"  content/galerie:1:1 {LINK_MESSAGE}" in issue_lines
    assert f"  data/members:1:1 {LINK_MESSAGE}" in issue_lines
    # The profiles behind the linked folder are not read: each is reported as a link, not quoted.
    assert f"  data/members/bois-et-fer.yml:1:1 {LINK_MESSAGE}" in issue_lines
    assert not [line for line in issue_lines if "photo.svg" in line]


def test_a_link_inside_the_territory_is_refused_too(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    (project / "content" / "images" / "copie.svg").symlink_to("logo-val-vert.svg")
    assert _issues(project) == [f"content/images/copie.svg:1:1 {LINK_MESSAGE}"]


# -- every mistake of a file in one run ------------------------------------------------------------

THREE_MISTAKES = """description: Atelier d'essai.
secteur: mecanique
valeurs: [inventive]
site_web: pas-une-adresse
savoir_faire:
  - titre: Usinage : pièces à l'unité
    descriptoin: Du prototype à la série.
"""


CORRECT_SYNTAX = THREE_MISTAKES.replace("  - titre: Usinage : pièces à l'unité",
                                       '  - titre: "Usinage : pièces à l\'unité"')


@pytest.mark.parametrize(("correct", "broken"), [
    ('  - titre: "Usinage : pièces à l\'unité"', "  - titre: Usinage : pièces à l'unité"),
    ("secteur: mecanique", "secteur mecanique"),
    ("    descriptoin: Du prototype", "  descriptoin: Du prototype"),
    ("site_web: pas-une-adresse", 'site_web: "pas-une-adresse'),
    ('  - titre: "Usinage', '  -titre: "Usinage'),
    ("secteur: mecanique", "\tsecteur: mecanique"),
])
def test_a_syntax_error_hides_none_of_the_other_mistakes(tmp_path, correct, broken):
    """A profile with a syntax error and two other mistakes, then with the syntax fixed: the other
    mistakes are reported both times, and fixing the syntax reveals no new one."""
    project = copy_project(BASE, tmp_path / "project")
    (project / PROFILE).write_text(CORRECT_SYNTAX, encoding="utf-8")
    after = _issues(project)
    assert [issue.split(" ", 1)[0] for issue in after] == [
        f"{PROFILE}:4:11", f"{PROFILE}:6:5", f"{PROFILE}:7:5"]
    assert correct in CORRECT_SYNTAX
    (project / PROFILE).write_text(CORRECT_SYNTAX.replace(correct, broken, 1), encoding="utf-8")
    before = _issues(project)
    syntax = [issue for issue in before if issue not in after]
    assert len(syntax) == 1, before
    # Fixing the syntax error takes one error away and reveals none.
    assert sorted(set(before) - set(syntax)) == after


def test_every_file_is_checked_when_one_has_a_syntax_error(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    (project / PROFILE).write_text("description: [Atelier\nsecteur: mecanique\n", encoding="utf-8")
    (project / "data" / "members" / "bois-et-fer.yml").write_text(
        "description: Bois.\nsecteur: bois\nvaleurs: [inconnue]\n", encoding="utf-8")
    (project / "data" / "sectors.yml").write_text(
        (BASE / "data" / "sectors.yml").read_text(encoding="utf-8").replace("nom: Filière bois", "nom: Filière bois\n    teinte: verte"),
        encoding="utf-8")
    issues = _issues(project)
    assert {issue.split(":", 1)[0] for issue in issues} == {
        PROFILE, "data/members/bois-et-fer.yml", "data/sectors.yml"}, issues


# -- the diagnosis itself: each corrected text reads ----------------------------------------------

@pytest.mark.parametrize("text", [
    "a:\n  - b: 1\n  c: 2\n",                 # indentation by 2 instead of 4
    "a:\n  - b: 1\n      c: 2\n",             # one level too deep
    "a:\n  - b: 1\n    c: 2\nd: 3\n    e: 4\n",  # a field that lost its indentation
    "a:\n  - b: 1\n   - b: 2\n",              # a list dash moved one space
    "a: 1\nb 2\nc: 3\n",                      # a missing colon
    "a: 'texte\nb: 2\n",                      # an unclosed quote
    "titre: Bulane : le gaz\n",               # a colon inside an unquoted value
    "titre: @bulane\n",                       # a reserved character
    "a: [1, 2\nb: 3\n",                       # an unclosed bracket
    "a: \"x\" y\n",                           # text after the closing quote
    "a: leader #1 de la\n  région\nb: 2\n",   # a "#" in a text that goes on
])
def test_each_diagnosis_gives_a_text_that_reads(text):
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=yaml.SafeLoader)
    diagnosis = diagnose(text, caught.value)
    assert diagnosis.repaired is not None, diagnosis
    yaml.compose(diagnosis.repaired, Loader=yaml.SafeLoader)
    assert "expected" not in diagnosis.message and "found" not in diagnosis.message


def test_at_most_100_issues_are_printed_per_file(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    (project / PROFILE).write_text("description: Atelier.\nsecteur: mecanique\nvaleurs: ["
                                   + ", ".join(f"v{index}" for index in range(150)) + "]\n",
                                   encoding="utf-8")
    issues = _issues(project)
    assert len(issues) == 101
    assert issues[-1] == (f"{PROFILE} : et 50 autres erreurs dans ce fichier, non affichées : "
                          "corrigez d'abord les 100 premières")
    annotations = subprocess.run([str(TERRITOIRE), "check", "--format", "github"], cwd=project,
                                 capture_output=True, text=True).stdout.splitlines()
    # The count is about the file, not a line of it.
    assert (f"::error file={PROFILE},title=Erreur::et 50 autres erreurs dans ce fichier, non "
            "affichées : corrigez d'abord les 100 premières") in annotations, annotations[-3:]
