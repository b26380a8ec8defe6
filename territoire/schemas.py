"""JSON Schemas of the data files, generated from the models.

Editors read them through the ``# yaml-language-server: $schema=`` line of each YAML file to
autocomplete fields and underline mistakes. ``python -m territoire.schemas`` rewrites them; a test
fails when the committed files differ from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from territoire.agenda.models import AgendaFile, EditionsFile, EventFile, SeriesFile
from territoire.members.models import MemberProfile, MembersRegistry
from territoire.models.figures import KeyFiguresFile
from territoire.models.identity import Territory
from territoire.models.legal import Legal
from territoire.models.pillars import AxesFile, SectorsFile, ValuesFile
from territoire.news.models import AuthorsFile, NewsCategoriesFile, NewsFrontMatter
from territoire.roadmap.models import RoadmapFile

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "territory": (Territory, "Identité du territoire (data/territory.yml)"),
    "values": (ValuesFile, "Valeurs (data/values.yml)"),
    "axes": (AxesFile, "Axes stratégiques (data/axes.yml)"),
    "sectors": (SectorsFile, "Secteurs (data/sectors.yml)"),
    "key_figures": (KeyFiguresFile, "Chiffres clés (data/key_figures.yml)"),
    "members": (MembersRegistry, "Registre des membres (data/members.yml)"),
    "member-profile": (MemberProfile, "Profil d'un membre (data/members/<id>.yml)"),
    "legal": (Legal, "Mentions légales et accessibilité (data/legal.yml)"),
    "news_categories": (NewsCategoriesFile, "Catégories d'actualités (data/news_categories.yml)"),
    "authors": (AuthorsFile, "Auteurs d'actualités (data/authors.yml)"),
    "news-front-matter": (NewsFrontMatter, "En-tête d'un article (content/actualites/posts/*.md)"),
    "agenda": (AgendaFile, "Agenda : fuseau, types et publics (data/agenda.yml)"),
    "event": (EventFile, "Événement (data/events/<id>.yml)"),
    "series": (SeriesFile, "Série de réunions (data/series/<id>.yml)"),
    "editions": (EditionsFile, "Éditions de la Semaine de l'industrie (data/editions.yml)"),
    "roadmap": (RoadmapFile, "Feuille de route (data/roadmap.yml)"),
}

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def render(name: str) -> str:
    model, title = SCHEMAS[name]
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = directory / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(path)
