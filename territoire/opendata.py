"""Open data exports: each dataset is a list of flat records written as JSON and as CSV.

A ``Dataset`` names its fields (with a French description shown on the open data page) and a
function that makes its records from the site. Another feature adds its own export with
``register(Dataset(...))`` at import time; the exports hook writes every registered dataset. The
files are written deterministically (records sorted by the dataset's key, fields in declared
order, fixed separators) so that a rebuild with the same data gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from typing import Any, Callable

from territoire import memo
from territoire.french import capitalized, contracted
from territoire.models.identity import Vocabulary
from territoire.site import Site

LICENCE_NAME = "Licence Ouverte / Etalab 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LIST_SEPARATOR = " | "
"""How a list (values, products) is joined inside one CSV cell."""

UrlFor = Callable[[str, str], str]
"""``url_for(kind, key)``: the absolute URL of a generated page."""


@dataclass(frozen=True)
class ExportContext:
    """What a dataset's ``records`` function gets: the validated site, ``url_for(kind, key)``
    giving a generated page's absolute URL, and the build's config (opaque here) for datasets
    that read pages MkDocs built, such as blog posts."""

    site: Site
    url_for: UrlFor
    config: Any = None


@dataclass(frozen=True)
class ExportField:
    name: str
    description: str
    is_list: bool = False


@dataclass(frozen=True)
class Dataset:
    id: str
    """The file name without extension: ``members`` gives members.json and members.csv."""
    title: str
    description: str
    fields: tuple[ExportField, ...]
    records: Callable[[ExportContext], list[dict[str, Any]]]
    sort_field: str = "id"

    def worded(self, vocabulary: Vocabulary) -> "Dataset":
        """The dataset with the territory's words in its texts.

        Texts may name the governing body and its members through ``{instance}``,
        ``{de_l_instance}``, ``{a_l_instance}``, ``{membre}``, ``{membres}`` and ``{Membres}``,
        so that a territory whose members are « signataires » reads its own words.
        """
        words = {"instance": vocabulary.governing_body,
                 "de_l_instance": contracted("de", vocabulary.governing_body),
                 "a_l_instance": contracted("à", vocabulary.governing_body),
                 "membre": vocabulary.member, "membres": vocabulary.members,
                 "Membres": capitalized(vocabulary.members)}
        return replace(self, title=self.title.format(**words),
                       description=self.description.format(**words),
                       fields=tuple(replace(f, description=f.description.format(**words))
                                    for f in self.fields))

    def rows(self, context: ExportContext) -> list[dict[str, Any]]:
        names = [f.name for f in self.fields]
        rows = []
        for record in self.records(context):
            if sorted(record) != sorted(names):
                raise ValueError(f"{self.id}: champs {sorted(record)} au lieu de {sorted(names)}")
            rows.append({name: record[name] for name in names})
        return sorted(rows, key=lambda row: str(row[self.sort_field]))


_REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    _REGISTRY[dataset.id] = dataset
    return dataset


def datasets(vocabulary: Vocabulary | None = None) -> list[Dataset]:
    """Every registered dataset, with the territory's words when ``vocabulary`` is given."""
    found = sorted(_REGISTRY.values(), key=lambda dataset: dataset.id)
    return [dataset.worded(vocabulary) for dataset in found] if vocabulary else found


def to_json(dataset: Dataset, rows: list[dict[str, Any]]) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, record by record (``encode``)."""
    return encode(dataset, rows)[0]


def to_csv(dataset: Dataset, rows: list[dict[str, Any]]) -> str:
    return encode(dataset, rows)[1]


def encode(dataset: Dataset, rows: list[dict[str, Any]]) -> tuple[str, str]:
    """The JSON and the CSV text of a dataset. With an indent, json encodes in pure Python: each
    record is encoded compactly (in C) once, and under the preview a record already encoded (the
    same compact JSON) is not indented nor written as CSV again."""
    header = {
        "jeu_de_donnees": dataset.id,
        "titre": dataset.title,
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "champs": [{"nom": f.name, "description": f.description} for f in dataset.fields],
    }
    opening = json.dumps(header, ensure_ascii=False, indent=2).removesuffix("\n}")
    table = io.StringIO()
    csv.writer(table, lineterminator="\r\n").writerow([f.name for f in dataset.fields])
    records = []
    for row in rows:
        record, line = _encoded_record(dataset, row)
        records.append(record)
        table.write(line)
    if not records:
        return opening + ',\n  "enregistrements": []\n}\n', table.getvalue()
    return (opening + ',\n  "enregistrements": [\n' + ",\n".join(records) + "\n  ]\n}\n",
            table.getvalue())


def _encoded_record(dataset: Dataset, row: dict[str, Any]) -> tuple[str, str]:
    # json escapes every line break inside a string: each line of the dump is a line of JSON.
    key = ("open data record", dataset.id, json.dumps(row, ensure_ascii=False))
    found = memo.recall(key)
    if found is None:
        record = "\n".join("    " + line
                           for line in json.dumps(row, ensure_ascii=False, indent=2).split("\n"))
        line = io.StringIO()
        csv.writer(line, lineterminator="\r\n").writerow(
            [_cell(row[f.name], f.is_list) for f in dataset.fields])
        found = (record, line.getvalue())
        memo.remember(key, found)
    return found


def _cell(value: Any, is_list: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # as in JSON, not Python's "True"
    if is_list:
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _member_records(context: ExportContext) -> list[dict[str, Any]]:
    site, url_for = context.site, context.url_for
    records = []
    for member in site.members:
        profile = member.profile
        sector = site.sector(profile.sector)
        records.append({
            "id": member.id,
            "nom": member.name,
            "role": site.role(member.entry.role).name,
            "membre_depuis": member.since.isoformat(),
            "secteur": sector.name if sector else None,
            "commune": profile.commune,
            "adresse": profile.address,
            "site_web": profile.website,
            "valeurs": [site.value(value_id).name for value_id in profile.values],
            "savoir_faire": [offering.title for offering in profile.offerings],
            "page": url_for("member", member.id),
        })
    return records


MEMBERS = register(Dataset(
    id="members",
    title="{Membres}",
    description="Les structures {membres} {de_l_instance}, leur secteur, leur commune et leurs "
                "savoir-faire. Les adresses électroniques et les téléphones ne sont pas exportés.",
    fields=(
        ExportField("id", "Identifiant stable de la structure (nom de son fichier de profil)."),
        ExportField("nom", "Nom officiel de la structure."),
        ExportField("role", "Rôle {a_l_instance}."),
        ExportField("membre_depuis", "Date d'entrée {a_l_instance} (AAAA-MM-JJ)."),
        ExportField("secteur", "Secteur d'activité, vide s'il n'est pas renseigné."),
        ExportField("commune", "Commune d'implantation, vide si elle n'est pas renseignée."),
        ExportField("adresse", "Adresse postale, vide si elle n'est pas renseignée."),
        ExportField("site_web", "Adresse du site web, vide s'il n'est pas renseigné."),
        ExportField("valeurs", "Valeurs que la structure incarne (liste).", is_list=True),
        ExportField("savoir_faire", "Titres de ses produits et savoir-faire (liste).", is_list=True),
        ExportField("page", "Adresse de sa page sur ce site."),
    ),
    records=_member_records,
))
