"""Where the hooks keep the validated site for the current build.

A hook module is imported once per process and survives ``mkdocs serve`` rebuilds, so the state
lives on the build's config object and is replaced at every ``on_config``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from territoire import DataError, Site, load_site

_KEY = "territoire_site"


class SiteDataError(PluginError):
    """A ``DataError`` for MkDocs (its French report is the message, printed without a traceback);
    our commands read ``issues`` to show the paths from where they were run."""

    def __init__(self, error: DataError):
        super().__init__(str(error))
        self.issues = error.issues


def project_dir(config: MkDocsConfig) -> Path:
    """A territory project is the folder that holds ``content/`` (the docs_dir) and ``data/``."""
    return Path(config.docs_dir).parent


def load_into(config: MkDocsConfig) -> Site:
    try:
        site = load_site(project_dir(config), content_dir=Path(config.docs_dir))
    except DataError as error:
        # PluginError makes MkDocs print the message and exit non-zero without a traceback,
        # before it cleans or writes the site folder.
        raise SiteDataError(error) from None
    config[_KEY] = site
    return site


def site_of(config: MkDocsConfig) -> Site:
    return config[_KEY]
