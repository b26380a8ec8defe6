"""A 30-member territory written by the tests, and the expected directory worked out by hand.

The expected filters are computed here from the generation table, not with the code under test,
so that a wrong filter page cannot agree with a wrong oracle.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from conftest import FIXTURES

BASE = FIXTURES / "other_territory"
SIZE = 30
COMMUNES = ["Saint-Jean-de-Védas", "Lodève", "Montpellier", None]
COMMUNE_SLUGS = {"Saint-Jean-de-Védas": "saint-jean-de-vedas", "Lodève": "lodeve",
                 "Montpellier": "montpellier"}
SECTORS = {"bois": "Filière bois", "mecanique": "Mécanique", "textile": "Textile"}
VALUES = {"solidaire": "Solidaire", "inventive": "Inventive"}
ROLES = {"entreprise": "Entreprise", "association": "Association"}
SITE_URL = "https://annuaire.val-vert.example/"
LOGO_MEMBER = "membre-03"
EMAIL_MEMBER = "membre-04"
EMAIL = "accueil.atelier@exemple-industrie.fr"
VALID_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
             'viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#123456"/>'
             '</linearGradient></defs><rect width="10" height="10" fill="url(#g)"/>'
             '<use xlink:href="#g"/></svg>\n')


@dataclass
class Row:
    id: str
    name: str
    role: str
    sector: str | None
    commune: str | None
    values: list[str]
    offerings: list[str] = field(default_factory=list)

    @property
    def initials(self) -> str:
        return "".join(word[0] for word in self.name.split()[:2]).upper()


def rows() -> list[Row]:
    table = []
    for i in range(SIZE):
        # Accents and a lower-case first letter check the French alphabetical order.
        name = f"Atelier Éole {i:02d}" if i % 7 == 0 else (f"éditions {i:02d}" if i % 11 == 5 else f"Structure {i:02d}")
        values = [v for v, keep in (("solidaire", i % 2 == 0), ("inventive", i % 5 == 0)) if keep]
        table.append(Row(id=f"membre-{i:02d}", name=name,
                         role="association" if i % 6 == 0 else "entreprise",
                         sector=["bois", "mecanique", None][i % 3],
                         commune=COMMUNES[i % 4], values=values,
                         offerings=[f"Produit {i:02d}"] if i % 4 == 1 else []))
    return table


def french_order(table: list[Row]) -> list[Row]:
    import unicodedata

    def key(row: Row) -> str:
        plain = unicodedata.normalize("NFD", row.name)
        return "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return sorted(table, key=key)


def expected_filters(table: list[Row]) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(facet, key) -> (label, member names in directory order), only non-empty options."""
    ordered = french_order(table)
    expected = {}
    for key, label in SECTORS.items():
        expected[("secteur", key)] = (label, [r.name for r in ordered if r.sector == key])
    for key, label in VALUES.items():
        expected[("valeur", key)] = (label, [r.name for r in ordered if key in r.values])
    for commune, key in COMMUNE_SLUGS.items():
        expected[("commune", key)] = (commune, [r.name for r in ordered if r.commune == commune])
    for key, label in ROLES.items():
        expected[("role", key)] = (label, [r.name for r in ordered if r.role == key])
    return {k: v for k, v in expected.items() if v[1]}


def write_project(destination: Path, table: list[Row] | None = None) -> Path:
    table = rows() if table is None else table
    shutil.copytree(BASE / "content", destination / "content")
    shutil.copytree(BASE / "data", destination / "data")
    data = destination / "data"
    # Its own public address: the structured data of member pages is built on it.
    with (data / "territory.yml").open("a", encoding="utf-8") as territory:
        territory.write(f"publication:\n  url_du_site: {SITE_URL}\n")
    shutil.rmtree(data / "members")
    (data / "members").mkdir()
    (destination / "content/images/membres").mkdir(parents=True)
    (destination / "content/images/membres/membre-03.svg").write_text(VALID_SVG, encoding="utf-8")
    sectors = [{"id": key, "nom": label} for key, label in SECTORS.items()]
    (data / "sectors.yml").write_text(yaml.safe_dump({"secteurs": sectors}, allow_unicode=True),
                                      encoding="utf-8")
    registry = {
        "roles": [{"id": key, "nom": label} for key, label in ROLES.items()],
        "membres": [{"id": r.id, "nom": r.name, "role": r.role, "depuis": "2024-01-15"} for r in table],
    }
    (data / "members.yml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False),
                                      encoding="utf-8")
    for r in table:
        profile = {"description": f"Présentation de {r.name}.", "secteur": r.sector,
                   "commune": r.commune, "valeurs": r.values,
                   "savoir_faire": [{"titre": t, "description": f"Fabriqué par {r.name}."}
                                    for t in r.offerings]}
        if r.id == LOGO_MEMBER:
            profile["logo"] = "images/membres/membre-03.svg"
            profile["site_web"] = "https://www.exemple-industrie.fr/membre-03"
            profile["adresse"] = "1 rue de l'Usine"
        if r.id == EMAIL_MEMBER:
            profile["contact"] = {"courriel": EMAIL}
        (data / "members" / f"{r.id}.yml").write_text(
            yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destination
