"""One verdict for links (issue 15, item 4): what the strict build refuses, ``check`` refuses, with
the same French file:line:column messages; the short forms ``membre:``, ``evenement:``… resolve
to the right page; the engine's list of generated pages is the build's."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from commands import TIMEOUT, config_with_hooks, english_lines, territoire
from conftest import FIXTURES, REPO, build, copy_project
from territoire import load_site
from territoire.links import anchors_of, find_links, generated_pages, split_front_matter

BASE = FIXTURES / "other_territory"
HOOKS = FIXTURES / "test_hooks"
PAGE = "content/a-propos.md"

BAD_LINKS = """
Lien absolu : [les membres](/membres/).
Une adresse : [les membres](membres/).
Une page qui n'existe pas : [les valeurs](valeur/index.md).
Une ancre qui n'existe pas : [l'accueil](index.md#nulle-part).
Un membre inconnu : [un membre](membre:atelier-mecanic).
Une forme inconnue : [un membre](membres:bois-et-fer).
Une page inconnue : [une page](page:a-propo).
"""
# Line 5 of a-propos.md is its text, line 7 is empty; the links start on line 8.
EXPECTED = [
    f"{PAGE}:8:29 lien absolu : trouvé « /membres/ », attendu un lien relatif vers le fichier de la "
    "page (« membres/index.md » ou « page:membres »)",
    f"{PAGE}:9:29 lien vers une adresse : trouvé « membres/ », attendu le chemin du fichier .md de "
    "la page (« membres/index.md » ou « page:membres »)",
    f"{PAGE}:10:43 lien cassé : trouvé « valeur/index.md », attendu le chemin d'une page qui existe, "
    "depuis le dossier de cette page (vouliez-vous écrire « valeurs/index.md » ?)",
    f"{PAGE}:11:42 ancre introuvable : trouvé « index.md#nulle-part », attendu un lien sans "
    "« #nulle-part » : la page index.md n'a pas d'intertitres",
    f"{PAGE}:12:33 membre inconnu : trouvé « membre:atelier-mecanic », attendu un identifiant de "
    "data/members.yml (vouliez-vous écrire « membre:atelier-mecanique » ?) ; la liste : "
    "python3 tasks.py ids",
    f"{PAGE}:13:34 forme de lien inconnue : trouvé « membres:bois-et-fer », attendu une adresse "
    "« https://… », le chemin d'un fichier .md ou l'une des formes courtes « membre: », "
    "« evenement: », « valeur: », « axe: », « action: », « article: », « page: » (vouliez-vous "
    "écrire « membre:bois-et-fer » ?)",
    f"{PAGE}:14:32 page inconnue : trouvé « page:a-propo », attendu le chemin d'une page du site "
    "sans « .md » (content/ ou pages générées) (vouliez-vous écrire « page:a-propos » ?) ; la liste : "
    "python3 tasks.py ids",
]


def _issue_lines(output: str) -> list[str]:
    return [line[2:] for line in output.splitlines() if line.startswith("  ")]


@pytest.fixture
def broken(tmp_path) -> Path:
    project = copy_project(BASE, tmp_path / "project")
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + BAD_LINKS, encoding="utf-8")
    return project


def test_check_refuses_the_links_the_build_refuses_with_the_same_messages(broken, tmp_path):
    checked = territoire("check", cwd=broken)
    assert checked.returncode == 1
    assert _issue_lines(checked.stderr) == EXPECTED, checked.stderr
    assert checked.stderr.startswith("7 erreurs dans les données ou le contenu :\n")
    assert english_lines(checked.stdout + checked.stderr) == []

    built = territoire("build", cwd=broken)
    assert built.returncode == 1
    assert _issue_lines(built.stderr) == EXPECTED, built.stderr
    assert english_lines(built.stdout + built.stderr) == []

    # MkDocs itself, through the hooks: the same French lines.
    bare = build(broken, tmp_path)
    assert bare.returncode == 1
    for line in EXPECTED:
        assert line in bare.output
    assert "Doc file" not in bare.output


def test_without_our_check_mkdocs_refuses_in_english(broken, tmp_path):
    """The test above can fail: without hooks/links.py the author reads MkDocs' English."""
    config = config_with_hooks(broken, tmp_path / "mkdocs.yml", tmp_path / "site")
    text = config.read_text(encoding="utf-8")
    config.write_text("\n".join(line for line in text.splitlines()
                                if not line.endswith("hooks/links.py")), encoding="utf-8")
    bare = build(broken, tmp_path, config_file=config)
    assert bare.returncode == 1
    assert "contains an absolute link '/membres/'" in bare.output


def test_short_forms_become_links_to_the_right_pages(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + (
        "\n[Atelier](membre:atelier-mecanique), [solidaire](valeur:solidaire), "
        "[former](axe:former), [accueil](page:index), [menu](page:membres), "
        "[mentions](page:mentions-legales), [code `membre:x`](https://exemple.fr/)\n\n"
        "```\n[dans du code](membre:inconnu)\n```\n"), encoding="utf-8")
    checked = territoire("check", cwd=project)
    assert checked.returncode == 0, checked.stderr
    built = build(project, tmp_path)
    assert built.returncode == 0, built.output
    links = {a.get_text(): a["href"] for a in built.html("a-propos/").select(".md-content a")}
    assert links["Atelier"] == "../membres/atelier-mecanique/"
    assert links["solidaire"] == "../valeurs/solidaire/"
    assert links["former"] == "../axes/former/"
    assert links["accueil"] == "../"
    assert links["menu"] == "../membres/"
    assert links["mentions"] == "../mentions-legales/"
    assert "[dans du code](membre:inconnu)" in built.html("a-propos/").get_text()


def test_an_english_link_warning_from_mkdocs_is_told_in_french(tmp_path):
    """A link our check cannot see (added by a hook after it) still fails in French."""
    project = copy_project(BASE, tmp_path / "project")
    config = config_with_hooks(project, tmp_path / "mkdocs.yml", tmp_path / "site",
                               HOOKS / "late_link.py")
    bare = build(project, tmp_path, config_file=config)
    assert bare.returncode == 1
    assert (f"{PAGE}:1:1 lien absolu : trouvé « /ailleurs/ », attendu un lien relatif vers le "
            "fichier de la page") in bare.output
    assert "Doc file" not in bare.output


@pytest.mark.parametrize("project", [REPO, REPO / "examples" / "amiens", BASE],
                         ids=["sample", "amiens", "other_territory"])
def test_the_pages_check_knows_are_the_pages_the_build_makes(project, tmp_path):
    dump = tmp_path / "dump.json"
    config = config_with_hooks(project, tmp_path / "mkdocs.yml", tmp_path / "site",
                               HOOKS / "dump_pages.py")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, timeout=TIMEOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TERRITOIRE_TEST_DUMP": str(dump)})
    assert completed.returncode == 0, completed.stderr
    built = json.loads(dump.read_text(encoding="utf-8"))
    known = {uri: list(kind_key) for uri, kind_key in generated_pages(load_site(project)).items()}
    assert known == built["pages"]
    # Anchors: every heading id MkDocs gives a page is one check knows, and check knows no other.
    for src_uri, ids in built["anchors"].items():
        text = (project / "content" / src_uri).read_text(encoding="utf-8")
        assert anchors_of(split_front_matter(text)[0]) <= set(ids), src_uri


def test_anchors_are_named_as_the_toc_names_them():
    text = ("# Titre\n\n## L'industrie **positive** à [Montpellier](https://x.fr)\n\n"
            "## Titre\n\nSous-titre\n---------\n\n## Explicite {#mon-ancre}\n\n"
            '<div id="bloc-html"></div>\n\n```\n## pas un titre\n```\n')
    assert anchors_of(text) == {"titre", "lindustrie-positive-a-montpellier", "titre_1",
                                "sous-titre", "mon-ancre", "bloc-html"}


def test_links_are_found_with_their_line_and_column_outside_code_and_comments():
    text = ("Un [lien](a.md) et ![image](images/b.png \"titre\").\n"
            "`[pas un lien](c.md)` <!-- [commentaire](d.md) -->\n"
            "<!--\n[commentaire](e.md)\n-->\n"
            "[réf]: <f.md>\n"
            "[parenthèses](https://exemple.fr/a_(b))\n")
    found = [(link.target, link.line, link.column) for link in find_links(text, first_line=5)]
    assert found == [("a.md", 5, 11), ("images/b.png", 5, 29), ("f.md", 10, 9),
                     ("https://exemple.fr/a_(b))"[:-1], 11, 15)]


def test_short_forms_to_events_sessions_and_articles_in_an_article(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    post = project / "content" / "actualites" / "posts" / "premier-conseil-industrie-positive.md"
    post.write_text(post.read_text(encoding="utf-8") + (
        "\n[la séance de novembre](evenement:conseil-industrie-positive-2019-11-05), "
        "[Made in](événement:made-in-montpellier-2019), "
        "[l'autre article](article:cafe-debat-economie-sociale-et-solidaire), "
        "[la signature](page:a-propos#la-signature)\n"), encoding="utf-8")
    assert territoire("check", cwd=project).returncode == 0
    built = build(project, tmp_path)
    assert built.returncode == 0, built.output
    page = built.html("actualites/2019/premier-conseil-industrie-positive/")
    links = {a.get_text(): a["href"] for a in page.select(".md-content a")}
    assert links["la séance de novembre"] == "../../../agenda/conseil-industrie-positive-2019-11-05/"
    assert links["Made in"] == "../../../agenda/made-in-montpellier-2019/"
    assert links["l'autre article"].endswith("/cafe-debat-economie-sociale-et-solidaire/")
    assert links["la signature"] == "../../../a-propos/#la-signature"


def test_a_page_outside_the_menu_is_refused_by_check_as_by_the_build(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    (project / "content" / "partenaires.md").write_text("# Partenaires\n", encoding="utf-8")
    expected = ("content/partenaires.md:1:1 page hors du menu : trouvé la page « partenaires.md », "
                "que le menu du site (« nav » de mkdocs.yml) ne cite pas, attendu une page du menu "
                "ou un article de content/actualites/posts/")
    checked = territoire("check", cwd=project)
    assert _issue_lines(checked.stderr) == [expected]
    built = territoire("build", cwd=project)
    assert _issue_lines(built.stderr) == [expected]
    # mkdocs.yml's not_in_nav is honoured, as MkDocs honours it.
    allowed = build(project, tmp_path, not_in_nav="/partenaires.md")
    assert allowed.returncode == 0, allowed.output
