"""Structured data (schema.org JSON-LD) for every page type: the globals its templates call.

See ``territoire.engine.structured_data`` (addresses, pictures) and ``territoire.jsonld`` (the
properties of each type). Templates: ``partials/<feature>/jsonld.html``.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import state, structured_data


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    structured_data.install_globals(env, config, state.site_of(config))
    return env
