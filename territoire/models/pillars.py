"""What the territory stands for: its values, strategic axes and industrial sectors."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema

from territoire.models.common import (LIST_MAX, SLUG_MAX, HexColor, Line, Prose, Slug, StrictModel,
                                      expected)

ICON_PATTERN = r"^(?:material|fontawesome/(?:brands|regular|solid)|octicons|simple)/[a-z0-9]+(?:-[a-z0-9]+)*$"
_ICON = re.compile(ICON_PATTERN)


def _icon(value: str) -> str:
    if not _ICON.fullmatch(value):
        raise expected("le nom d'une icône de Material, ex. « material/rocket-launch-outline » "
                       "(liste : https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)")
    return value


Icon = Annotated[str, StringConstraints(max_length=SLUG_MAX * 2), AfterValidator(_icon),
                 WithJsonSchema({"type": "string", "pattern": ICON_PATTERN, "maxLength": SLUG_MAX * 2})]
"""An icon of the sets that Material ships (drawn inline, no font download)."""


class Value(StrictModel):
    id: Slug = Field(alias="id")
    name: Line = Field(alias="nom", min_length=1, description="Nom de la valeur, ex. « Audacieuse ».")
    tagline: Line = Field(alias="accroche", min_length=1, description="Une phrase qui la résume.")
    text: Prose = Field(alias="texte", min_length=1, description="Texte de la page de la valeur (Markdown).")
    icon: Icon = Field(default="material/star-four-points-outline", alias="icone",
                       description="Icône de la valeur, ex. « material/rocket-launch-outline ».")


class Axis(StrictModel):
    id: Slug = Field(alias="id")
    number: int = Field(alias="numero", ge=1, description="Ordre d'affichage, à partir de 1.")
    title: Line = Field(alias="titre", min_length=1)
    tagline: Line = Field(alias="accroche", min_length=1)
    text: Prose = Field(alias="texte", min_length=1, description="Texte de la page de l'axe (Markdown).")


class Sector(StrictModel):
    id: Slug = Field(alias="id")
    name: Line = Field(alias="nom", min_length=1)
    description: Line | None = Field(default=None, alias="description")
    icon: Icon = Field(default="material/factory", alias="icone",
                       description="Icône du secteur (vignette d'un membre sans logo).")
    color: HexColor | None = Field(default=None, alias="couleur",
                                   description="Couleur du secteur « #rrvvbb », assez foncée pour une "
                                               "icône blanche ; sans elle, une teinte dérivée des "
                                               "couleurs du territoire.")


class ValuesFile(StrictModel):
    values: list[Value] = Field(alias="valeurs", min_length=1, max_length=LIST_MAX)


class AxesFile(StrictModel):
    axes: list[Axis] = Field(alias="axes", min_length=1, max_length=LIST_MAX)


class SectorsFile(StrictModel):
    sectors: list[Sector] = Field(alias="secteurs", min_length=1, max_length=LIST_MAX)
