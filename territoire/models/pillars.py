"""What the territory stands for: its values, strategic axes and industrial sectors."""

from __future__ import annotations

from pydantic import Field

from territoire.models.common import Slug, StrictModel


class Value(StrictModel):
    id: Slug = Field(alias="id")
    name: str = Field(alias="nom", min_length=1, description="Nom de la valeur, ex. « Pionnière ».")
    tagline: str = Field(alias="accroche", min_length=1, description="Une phrase qui la résume.")
    text: str = Field(alias="texte", min_length=1, description="Texte de la page de la valeur (Markdown).")


class Axis(StrictModel):
    id: Slug = Field(alias="id")
    number: int = Field(alias="numero", ge=1, description="Ordre d'affichage, à partir de 1.")
    title: str = Field(alias="titre", min_length=1)
    tagline: str = Field(alias="accroche", min_length=1)
    text: str = Field(alias="texte", min_length=1, description="Texte de la page de l'axe (Markdown).")


class Sector(StrictModel):
    id: Slug = Field(alias="id")
    name: str = Field(alias="nom", min_length=1)
    description: str | None = Field(default=None, alias="description")


class ValuesFile(StrictModel):
    values: list[Value] = Field(alias="valeurs", min_length=1)


class AxesFile(StrictModel):
    axes: list[Axis] = Field(alias="axes", min_length=1)


class SectorsFile(StrictModel):
    sectors: list[Sector] = Field(alias="secteurs", min_length=1)
