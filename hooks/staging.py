"""Nothing built is lost: the build writes into a staging folder that replaces the site only when
the whole build succeeded (``territoire/engine/staging.py``)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from territoire.engine import staging


@event_priority(110)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # First of all (the data is loaded at 100): leftovers of a killed build are dealt with even when
    # this build is then refused. Before MkDocs lists the files, whose destinations come from site_dir.
    staging.begin(config)
    return config


@event_priority(-1000)
def on_post_build(*, config: MkDocsConfig) -> None:
    # Below every other on_post_build (feeds, search index, blog…): they write into the staging folder.
    staging.commit(config)


def on_build_error(*, error: Exception) -> None:
    staging.abandon()
