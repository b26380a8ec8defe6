"""Load and validate the territory at the start of every build, and apply its identity.

Runs first among our hooks: on error the build stops here, before MkDocs touches the site folder.
The territory's name, description, logo, favicon and social links replace the config's, so that
``mkdocs.yml`` holds no territory identity.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from territoire.engine import pages, state
from territoire.engine.markup import render_markdown
from territoire.engine.site_plan import site_plan
from territoire.french import long_date, month_year
from territoire.models.identity import Publication


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = state.load_into(config)
    pages.reset(config)
    identity = site.territory
    config.site_name = identity.signature
    config.site_description = identity.description
    config.site_author = identity.publisher
    config.copyright = identity.publisher
    config.theme["logo"] = identity.logo
    config.theme["favicon"] = identity.favicon
    _apply_publication(config, identity.publication)
    config.extra["social"] = [
        {"icon": _social_icon(link.url), "link": link.url, "name": link.name}
        for link in identity.social_links
    ]
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["territory_site"] = state.site_of(config)
    env.globals["page_url"] = lambda kind, key: pages.url_of(config, kind, key)
    env.filters["markdown"] = render_markdown
    env.filters["long_date"] = long_date
    env.filters["month_year"] = month_year
    env.globals["site_plan"] = site_plan
    return env


def _apply_publication(config: MkDocsConfig, publication: Publication) -> None:
    # A territory published from its own address or repository says so in data/territory.yml.
    if publication.site_url:
        # MkDocs joins page paths to site_url, which must end with a slash as its own check ensures.
        config.site_url = publication.site_url.rstrip("/") + "/"
    if publication.repository:
        config.repo_url = publication.repository
    if publication.edit_path:
        config.edit_uri = publication.edit_path


def _social_icon(url: str) -> str:
    for network in ("linkedin", "mastodon", "youtube", "facebook", "instagram"):
        if network in url:
            return f"fontawesome/brands/{network}"
    return "material/web"
