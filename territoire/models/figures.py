"""Key figures ("chiffres clés"), each with the source and date that back it."""

from __future__ import annotations

from pydantic import Field

from territoire.models.common import LIST_MAX, IsoDate, Line, StrictModel, WebUrl


class KeyFigure(StrictModel):
    value: Line = Field(alias="valeur", min_length=1, description="Le chiffre tel qu'affiché, ex. « 21 500 ».")
    label: Line = Field(alias="libelle", min_length=1, description="Ce qu'il mesure.")
    source: Line = Field(alias="source", min_length=1, description="Qui l'a publié.")
    date: IsoDate = Field(alias="date", description="Date de la source.")
    source_url: WebUrl | None = Field(default=None, alias="url_source")


class KeyFiguresFile(StrictModel):
    figures: list[KeyFigure] = Field(alias="chiffres", min_length=1, max_length=LIST_MAX)
