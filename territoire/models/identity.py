"""The territory's identity: names, signature, colours, logo, contact (``data/territory.yml``)."""

from __future__ import annotations

from pydantic import Field, field_validator

from territoire.models.common import AssetPath, Email, HexColor, LinkUrl, StrictModel, WebUrl, expected

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
    phone: str | None = Field(default=None, alias="telephone")
    address: str | None = Field(default=None, alias="adresse")
    url: WebUrl | None = Field(default=None, alias="url")


class SocialLink(StrictModel):
    name: str = Field(alias="nom", min_length=1)
    url: LinkUrl = Field(alias="url")


class Publication(StrictModel):
    """Where the site is published and edited; without it, the values of mkdocs.yml apply."""

    site_url: WebUrl | None = Field(default=None, alias="url_du_site",
                                    description="Adresse publique du site, ex. « https://www.exemple.fr/ ».")
    repository: WebUrl | None = Field(default=None, alias="depot",
                                      description="Adresse du dépôt qui contient le projet.")
    edit_path: str | None = Field(default=None, alias="chemin_modification", min_length=1,
                                  description="Chemin des liens « modifier » dans le dépôt, "
                                              "ex. « edit/main/content/ ».")


class Territory(StrictModel):
    """Who publishes the site; every visible name and colour comes from here."""

    name: str = Field(alias="nom", min_length=1, description="Nom officiel de la collectivité ou du territoire.")
    signature: str = Field(alias="signature", min_length=1, description="Signature de marque, utilisée comme nom du site.")
    baseline: str = Field(alias="baseline", min_length=1, description="Phrase courte sous la signature.")
    description: str = Field(alias="description", min_length=1, max_length=300,
                             description="Description du site pour les moteurs de recherche.")
    ambition: str = Field(alias="ambition", min_length=1, description="L'ambition du territoire (Markdown).")
    colors: Colors = Field(alias="couleurs")
    logo: AssetPath = Field(alias="logo", description="Logo, chemin relatif à content/.")
    favicon: AssetPath = Field(alias="favicon", description="Icône d'onglet, chemin relatif à content/.")
    publisher: str = Field(alias="editeur", min_length=1, description="Éditeur du site (mentions légales).")
    contact: Contact = Field(default_factory=Contact, alias="contact")
    social_links: list[SocialLink] = Field(default_factory=list, alias="reseaux_sociaux")
    publication: Publication = Field(default_factory=Publication, alias="publication")
