"""The "made in" showcase (every member's products and know-how by sector) and the key figures
page (each figure with its source and date), generated from data/."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.directory import showcase
from territoire.engine import pages, state
from territoire.engine.escaping import autoescape_templates


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages.add_page(files, config, kind="showcase", key="index", src_uri="made-in/index.md",
                   title="Savoir-faire et produits des membres", template="showcase.html",
                   in_nav=True)  # no edit link: the texts come from every member's profile
    pages.add_page(files, config, kind="key-figures", key="index", src_uri="chiffres-cles/index.md",
                   title="Chiffres clés", template="key-figures.html",
                   edit_path="data/key_figures.yml")
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["showcase_groups"] = showcase(state.site_of(config))
    autoescape_templates(env, ("showcase.html", "key-figures.html", "partials/showcase-item.html"))
    return env
