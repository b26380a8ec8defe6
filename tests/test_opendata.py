"""The export mechanism without MkDocs: a new dataset only declares its fields and records."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FIXTURES
from territoire import load_site
from territoire.opendata import Dataset, ExportContext, ExportField, datasets, to_csv, to_json

SITE = load_site(FIXTURES / "other_territory")


def _context() -> ExportContext:
    return ExportContext(site=SITE, url_for=lambda kind, key: f"https://exemple.fr/{kind}/{key}/")


VALUES = Dataset(
    id="values", title="Valeurs", description="Les valeurs du territoire.",
    fields=(ExportField("id", "Identifiant."), ExportField("nom", "Nom."),
            ExportField("membres", "Membres qui la déclarent.", is_list=True)),
    records=lambda context: [{"id": v.id, "nom": v.name,
                              "membres": [m.name for m in context.site.members_with_value(v.id)]}
                             for v in context.site.values],
)


def test_a_new_dataset_is_written_sorted_in_json_and_csv() -> None:
    rows = VALUES.rows(_context())
    assert [r["id"] for r in rows] == ["inventive", "solidaire"]
    document = json.loads(to_json(VALUES, rows))
    assert document["licence"] == "Licence Ouverte / Etalab 2.0"
    assert document["enregistrements"] == rows
    table = list(csv.reader(io.StringIO(to_csv(VALUES, rows), newline="")))
    assert table[0] == ["id", "nom", "membres"]
    assert table[1] == ["inventive", "Inventive", "Atelier mécanique | Scierie du Val"]


@pytest.mark.parametrize("rows", [[], [{"id": "a", "nom": "Ligne 1\nLigne 2 « é »", "membres": []}],
                                  [{"id": "b", "nom": {"x": [1, {}]}, "membres": ["M"]},
                                   {"id": "c", "nom": None, "membres": [{"y": 2.5}]}]])
def test_the_json_is_written_as_json_dumps_indents_it(rows) -> None:
    # to_json writes record by record (territoire/opendata.py): the text must be json's own.
    text = to_json(VALUES, rows)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["enregistrements"] == rows


def test_records_must_give_exactly_the_declared_fields() -> None:
    broken = Dataset(id="x", title="X", description="X", fields=(ExportField("id", "Id."),),
                     records=lambda context: [{"id": "a", "en_trop": 1}])
    with pytest.raises(ValueError, match="x: champs"):
        broken.rows(_context())


def test_members_dataset_is_registered() -> None:
    assert "members" in [dataset.id for dataset in datasets()]
