"""The web editor at /admin/ (Decap CMS), written after the site: see ``territoire.engine.cms``."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from territoire.engine import cms


def on_post_build(*, config: MkDocsConfig) -> None:
    cms.write_admin(config)
