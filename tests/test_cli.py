"""The ``territoire`` command end to end: scaffold, then check, then build, on copies of the sample."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, build, copy_project

TERRITOIRE = Path(sys.executable).parent / "territoire"

# Key figures are referenced by no other file: breaking them reports exactly these errors.
BAD_DATE = ("data/key_figures.yml:7:11 chiffres[0].date: trouvé « 2019-10-40 », attendu une date "
            "réelle au format AAAA-MM-JJ, ex. « 2019-10-01 »")
SECOND_BAD_DATE = ("data/key_figures.yml:11:11 chiffres[1].date: trouvé « 2019-10-40 », attendu une "
                   "date réelle au format AAAA-MM-JJ, ex. « 2019-10-01 »")


def territoire(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """``territoire ARGS`` from ``cwd``; with ``--project``, run from that project so that paths
    in messages are relative to it, as for an author working in the territory's folder."""
    if "--project" in args:
        cwd = Path(args[list(args).index("--project") + 1])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(TERRITOIRE), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(REPO, tmp_path / "project")


def _break_dates(project: Path, count: int = 1) -> None:
    figures = project / "data" / "key_figures.yml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("date: 2019-10-04", "date: 2019-10-40", count), encoding="utf-8")


def test_check_accepts_the_sample():
    completed = territoire("check")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Tout est valide : 18 membres, 3 valeurs, 3 axes")


def test_check_reports_the_same_french_errors_as_the_build(project, tmp_path):
    _break_dates(project, 2)
    checked = territoire("check", "--project", project)
    assert checked.returncode == 1
    assert checked.stdout == ""
    assert BAD_DATE in checked.stderr
    assert SECOND_BAD_DATE in checked.stderr
    assert checked.stderr.startswith("2 erreurs dans les données ou le contenu :")
    assert "Traceback" not in checked.stderr

    built = build(project, tmp_path)
    assert built.returncode == 1
    issues = [line.strip() for line in checked.stderr.splitlines() if line.startswith("  ")]
    assert len(issues) == 2
    assert all(line in built.output for line in issues)


def test_check_runs_from_inside_a_project_and_loads_no_build_engine(project):
    _break_dates(project)
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from territoire.cli import main; code = main(['check']);"
                               " print(code, 'mkdocs' in sys.modules)"],
        capture_output=True, text=True, cwd=project / "data" / "members")
    assert probe.stdout.split() == ["1", "False"]
    # Paths are relative to where the command was run (data/members/).
    assert "  ../key_figures.yml:7:11 chiffres[0].date: trouvé « 2019-10-40 »" in probe.stderr


def test_check_outside_any_project_says_so(tmp_path):
    completed = territoire("check", cwd=tmp_path)
    assert completed.returncode == 1
    assert completed.stderr.startswith("Erreur : projet introuvable : trouvé aucun dossier "
                                       "« content/ » et « data/ »")


def test_new_member_then_check_then_build(project, tmp_path):
    created = territoire("new", "member", "atelier-dupont", "Atelier Dupont : métallerie & fils",
                         "--depuis", "2020-02-03", "--project", project)
    assert created.returncode == 0, created.stderr
    assert "Écrit : data/members/atelier-dupont.yml" in created.stdout

    profile = project / "data" / "members" / "atelier-dupont.yml"
    first_line = profile.read_text(encoding="utf-8").splitlines()[0]
    schema = re.fullmatch(r"# yaml-language-server: \$schema=(.+)", first_line).group(1)
    assert (profile.parent / schema).resolve() == REPO / "schemas" / "member-profile.schema.json"
    assert '  - id: atelier-dupont\n    nom: "Atelier Dupont : métallerie & fils"\n' \
           "    role: entreprise\n    depuis: 2020-02-03\n" in \
           (project / "data" / "members.yml").read_text(encoding="utf-8")

    # The profile's text is the firm's to write: until then, the production check refuses it.
    checked = territoire("check", "--project", project)
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[1] == (
        "  data/members/atelier-dupont.yml:3:15 description: texte provisoire : trouvé « À compléter "
        ": deux ou trois phrases qui présentent Atelie… », attendu le texte définitif à la place de "
        "« À compléter : … »")
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        profile.read_text(encoding="utf-8").splitlines()[2],
        "description: Métallerie et serrurerie depuis 1950."), encoding="utf-8")
    checked = territoire("check", "--project", project)
    assert checked.returncode == 0, checked.stderr
    assert "19 membres" in checked.stdout

    built = build(project, tmp_path)
    assert built.returncode == 0, built.output
    page = built.html("membres/atelier-dupont/")
    assert page.h1.get_text(strip=True) == "Atelier Dupont : métallerie & fils"


