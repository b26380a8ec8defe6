"""The preview rebuilds only what an edit changed (``territoire/engine/incremental.py``); a no-op
for ``mkdocs build``. The preview itself takes the snapshot once MkDocs has accepted the build
(``territoire/engine/run.py``)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from territoire.engine import incremental


@event_priority(110)  # before the territory is loaded (hooks/site_data.py, 100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    incremental.scan(config)
    return config


@event_priority(-200)  # after every hook and plugin has added its pages (the blog at -50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    incremental.plan(files, config)
    return files


@event_priority(-200)  # Material's blog adds its paginated listings here (-50)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    incremental.mark_pages(files)
    return nav


@event_priority(1000)  # every page is read by now; from here MkDocs writes them
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["keep_fragment"] = incremental.keep_fragment
    incremental.start_writing(env, files)
    return env


@event_priority(-200)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    incremental.record_page(output, page)
    return output


@event_priority(60)  # before the search index (50, then the plugin) and the share pictures
def on_post_build(*, config: MkDocsConfig) -> None:
    incremental.complete_outputs(config)


def on_build_error(*, error: Exception) -> None:
    incremental.failed()
