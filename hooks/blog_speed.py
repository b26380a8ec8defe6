"""Keep Material's blog plugin linear: identity-based membership tests (territoire.engine.identity)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from territoire.engine import identity


@event_priority(-60)  # after the blog plugin's on_files (-50), which builds the lists
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    identity.install(config)
    return files
