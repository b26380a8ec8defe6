"""The whole territory in the search index, each result labelled (territoire.engine.search_index)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from territoire.engine import search_index


@event_priority(100)  # before the search plugin fills its defaults from the theme's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search_index.configure(config)
    return config


@event_priority(50)  # before the search plugin writes search/search_index.json
def on_post_build(*, config: MkDocsConfig) -> None:
    search_index.apply(config)
