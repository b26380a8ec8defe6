"""Each class of bad agenda data gives its exact French message, with file, line, column and field.

The loader runs in-process on a copy of the small agenda territory with one file changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from territoire import DataError, load_site

VALID = FIXTURES / "agenda_territory"

CASES = {
    "fin avant début": (
        "data/events/dst-samedi.yml", "fin: 2020-03-28 12:00", "fin: 2020-03-28 09:00",
        "data/events/dst-samedi.yml:3:6 fin: trouvé la date et heure 2020-03-28 09:00:00, attendu une "
        "fin postérieure au début (2020-03-28 10:00)"),
    "heure de début sans fin": (
        "data/events/dst-samedi.yml", "fin: 2020-03-28 12:00\n", "",
        "data/events/dst-samedi.yml:2:8 debut: trouvé une heure de début (10:00) sans « fin », attendu "
        "aussi « fin: 2020-03-28 HH:MM » (sans fin, les agendas montrent un événement de durée nulle), "
        "ou la date seule pour une journée entière"),
    "séances avec une heure de début sans heure de fin": (
        "data/series/conseil.yml", 'heure_fin: "20:00"\n', "",
        "data/series/conseil.yml:8:14 heure_debut: trouvé une heure de début (18:00) sans « heure_fin », "
        "attendu aussi « heure_fin » (sans fin, les agendas montrent des séances de durée nulle), ou "
        "aucune heure pour des journées entières"),
    "tarif sur un événement labellisé": (
        "data/events/dst-samedi.yml", "type: atelier", "type: atelier\ntarif: 5 euros",
        "data/events/dst-samedi.yml:6:8 tarif: label Semaine d'essai 2020 : trouvé un événement "
        "payant, attendu un événement gratuit (« gratuit: true »)"),
    "fin d'une autre nature": (
        "data/events/dst-samedi.yml", "fin: 2020-03-28 12:00", "fin: 2020-03-29",
        "data/events/dst-samedi.yml:3:6 fin: trouvé la date 2020-03-29, attendu une date et une heure, "
        "comme le début"),
    "date impossible": (
        "data/events/salon-annule.yml", "debut: 2020-05-12", "debut: 2020-13-01",
        "data/events/salon-annule.yml:2:8 debut: trouvé « 2020-13-01 », attendu une date AAAA-MM-JJ "
        "(journée entière) ou une date et une heure « AAAA-MM-JJ HH:MM », ex. « 2019-10-01 18:00 »"),
    "membre inconnu": (
        "data/events/dst-samedi.yml", "membre: atelier-mecanique", "membre: atelier-mecaniqe",
        "data/events/dst-samedi.yml:8:11 organisateur.membre: membre inconnu : trouvé « atelier-mecaniqe », "
        "attendu l'un des identifiants de data/members.yml : atelier-mecanique, bois-et-fer, scierie-du-val"),
    "organisateur double": (
        "data/events/salon-annule.yml", "  membre: scierie-du-val", "  membre: scierie-du-val\n  nom: Scierie",
        "data/events/salon-annule.yml:6:3 organisateur: trouvé un ensemble de champs, attendu soit "
        "« membre » (un identifiant de membre), soit « nom » (un texte libre)"),
    "type inconnu": (
        "data/events/salon-annule.yml", "type: atelier", "type: salon",
        "data/events/salon-annule.yml:3:7 type: type inconnu : trouvé « salon », attendu l'un des "
        "identifiants de data/agenda.yml (types) : atelier, conseil, visite, webinaire"),
    "public inconnu": (
        "data/events/salon-annule.yml", "publics: [entreprises]", "publics: [entreprises, retraites]",
        "data/events/salon-annule.yml:4:24 publics[1]: public inconnu : trouvé « retraites », attendu l'un "
        "des identifiants de data/agenda.yml (publics) : entreprises, grand-public, scolaires"),
    "valeur inconnue": (
        "data/events/dst-samedi.yml", "valeurs: [inventive]", "valeurs: [inventif]",
        "data/events/dst-samedi.yml:15:11 valeurs[0]: valeur inconnue : trouvé « inventif », attendu l'un "
        "des identifiants de data/values.yml : inventive, solidaire"),
    "édition inconnue": (
        "data/events/dst-samedi.yml", 'edition: "2020"', 'edition: "2021"',
        "data/events/dst-samedi.yml:4:10 edition: édition inconnue : trouvé « 2021 », attendu l'un des "
        "identifiants de data/editions.yml : 2020"),
    "fuseau de l'agenda inconnu": (
        "data/agenda.yml", "fuseau: Europe/Paris", "fuseau: Europe/Pari",
        "data/agenda.yml:1:9 fuseau: fuseau horaire inconnu : trouvé « Europe/Pari », attendu un nom de "
        "la base IANA, ex. « Europe/Paris »"),
    "fuseau d'un événement inconnu": (
        "data/events/salon-annule.yml", "type: atelier", "type: atelier\nfuseau: Paris",
        "data/events/salon-annule.yml:4:9 fuseau: fuseau horaire inconnu : trouvé « Paris », attendu un "
        "nom de la base IANA, ex. « Europe/Paris »"),
    "heure sautée au passage à l'heure d'été": (
        "data/events/dst-dimanche.yml", "debut: 2020-03-29 10:00", "debut: 2020-03-29 02:30",
        "data/events/dst-dimanche.yml:2:8 debut: trouvé 2020-03-29 02:30, attendu une heure qui existe "
        "dans le fuseau Europe/Paris (cette heure est sautée au passage à l'heure d'été)"),
    "décalage faux": (
        "data/events/dst-dimanche.yml", "debut: 2020-03-29 10:00", "debut: 2020-03-29T10:00:00+01:00",
        "data/events/dst-dimanche.yml:2:8 debut: trouvé le décalage +01:00, attendu +02:00, le décalage "
        "de Europe/Paris le 29 mars 2020 (ou l'heure sans décalage)"),
    "adresse web invalide": (
        "data/events/salon-annule.yml", "type: atelier", "type: atelier\ninscription: www.exemple.fr",
        "data/events/salon-annule.yml:4:14 inscription: trouvé « www.exemple.fr », attendu une adresse "
        "commençant par https:, http:"),
    "ni lieu ni en ligne": (
        "data/events/salon-annule.yml", "lieu:\n  commune: Val-Vert\n", "",
        "data/events/salon-annule.yml:1:1 lieu: trouvé ni « lieu » ni « en_ligne », attendu un lieu "
        "(nom, commune) ou l'adresse web d'un événement en ligne"),
    "reporté sans nouvelle date": (
        "data/events/forum-reporte.yml", "nouvelle_date: 2020-06-04 09:00\n", "",
        "data/events/forum-reporte.yml:4:9 statut: trouvé « reporté » sans nouvelle date, attendu le "
        "champ « nouvelle_date »"),
    "label : hors des dates de l'édition": (
        "data/events/dst-samedi.yml", "debut: 2020-03-28 10:00\nfin: 2020-03-28 12:00",
        "debut: 2020-03-30 10:00\nfin: 2020-03-30 12:00",
        "data/events/dst-samedi.yml:2:8 debut: label Semaine d'essai 2020 : trouvé un événement le "
        "30 mars 2020, attendu une date comprise dans l'édition, du 23 mars 2020 au 29 mars 2020"),
    "label : payant": (
        "data/events/dst-samedi.yml", "type: atelier", "type: atelier\ngratuit: false\ntarif: 5 euros",
        "data/events/dst-samedi.yml:6:10 gratuit: label Semaine d'essai 2020 : trouvé un événement "
        "payant, attendu un événement gratuit (« gratuit: true »)"),
    "label : sans public": (
        "data/events/dst-samedi.yml", "publics: [scolaires]", "publics: []",
        "data/events/dst-samedi.yml:6:10 publics: label Semaine d'essai 2020 : trouvé aucun public, "
        "attendu au moins un public visé dans « publics »"),
    "séance hors de la série": (
        "data/series/conseil.yml", "  - date: 2020-02-06", "  - date: 2020-02-07",
        "data/series/conseil.yml:19:11 seances[0].date: trouvé la date 2020-02-07, attendu l'une des "
        "dates de la série : 2020-01-02, 2020-02-06, 2020-03-05, 2020-04-02"),
    "script dans le titre": (
        "data/events/fete-deux-jours.yml", "<b>démos</b>", "<script>alert(1)</script>",
        "data/events/fete-deux-jours.yml:1:8 titre: trouvé la balise « <script> », attendu du texte "
        "Markdown sans HTML actif (ni script, ni cadre, ni attribut on…, ni lien javascript: ou data:)"),
    "gestionnaire d'évènement dans la description": (
        "data/events/fete-deux-jours.yml", "entrée libre", "<img src=x onerror=alert(1)> entrée libre",
        "data/events/fete-deux-jours.yml:11:14 description: trouvé un attribut de gestion "
        "d'évènement « on… », attendu du texte Markdown sans HTML actif (ni script, ni cadre, ni "
        "attribut on…, ni lien javascript: ou data:)"),
    "identifiant de type en double": (
        "data/agenda.yml", "  - id: conseil", "  - id: atelier",
        "data/agenda.yml:5:9 types[1].id: identifiant en double : trouvé « atelier » déjà utilisé par "
        "types[0], attendu un identifiant unique"),
}


def _errors(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(issue) for issue in caught.value.issues]


@pytest.mark.parametrize("case", list(CASES))
def test_bad_agenda_data(tmp_path: Path, case: str) -> None:
    relative, old, new, message = CASES[case]
    project = copy_project(VALID, tmp_path / "project")
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert message in _errors(project)


def test_fixture_is_valid() -> None:
    assert len(load_site(VALID).agenda.events) == 10


def test_duplicate_event_id_and_bad_file_name(tmp_path: Path) -> None:
    project = copy_project(VALID, tmp_path / "project")
    events = project / "data/events"
    shutil.copy(events / "salon-annule.yml", events / "conseil-2020-03-05.yml")
    shutil.copy(events / "salon-annule.yml", events / "Salon Annulé.yml")
    assert _errors(project) == [
        "data/events/Salon Annulé.yml:1:1 nom de fichier : trouvé « Salon Annulé.yml », attendu un "
        "identifiant en minuscules sans accent ni espace suivi de « .yml », ex. « cafe-debat-ess.yml »",
        "data/series/conseil.yml:3:3 recurrence: identifiant en double : trouvé « conseil-2020-03-05 » "
        "déjà utilisé par data/events/conseil-2020-03-05.yml, attendu un identifiant d'événement unique",
    ]


def test_all_agenda_errors_are_reported_at_once(tmp_path: Path) -> None:
    project = copy_project(VALID, tmp_path / "project")
    for relative, old, new in (("data/events/salon-annule.yml", "type: atelier", "type: salon"),
                               ("data/events/dst-samedi.yml", "publics: [scolaires]", "publics: []")):
        path = project / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert [e.split(" ", 1)[0] for e in _errors(project)] == [
        "data/events/dst-samedi.yml:6:10", "data/events/salon-annule.yml:3:7"]
