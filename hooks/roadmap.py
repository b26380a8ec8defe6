"""The roadmap pages (index, filters, one page per action) and the governance page.

Pages come from data/roadmap.yml through ``territoire.roadmap``; without that file the roadmap
section leaves the menu. Filter pages are plain generated pages, so filtering works without
JavaScript; they stay out of the nav.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import menu, pages, state
from territoire.french import number

ROADMAP_DIR = "feuille-de-route"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    roadmap = state.site_of(config).roadmap
    if roadmap is None or not roadmap.published:
        menu.drop_section(config, f"{ROADMAP_DIR}/index.md")
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site = state.site_of(config)
    pages.add_page(files, config, kind="governance", key="index", src_uri="gouvernance/index.md",
                   title="Gouvernance", template="governance.html", edit_path="data/members.yml",
                   in_nav=True)
    roadmap = site.roadmap
    if roadmap is None or not roadmap.published:
        return files
    pages.add_page(files, config, kind="roadmap", key="index", src_uri=f"{ROADMAP_DIR}/index.md",
                   title="Feuille de route", template="roadmap.html", edit_path=roadmap.path,
                   in_nav=True)
    for action in roadmap.actions:
        pages.add_page(files, config, kind="roadmap-action", key=action.id,
                       src_uri=f"{ROADMAP_DIR}/actions/{action.id}.md", title=action.title,
                       template="roadmap-action.html", edit_path=roadmap.path,
                       meta={"description": f"Fiche action\u00a0: {action.title} ({action.status})."})
    for group in roadmap.filters():
        for option in group.options:
            pages.add_page(files, config, kind="roadmap-filter", key=option.key,
                           src_uri=f"{ROADMAP_DIR}/{option.key}.md",
                           title=f"Feuille de route\u00a0: {option.label}",
                           template="roadmap-filter.html", edit_path=roadmap.path)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.filters["number_fr"] = number
    return env
