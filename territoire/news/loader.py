"""Read and check every news article's front matter, with the lists it refers to.

Called by ``load_site``: each article under ``content/actualites/posts/`` is validated like a data
file (unknown keys, bad dates, missing alt text) and its references are checked against the
categories, authors, members, values and axes of the territory. Issues go to the shared collector.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pymdownx.slugs import slugify

from territoire import memo
from territoire.errors import IssueCollector
from territoire.images import refused_svg_message, size_text, svg_refused
from territoire.imaging.limits import RASTER_MAX_BYTES
from territoire.news.models import (Author, AuthorsFile, NewsCategoriesFile, NewsCategory,
                                    NewsFrontMatter, NewsItem)
from territoire.sources import SourceDocument, files_below, read_front_matter, read_yaml
from territoire.validation import ReferableIds, check_reference, describe_found, validate

POSTS_DIR = "actualites/posts"
CATEGORIES_FILE = "news_categories.yml"
AUTHORS_FILE = "authors.yml"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg")
URL_SLUG = slugify(case="lower", normalize="NFD")
"""The blog plugin's slug function as configured by the engine: an article without ``slug`` gets
its address from its title through it."""
MAX_IMAGE_BYTES = 300 * 1024
"""An SVG cover is published as it is and read on phones over slow networks: 300 Ko at most. A
raster cover may be a big photo (``RASTER_MAX_BYTES``): visitors get small variants of it."""


@dataclass
class NewsData:
    items: list[NewsItem] = field(default_factory=list)
    categories: list[NewsCategory] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)


@dataclass
class KnownIds:
    """What an article may refer to. None: not checked, because the list's own file is invalid
    (its error is reported) or, for ``events``, because the site has no agenda."""

    members: set[str] | None
    values: set[str] | None
    axes: set[str] | None
    events: set[str] | ReferableIds | None = None


@memo.for_this_build
def news_ids(content: Path) -> set[str]:
    """Articles are known by their file name (without ``.md``) wherever data refers to them."""
    return {relative.rsplit("/", 1)[-1][:-3] for relative in _posts(content)}


def _posts(content: Path) -> list[str]:
    """The articles' files, relative to the articles' folder, in path order."""
    folder = content / POSTS_DIR
    return [relative for relative in files_below(folder) if relative.endswith(".md")] \
        if folder.is_dir() else []


def load_news(data: Path, content: Path, issues: IssueCollector, known: KnownIds) -> NewsData:
    """Every article, newest first; the lists are only required once there is an article."""
    # Strings: a path object is made only for an article read again (thousands at every save).
    folder = os.fspath(content / POSTS_DIR)
    posts = [(os.path.join(folder, relative), f"{POSTS_DIR}/{relative}")
             for relative in _posts(content)]
    if not posts:
        return NewsData()
    categories = _load_list(data / CATEGORIES_FILE, NewsCategoriesFile, issues,
                            key="categories", attribute="categories")
    authors = _load_list(data / AUTHORS_FILE, AuthorsFile, issues, key="auteurs", attribute="authors")
    # A list that could not be read is reported once, not again by every article that uses it.
    category_names = {category.name for category in categories} if categories is not None else None
    author_ids = {author.id for author in authors} if authors is not None else None
    items = []
    documents: dict[str, SourceDocument] = {}
    lists = _lists_key(category_names, author_ids, known) if memo.keeping() else None
    for path, src_uri in posts:
        key = _article_key(path, lists)
        kept = memo.recall(key) if key is not None else None
        if kept is not None:
            document, front = kept
        else:
            added = issues.added
            checked = _checked_article(Path(path), issues, category_names, author_ids, known)
            if checked is None:
                continue
            document, front = checked
            if key is not None and issues.added == added and _plainly_known(front, known):
                memo.remember(key, checked)
        _check_dates(document, front, issues)
        _check_cover(content, document, front, issues)
        documents[src_uri] = document
        items.append(NewsItem(front=front, src_uri=src_uri,
                              source_path=issues.display_path_below(content, src_uri)))
    _check_unique_addresses(items, documents, issues)
    items.sort(key=lambda item: (item.date, item.src_uri), reverse=True)
    return NewsData(items=items, categories=categories or [], authors=authors or [])


def _lists_key(category_names: set[str] | None, author_ids: set[str] | None,
               known: KnownIds) -> tuple[Any, ...]:
    """What an article's references are checked against, as a key (once per build)."""
    def frozen(ids: Any) -> Any:
        if isinstance(ids, ReferableIds):
            return ("valid", ids.valid)
        return frozenset(ids) if ids is not None else None
    return tuple(frozen(ids) for ids in (category_names, author_ids, known.members, known.values,
                                         known.axes, known.events))


