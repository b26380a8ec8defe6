"""Agenda data: event types and audiences, single events, recurring series, industry-week editions.

Files: ``data/agenda.yml`` (time zone, types, audiences), ``data/events/<id>.yml`` (one event per
file, the id is the file name), ``data/series/<id>.yml`` (a recurring meeting and the overrides of
its occurrences), ``data/editions.yml`` (the "Semaine de l'industrie" editions). A start or end is
a date (all-day event) or a date and a time in the agenda's time zone; localisation to that zone,
and every check across files, happen in ``territoire.agenda.loader``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from territoire.models.common import (LIST_MAX, IsoDate, Line, Prose, bounded, Slug, StrictModel, WebUrl,
                                      expected, within_years)

_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$")
_TIME = re.compile(r"^(\d{2}):(\d{2})$")


def _when(value: Any) -> Any:
    """A date (all-day) or a date-time; a written offset is kept to be checked against the zone."""
    if isinstance(value, dt.date):  # a datetime too
        within_years(value)
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _DATE_TIME.fullmatch(text)
        try:
            if match:
                day, hour, minute, second = match.groups()
                parsed: dt.date = dt.datetime.combine(
                    dt.date.fromisoformat(day), dt.time(int(hour), int(minute), int(second or 0)))
            else:
                parsed = dt.date.fromisoformat(text)
        except ValueError:
            pass
        else:
            within_years(parsed)
            return parsed
    raise expected("une date AAAA-MM-JJ (journée entière) ou une date et une heure "
                   "« AAAA-MM-JJ HH:MM », ex. « 2019-10-01 18:00 »")


def _clock(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 18:00 as the sexagesimal number 1080.
        value = f"{value // 60:02d}:{value % 60:02d}"
    if isinstance(value, str) and _TIME.fullmatch(value.strip()):
        hour, minute = (int(part) for part in value.strip().split(":"))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise expected("une heure « HH:MM », ex. « 18:30 »")


When = Annotated[dt.date | dt.datetime, BeforeValidator(_when),
                 WithJsonSchema({"type": "string",
                                 "pattern": r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?",
                                 "maxLength": 25})]
Clock = Annotated[dt.time, BeforeValidator(_clock),
                  WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}$", "maxLength": 5})]
Status = Literal["prévu", "annulé", "reporté"]
Weekday = Literal["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _non_empty(value: str) -> str:
    if not value:
        raise expected("un texte non vide")
    return value


Text = Annotated[Line, AfterValidator(_non_empty)]


class EventType(StrictModel):
    id: Slug = Field(alias="id")
    name: Line = Field(alias="nom", min_length=1, description="Nom affiché, ex. « Atelier ».")


class Audience(StrictModel):
    id: Slug = Field(alias="id")
    name: Line = Field(alias="nom", min_length=1, description="Nom affiché, ex. « Scolaires ».")


class AgendaFile(StrictModel):
    timezone: Line = Field(default="Europe/Paris", alias="fuseau",
                          description="Fuseau horaire IANA des heures écrites dans les événements.")
    types: list[EventType] = Field(alias="types", min_length=1, max_length=LIST_MAX)
    audiences: list[Audience] = Field(alias="publics", min_length=1, max_length=LIST_MAX)


class Place(StrictModel):
    name: Line | None = Field(default=None, alias="nom", description="Nom du lieu, s'il est connu.")
    address: Line | None = Field(default=None, alias="adresse", description="Numéro et rue.")
    postal_code: bounded(12) | None = Field(default=None, alias="code_postal", pattern=r"^[0-9A-Z][0-9A-Z -]{1,9}$",
                                            description="Code postal, ex. « 34000 ».")
    commune: Text = Field(alias="commune")
    country: bounded(2) | None = Field(default=None, alias="pays", pattern=r"^[A-Z]{2}$",
                                description="Code du pays en deux lettres (ISO 3166-1), ex. « FR ».")


class Organizer(StrictModel):
    member: Slug | None = Field(default=None, alias="membre",
                                description="Identifiant d'un membre de data/members.yml.")
    name: Line | None = Field(default=None, alias="nom", description="Nom libre, si ce n'est pas un membre.")
    website: WebUrl | None = Field(default=None, alias="site_web")

    @model_validator(mode="after")
    def _one_of(self) -> "Organizer":
        if bool(self.member) == bool(self.name):
            raise expected("soit « membre » (un identifiant de membre), soit « nom » (un texte libre)")
        return self


class Speaker(StrictModel):
    name: Text = Field(alias="nom")
    role: Line | None = Field(default=None, alias="fonction")


class ProgrammeItem(StrictModel):
    time: Clock | None = Field(default=None, alias="heure")
    title: Text = Field(alias="titre")
    description: Prose | None = Field(default=None, alias="description")


class EventFields(StrictModel):
    """Fields shared by an event and a series."""

    timezone: Line | None = Field(default=None, alias="fuseau",
                                 description="Fuseau horaire IANA, s'il diffère de celui de data/agenda.yml.")
    place: Place | None = Field(default=None, alias="lieu")
    online: WebUrl | None = Field(default=None, alias="en_ligne", description="Adresse de l'événement en ligne.")
    organizer: Organizer = Field(alias="organisateur")
    type: Slug = Field(alias="type", description="Identifiant d'un type de data/agenda.yml.")
    audiences: list[Slug] = Field(alias="publics", description="Identifiants de publics de data/agenda.yml.")
    registration: WebUrl | None = Field(default=None, alias="inscription")
    free: bool | None = Field(default=None, alias="gratuit",
                              description="true pour une entrée gratuite, false pour une entrée "
                                          "payante ; sans ce champ (ni tarif), le site n'affiche "
                                          "aucun tarif.")
    price: Line | None = Field(default=None, alias="tarif",
                               description="Tarif d'un événement payant, ex. « 15 € ».")
    description: Prose | None = Field(default=None, alias="description", description="Présentation (Markdown).")
    speakers: list[Speaker] = Field(default_factory=list, alias="intervenants")
    programme: list[ProgrammeItem] = Field(default_factory=list, alias="programme")
    values: list[Slug] = Field(default_factory=list, alias="valeurs")
    axes: list[Slug] = Field(default_factory=list, alias="axes")
    news: list[Slug] = Field(default_factory=list, alias="actualites",
                             description="Identifiants d'actualités liées.")
    updated: IsoDate | None = Field(default=None, alias="mis_a_jour",
                                    description="Date de la dernière modification (DTSTAMP des fichiers .ics).")


class EventFile(EventFields):
    title: Text = Field(alias="titre")
    start: When = Field(alias="debut", description="Date (journée entière) ou date et heure « AAAA-MM-JJ HH:MM ».")
    end: When | None = Field(default=None, alias="fin", description="Même forme que « debut » ; "
                                                                     "pour une journée entière, le dernier jour.")
    status: Status = Field(default="prévu", alias="statut")
    new_start: When | None = Field(default=None, alias="nouvelle_date",
                                   description="Nouvelle date d'un événement reporté.")
    themes: list[Text] = Field(default_factory=list, alias="themes")
    edition: Slug | None = Field(default=None, alias="edition",
                                 description="Identifiant d'une édition de data/editions.yml.")


class Recurrence(StrictModel):
    frequency: Literal["mensuelle", "hebdomadaire"] = Field(alias="frequence")
    weekday: Weekday = Field(alias="jour")
    rank: int | None = Field(default=None, alias="rang", ge=-1, le=5,
                             description="Pour « mensuelle » : 1 pour le premier <jour> du mois, -1 pour le dernier.")
    first: IsoDate = Field(alias="du")
    until: IsoDate = Field(alias="au")


class Occurrence(StrictModel):
    """What one meeting of a series changes: its theme, its status, its text."""

    date: IsoDate = Field(alias="date", description="Date prévue par la règle de la série.")
    title: Line | None = Field(default=None, alias="titre")
    themes: list[Text] = Field(default_factory=list, alias="themes")
    description: Prose | None = Field(default=None, alias="description")
    speakers: list[Speaker] = Field(default_factory=list, alias="intervenants")
    status: Status = Field(default="prévu", alias="statut")
    new_start: When | None = Field(default=None, alias="nouvelle_date")
    news: list[Slug] = Field(default_factory=list, alias="actualites")
    values: list[Slug] = Field(default_factory=list, alias="valeurs")
    axes: list[Slug] = Field(default_factory=list, alias="axes")


class SeriesFile(EventFields):
    title: Text = Field(alias="titre")
    recurrence: Recurrence = Field(alias="recurrence")
    start_time: Clock | None = Field(default=None, alias="heure_debut",
                                     description="Sans heure, chaque séance est une journée entière.")
    end_time: Clock | None = Field(default=None, alias="heure_fin")
    occurrences: list[Occurrence] = Field(default_factory=list, alias="seances")


class Edition(StrictModel):
    id: Slug = Field(alias="id")
    year: int = Field(alias="annee", ge=2000, le=2100)
    name: Text = Field(alias="nom")
    start: IsoDate = Field(alias="debut")
    end: IsoDate = Field(alias="fin")
    theme: Line | None = Field(default=None, alias="theme", description="Thème national de l'édition.")
    description: Prose | None = Field(default=None, alias="description")


class EditionsFile(StrictModel):
    title: Text = Field(alias="titre", description="Nom de l'opération, ex. « Semaine de l'industrie ».")
    introduction: Prose | None = Field(default=None, alias="introduction")
    editions: list[Edition] = Field(alias="editions", max_length=LIST_MAX)
