"""Field types shared by every model, each with a French description of what it expects.

Models are strict about unknown keys and validate the shape of identifiers, links, e-mail
addresses, colours and dates. A custom error carries an ``expected`` text; the validation module
turns it into "trouvé …, attendu …".

Every text has a maximum length, the same rule in every model: a one-line text (a name, a title,
an address) is a ``Line``, a Markdown text a ``Prose``, a tighter cap a ``bounded(n)``; identifiers,
addresses and paths carry their own. A text is published in many files (its page, the cards and
lists that show it, feeds, calendars, open data), so an unbounded one multiplies: the limits are
far above what a real territory writes (``tests/test_limits.py`` checks that every string of every
model has one).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints,
                      WithJsonSchema)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")

LINE_MAX = 300
"""A one-line text: a name, a title, an address, an alternative text (the sample's longest: 196)."""
PROSE_MAX = 20_000
"""A Markdown text: a presentation, the page of a value or an axis (the sample's longest: 529)."""
LIST_MAX = 200
"""A list of kinds (types, audiences, values, sectors, roles, categories…): pages multiply by it
(an edition has a filter page per type, audience, commune and day)."""
SLUG_MAX = 80
URL_MAX = 2_000
EMAIL_MAX = 254
PATH_MAX = 255


def bounded(max_length: int) -> Any:
    """A text of at most ``max_length`` characters (the message says « au plus N caractères »)."""
    return Annotated[str, StringConstraints(max_length=max_length)]


Line = bounded(LINE_MAX)
Prose = bounded(PROSE_MAX)


def expected(text: str) -> PydanticCustomError:
    """An error whose message is what the field expects; the input shows what was found."""
    return PydanticCustomError("territoire", "{expected}", {"expected": text})


# The label of a field in the JSON Schemas and in the web editor: its French key, with the
# accents and words a key cannot carry. A key missing here is shown capitalised, "_" as spaces.
FIELD_TITLES = {
    "accessibilite": "Accessibilité", "actualites": "Actualités", "adresse_editeur": "Adresse de l'éditeur",
    "annee": "Année", "appels": "Boutons", "au": "Jusqu'au", "auditeur": "Auditeur",
    "budget_euros": "Budget (euros)", "categories": "Catégorie", "chemin_modification": "Chemin de modification",
    "contenus_non_accessibles": "Contenus non accessibles", "date_audit": "Date de l'audit",
    "date_declaration": "Date de la déclaration", "debut": "Début", "depot": "Dépôt",
    "depuis": "Membre depuis", "directeur_publication": "Directeur de la publication",
    "draft": "Brouillon", "du": "À partir du", "echeance": "Échéance", "editeur": "Éditeur",
    "edition": "Édition", "editions": "Éditions", "etat": "État", "evenements": "Événements",
    "formulaire": "Formulaire de contact", "frequence": "Fréquence", "fuseau": "Fuseau horaire",
    "hebergeur": "Hébergeur", "heure_debut": "Heure de début", "heure_fin": "Heure de fin",
    "icone": "Icône", "id": "Identifiant", "image_alt": "Texte alternatif de l'image",
    "instance_nom_complet": "Nom complet de l'instance", "libelle": "Libellé",
    "mis_a_jour": "Mis à jour le", "mise_a_jour": "Mise à jour", "numero": "Numéro",
    "proposer_correction": "Proposer une correction", "reseaux_sociaux": "Réseaux sociaux",
    "resume": "Résumé", "role": "Rôle", "seances": "Séances", "secteur": "Secteur",
    "signature_courte": "Signature courte", "site_web": "Site web", "slug": "Adresse de la page",
    "tags": "Mots-clés", "taux_conformite": "Taux de conformité", "telephone": "Téléphone",
    "theme": "Thème", "themes": "Thèmes", "title": "Titre", "unite": "Unité",
    "url_du_site": "Adresse du site", "url_source": "Adresse de la source",
    "version_rgaa": "Version du RGAA", "url": "Adresse", "savoir_faire": "Savoir-faire", "roles": "Rôles", "recurrence": "Récurrence", "primaire": "Couleur principale",
}


def field_title(name: str, info: Any) -> str:
    """The French label of a field (JSON Schema ``title``, web editor ``label``)."""
    key = info.alias or name
    return FIELD_TITLES.get(key) or key.replace("_", " ").capitalize()


class StrictModel(BaseModel):
    """Base of every data model: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              populate_by_name=False, field_title_generator=field_title)


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise expected("un identifiant en minuscules sans accent ni espace "
                       "(lettres, chiffres et tirets, ex. « industrie-positive »)")
    return value


def _url(schemes: tuple[str, ...]):
    def check(value: str) -> str:
        shown = ", ".join(f"{scheme}:" for scheme in schemes)
        parts = urlsplit(value)
        if _CONTROL.search(value) or parts.scheme.lower() not in schemes:
            raise expected(f"une adresse commençant par {shown}")
        if parts.scheme.lower() in ("http", "https") and not parts.netloc:
            raise expected("une adresse web complète, ex. « https://www.exemple.fr »")
        if parts.scheme.lower() == "mailto" and not _EMAIL.fullmatch(parts.path):
            raise expected("une adresse « mailto: » suivie d'une adresse électronique valide")
        return value
    return check


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise expected("une adresse électronique valide, ex. « contact@exemple.fr »")
    return value


def _hex_color(value: str) -> str:
    if not _HEX_COLOR.fullmatch(value):
        raise expected("une couleur hexadécimale « #rrvvbb », ex. « #1d4f91 »")
    return value.lower()


YEAR_MIN, YEAR_MAX = 1800, 2200
"""Dates outside these years are typing mistakes (« 2926 » for « 2026 »); far from them, date
arithmetic (a postponed event keeps its duration, a month page links to the next) cannot
overflow."""


def within_years(day: dt.date) -> dt.date:
    """``day``, or the error of a date outside ``YEAR_MIN``-``YEAR_MAX``."""
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise expected(f"une date entre {YEAR_MIN} et {YEAR_MAX} (faute de frappe dans l'année ?)")
    return day


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise expected("une date seule AAAA-MM-JJ, sans heure")
    if isinstance(value, dt.date):
        return within_years(value)
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise expected("une date réelle au format AAAA-MM-JJ, ex. « 2019-10-01 »") from None
        return within_years(day)
    raise expected("une date au format AAAA-MM-JJ, ex. « 2019-10-01 »")


def _relative_asset(value: str) -> str:
    if (_CONTROL.search(value) or value.startswith(("/", "\\")) or ".." in value.split("/")
            or urlsplit(value).scheme):
        raise expected("un chemin relatif au dossier content/, ex. « images/logo.svg »")
    return value


# The length is checked first: a pattern never runs on a megabyte of text.
Slug = Annotated[str, StringConstraints(max_length=SLUG_MAX), AfterValidator(_slug),
                 WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX})]
WebUrl = Annotated[str, StringConstraints(max_length=URL_MAX), AfterValidator(_url(("https", "http"))),
                   WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://",
                                   "maxLength": URL_MAX})]
LinkUrl = Annotated[str, StringConstraints(max_length=URL_MAX),
                    AfterValidator(_url(("https", "http", "mailto"))),
                    WithJsonSchema({"type": "string", "format": "uri",
                                    "pattern": "^(https?://|mailto:)", "maxLength": URL_MAX})]
Email = Annotated[str, StringConstraints(max_length=EMAIL_MAX), AfterValidator(_email),
                  WithJsonSchema({"type": "string", "format": "email", "maxLength": EMAIL_MAX})]
HexColor = Annotated[str, StringConstraints(max_length=7), AfterValidator(_hex_color),
                     WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "maxLength": 7})]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date),
                    WithJsonSchema({"type": "string", "format": "date", "maxLength": 10})]
AssetPath = Annotated[str, StringConstraints(max_length=PATH_MAX), AfterValidator(_relative_asset),
                      WithJsonSchema({"type": "string", "pattern": "^[^/]", "maxLength": PATH_MAX})]
