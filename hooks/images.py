"""Responsive images: variants of content/'s raster images, for templates and Markdown bodies.

Made ahead at ``on_config`` (an image that does not decode stops the build before the site folder
is touched), served at the originals' addresses and in ``srcset``s, copied into the site after the
build. Every file of content/ was screened before, by ``load_site``
(``territoire.images.check_content_files``). See ``territoire.engine.media``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from territoire.engine import media, state
from territoire.errors import DataError
from territoire.imaging.variants import DEFAULT_WIDTHS

log = get_plugin_logger(__name__)


@event_priority(90)  # after hooks/site_data.py has loaded the site
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        media.start(config, state.site_of(config))
    except DataError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    media.pipeline_of(config).replace_originals(files, config)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    pipeline = media.pipeline_of(config)
    env.globals["image_variants"] = pipeline.image_set
    env.globals["image_widths"] = {"default": DEFAULT_WIDTHS, "logo": media.LOGO_WIDTHS}
    env.globals["territory_logo_png"] = pipeline.logo_png_model()
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    pipeline = media.pipeline_of(config)
    written = pipeline.write(Path(config.site_dir))
    log.info(f"Images : {written} fichiers publiés, {pipeline.cache.made} produits, "
             f"{pipeline.cache.reused} repris du cache, {pipeline.seconds:.2f} s")