def _article_key(path: str, lists: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    if lists is None:
        return None
    try:
        text = memo.text_of(path)
    except (OSError, UnicodeError):
        return None  # read_front_matter says why
    return ("news article", path, text, lists)


def _plainly_known(front: NewsFrontMatter, known: KnownIds) -> bool:
    """An article whose events are all valid ones: an event known only as « pending » (its file
    is invalid) depends on more than the lists of the key."""
    events = known.events
    return not isinstance(events, ReferableIds) or all(event in events.valid for event in front.events)


def _checked_article(path: Path, issues: IssueCollector, category_names: set[str] | None,
                     author_ids: set[str] | None,
                     known: KnownIds) -> tuple[SourceDocument, NewsFrontMatter] | None:
    """An article's front matter, read, validated and its references checked; issues added.

    Under the preview, an article whose check added no issue is kept by its text and the lists
    it was checked against (``load_news``): the same text gives the same result."""
    read = read_front_matter(path, issues)
    if read is None:
        return None
    document, _body = read
    front = validate(NewsFrontMatter, document, issues)
    if front is None:
        return None
    for index, name in enumerate(front.categories if category_names is not None else []):
        if name not in category_names:
            line, column = document.position(("categories", index))
            issues.add(path, line, column, f"categories[{index}]",
                       f"catégorie inconnue : trouvé {describe_found(name)}, attendu l'une des "
                       f"catégories de data/{CATEGORIES_FILE} : "
                       f"{', '.join(sorted(category_names))}")
    references = (
        ("auteurs", front.authors, author_ids, "auteur inconnu", f"data/{AUTHORS_FILE}"),
        ("membres", front.members, known.members, "membre inconnu", "data/members.yml"),
        ("valeurs", front.values, known.values, "valeur inconnue", "data/values.yml"),
        ("axes", front.axes, known.axes, "axe inconnu", "data/axes.yml"))
    if known.events is not None:
        references += (("evenements", front.events, known.events, "événement inconnu",
                        "l'agenda"),)
    for key, found, allowed, problem, source in references:
        if allowed is None:
            continue
        for index, item_id in enumerate(found):
            check_reference(document, (key, index), item_id, allowed, problem, source, issues)
    return document, front


def _load_list(path: Path, model, issues: IssueCollector, *, key: str,
               attribute: str) -> list | None:
    """The entries of a list file, or None (with an issue) when the file is unusable."""
    document = read_yaml(path, issues)
    if document is None:
        return None
    loaded = validate(model, document, issues)
    if loaded is None:
        return None
    items = getattr(loaded, attribute)
    seen: set[str] = set()
    for index, item in enumerate(items):
        ident = getattr(item, "id", None) or item.name
        if ident in seen:
            line, column = document.position((key, index))
            issues.add(path, line, column, f"{key}[{index}]",
                       f"en double : trouvé « {ident} » une seconde fois, attendu des entrées uniques")
        seen.add(ident)
    return items


def _check_unique_addresses(items: list[NewsItem], documents: dict[str, SourceDocument],
                            issues: IssueCollector) -> None:
    """Two articles of the same year with the same slug would be published at one address."""
    seen: dict[tuple[int, str], NewsItem] = {}
    for item in sorted(items, key=lambda item: item.src_uri):
        slug = item.front.slug or URL_SLUG(item.title, "-")
        address = (item.date.year, slug)
        if address not in seen:
            seen[address] = item
            continue
        document = documents[item.src_uri]
        field_name = "slug" if item.front.slug else "title"
        line, column = document.position((field_name,))
        issues.add(document.path, line, column, field_name,
                   f"adresse en double : trouvé l'adresse actualites/{item.date.year}/{slug}/ déjà "
                   f"prise par {seen[address].source_path}, attendu un « slug » différent")


def _check_dates(document: SourceDocument, front: NewsFrontMatter, issues: IssueCollector) -> None:
    if front.updated and front.updated < front.date:
        line, column = document.position(("mise_a_jour",))
        issues.add(document.path, line, column, "mise_a_jour",
                   f"trouvé {describe_found(front.updated)}, attendu une date postérieure ou égale "
                   f"à la date de publication ({front.date.isoformat()})")


def _check_cover(content: Path, document: SourceDocument, front: NewsFrontMatter,
                 issues: IssueCollector) -> None:
    if front.image_alt and not front.image:
        line, column = document.position(("image_alt",))
        issues.add(document.path, line, column, "image",
                   "image manquante : trouvé « image_alt » sans « image », attendu les deux champs "
                   "ensemble")
    if not front.image:
        return
    line, column = document.position(("image",))
    if not front.image_alt:
        issues.add(document.path, line, column, "image_alt",
                   "texte alternatif manquant : trouvé une image sans « image_alt », attendu une "
                   "description de l'image")
    file = content / front.image
    if not file.is_file():
        issues.add(document.path, line, column, "image",
                   f"fichier introuvable : trouvé « {front.image} », attendu une image existante "
                   f"dans {issues.display_path(content)}/")
    elif file.suffix.lower() not in IMAGE_SUFFIXES:
        issues.add(document.path, line, column, "image",
                   f"format d'image : trouvé « {file.suffix or file.name} », attendu l'un des formats "
                   f"{', '.join(IMAGE_SUFFIXES)}")
    elif file.stat().st_size > (limit := MAX_IMAGE_BYTES if file.suffix.lower() == ".svg"
                                else RASTER_MAX_BYTES):
        issues.add(document.path, line, column, "image",
                   f"image trop lourde : trouvé {size_text(file.stat().st_size)}, attendu au plus "
                   f"{size_text(limit)} (réduisez ou compressez l'image)")
    elif file.suffix.lower() == ".svg" and svg_refused(file, issues):
        issues.add(document.path, line, column, "image", refused_svg_message(front.image))