def test_new_member_refuses_a_taken_or_malformed_id(project):
    taken = territoire("new", "member", "bulane", "Bulane bis", "--project", project)
    assert taken.returncode == 1
    assert taken.stderr == ("Erreur : identifiant déjà pris : trouvé « bulane » dans "
                            "data/members.yml ou data/members/, attendu un identifiant unique\n")
    malformed = territoire("new", "member", "Ma_Société", "Ma Société", "--project", project)
    assert malformed.returncode == 1
    assert malformed.stderr == ("Erreur : identifiant invalide : trouvé « Ma_Société », attendu des "
                                "lettres minuscules sans accent, des chiffres et des tirets "
                                "(ex. « ma-societe »)\n")
    role = territoire("new", "member", "ma-societe", "Ma Société", "--role", "mairie",
                      "--project", project)
    assert role.stderr == ("Erreur : rôle inconnu : trouvé « mairie », attendu l'un des rôles de "
                           "data/members.yml : entreprise, reseau\n")
    assert not (project / "data" / "members" / "ma-societe.yml").exists()
    assert territoire("check", "--project", project).returncode == 0


def test_new_member_gets_its_code_owner_line(project):
    (project / ".github").mkdir()
    (project / ".github" / "CODEOWNERS").write_text(
        (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8"), encoding="utf-8")
    assert territoire("new", "member", "ma-pme", "Ma PME", "--project", project).returncode == 0
    last = (project / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()[-1]
    assert last.split() == ["/data/members/ma-pme.yml", "@territoires/membre-ma-pme"]


def test_codeowners_gives_each_sample_member_its_own_profile():
    rules = [line.split() for line in (REPO / ".github" / "CODEOWNERS").read_text().splitlines()
             if line and not line.startswith("#")]
    owners = {path: owner for path, owner in rules}
    assert owners["/content/"] == owners["/data/"]
    profiles = {f"/data/members/{p.name}" for p in (REPO / "data" / "members").glob("*.yml")}
    assert {path for path in owners if path.startswith("/data/members/")} == profiles
    member_owners = [owners[path] for path in profiles]
    assert len(set(member_owners)) == len(member_owners)
    assert owners["/content/"] not in member_owners


def test_build_command_builds_another_project(project, tmp_path):
    site_dir = tmp_path / "out"
    completed = territoire("build", "--project", project, "--site-dir", site_dir)
    assert completed.returncode == 0, completed.stderr
    assert (site_dir / "membres" / "bulane" / "index.html").is_file()
    _break_dates(project)
    failed = territoire("build", "--project", project, "--site-dir", site_dir)
    assert failed.returncode == 1
    assert BAD_DATE in failed.stderr
    assert (site_dir / "index.html").is_file()  # the previous site is left untouched


def _pages_containing(site_dir: Path, text: str) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if text in p.read_text(encoding="utf-8"))


def test_new_article_then_check_then_build(project, tmp_path):
    pytest.importorskip("territoire.news.models", reason="news (issue 3) not on this branch yet")
    args = ("new", "article", "Visite de l'atelier : 40 élèves", "--date", "2019-11-05",
            "--project", project)
    created = territoire(*args)
    assert created.returncode == 0, created.stderr
    path = project / "content" / "actualites" / "posts" / "visite-de-l-atelier-40-eleves.md"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    schema = re.search(r"# yaml-language-server: \$schema=(\S+)", text).group(1)
    assert (path.parent / schema).resolve().is_file()
    assert territoire("check", "--project", project).returncode == 0

    # A second article with the same title gets its own slug.
    again = territoire(*args)
    assert "Écrit : content/actualites/posts/visite-de-l-atelier-40-eleves-2.md" in again.stdout
    (project / "content" / "actualites" / "posts" / "visite-de-l-atelier-40-eleves-2.md").unlink()

    (tmp_path / "draft").mkdir()
    draft = build(project, tmp_path / "draft")
    assert draft.returncode == 0, draft.output
    assert _pages_containing(draft.site_dir, "Visite de l'atelier : 40 élèves") == []

    # Published as it is, the provisional texts would go online: the production check refuses them.
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    refused = territoire("check", "--project", project)
    assert refused.returncode == 1
    assert [line.split()[0] for line in refused.stderr.splitlines()[1:-1]] == [
        "content/actualites/posts/visite-de-l-atelier-40-eleves.md:5:10",
        "content/actualites/posts/visite-de-l-atelier-40-eleves.md:12:1",
        "content/actualites/posts/visite-de-l-atelier-40-eleves.md:16:1"]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"À compléter : une ou deux phrases qui résument l\'article."',
                                 "Quarante élèves découvrent la soudure.")
                    .replace("À compléter : le premier paragraphe, qui apparaît dans la liste des "
                             "actualités.", "Les élèves ont soudé leur première pièce.")
                    .replace("À compléter : la suite de l'article.", "Une belle journée."),
                    encoding="utf-8")
    assert territoire("check", "--project", project).returncode == 0
    (tmp_path / "published").mkdir()
    published = build(project, tmp_path / "published")
    assert published.returncode == 0, published.output
    assert published.exists("actualites/2019/visite-de-l-atelier-40-eleves/")


