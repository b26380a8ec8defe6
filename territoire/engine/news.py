"""News glue: the blog plugin's published posts joined with our validated articles, and feeds.

Material's blog plugin decides what is published (drafts and future-dated articles are left out of
a production build and kept under ``mkdocs serve``); everything here starts from its list of posts,
so that cross-links, feeds and listings never disagree with it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from lxml import etree
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.slugs import slugify

from territoire import memo
from territoire.news.models import NewsItem
from territoire.site import Site

PARIS = ZoneInfo("Europe/Paris")
FEED_ENTRIES = 50
"""Articles in a feed, newest first (``extra.feed_entries``; the whole history is on the pages)."""
BLOG_PLUGIN = "material/blog"
FEEDS = (("atom.xml", "application/atom+xml", "Atom"), ("rss.xml", "application/rss+xml", "RSS"))
_KEY = "territoire_news"
_ATOM = "http://www.w3.org/2005/Atom"


def configure_blog(config: MkDocsConfig) -> None:
    """Slugs without accents (« Écosystème local » → ``ecosysteme-local``); no news, no blog.

    The blog plugin writes a placeholder ``index.md`` and a ``posts/`` folder into the content
    folder of a territory that has no news section: there, it is switched off and the section
    leaves the nav instead.
    """
    blog = config.plugins.get(BLOG_PLUGIN)
    if blog is None:
        return
    entry = posixpath.join(blog.config.blog_dir, "index.md")
    if not (Path(config.docs_dir) / entry).is_file():
        blog.config.enabled = False
        if config.nav:
            config.nav = [item for item in config.nav if entry not in _nav_targets(item)]
        return
    blog.config.post_slugify = slugify(case="lower", normalize="NFD")
    blog.config.categories_slugify = slugify(case="lower", normalize="NFD")


def _nav_targets(item: Any) -> list[str]:
    if isinstance(item, dict):
        return [target for value in item.values() for target in _nav_targets(value)]
    if isinstance(item, list):
        return [target for value in item for target in _nav_targets(value)]
    return [item] if isinstance(item, str) else []


def paris_datetime(value: dt.date) -> dt.datetime:
    """Midnight in Paris on that day, with its offset (+01:00 in winter, +02:00 in summer)."""
    return dt.datetime.combine(value, dt.time(), tzinfo=PARIS)


@dataclass(frozen=True)
class NewsEntry:
    """A published article: ``item`` holds its fields, ``post`` its page (``post.url``)."""

    item: NewsItem
    post: Any

    @property
    def id(self) -> str:
        """How data (events, roadmap actions) names the article: its file name without ".md"."""
        return self.item.id


@dataclass(frozen=True)
class CategoryFeed:
    name: str
    description: str
    url: str
    """Site-relative folder of the category page, e.g. ``actualites/categorie/vie-du-conseil/``."""
    entries: list[NewsEntry]


class NewsIndex:
    """What templates ask about news; built once per build, after the blog resolved its posts."""

    def __init__(self, site: Site, config: MkDocsConfig):
        self.site = site
        self.site_url = (config.site_url or "").rstrip("/") + "/"
        self.feed_entries = int(config.extra.get("feed_entries", FEED_ENTRIES))
        blog = config.plugins.get(BLOG_PLUGIN)
        posts = blog.blog.posts if blog is not None and getattr(blog, "blog", None) else []
        self.blog_url = blog.blog.file.url if posts else ""
        by_source = {post.file.src_uri: post for post in posts}
        self.entries = [NewsEntry(item, by_source[item.src_uri])
                        for item in site.news if item.src_uri in by_source]
        self._by_source = {entry.item.src_uri: entry for entry in self.entries}
        # Data (events, roadmap actions) names an article by its file name without ".md".
        self._by_id = {entry.id: entry for entry in self.entries}
        # One pass over the articles instead of one per member, value and axis page.
        self._about: dict[tuple[str, str], list[NewsEntry]] = {}
        for entry in self.entries:
            front = entry.item.front
            for kind, keys in (("member", front.members), ("value", front.values),
                               ("axis", front.axes), ("event", front.events)):
                for key in keys:
                    self._about.setdefault((kind, key), []).append(entry)
        descriptions = {category.name: category.description for category in site.news_categories}
        self.categories: list[CategoryFeed] = []
        if blog is not None and posts:
            for view in blog.blog.views:
                if type(view).__name__ != "Category":
                    continue
                entries = [self._by_source[post.file.src_uri] for post in view.posts
                           if post.file.src_uri in self._by_source]
                self.categories.append(CategoryFeed(view.name, descriptions.get(view.name, ""),
                                                    view.file.url, entries))

    # -- lookups for templates ------------------------------------------------------------------

    def latest(self, count: int = 3) -> list[NewsEntry]:
        return self.entries[:count]

    def about(self, kind: str, key: str) -> list[NewsEntry]:
        """Published articles that mention a member, value, axis or event, newest first."""
        return self._about.get((kind, key), [])

    def by_id(self, news_id: str) -> NewsEntry | None:
        """The published article named ``news_id`` in data; None for a draft or future article."""
        return self._by_id.get(news_id)

    def by_ids(self, news_ids: Any) -> list[NewsEntry]:
        """The published articles among ``news_ids``, newest first, each once."""
        found = {id(entry): entry for entry in (self._by_id.get(i) for i in news_ids) if entry}
        return [entry for entry in self.entries if id(entry) in found]

    def for_event(self, event_id: str, listed: Any = ()) -> list[NewsEntry]:
        """Articles about an event: those naming it in « evenements » and those the event lists in
        its « actualites », newest first, each once."""
        return self.for_events([(event_id, listed)])

    def for_events(self, events: Any) -> list[NewsEntry]:
        """Articles about any of ``events`` (agenda events, or (id, listed news ids) pairs)."""
        found: set[int] = set()
        for event in events:
            event_id, listed = (event.id, event.news) if hasattr(event, "id") else event
            found |= {id(entry) for entry in self.about("event", event_id)}
            found |= {id(entry) for entry in self.by_ids(listed)}
        return [entry for entry in self.entries if id(entry) in found]

    def entry_of(self, page: Any) -> NewsEntry | None:
        file = getattr(page, "file", None)
        return self._by_source.get(file.src_uri) if file is not None else None

    def category_of(self, page: Any) -> CategoryFeed | None:
        """The category whose listing ``page`` is (any of its pagination pages)."""
        url = getattr(page, "url", None)
        if url is None or not url.startswith(self.blog_url):
            return None
        return next((c for c in self.categories if url.startswith(c.url)), None)

    def absolute(self, url: str) -> str:
        return self.site_url + url.lstrip("/")

    def feed_links(self, page: Any) -> list[dict[str, str]]:
        """``<link rel="alternate">`` targets for a page head: all news, plus its own category."""
        if not self.entries:
            return []
        links = [{"title": f"Actualités ({label})", "type": mime,
                  "href": self.absolute(self.blog_url + name)} for name, mime, label in FEEDS]
        category = self.category_of(page)
        if category is not None:
            links += [{"title": f"Actualités\u00a0: {category.name} ({label})", "type": mime,
                       "href": self.absolute(category.url + name)} for name, mime, label in FEEDS]
        return links

    # -- feeds ----------------------------------------------------------------------------------

    def write_feeds(self, site_dir: Path, *, logo: dict[str, Any] | None = None,
                    cover: Callable[[NewsEntry], FeedImage | None] | None = None) -> list[Path]:
        """Atom and RSS 2.0 for all news and for each category, with absolute links.

        ``logo`` is the territory's PNG logo (RSS 2.0 allows only GIF, JPEG and PNG in
        ``<image>``); ``cover(entry)`` gives an article's picture, carried by each entry as an
        enclosure (``<enclosure>`` in RSS, ``<link rel="enclosure">`` in Atom), which feedparser,
        Feedly, Inoreader and NetNewsWire show as the entry's image.
        """
        if not self.entries:
            return []
        territory = self.site.territory
        written = []
        covers: dict[str, FeedImage] = {}  # absolute URL -> picture, for the Atom repair below
        # The newest FEED_ENTRIES: a reader polls the feed for what is new, and five years of
        # articles would make every poll a download of megabytes (1.7 MB at 1,560 articles).
        groups = [(self.blog_url, "Actualités", territory.description, self.entries[:self.feed_entries])]
        groups += [(c.url, f"Actualités\u00a0: {c.name}", c.description or territory.description,
                    c.entries[:self.feed_entries]) for c in self.categories]
        for folder, title, description, entries in groups:
            images = [cover(entry) if cover is not None else None for entry in entries]
            # The preview rebuilds after every save: a feed whose entries did not change is not
            # generated again (``territoire.memo``; nothing is kept by one-shot builds).
            key = ("feed", self.absolute(folder), title, territory.signature, territory.publisher,
                   description, repr(logo), dt.date.today(),
                   tuple(self._entry_key(entry) for entry in entries), repr(images))
            kept = memo.recall(key)
            if kept is None:
                kept = self._feed_files(folder, f"{title} - {territory.signature}", description,
                                        entries, logo, cover, covers)
                memo.remember(key, kept)
            for name, data in kept:
                path = site_dir / folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(path)
        return written

    def _entry_key(self, entry: NewsEntry) -> tuple[Any, ...]:
        """Everything of an article that its feed entry shows."""
        item = entry.item
        return (entry.post.url, item.title, item.summary, item.date, item.updated, item.category,
                tuple(self.site.author(a).name for a in item.front.authors))

    def _feed_files(self, folder: str, title: str, description: str, entries: list[NewsEntry],
                    logo: dict[str, Any] | None,
                    cover: Callable[[NewsEntry], FeedImage | None] | None,
                    covers: dict[str, FeedImage]) -> tuple[tuple[str, bytes], ...]:
        feed = self._feed(folder, title, description, entries, logo, cover, covers)
        page_url = self.absolute(folder)
        made = []
        for name, mime, _label in FEEDS:
            # Each file names itself as « self »; the last link is RSS's <link>: the page.
            feed.link([{"href": self.absolute(posixpath.join(folder, name)), "rel": "self",
                        "type": mime},
                       {"href": page_url, "rel": "alternate", "type": "text/html"}],
                      replace=True)
            if name == "atom.xml":
                made.append((name, _with_enclosure_rel(feed.atom_str(pretty=True), covers)))
            else:
                made.append((name, feed.rss_str(pretty=True)))
        return tuple(made)

    def _feed(self, folder: str, title: str, description: str, entries: list[NewsEntry],
              logo: dict[str, Any] | None,
              cover: Callable[[NewsEntry], FeedImage | None] | None,
              covers: dict[str, FeedImage]) -> FeedGenerator:
        territory = self.site.territory
        feed = FeedGenerator()
        # RSS 2.0's <author> must be an e-mail address, which authors do not have: RSS items
        # name theirs in <dc:creator>, as readers expect; Atom keeps its own <author>.
        feed.load_extension("dc", atom=False, rss=True)
        page_url = self.absolute(folder)
        feed.id(page_url)
        feed.title(title)
        feed.subtitle(description)
        feed.author({"name": territory.publisher})
        feed.language("fr")
        if logo is not None:
            # Atom's <logo>, then RSS's <image> (logo() would reset it): url, title and link;
            # no width, which RSS caps at 144 pixels.
            feed.logo(self.absolute(str(logo["url"])))
            feed.image(url=self.absolute(str(logo["url"])), title=title, link=page_url)
        feed.updated(max(paris_datetime(e.item.updated or e.item.date) for e in entries)
                     if entries else paris_datetime(dt.date.today()))
        # feedgen prepends each new entry: add them oldest first to keep the feed newest first.
        for entry in reversed(entries):
            item = entry.item
            link = self.absolute(entry.post.url)
            feed_entry = feed.add_entry()
            feed_entry.id(link)
            feed_entry.guid(link, permalink=True)
            feed_entry.title(item.title)
            feed_entry.link(href=link)
            feed_entry.summary(item.summary)
            feed_entry.description(item.summary)
            feed_entry.published(paris_datetime(item.date))
            feed_entry.updated(paris_datetime(item.updated or item.date))
            feed_entry.category(term=item.category)
            # An article without authors is the publisher's, in both formats.
            names = [self.site.author(a).name for a in item.front.authors] or [territory.publisher]
            for name in names:
                feed_entry.author({"name": name})
            feed_entry.dc.dc_creator(names)
            image = cover(entry) if cover is not None else None
            if image is not None:
                feed_entry.enclosure(self.absolute(image.url), str(image.length), image.type)
                covers[self.absolute(image.url)] = image
        return feed


def _with_enclosure_rel(atom: bytes, covers: dict[str, FeedImage]) -> bytes:
    """feedgen 1.0.0 drops ``rel``, ``type`` and ``length`` from entry links (its loop variable
    shadows the link's data), which would make each cover a second « alternate » page: put them
    back."""
    root = etree.fromstring(atom)
    for link in root.iter(f"{{{_ATOM}}}link"):
        image = covers.get(link.get("href", ""))
        if image is not None and link.getparent().tag == f"{{{_ATOM}}}entry":
            link.set("rel", "enclosure")
            link.set("type", image.type)
            link.set("length", str(image.length))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass(frozen=True)
class FeedImage:
    """A picture carried by a feed entry: site-relative URL, size in bytes, media type."""

    url: str
    length: int
    type: str


def store(config: MkDocsConfig, index: NewsIndex) -> None:
    config[_KEY] = index


def index_of(config: MkDocsConfig) -> NewsIndex | None:
    return config.get(_KEY)
