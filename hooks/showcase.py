"""The "made in" showcase (every member's products and know-how by sector) and the key figures
page (each figure with its source and date), generated from data/."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.members.directory import showcase, showcase_highlights
from territoire.engine import menu, pages, state

SHOWCASE_PAGE = "made-in/index.md"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not showcase(state.site_of(config)):
        menu.drop_section(config, SHOWCASE_PAGE)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if showcase(state.site_of(config)):
        pages.add_page(files, config, kind="showcase", key="index", src_uri=SHOWCASE_PAGE,
                       title="Savoir-faire et produits des membres", template="showcase.html",
                       in_nav=True)  # no edit link: the texts come from every member's profile
    pages.add_page(files, config, kind="key-figures", key="index", src_uri="chiffres-cles/index.md",
                   title="Chiffres clés", template="key-figures.html",
                   edit_path="data/key_figures.yml")
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    site = state.site_of(config)
    env.globals["showcase_groups"] = showcase(site)
    env.globals["showcase_highlights"] = lambda count: showcase_highlights(site, count)
    return env