def test_new_event_in_industry_week_then_check_then_build(project, tmp_path):
    pytest.importorskip("territoire.agenda.models", reason="agenda (issue 4) not on this branch yet")
    created = territoire("new", "event", "Portes ouvertes de l'atelier", "--debut",
                         "2019-03-20 09:30", "--fin", "2019-03-20 12:00", "--membre", "bulane",
                         "--commune", "Montpellier", "--edition", "2019", "--public", "scolaires",
                         "--type", "visite-entreprise", "--project", project)
    assert created.returncode == 0, created.stderr
    path = project / "data" / "events" / "portes-ouvertes-de-l-atelier-2019.yml"
    schema = re.search(r"\$schema=(\S+)", path.read_text(encoding="utf-8")).group(1)
    assert (path.parent / schema).resolve().is_file()
    checked = territoire("check", "--project", project)
    assert checked.returncode == 0, checked.stderr
    built = build(project, tmp_path)
    assert built.returncode == 0, built.output
    pages = (_pages_containing(built.site_dir, "Portes ouvertes de l&#39;atelier")
             + _pages_containing(built.site_dir, "Portes ouvertes de l'atelier"))
    # Its own page (wherever the agenda puts it), its organiser's page and its edition's pages.
    assert any("portes-ouvertes-de-l-atelier-2019/" in page for page in pages), pages
    assert "membres/bulane/index.html" in pages
    own_page = next(page for page in pages if "portes-ouvertes-de-l-atelier-2019/" in page)
    assert "Semaine de l'industrie 2019" in built.html(own_page).get_text(" ")
    assert "semaine-de-l-industrie/2019/index.html" in pages


def test_new_event_names_unknown_references(project):
    pytest.importorskip("territoire.agenda.models", reason="agenda (issue 4) not on this branch yet")
    unknown = territoire("new", "event", "Forum", "--debut", "2019-03-20", "--membre", "inconnu",
                         "--commune", "Montpellier", "--project", project)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("Erreur : membre inconnu : trouvé « inconnu », attendu l'un "
                                     "des identifiants de data/members.yml : ")
    bad_date = territoire("new", "event", "Forum", "--debut", "2019-02-30", "--membre", "bulane",
                          "--commune", "Montpellier", "--project", project)
    assert bad_date.returncode == 2
    assert "trouvé « 2019-02-30 », attendu une date AAAA-MM-JJ" in bad_date.stderr


def test_contributing_guide_shows_a_real_error_message(project):
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"^  (data/members/bulane\.yml:\S+ site_web: .+)$", guide, re.MULTILINE).group(1)
    profile = project / "data" / "members" / "bulane.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("\nsite_web:\n",
                                                                   "\nsite_web: www.bulane.fr\n"),
                       encoding="utf-8")
    checked = territoire("check", "--project", project)
    assert f"  {shown}\n" in checked.stderr


