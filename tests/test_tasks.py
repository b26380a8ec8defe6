"""The commands as the guides write them (issue 15, items 5, 7 and 8): ``python3 tasks.py …``.

One spelling that works everywhere; the territory of the current folder; paths relative to where
the command was run; French help, typos and argument errors; GitHub annotations for pull
requests; the list of ids an author may cite.
"""

from __future__ import annotations

import shutil

import pytest

from commands import english_lines, tasks
from conftest import FIXTURES, REPO

AMIENS = REPO / "examples" / "amiens"
BAD_FIGURE = "data/key_figures.yml"


@pytest.mark.parametrize("args", [(), ("--help",), ("aide",)], ids=["rien", "--help", "aide"])
def test_tasks_without_a_command_lists_the_commands_in_french(args):
    completed = tasks(*args)
    assert completed.returncode == 0
    assert completed.stdout.startswith("Les commandes du projet : python3 tasks.py COMMANDE\n")
    for command in ("serve", "check", "build", "ids", "new article", "cms", "test"):
        assert f"\n  {command} " in completed.stdout
    assert english_lines(completed.stdout + completed.stderr) == []


def test_a_mistyped_command_is_answered_in_french():
    completed = tasks("chek")
    assert completed.returncode == 2
    assert completed.stderr.startswith(
        "Erreur : commande inconnue : trouvé « chek », attendu l'une des commandes build, check, "
        "cms, ids, new, schemas, serve, test (vouliez-vous écrire « check » ?)\n")
    assert "Les commandes du projet" in completed.stderr


@pytest.mark.parametrize("args, message", [
    (("new", "event", "Forum"), "python3 tasks.py new event : erreur : arguments obligatoires "
                                "manquants : --debut"),
    (("serve", "--port", "abc"), "python3 tasks.py serve : erreur : argument --port : trouvé "
                                 "« abc », attendu un numéro de port, ex. 8001"),
    (("check", "--format", "gh"), "python3 tasks.py check : erreur : argument --format : choix "
                                  "inconnu : trouvé 'gh', attendu l'un de : 'texte', 'github'"),
    (("new", "artcle", "Titre"), "python3 tasks.py new : erreur : argument ÉLÉMENT : choix inconnu : "
                                 "trouvé 'artcle', attendu l'un de : 'member', 'article', 'event' "
                                 "(vouliez-vous écrire « article » ?)"),
])
def test_argument_mistakes_are_answered_in_french(args, message):
    completed = tasks(*args)
    assert completed.returncode == 2
    assert completed.stderr.splitlines()[-1] == message
    assert completed.stderr.startswith("utilisation : python3 tasks.py ")
    assert english_lines(completed.stdout + completed.stderr) == []


def test_help_of_a_command_is_french():
    completed = tasks("new", "event", "--help")
    assert completed.returncode == 0
    assert "afficher cette aide et quitter" in completed.stdout
    assert "--commune COMMUNE     commune du lieu (obligatoire, sauf avec --en-ligne)" in completed.stdout
    assert english_lines(completed.stdout) == []


def test_commands_run_on_the_territory_of_the_current_folder():
    inside = tasks("check", cwd=AMIENS)
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout == "Tout est valide : 4 membres, 3 valeurs, 4 axes (amiens).\n"
    from_root = tasks("check", "examples/amiens")
    assert from_root.stdout == "Tout est valide : 4 membres, 3 valeurs, 4 axes (examples/amiens).\n"
    sample = tasks("check")
    assert sample.stdout.startswith("Tout est valide : 18 membres")


def test_error_paths_are_relative_to_where_the_command_was_run(tmp_path):
    territory = tmp_path / "territoires" / "amiens"
    shutil.copytree(AMIENS / "content", territory / "content")
    shutil.copytree(AMIENS / "data", territory / "data")
    figures = territory / BAD_FIGURE
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace("date: 20", "date: 1x", 1), encoding="utf-8")

    inside = tasks("check", cwd=territory)
    from_parent = tasks("check", "amiens", cwd=territory.parent)
    from_data = tasks("check", cwd=territory / "data")
    assert inside.returncode == from_parent.returncode == from_data.returncode == 1
    line = inside.stderr.splitlines()[1]
    assert line.startswith(f"  {BAD_FIGURE}:")
    assert from_parent.stderr.splitlines()[1] == line.replace(f"  {BAD_FIGURE}",
                                                              f"  amiens/{BAD_FIGURE}")
    assert from_data.stderr.splitlines()[1] == line.replace(f"  {BAD_FIGURE}", "  key_figures.yml")


def test_github_format_annotates_the_lines_from_the_repository_root(tmp_path):
    repository = tmp_path / "depot"
    territory = repository / "territoires" / "autre"
    shutil.copytree(FIXTURES / "other_territory", territory)
    (repository / ".git").mkdir()
    profile = territory / "data" / "members" / "atelier-mecanique.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("description:", "descriptio:"),
                       encoding="utf-8")
    (territory / "content" / "a-propos.md").write_text(
        "---\ntitle: À propos\ntemplate: about.html\n---\n\nVoir [les membres](/membres/), 100 %.\n",
        encoding="utf-8")
    completed = tasks("check", "--format", "github", cwd=territory / "data")
    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    assert lines[0] == "2 erreurs dans les données ou le contenu :"
    assert lines[1] == (
        "::error file=territoires/autre/data/members/atelier-mecanique.yml,line=1,col=1,"
        "title=descriptio::descriptio: champ inconnu : trouvé « descriptio », attendu l'un des "
        "champs accroche, adresse, commune, contact, description, logo, savoir_faire, secteur, site_web, "
        "valeurs (vouliez-vous écrire « description » ?)")
    assert lines[2] == (
        "::error file=territoires/autre/data/members/atelier-mecanique.yml,line=1,col=1,"
        "title=description::description: champ obligatoire manquant : trouvé aucune valeur, "
        "attendu le champ « description »")
    assert lines[-1] == "Corrigez ces erreurs puis relancez la vérification."

    profile.write_text(profile.read_text(encoding="utf-8").replace("descriptio:", "description:"),
                       encoding="utf-8")
    links = tasks("check", "--format", "github", cwd=territory, env={"GITHUB_WORKSPACE": str(repository)})
    assert links.stdout.splitlines()[1] == (
        "::error file=territoires/autre/content/a-propos.md,line=6,col=20,title=Erreur::lien absolu : "
        "trouvé « /membres/ », attendu un lien relatif vers le fichier de la page "
        "(« membres/index.md » ou « page:membres »)")


def test_the_ids_an_author_may_cite_are_listed():
    completed = tasks("ids")
    assert completed.returncode == 0
    out = completed.stdout
    assert "Membres : « membre:ID » dans un lien, ou le champ « membres » d'un article :\n" in out
    assert "\n  bulane " in out
    # The council's sessions come from data/series/: each has its own id.
    assert ("  conseil-industrie-positive-2019-11-05        Conseil métropolitain de l'industrie "
            "positive, 5 novembre 2019 (séance de la série data/series/conseil-industrie-positive.yml)"
            ) in out
    assert "Catégories d'articles : le champ « categories », écrit à l'identique :\n  Vie du conseil" in out
    one = tasks("ids", "categories")
    assert one.stdout.splitlines()[0] == "Catégories d'articles : le champ « categories », écrit à l'identique :"
    assert "Membres" not in one.stdout
