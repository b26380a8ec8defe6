"""Keep the search index small: older news keep title, lead and headings (territoire.engine.search_budget)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from territoire.engine import search_budget


@event_priority(40)  # after search_index's (50), before the search plugin writes its index (0)
def on_post_build(*, config: MkDocsConfig) -> None:
    search_budget.apply(config)
