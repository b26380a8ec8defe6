"""The local preview (``serve``): what MkDocs was started for, and the notices shown on pages.

Under ``serve`` a draft, an article dated in the future and a provisional text « À compléter : »
are shown with a notice at the top of their page (``overrides/partials/preview/notices.html``);
a production build refuses the provisional texts and says how many articles it held back.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import preview, session, state


def on_startup(*, command: str, dirty: bool) -> None:
    session.start(command, dirty=dirty)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["preview_notices"] = preview.Notices(config) if session.is_preview() else None
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    if not session.is_preview():
        preview.log_held_back(state.site_of(config))
