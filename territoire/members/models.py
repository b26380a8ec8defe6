"""Member firms: the council's registry (``data/members.yml``) and each firm's own profile file.

The registry says who is a member, since when and with which role; only the council edits it. A
profile (``data/members/<id>.yml``) is written by the firm itself, so that a CODEOWNERS rule can
give each firm that one file. Profile text is untrusted and is sanitised when rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pydantic import Field

from territoire.models.common import (LIST_MAX, AssetPath, Email, IsoDate, Line, Prose, Slug,
                                      StrictModel, WebUrl, bounded)


_MINOR_WORDS = {"de", "des", "du", "la", "le", "les", "l", "d", "et", "&"}
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"[*_`#>]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"])")
TAGLINE_MAX = 160


def first_sentence(markdown: str, limit: int = TAGLINE_MAX) -> str:
    """The first sentence of a Markdown text as plain text, cut at a word under ``limit``."""
    text = _MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", markdown))
    text = " ".join(text.split())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class Role(StrictModel):
    id: Slug = Field(alias="id")
    name: Line = Field(alias="nom", min_length=1)


class RegistryEntry(StrictModel):
    id: Slug = Field(alias="id", description="Identifiant ; le profil est data/members/<id>.yml.")
    name: Line = Field(alias="nom", min_length=1, description="Nom officiel de la structure.")
    role: Slug = Field(alias="role", description="Identifiant d'un rôle de la liste « roles ».")
    member_since: IsoDate = Field(alias="depuis", description="Date d'entrée au conseil.")


class MembersRegistry(StrictModel):
    roles: list[Role] = Field(alias="roles", min_length=1, max_length=LIST_MAX)
    entries: list[RegistryEntry] = Field(alias="membres")


class MemberContact(StrictModel):
    email: Email | None = Field(default=None, alias="courriel")
    phone: Line | None = Field(default=None, alias="telephone")
    form_url: WebUrl | None = Field(default=None, alias="formulaire")


class Offering(StrictModel):
    """A product or a know-how shown in the "made in" showcase."""

    title: Line = Field(alias="titre", min_length=1)
    description: Prose = Field(alias="description", min_length=1, description="Texte court (Markdown).")
    image: AssetPath | None = Field(default=None, alias="image")
    image_alt: Line | None = Field(default=None, alias="image_alt",
                                  description="Texte alternatif, obligatoire avec une image.")


class MemberProfile(StrictModel):
    description: Prose = Field(alias="description", min_length=1, description="Présentation (Markdown).")
    tagline: bounded(160) | None = Field(default=None, alias="accroche", min_length=1,
                                description="Présentation en une ligne, sous le nom (160 caractères au plus).")
    sector: Slug | None = Field(default=None, alias="secteur", description="Identifiant d'un secteur de data/sectors.yml.")
    commune: Line | None = Field(default=None, alias="commune")
    address: Line | None = Field(default=None, alias="adresse")
    website: WebUrl | None = Field(default=None, alias="site_web")
    contact: MemberContact = Field(default_factory=MemberContact, alias="contact")
    logo: AssetPath | None = Field(
        default=None, alias="logo",
        description="Logo rangé dans content/images/membres/, chemin relatif à content/ (SVG de "
                    "100 Ko au plus, sans script ni référence externe ; ou PNG, JPEG, WebP de "
                    "20 Mo au plus).")
    values: list[Slug] = Field(default_factory=list, alias="valeurs",
                               description="Identifiants des valeurs que la structure incarne.")
    offerings: list[Offering] = Field(default_factory=list, alias="savoir_faire")


@dataclass(frozen=True)
class Member:
    """A registry entry joined with its profile."""

    entry: RegistryEntry
    profile: MemberProfile
    profile_path: str

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def since(self) -> dt.date:
        return self.entry.member_since

    @property
    def tagline(self) -> str:
        """Its one-line presentation: the firm's own, or the first sentence of its description."""
        return self.profile.tagline or first_sentence(self.profile.description)

    @property
    def initials(self) -> str:
        """Up to two initials of the name's significant words, for the logo placeholder."""
        words = [w for w in self.name.replace("'", " ").replace("’", " ").split()
                 if w[:1].isalnum() and w.lower() not in _MINOR_WORDS]
        return "".join(w[0] for w in words[:2]).upper() or self.name[:1].upper()
