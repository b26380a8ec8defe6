"""Field types shared by every model, each with a French description of what it expects.

Models are strict about unknown keys and validate the shape of identifiers, links, e-mail
addresses, colours and dates. A custom error carries an ``expected`` text; the validation module
turns it into "trouvé …, attendu …".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def expected(text: str) -> PydanticCustomError:
    """An error whose message is what the field expects; the input shows what was found."""
    return PydanticCustomError("territoire", "{expected}", {"expected": text})


class StrictModel(BaseModel):
    """Base of every data model: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True,
                              populate_by_name=False)


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


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise expected("une date seule AAAA-MM-JJ, sans heure")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise expected("une date réelle au format AAAA-MM-JJ, ex. « 2019-10-01 »") from None
    raise expected("une date au format AAAA-MM-JJ, ex. « 2019-10-01 »")


def _relative_asset(value: str) -> str:
    if (_CONTROL.search(value) or value.startswith(("/", "\\")) or ".." in value.split("/")
            or urlsplit(value).scheme):
        raise expected("un chemin relatif au dossier content/, ex. « images/logo.svg »")
    return value


Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN})]
WebUrl = Annotated[str, AfterValidator(_url(("https", "http"))),
                   WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]
LinkUrl = Annotated[str, AfterValidator(_url(("https", "http", "mailto"))),
                    WithJsonSchema({"type": "string", "format": "uri",
                                    "pattern": "^(https?://|mailto:)"})]
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
HexColor = Annotated[str, AfterValidator(_hex_color),
                     WithJsonSchema({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"})]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date),
                    WithJsonSchema({"type": "string", "format": "date"})]
AssetPath = Annotated[str, AfterValidator(_relative_asset),
                      WithJsonSchema({"type": "string", "pattern": "^[^/]"})]
