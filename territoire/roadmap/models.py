"""The roadmap (``data/roadmap.yml``): action sheets by axis, with status, lead and indicators.

An action is led by a member (its identifier, lower case with hyphens) or by a named partner
(a name with capitals or spaces, e.g. « Montpellier Méditerranée Métropole »). References to
axes, members, news and events are checked by the roadmap loader, not here.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from territoire.models.common import IsoDate, Line, Prose, Slug, StrictModel, expected

STATUSES = ("à lancer", "en cours", "réalisée", "abandonnée")


def _status(value: str) -> str:
    if value not in STATUSES:
        raise expected("l'un des statuts « à lancer », « en cours », « réalisée » ou « abandonnée »")
    return value


Status = Annotated[str, AfterValidator(_status), WithJsonSchema({"type": "string", "enum": list(STATUSES), "maxLength": 20})]


class Indicator(StrictModel):
    name: Line = Field(alias="nom", min_length=1, description="Ce que l'on mesure.")
    unit: Line = Field(alias="unite", min_length=1,
                      description="Unité de la cible et de la valeur, ex. « entreprises », « % ».")
    target: float = Field(alias="cible", ge=0, description="Valeur visée.")
    current: float | None = Field(default=None, alias="valeur", ge=0,
                                  description="Dernière valeur mesurée ; vide tant qu'aucune mesure.")
    measured_on: IsoDate | None = Field(default=None, alias="date",
                                        description="Date de la dernière valeur (obligatoire avec « valeur »).")

    @property
    def share(self) -> float | None:
        """Share of the target reached, 0 to 1, or None when nothing is measured yet."""
        if self.current is None:
            return None
        if self.target == 0:
            return 1.0
        return min(self.current / self.target, 1.0)


class Action(StrictModel):
    id: Slug = Field(alias="id", description="Identifiant ; l'adresse de la fiche en dépend.")
    title: Line = Field(alias="titre", min_length=1)
    axis: Slug = Field(alias="axe", description="Identifiant d'un axe de data/axes.yml.")
    priority: bool = Field(default=False, alias="prioritaire")
    status: Status = Field(alias="statut", description="à lancer, en cours, réalisée ou abandonnée.")
    lead: Line = Field(alias="pilote", min_length=1,
                      description="Identifiant d'un membre, ou nom d'un partenaire.")
    partners: list[Line] = Field(default_factory=list, alias="partenaires",
                                description="Identifiants de membres ou noms de partenaires.")
    start: IsoDate = Field(alias="debut", description="Date de lancement (prévue ou réelle).")
    target_date: IsoDate = Field(alias="echeance", description="Date visée pour l'achèvement.")
    budget: int | None = Field(default=None, alias="budget_euros", ge=0,
                               description="Budget en euros, si connu.")
    indicators: list[Indicator] = Field(default_factory=list, alias="indicateurs")
    description: Prose = Field(alias="description", min_length=1, description="Texte de la fiche (Markdown).")
    news: list[Line] = Field(default_factory=list, alias="actualites",
                            description="Identifiants des actualités liées.")
    events: list[Line] = Field(default_factory=list, alias="evenements",
                              description="Identifiants des événements liés (agenda).")
    updated: IsoDate = Field(alias="mise_a_jour", description="Date de la dernière mise à jour de la fiche.")


class RoadmapFile(StrictModel):
    illustrative: bool = Field(default=False, alias="exemple",
                               description="true tant que la feuille de route est un exemple et non "
                                           "celle adoptée : le site l'affiche clairement.")
    notice: Prose | None = Field(default=None, alias="avertissement",
                               description="Texte affiché en tête de la feuille de route (Markdown).")
    actions: list[Action] = Field(alias="actions")
