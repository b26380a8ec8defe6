"""Links and texts of the content: refused before the build writes anything when
``territoire check`` would refuse them, and the short forms (``[Bulane](membre:bulane)``)
resolved in each page (``territoire/links.py``, ``territoire/engine/links.py``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from territoire.engine import links


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Right after the data is loaded (hooks/site_data.py, priority 100).
    links.check(config)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return links.resolve_short_forms(markdown, page, config)
