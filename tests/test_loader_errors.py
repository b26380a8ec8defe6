"""Each class of bad data gives its exact French message, with file, line, column and field.

These run the loader in-process on a copy of a small valid territory with one file changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from territoire import DataError, load_site

VALID = FIXTURES / "other_territory"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(VALID, tmp_path / "project")


def _errors(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(issue) for issue in caught.value.issues]


def _write(project: Path, relative: str, text: str | bytes) -> None:
    path = project / relative
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_valid_fixture_loads() -> None:
    site = load_site(VALID)
    assert [m.id for m in site.members] == ["atelier-mecanique", "bois-et-fer", "scierie-du-val"]
    assert [m.id for m in site.members_with_value("inventive")] == ["atelier-mecanique", "scierie-du-val"]


def test_unknown_key_names_file_line_and_suggests(project: Path) -> None:
    _write(project, "data/members/atelier-mecanique.yml",
           "description: Atelier d'essai.\nsecteur: mecanique\nsite_wbe: https://exemple.fr\n")
    assert _errors(project) == [
        "data/members/atelier-mecanique.yml:3:1 site_wbe: champ inconnu : trouvé « site_wbe », "
        "attendu l'un des champs accroche, adresse, commune, contact, description, logo, savoir_faire, "
        "secteur, site_web, valeurs (vouliez-vous écrire « site_web » ?)"
    ]


def test_missing_required_field(project: Path) -> None:
    _write(project, "data/members/atelier-mecanique.yml", "secteur: mecanique\n")
    assert _errors(project) == [
        "data/members/atelier-mecanique.yml:1:1 description: champ obligatoire manquant : "
        "trouvé aucune valeur, attendu le champ « description »"
    ]


def test_wrong_type(project: Path) -> None:
    _write(project, "data/members/atelier-mecanique.yml", "description: Atelier.\ncommune: 34000\n")
    assert _errors(project) == [
        "data/members/atelier-mecanique.yml:2:10 commune: trouvé le nombre 34000, attendu un texte"
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://exemple.fr",
                                 "www.exemple.fr"])
def test_website_must_be_http(project: Path, url: str) -> None:
    _write(project, "data/members/atelier-mecanique.yml", f"description: Atelier.\nsite_web: '{url}'\n")
    assert _errors(project) == [
        f"data/members/atelier-mecanique.yml:2:11 site_web: trouvé « {url} », "
        "attendu une adresse commençant par https:, http:"
    ]


def test_bad_email(project: Path) -> None:
    _write(project, "data/members/atelier-mecanique.yml",
           "description: Atelier.\ncontact:\n  courriel: contact(at)exemple.fr\n")
    assert _errors(project) == [
        "data/members/atelier-mecanique.yml:3:13 contact.courriel: trouvé « contact(at)exemple.fr », "
        "attendu une adresse électronique valide, ex. « contact@exemple.fr »"
    ]


def test_unknown_value_and_sector(project: Path) -> None:
    _write(project, "data/members/atelier-mecanique.yml",
           "description: Atelier.\nsecteur: chimie\nvaleurs: [inventive, pionniere]\n")
    assert _errors(project) == [
        "data/members/atelier-mecanique.yml:2:10 secteur: secteur inconnu : trouvé « chimie », "
        "attendu l'un des identifiants de data/sectors.yml : bois, mecanique",
        "data/members/atelier-mecanique.yml:3:22 valeurs[1]: valeur inconnue : trouvé « pionniere », "
        "attendu l'un des identifiants de data/values.yml : inventive, solidaire",
    ]


def test_duplicate_member_id(project: Path) -> None:
    registry = (project / "data/members.yml").read_text(encoding="utf-8")
    registry += "  - id: bois-et-fer\n    nom: Doublon\n    role: entreprise\n    depuis: 2024-05-01\n"
    _write(project, "data/members.yml", registry)
    assert _errors(project) == [
        "data/members.yml:17:9 membres[3].id: identifiant en double : trouvé « bois-et-fer » "
        "déjà utilisé par membres[2], attendu un identifiant unique"
    ]


def test_profile_without_entry_and_entry_without_profile(project: Path) -> None:
    (project / "data/members/bois-et-fer.yml").rename(project / "data/members/bois-et-fr.yml")
    assert _errors(project) == [
        "data/members.yml:13:9 membres[2].id: profil manquant : trouvé le membre « bois-et-fer » sans "
        "fichier de profil, attendu le fichier data/members/bois-et-fer.yml",
        "data/members/bois-et-fr.yml:1:1 membre non inscrit : trouvé le profil « bois-et-fr », attendu "
        "une entrée avec cet identifiant dans data/members.yml",
    ]


def test_impossible_date(project: Path) -> None:
    registry = (project / "data/members.yml").read_text(encoding="utf-8")
    _write(project, "data/members.yml", registry.replace("depuis: 2024-02-01", "depuis: 2024-02-30"))
    assert _errors(project) == [
        "data/members.yml:8:13 membres[0].depuis: trouvé « 2024-02-30 », attendu une date réelle "
        "au format AAAA-MM-JJ, ex. « 2019-10-01 »"
    ]


def test_bad_slug(project: Path) -> None:
    values = (project / "data/values.yml").read_text(encoding="utf-8")
    _write(project, "data/values.yml", values.replace("id: solidaire", "id: Solidaire Ensemble"))
    errors = _errors(project)
    assert errors[0] == (
        "data/values.yml:2:9 valeurs[0].id: trouvé « Solidaire Ensemble », attendu un identifiant en "
        "minuscules sans accent ni espace (lettres, chiffres et tirets, ex. « industrie-positive »)"
    )


def test_colour_too_light_for_white_text(project: Path) -> None:
    territory = (project / "data/territory.yml").read_text(encoding="utf-8")
    _write(project, "data/territory.yml", territory.replace('primaire: "#00695c"', 'primaire: "#ffcc00"'))
    assert _errors(project) == [
        "data/territory.yml:7:13 couleurs.primaire: trouvé « #ffcc00 », attendu une couleur assez "
        "foncée pour du texte blanc (contraste 1.51:1, il faut au moins 4.5:1 pour le RGAA)"
    ]


def test_missing_logo_file(project: Path) -> None:
    territory = (project / "data/territory.yml").read_text(encoding="utf-8")
    _write(project, "data/territory.yml", territory.replace("logo: images/logo-val-vert.svg",
                                                            "logo: images/absent.svg"))
    assert _errors(project) == [
        "data/territory.yml:9:7 logo: fichier introuvable : trouvé « images/absent.svg », attendu une "
        "image existante dans content/"
    ]


@pytest.mark.parametrize(("content", "expected"), [
    (b"description: [\n", "data/members/atelier-mecanique.yml:1:14 crochet « [ » non fermé : trouvé "
                          "« description: [ », attendu « description: [] »"),
    (b"description: x\n\tsecteur: bois\n", "data/members/atelier-mecanique.yml:2:1 indentation : "
                                          "trouvé une tabulation, attendu des espaces"),
    (b"\xef\xbb\xbfdescription: x\n", "data/members/atelier-mecanique.yml:1:1 encodage : trouvé une "
                                     "marque d'ordre d'octets (BOM), attendu de l'UTF-8 sans BOM"),
    (b"description: caf\xe9\n", "data/members/atelier-mecanique.yml:1:17 encodage : trouvé l'octet 0xe9 qui "
                               "n'est pas de l'UTF-8, attendu un fichier enregistré en UTF-8"),
    (b"# rien\n", "data/members/atelier-mecanique.yml:1:1 fichier vide : trouvé aucune donnée, attendu "
                  "un contenu YAML"),
    (b"description: x\ndescription: y\n", "data/members/atelier-mecanique.yml:2:1 description: champ en "
                                          "double : trouvé ce champ une seconde fois, attendu une seule occurrence"),
])
def test_unreadable_files(project: Path, content: bytes, expected: str) -> None:
    _write(project, "data/members/atelier-mecanique.yml", content)
    assert _errors(project) == [expected]


def test_every_error_is_reported_at_once(project: Path) -> None:
    _write(project, "data/members/atelier-mecanique.yml", "description: x\nsecteur: chimie\n")
    _write(project, "data/members/scierie-du-val.yml", "description: x\nsite_web: javascript:alert(1)\n")
    _write(project, "data/key_figures.yml", "chiffres:\n  - valeur: 3\n")
    errors = _errors(project)
    assert [error.split(" ")[0] for error in errors] == [
        "data/key_figures.yml:2:5", "data/key_figures.yml:2:5", "data/key_figures.yml:2:5",
        "data/key_figures.yml:2:13", "data/members/atelier-mecanique.yml:2:10",
        "data/members/scierie-du-val.yml:2:11",
    ]
