"""Keep the search index small: older news keep title, lead and headings (territoire.engine.search_budget)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from territoire.engine import search_budget


@event_priority(-100)  # after the search plugin has written search/search_index.json
def on_post_build(*, config: MkDocsConfig) -> None:
    search_budget.apply(config)
