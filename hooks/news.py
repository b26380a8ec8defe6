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

from territoire.engine import news, state


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
        index.write_feeds(Path(config.site_dir))
