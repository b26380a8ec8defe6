"""Share cards: Open Graph and Twitter data and a 1200x630 picture for every page.

The pictures of pages with an image of their own are made at ``on_config`` with the image
variants; the drawn cards after the pages are rendered. Templates: ``partials/share/meta.html``,
included from ``main.html``. See ``territoire.engine.share``.
"""

from __future__ import annotations

import time
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from territoire.engine import media, share, state
from territoire.errors import DataError

log = get_plugin_logger(__name__)


@event_priority(80)  # after hooks/images.py has started the image pipeline
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    pipeline = media.pipeline_of(config)
    started = time.perf_counter()
    cards = share.start(config, state.site_of(config), pipeline)
    issues = pipeline.run(cards.prepare())
    if issues:
        raise PluginError(str(DataError(issues)))
    cards.seconds += time.perf_counter() - started
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["share_card"] = share.cards_of(config).card
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    cards = share.cards_of(config)
    published = cards.write(Path(config.site_dir))
    log.info(f"Cartes de partage : {published} images, {cards.drawn} dessinées, "
             f"{cards.seconds:.2f} s")
