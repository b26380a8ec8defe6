"""The territory's identity: names, signature, colours, logo, contact (``data/territory.yml``)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, WithJsonSchema, field_validator

from territoire.models.common import (PATH_MAX, AssetPath, Email, HexColor, Line, LinkUrl, Prose, StrictModel,
                                      WebUrl, bounded, expected)

# WCAG 2.1 AA for normal text: the primary colour carries white text in the header and buttons.
_MIN_CONTRAST = 4.5


def contrast_with_white(color: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(color[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


class Colors(StrictModel):
    primary: HexColor = Field(alias="primaire", description="Couleur principale (en-tête, boutons), texte blanc dessus.")
    accent: HexColor = Field(alias="accent", description="Couleur d'accent (liens survolés, focus), texte blanc dessus.")

    @field_validator("primary", "accent")
    @classmethod
    def _readable_on_white_text(cls, value: str) -> str:
        ratio = contrast_with_white(value)
        if ratio < _MIN_CONTRAST:
            raise expected(f"une couleur assez foncée pour du texte blanc (contraste {ratio:.2f}:1, "
                           f"il faut au moins {_MIN_CONTRAST}:1 pour le RGAA)")
        return value


class Contact(StrictModel):
    email: Email | None = Field(default=None, alias="courriel")
    phone: Line | None = Field(default=None, alias="telephone")
    address: Line | None = Field(default=None, alias="adresse")
    url: WebUrl | None = Field(default=None, alias="url")


class SocialLink(StrictModel):
    name: Line = Field(alias="nom", min_length=1)
    url: LinkUrl = Field(alias="url")


class Publication(StrictModel):
    """Where the site is published and edited; without it, the values of mkdocs.yml apply."""

    site_url: WebUrl | None = Field(default=None, alias="url_du_site",
                                    description="Adresse publique du site, ex. « https://www.exemple.fr/ ».")
    repository: WebUrl | None = Field(default=None, alias="depot",
                                      description="Adresse du dépôt qui contient le projet.")
    edit_path: Line | None = Field(default=None, alias="chemin_modification", min_length=1,
                                  description="Chemin des liens « modifier » dans le dépôt, "
                                              "ex. « edit/main/content/ ».")
    branch: bounded(120) = Field(default="main", alias="branche", min_length=1,
                        description="Branche publiée ; l'éditeur en ligne y fusionne les articles publiés.")
    editor_auth: WebUrl | None = Field(
        default=None, alias="authentification_editeur",
        description="Adresse du relais OAuth qui connecte l'éditeur en ligne (/admin/) à GitHub, "
                    "ex. « https://auth.exemple.fr » (voir le README, « L'éditeur en ligne »).")
    editor_app_id: bounded(120) | None = Field(
        default=None, alias="application_editeur", min_length=1,
        description="Identifiant (client ID) de l'application OAuth créée sur Gitea ou Forgejo "
                    "pour l'éditeur en ligne.")


_SITE_PATH = re.compile(r"^(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*\.(?:html|xml|ics|json|csv))?$")


def _site_path(value: str) -> str:
    if not _SITE_PATH.fullmatch(value):
        raise expected("l'adresse d'une page du site, relative à sa racine, en minuscules et "
                       "terminée par « / », ex. « membres/ » ou « agenda/ » (vide pour l'accueil)")
    return value


SitePath = Annotated[str, StringConstraints(max_length=PATH_MAX), AfterValidator(_site_path),
                     WithJsonSchema({"type": "string", "pattern": _SITE_PATH.pattern,
                                     "maxLength": PATH_MAX})]


class CallToAction(StrictModel):
    """A button of the home page's hero."""

    label: bounded(40) = Field(alias="texte", min_length=1,
                       description="Texte du bouton, ex. « Découvrir les membres ».")
    target: SitePath = Field(alias="lien", description="Page visée, relative à la racine du site, "
                                                        "ex. « membres/ » ou « agenda/ ».")


class Hero(StrictModel):
    """The top band of the home page: an optional picture and up to two calls to action."""

    image: AssetPath | None = Field(default=None, alias="image",
                                    description="Photo ou illustration, chemin relatif à content/.")
    image_alt: bounded(250) | None = Field(default=None, alias="image_alt",
                                  description="Texte alternatif de l'image, obligatoire avec une "
                                              "image (vide « \"\" » si elle est décorative).")
    credit: bounded(120) | None = Field(default=None, alias="credit", min_length=1,
                               description="Crédit de l'image, ex. « Illustration : service "
                                           "communication ».")
    calls_to_action: list[CallToAction] = Field(default_factory=list, alias="appels", max_length=2,
                                                description="Un ou deux boutons sous la signature.")


class Vocabulary(StrictModel):
    """How the territory names its governing body and its members; today's words by default."""

    governing_body: bounded(80) = Field(default="le conseil", alias="instance", min_length=2,
                                description="L'instance qui réunit les membres, avec son article : "
                                            "« le conseil », « le comité de projet local »…")
    governing_body_full: Line | None = Field(default=None, alias="instance_nom_complet", min_length=2,
                                            max_length=160,
                                            description="Son nom complet, avec son article, ex. « le "
                                                        "comité de projet local de l'industrie ».")
    member: bounded(40) = Field(default="membre", alias="membre", min_length=2,
                        description="Comment on appelle l'un d'eux : « membre », « signataire »…")
    members: bounded(40) = Field(default="membres", alias="membres", min_length=2,
                         description="Le même mot au pluriel.")


class Territory(StrictModel):
    """Who publishes the site; every visible name and colour comes from here."""

    name: Line = Field(alias="nom", min_length=1, description="Nom officiel de la collectivité ou du territoire.")
    signature: Line = Field(alias="signature", min_length=1, description="Signature de marque, utilisée comme nom du site.")
    short_signature: bounded(32) | None = Field(default=None, alias="signature_courte", min_length=1,
                                        description="Forme courte de la signature pour l'en-tête sur téléphone ; "
                                                    "sans elle, la signature entière passe à la ligne.")
    baseline: Line = Field(alias="baseline", min_length=1, description="Phrase courte sous la signature.")
    description: bounded(300) = Field(alias="description", min_length=1,
                             description="Description du site pour les moteurs de recherche.")
    ambition: Prose = Field(alias="ambition", min_length=1, description="L'ambition du territoire (Markdown).")
    colors: Colors = Field(alias="couleurs")
    logo: AssetPath = Field(alias="logo", description="Logo, chemin relatif à content/.")
    favicon: AssetPath = Field(alias="favicon", description="Icône d'onglet, chemin relatif à content/.")
    publisher: Line = Field(alias="editeur", min_length=1, description="Éditeur du site (mentions légales).")
    contact: Contact = Field(default_factory=Contact, alias="contact")
    social_links: list[SocialLink] = Field(default_factory=list, alias="reseaux_sociaux")
    publication: Publication = Field(default_factory=Publication, alias="publication")
    home: Hero = Field(default_factory=Hero, alias="accueil",
                       description="Le bandeau de la page d'accueil : image et boutons.")
    vocabulary: Vocabulary = Field(default_factory=Vocabulary, alias="vocabulaire",
                                   description="Les mots du territoire pour son instance et ses membres.")
    suggest_edits: bool = Field(default=False, alias="proposer_correction",
                                description="« true » ajoute un lien discret « Proposer une correction » "
                                            "vers le fichier source de chaque page (dépôt de « publication »).")
