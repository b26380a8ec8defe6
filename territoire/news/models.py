"""News: the front matter of an article, the categories and the authors it may name.

Articles are Markdown files under ``content/actualites/posts/``, published through Material's blog
plugin. The blog reads ``title``, ``date``, ``categories``, ``draft`` and ``slug`` itself; every
other key is ours and French. Categories (``data/news_categories.yml``) and authors
(``data/authors.yml``) are lists kept in data, so that a typo in an article is an error instead of
a new category.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from territoire.models.common import (LIST_MAX, AssetPath, IsoDate, Line, Slug, StrictModel,
                                      bounded, expected)


class NewsCategory(StrictModel):
    name: Line = Field(alias="nom", min_length=1,
                      description="Nom affiché, écrit tel quel dans « categories » des articles.")
    description: Line = Field(alias="description", min_length=1,
                             description="Une phrase qui présente la catégorie.")


class NewsCategoriesFile(StrictModel):
    categories: list[NewsCategory] = Field(alias="categories", min_length=1, max_length=LIST_MAX)


class Author(StrictModel):
    id: Slug = Field(alias="id", description="Identifiant, écrit dans « auteurs » des articles.")
    name: Line = Field(alias="nom", min_length=1, description="Nom affiché, ex. « Service communication ».")
    role: Line | None = Field(default=None, alias="fonction", description="Fonction ou service.")


class AuthorsFile(StrictModel):
    authors: list[Author] = Field(alias="auteurs", min_length=1, max_length=LIST_MAX)


def _draft_flag(value: Any) -> Any:
    # The blog publishes a future-dated article when it says "draft: false": only "true" is
    # accepted, so that leaving the key out is the one way to publish.
    if value is True:
        return value
    raise expected("true (pour publier, supprimez la ligne « draft »)")


DraftFlag = Annotated[bool, BeforeValidator(_draft_flag),
                      WithJsonSchema({"type": "boolean", "const": True})]


class NewsFrontMatter(StrictModel):
    """The header of an article, between the two ``---`` lines."""

    title: bounded(120) = Field(alias="title", min_length=1, description="Titre de l'article.")
    date: IsoDate = Field(alias="date", description="Date de publication AAAA-MM-JJ.")
    updated: IsoDate | None = Field(default=None, alias="mise_a_jour",
                                    description="Date de la dernière mise à jour, s'il y en a une.")
    summary: bounded(300) = Field(alias="resume", min_length=1,
                         description="Résumé d'une ou deux phrases (listes, flux, moteurs de recherche).")
    categories: list[Line] = Field(alias="categories", min_length=1, max_length=1,
                                  description="La catégorie, choisie dans data/news_categories.yml.")
    tags: list[Line] = Field(default_factory=list, alias="tags", description="Mots-clés libres.")
    image: AssetPath | None = Field(default=None, alias="image",
                                    description="Image de couverture, chemin relatif à content/.")
    image_alt: Line | None = Field(default=None, alias="image_alt",
                                  description="Texte alternatif de l'image, obligatoire avec une image.")
    authors: list[Slug] = Field(default_factory=list, alias="auteurs",
                                description="Identifiants d'auteurs de data/authors.yml.")
    members: list[Slug] = Field(default_factory=list, alias="membres",
                                description="Identifiants des membres cités (data/members.yml).")
    values: list[Slug] = Field(default_factory=list, alias="valeurs",
                               description="Identifiants des valeurs concernées (data/values.yml).")
    axes: list[Slug] = Field(default_factory=list, alias="axes",
                             description="Identifiants des axes concernés (data/axes.yml).")
    events: list[Slug] = Field(default_factory=list, alias="evenements",
                               description="Identifiants des événements liés (agenda).")
    draft: DraftFlag | None = Field(default=None, alias="draft",
                                    description="true : brouillon, visible seulement en aperçu local.")
    slug: Slug | None = Field(default=None, alias="slug",
                              description="Fin de l'adresse de l'article ; par défaut tirée du titre.")


@dataclass(frozen=True)
class NewsItem:
    """One article: its validated header and where it lives."""

    front: NewsFrontMatter
    src_uri: str
    """Path relative to content/, e.g. ``actualites/posts/premier-conseil.md``."""
    source_path: str
    """Path relative to the project, for messages and edit links."""

    @property
    def id(self) -> str:
        """The file name without ``.md``: how events and actions refer to an article."""
        return self.src_uri.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def title(self) -> str:
        return self.front.title

    @property
    def date(self) -> dt.date:
        return self.front.date

    @property
    def updated(self) -> dt.date | None:
        return self.front.updated

    @property
    def summary(self) -> str:
        return self.front.summary

    @property
    def category(self) -> str:
        return self.front.categories[0]

    @property
    def is_draft(self) -> bool:
        return bool(self.front.draft)
