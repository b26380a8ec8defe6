"""The member directory, its filter pages and one profile page per member, from data/members*.

Filter pages (``membres/secteur/<id>/``, ``…/valeur/``, ``…/commune/``, ``…/role/``) let visitors
without JavaScript filter the directory; the directory's script filters the same cards in place.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.members.directory import facets, filter_options, member_filters
from territoire.engine import pages, state


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site = state.site_of(config)
    pages.add_page(files, config, kind="members", key="index", src_uri="membres/index.md",
                   title=f"Les {site.territory.vocabulary.members}", template="members.html",
                   edit_path="data/members.yml", in_nav=True)
    for member in site.members:
        pages.add_page(files, config, kind="member", key=member.id,
                       src_uri=f"membres/{member.id}.md", title=member.name,
                       template="member.html", edit_path=member.profile_path,
                       meta={"description": member.tagline})
    for option in filter_options(site):
        pages.add_page(files, config, kind="members-filter", key=option.page_key,
                       src_uri=f"membres/{option.page_key}.md",
                       title=f"Les {site.territory.vocabulary.members} : {option.label}",
                       template="members-filter.html",
                       meta={"facet": option.facet, "option": option.key,
                             "search": {"exclude": True}})
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    site = state.site_of(config)
    env.globals["member_facets"] = facets(site)
    env.filters["member_filters"] = member_filters
    env.filters["email_parts"] = _email_parts
    return env


def _email_parts(address: str) -> dict[str, str]:
    """The two halves of an address, reversed, so that the page never holds it whole."""
    user, _, domain = address.partition("@")
    return {"user": user, "domain": domain, "user_reversed": user[::-1], "domain_reversed": domain[::-1]}
