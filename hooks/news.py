"""News articles: blog settings, page descriptions, template lookups and feeds.

Articles are validated in ``load_site`` (hooks/site_data.py); Material's blog plugin publishes them.
This hook joins the two for the templates and writes the Atom and RSS feeds after the build.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from territoire.engine import media, news, share, state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    news.configure_blog(config)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    item = state.site_of(config).news_item(page.file.src_uri)
    if item is None:
        return markdown
    # The summary is the page's description for search engines and link previews.
    page.meta["description"] = item.summary
    return markdown


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    index = news.NewsIndex(state.site_of(config), config)
    news.store(config, index)
    env.globals["news"] = index
    env.filters["paris_iso"] = lambda value: news.paris_datetime(value).isoformat()
    env.filters["absolute_url"] = index.absolute
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    index = news.index_of(config)
    if index is not None:
        # hooks/images.py and hooks/share.py come first in mkdocs.yml: the PNG logo and every
        # article's share picture are in the site already.
        cards = share.cards_of(config)
        index.write_feeds(Path(config.site_dir), logo=media.pipeline_of(config).logo_png_model(),
                          cover=lambda entry: _cover(cards, entry, Path(config.site_dir)))


def _cover(cards: share.ShareCards, entry: news.NewsEntry, site_dir: Path) -> news.FeedImage | None:
    """The picture the article's page shares (its cover cropped to 1200x630, or its drawn card)."""
    card = cards.printed(entry.post.url)
    path = site_dir / card.image if card is not None else None
    if path is None or not path.is_file():
        return None
    return news.FeedImage(card.image, path.stat().st_size, card.image_type)