@pytest.mark.parametrize("title, written", [
    ("Semaine de l'industrie 2027 : le programme",
     'title: "Semaine de l\'industrie 2027 : le programme"'),
    ("Semaine de l'industrie 2027", "title: Semaine de l'industrie 2027"),
    ('Le « Made in » et les "guillemets"', 'title: Le « Made in » et les "guillemets"'),
    ("2027", 'title: "2027"'),
    ("On", 'title: "On"'),
])
def test_new_article_writes_the_yaml_a_person_writes(project, title, written):
    import yaml

    created = territoire("new", "article", title, "--date", "2019-11-05", "--project", project)
    assert created.returncode == 0, created.stderr
    path = project / created.stdout.splitlines()[0].removeprefix("Écrit : ")
    text = path.read_text(encoding="utf-8")
    assert written in text.splitlines()
    assert 'resume: "À compléter : une ou deux phrases qui résument l\'article."' in text
    header = yaml.safe_load(text.split("---\n")[1])
    assert header["title"] == title
    # A draft may keep its provisional texts: the check accepts it as it is.
    assert territoire("check", "--project", project).returncode == 0


def test_the_article_template_cannot_be_published_unchanged(project):
    posts = project / "content" / "actualites" / "posts"
    (posts / "modele.md").write_text(
        (REPO / "modeles" / "actualite.md").read_text(encoding="utf-8").replace("draft: true\n", ""),
        encoding="utf-8")
    refused = territoire("check", "--project", project)
    assert refused.returncode == 1
    found = [line.split()[0:2] for line in refused.stderr.splitlines()[1:-1]]
    assert found == [["content/actualites/posts/modele.md:2:9", "title:"],
                     ["content/actualites/posts/modele.md:5:3", "resume:"],
                     ["content/actualites/posts/modele.md:20:1", "texte"],
                     ["content/actualites/posts/modele.md:27:1", "texte"]]


def test_new_event_asks_for_the_place_and_writes_a_file_the_check_accepts(project):
    missing = territoire("new", "event", "Forum", "--debut", "2019-03-20", "--membre", "bulane",
                         "--project", project)
    assert missing.returncode == 1
    assert missing.stderr == (
        "Erreur : lieu manquant : attendu --commune « Commune » (avec --lieu « Nom du lieu » et "
        "--adresse « Adresse » si vous les connaissez), ou --en-ligne https://… pour un événement "
        "en ligne\n")
    assert not list((project / "data" / "events").glob("forum*"))

    endless = territoire("new", "event", "Forum", "--debut", "2019-11-14 09:00", "--membre",
                         "bulane", "--commune", "Montpellier", "--project", project)
    assert endless.returncode == 1
    assert endless.stderr == (
        "Erreur : fin manquante : trouvé --debut « 2019-11-14 09:00 » avec une heure, attendu aussi "
        "--fin « 2019-11-14 HH:MM » (sans fin, les agendas montrent un événement de durée nulle), "
        "ou une date seule pour une journée entière\n")
    created = territoire("new", "event", "Forum : les métiers", "--debut", "2019-11-14 09:00",
                         "--fin", "2019-11-14 17:00",
                         "--membre", "bulane", "--commune", "Montpellier", "--lieu", "Lycée Mermoz",
                         "--adresse", "717 avenue Jean-Mermoz", "--project", project)
    assert created.returncode == 0, created.stderr
    text = (project / "data" / "events" / "forum-les-metiers-2019.yml").read_text(encoding="utf-8")
    assert 'titre: "Forum : les métiers"' in text
    assert "lieu:\n  nom: Lycée Mermoz\n  adresse: 717 avenue Jean-Mermoz\n  commune: Montpellier\n" in text
    assert "# description: ce que le public y trouvera, en quelques phrases." in text
    checked = territoire("check", "--project", project)
    assert checked.returncode == 0, checked.stderr

    online = territoire("new", "event", "Webinaire", "--debut", "2019-11-15", "--organisateur",
                        "La CCI", "--en-ligne", "https://visio.exemple.fr/salle", "--project", project)
    assert online.returncode == 0, online.stderr
    assert territoire("check", "--project", project).returncode == 0
