"""The agenda: its pages, month grids, industry-week editions and iCalendar feeds."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import agenda, state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    agenda.prune_menu(config, state.site_of(config))
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    agenda.add_files(files, config, state.site_of(config))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    agenda.install_globals(env, config, state.site_of(config))
    return env
