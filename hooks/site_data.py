"""Load and validate the territory at the start of every build, and apply its identity.

Runs first among our hooks: on error the build stops here, before MkDocs touches the site folder.
The territory's name, description, logo, favicon and social links replace the config's, so that
``mkdocs.yml`` holds no territory identity.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from pathlib import Path

from territoire import DataError
from territoire.engine import checks, menu, pages, state
from territoire.engine.escaping import escape_our_templates
from territoire.engine.markup import render_markdown
from territoire.engine.site_plan import site_plan
from territoire.french import capitalized, contracted, long_date, month_year
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
    site = state.site_of(config)
    escape_our_templates(env, Path(config.theme.custom_dir))
    env.globals["territory_site"] = site
    env.globals["page_url"] = lambda kind, key: pages.url_of(config, kind, key)
    env.globals["has_page"] = lambda kind, key: (kind, key) in pages.table(config)
    env.filters["display_title"] = pages.display_title
    env.filters["markdown"] = render_markdown
    env.filters["long_date"] = long_date
    env.filters["month_year"] = month_year
    env.globals["site_plan"] = site_plan
    # The territory's words: « {{ words.governing_body | au }} » gives « au conseil ».
    env.globals["words"] = site.territory.vocabulary
    env.filters["du"] = lambda phrase: contracted("de", phrase)
    env.filters["au"] = lambda phrase: contracted("à", phrase)
    env.filters["capitalized"] = capitalized
    titles = {"membres/index.md": capitalized(site.territory.vocabulary.members)}
    env.globals["main_menu"] = lambda page: menu.main_menu(_nav(config), page, titles)
    env.globals["trail"] = lambda page: menu.trail(_nav(config), page, titles)
    return env


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    config[_NAV_KEY] = nav
    _check_calls_to_action(config, files, nav)
    return nav


def _check_calls_to_action(config: MkDocsConfig, files: Files, nav: Navigation) -> None:
    # Every page exists by now (generated ones and the blog's): the hero's buttons must lead to one.
    hero = state.site_of(config).territory.home
    urls = {file.url for file in files if file.is_documentation_page()}
    for index, action in enumerate(hero.calls_to_action):
        if action.target not in urls:
            examples = " », « ".join(entry.url for entry in menu.main_menu(nav, None)[:4])
            raise PluginError(str(DataError([checks.issue_at(
                state.project_dir(config), "data/territory.yml", ("accueil", "appels", index, "lien"),
                f"page inconnue : trouvé « {action.target} », attendu l'adresse d'une page du "
                f"site, par exemple « {examples} »")])))


_NAV_KEY = "territoire_nav"


def _nav(config: MkDocsConfig) -> Navigation:
    return config[_NAV_KEY]


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
