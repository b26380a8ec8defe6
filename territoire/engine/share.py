"""Share cards of one build: the 1200x630 picture and Open Graph data of every page.

A page whose data carries an image (an article's cover, the home hero, a firm's logo or its first
product photo) shares that image fitted to 1200x630; any other page shares a card drawn in the
territory's colours with its title (``territoire.imaging.cards``). Templates ask
``share_card(page, labels)`` for a ``ShareCard``; ``labels`` maps a page kind (``article``,
``member``, ``event``…) to the word drawn on its card, so that words stay in templates. The
images that data names are made ahead at ``on_config`` with the other variants; drawn cards are
made after the pages are rendered, on every core, then everything is copied into the site.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from territoire.engine.media import MediaPipeline, copy_into
from territoire.engine.news import paris_datetime
from territoire.imaging import cards, jobs
from territoire.site import Site

_KEY = "territoire_share"
SHARE_DIR = "assets/partage"
_BLOG_VIEWS = {"View", "Archive", "Category"}


@dataclass(frozen=True)
class ShareCard:
    """What ``partials/share/meta.html`` prints for one page."""

    kind: str
    """``home``, ``article``, ``news``, ``page``, or the kind of a generated page (``member``…)."""
    og_type: str
    title: str
    """Plain text (entities decoded, tags removed): templates escape it."""
    image: str
    """Site-relative path of the 1200x630 file."""
    image_type: str
    image_source: str
    """``photo`` (the page's own image, cropped), ``logo`` (centred on white) or ``drawn``."""
    image_alt: str = ""
    """The alternative text written in data for a photo; templates word the others."""
    label: str = ""
    width: int = cards.WIDTH
    height: int = cards.HEIGHT
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class _OwnImage:
    src: str
    alt: str
    mode: str  # "photo" or "logo"


@dataclass
class ShareCards:
    site: Site
    media: MediaPipeline
    site_name: str
    baseline: str
    style: cards.CardStyle
    published: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0
    drawn: int = 0
    """Cards drawn by this build (not found in the cache)."""
    _drawn: dict[str, jobs.Job] = field(default_factory=dict)
    _own: dict[str, tuple[str, str, jobs.Job]] = field(default_factory=dict)
    _printed: dict[str, ShareCard] = field(default_factory=dict)

    # -- set-up (on_config) -----------------------------------------------------------------------

    def prepare(self) -> list[jobs.Job]:
        """Jobs for every image that data names as some page's own: made with the variants."""
        images = [item.front.image for item in self.site.news if item.front.image]
        hero = _hero_image(self.site)
        if hero:
            images.append(hero.src)
        for member in self.site.members:
            own = _member_image(member)
            if own:
                self._own_job(own)
        for src in images:
            self._own_job(_OwnImage(src, "", "photo"))
        return [job for _path, _type, job in self._own.values()]

    def _own_job(self, own: _OwnImage) -> tuple[str, str, jobs.Job]:
        memo = f"{own.mode}:{own.src}"
        if memo not in self._own:
            digest = self.media.digest(own.src)
            path = self.media.content / own.src
            if own.mode == "photo":
                key = cards.photo_key(digest)
                job, suffix, mime = jobs.photo_job(key, path, own.src), ".jpg", "image/jpeg"
            else:
                key = cards.logo_key(digest, "#ffffff")
                job, suffix, mime = jobs.logo_job(key, path, own.src), ".png", "image/png"
            site_path = f"{SHARE_DIR}/{key[:20]}{suffix}"
            self._own[memo] = (site_path, mime, job)
        return self._own[memo]

    # -- templates ----------------------------------------------------------------------------------

    def card(self, page: Any, labels: dict[str, str] | None = None) -> ShareCard:
        started = time.perf_counter()
        try:
            card = self._card(page, labels)
            if page is not None and getattr(page, "url", None) is not None:
                self._printed[page.url] = card
            return card
        finally:
            self.seconds += time.perf_counter() - started

    def printed(self, page_url: str) -> ShareCard | None:
        """The card a rendered page printed in its head (feeds carry the same picture)."""
        return self._printed.get(page_url)

    def carry_over(self, page_url: str, card: ShareCard, picture: Path | None) -> None:
        """A page the preview did not rebuild keeps the card it printed in the previous build
        (``engine/incremental.py``): feeds read it, and its picture stays published."""
        self._printed.setdefault(page_url, card)
        if picture is not None:
            self.published.setdefault(card.image, picture)

    def _card(self, page: Any, labels: dict[str, str] | None) -> ShareCard:
        kind = _kind(page, self.site)
        title = self.site_name if page is None or getattr(page, "is_homepage", False) \
            else _plain(getattr(page, "title", "") or self.site_name)
        label = (labels or {}).get(kind, "")
        article = self.site.news_item(page.file.src_uri) if kind == "article" else None
        extra: dict[str, Any] = {}
        if article is not None:
            extra = {"published": paris_datetime(article.date).isoformat(),
                     "modified": paris_datetime(article.updated).isoformat() if article.updated else None,
                     "section": article.category, "tags": tuple(article.front.tags)}
        own = self._own_image(page, kind, article)
        if own is not None:
            site_path, mime, job = self._own_job(own)
            self.published[site_path] = self.media.cache.path(*job.outputs[0])
            return ShareCard(kind=kind, og_type="article" if article else "website", title=title,
                             image=site_path, image_type=mime, image_source=own.mode,
                             image_alt=own.alt, label=label, **extra)
        # The home page's title is the site's name, already drawn beside the logo: its card
        # carries the baseline instead.
        drawn_title = self.baseline if kind == "home" or page is None else title
        text = cards.CardText(title=drawn_title, label=label)
        key = cards.card_key(self.style, text)
        site_path = f"{SHARE_DIR}/{key[:20]}.png"
        self._drawn.setdefault(key, jobs.card_job(key, self.style, text))
        self.published[site_path] = self.media.cache.path(key, ".png")
        return ShareCard(kind=kind, og_type="article" if article else "website", title=title,
                         image=site_path, image_type="image/png", image_source="drawn",
                         label=label, **extra)

    def _own_image(self, page: Any, kind: str, article: Any) -> _OwnImage | None:
        if article is not None and article.front.image:
            return _OwnImage(article.front.image, article.front.image_alt or "", "photo")
        if kind == "home":
            return _hero_image(self.site)
        if kind == "member":
            try:
                return _member_image(self.site.member(page.meta.get("key")))
            except KeyError:
                return None
        return None

    # -- after the build ----------------------------------------------------------------------------

    def write(self, site_dir: Path) -> int:
        """Draw the missing cards, then copy every share picture into the site."""
        started = time.perf_counter()
        outcome = jobs.run(list(self._drawn.values()), self.media.cache)
        if outcome.failures:
            # Drawn cards read no file of the territory: a failure here is the engine's own.
            raise PluginError(f"cartes de partage : {outcome.failures[0].message}")
        self.drawn = outcome.made
        copy_into(site_dir, self.published)
        self.seconds += time.perf_counter() - started
        return len(self.published)


def start(config: MkDocsConfig, site: Site, media: MediaPipeline) -> ShareCards:
    territory = site.territory
    logo = media.content / territory.logo
    style = cards.CardStyle(primary=territory.colors.primary, accent=territory.colors.accent,
                            site_name=territory.signature, logo=logo if logo.is_file() else None,
                            logo_digest=media.digest(territory.logo) if logo.is_file() else "")
    share = ShareCards(site=site, media=media, site_name=territory.signature,
                       baseline=territory.baseline, style=style)
    config[_KEY] = share
    return share


def cards_of(config: MkDocsConfig) -> ShareCards:
    return config[_KEY]


def _kind(page: Any, site: Site) -> str:
    if page is None:
        return "page"
    if getattr(page, "is_homepage", False):
        return "home"
    file = getattr(page, "file", None)
    if file is not None and site.news_item(file.src_uri) is not None \
            and type(page).__name__ not in _BLOG_VIEWS:
        return "article"
    if type(page).__name__ in _BLOG_VIEWS:
        return "news"
    meta_kind = (getattr(page, "meta", None) or {}).get("kind")
    return str(meta_kind) if meta_kind else "page"


def _plain(text: str) -> str:
    # Titles of generated pages are escaped for Material's <title>; others are plain: both read
    # the same once tags are stripped and entities decoded.
    return Markup(text).striptags()


def _hero_image(site: Site) -> _OwnImage | None:
    # The home hero (data/territory.yml « accueil »): its image path and alternative text.
    hero = getattr(site.territory, "home", None)
    image = getattr(hero, "image", None) if hero is not None else None
    if not image:
        return None
    alt = getattr(hero, "image_alt", None) or ""
    return _OwnImage(image, alt, "photo")


def _member_image(member: Any) -> _OwnImage | None:
    if member.profile.logo:
        return _OwnImage(member.profile.logo, "", "logo")
    for offering in member.profile.offerings:
        if offering.image:
            return _OwnImage(offering.image, offering.image_alt or "", "photo")
    return None
