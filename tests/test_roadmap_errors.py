"""Each class of bad roadmap data gives its exact French message, with file, line, column and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from territoire import DataError, load_site
from territoire.errors import IssueCollector
from territoire.roadmap.loader import check_related, load_roadmap
from territoire.sources import read_yaml

VALID = FIXTURES / "other_territory"
HEADER = "# yaml-language-server: $schema=../schemas/roadmap.schema.json\nactions:\n"
ACTION = """\
  - id: former-jeunes
    titre: Former des jeunes
    axe: former
    statut: en cours
    pilote: atelier-mecanique
    partenaires: [bois-et-fer, Lycée du Val]
    debut: 2020-01-01
    echeance: 2020-12-31
    description: Texte.
    mise_a_jour: 2020-01-15
"""
MEMBERS = "atelier-mecanique, bois-et-fer, scierie-du-val"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(VALID, tmp_path / "project")


def _errors(project: Path, text: str) -> list[str]:
    (project / "data/roadmap.yml").write_text(HEADER + text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(issue) for issue in caught.value.issues]


def test_valid_roadmap_loads(project: Path) -> None:
    (project / "data/roadmap.yml").write_text(HEADER + ACTION, encoding="utf-8")
    roadmap = load_site(project).roadmap
    assert roadmap.published and [a.id for a in roadmap.actions] == ["former-jeunes"]


def test_no_roadmap_file_means_an_empty_unpublished_roadmap() -> None:
    roadmap = load_site(VALID).roadmap
    assert not roadmap.published and roadmap.actions == [] and roadmap.progress().total == 0


def test_unknown_axis(project: Path) -> None:
    assert _errors(project, ACTION.replace("axe: former", "axe: formation")) == [
        "data/roadmap.yml:5:10 actions[0].axe: axe inconnu : trouvé « formation », attendu l'un des "
        "identifiants de data/axes.yml : former"]


def test_unknown_member_as_lead_and_as_partner(project: Path) -> None:
    text = ACTION.replace("pilote: atelier-mecanique", "pilote: atelier-mecaniqe") \
                 .replace("[bois-et-fer,", "[bois-et-fers,")
    assert _errors(project, text) == [
        "data/roadmap.yml:7:13 actions[0].pilote: membre inconnu : trouvé « atelier-mecaniqe », "
        f"attendu l'identifiant d'un membre de data/members.yml ({MEMBERS}) ou le nom d'un "
        "partenaire avec ses majuscules",
        "data/roadmap.yml:8:19 actions[0].partenaires[0]: membre inconnu : trouvé « bois-et-fers », "
        f"attendu l'identifiant d'un membre de data/members.yml ({MEMBERS}) ou le nom d'un "
        "partenaire avec ses majuscules"]


def test_target_date_before_start(project: Path) -> None:
    assert _errors(project, ACTION.replace("echeance: 2020-12-31", "echeance: 2019-12-31")) == [
        "data/roadmap.yml:10:15 actions[0].echeance: échéance avant le début : trouvé la date "
        "2019-12-31, attendu une date égale ou postérieure au début (2020-01-01)"]


def test_indicator_without_unit(project: Path) -> None:
    text = ACTION + "    indicateurs:\n      - nom: Jeunes formés\n        cible: 12\n"
    assert _errors(project, text) == [
        "data/roadmap.yml:14:9 actions[0].indicateurs[0].unite: champ obligatoire manquant : "
        "trouvé aucune valeur, attendu le champ « unite »"]


def test_indicator_value_without_date(project: Path) -> None:
    text = ACTION + "    indicateurs:\n      - nom: Jeunes formés\n        unite: jeunes\n" \
                    "        cible: 12\n        valeur: 4\n"
    assert _errors(project, text) == [
        "data/roadmap.yml:17:17 actions[0].indicateurs[0].valeur: date de mesure manquante : trouvé "
        "une valeur sans « date », attendu la date de la mesure (AAAA-MM-JJ)"]


def test_unknown_status(project: Path) -> None:
    assert _errors(project, ACTION.replace("statut: en cours", "statut: terminée")) == [
        "data/roadmap.yml:6:13 actions[0].statut: trouvé « terminée », attendu l'un des statuts "
        "« à lancer », « en cours », « réalisée » ou « abandonnée »"]


def test_negative_budget_and_bad_date(project: Path) -> None:
    text = ACTION.replace("debut: 2020-01-01", "debut: 2020-02-30") + "    budget_euros: -5\n"
    assert _errors(project, text) == [
        "data/roadmap.yml:9:12 actions[0].debut: trouvé « 2020-02-30 », attendu une date réelle au "
        "format AAAA-MM-JJ, ex. « 2019-10-01 »",
        "data/roadmap.yml:13:19 actions[0].budget_euros: trouvé le nombre -5, attendu un nombre "
        "supérieur ou égal à 0"]


def test_duplicate_action_id(project: Path) -> None:
    assert _errors(project, ACTION + ACTION) == [
        "data/roadmap.yml:13:9 actions[1].id: identifiant en double : trouvé « former-jeunes » déjà "
        "utilisé par actions[0], attendu un identifiant unique"]


def test_unknown_field_in_action(project: Path) -> None:
    errors = _errors(project, ACTION + "    priorite: true\n")
    assert errors == [
        "data/roadmap.yml:13:5 actions[0].priorite: champ inconnu : trouvé « priorite », attendu "
        "l'un des champs actualites, axe, budget_euros, debut, description, echeance, evenements, "
        "id, indicateurs, mise_a_jour, partenaires, pilote, prioritaire, statut, titre "
        "(vouliez-vous écrire « prioritaire » ?)"]


def test_every_issue_is_reported_at_once(project: Path) -> None:
    text = ACTION.replace("axe: former", "axe: x").replace("echeance: 2020-12-31", "echeance: 2019-01-01")
    assert [e.split(" ")[1] for e in _errors(project, text)] == ["actions[0].axe:", "actions[0].echeance:"]


def test_related_news_and_events_are_checked_against_the_site(project: Path) -> None:
    path = project / "data/roadmap.yml"
    path.write_text(HEADER + ACTION + "    actualites: [conseil-janvier]\n"
                    "    evenements: [conseil-fevrier, atelier-mars]\n", encoding="utf-8")
    # Articles are known by their file name: this territory has none. It has no agenda either,
    # so event ids cannot be checked and stay plain text.
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert [str(issue) for issue in caught.value.issues] == [
        "data/roadmap.yml:13:18 actions[0].actualites[0]: actualité inconnue : trouvé "
        "« conseil-janvier », attendu l'identifiant d'un élément publié sur le site"]
    issues = IssueCollector(project)
    document = read_yaml(path, issues)
    site = load_site(VALID)
    _, roadmap = load_roadmap(project / "data", IssueCollector(project), axes=site.axes,
                              member_names={m.id: m.name for m in site.members})
    check_related(document, roadmap, issues, news_ids={"conseil-janvier"},
                  event_ids={"conseil-fevrier"})
    assert [str(issue) for issue in issues.issues] == [
        "data/roadmap.yml:14:35 actions[0].evenements[1]: événement inconnu : trouvé « atelier-mars », "
        "attendu l'identifiant d'un élément publié sur le site"]

