"""Structured data glue: absolute addresses, the page's share picture and the territory's
organisation, handed to the schema.org builders of ``territoire.jsonld`` for the templates.

Templates (``partials/*/jsonld.html``) call these globals and print the result with ``tojson``.
The share picture of a page is the one its head printed (``hooks/share.py``): the head's
``extrahead`` runs before each page's structured data.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from territoire import jsonld
from territoire.engine import agenda, media, pages, share
from territoire.site import Site


def install_globals(env: Environment, config: MkDocsConfig, site: Site) -> None:
    site_url = (config.site_url or "/").rstrip("/") + "/"

    def absolute(url: str) -> str:
        return site_url + str(url).lstrip("/")

    logo = media.pipeline_of(config).logo_png_model()
    organization = jsonld.territory_organization(
        site.territory, site_url=site_url,
        logo=None if logo is None else {**logo, "url": absolute(str(logo["url"]))})
    cards = share.cards_of(config)

    def page_image(page: Any) -> str | None:
        card = cards.printed(page.url) if page is not None else None
        return absolute(card.image) if card is not None else None

    def member_url(member_id: str) -> str:
        return absolute(pages.url_of(config, "member", member_id))

    def breadcrumbs(crumbs: list[Any], page: Any) -> dict[str, Any] | None:
        trail = [(crumb.title, absolute(crumb.url)) for crumb in crumbs]
        if page is None or getattr(page, "canonical_url", None) is None:
            return None
        return jsonld.breadcrumbs(trail + [(_plain_title(page), page.canonical_url)])

    def event_data(event: Any, page: Any) -> dict[str, Any]:
        return jsonld.event_json_ld(
            event, url=agenda.absolute_url(config, "event", event.id),
            organizer_name=agenda.organizer_name(site, event),
            organizer_url=(member_url(event.organizer_member) if event.organizer_member
                           else event.organizer_url),
            image=page_image(page))

    def party(p: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"@type": "Organization", "name": p.name}
        if p.member_id:
            data["url"] = member_url(p.member_id)
        return data

    def action_data(action: Any, page: Any) -> dict[str, Any]:
        roadmap = site.roadmap
        return jsonld.action_json_ld(
            action, url=page.canonical_url, lead=party(roadmap.lead_of(action)),
            partners=[party(p) for p in roadmap.partners_of(action)], image=page_image(page))

    env.globals["jsonld_territory"] = organization
    env.globals["jsonld_territory_ref"] = jsonld.territory_reference(organization)
    env.globals["jsonld_home"] = lambda: jsonld.home_graph(
        organization, jsonld.website(site.territory, site_url=site_url))
    env.globals["jsonld_breadcrumbs"] = breadcrumbs
    env.globals["jsonld_event"] = event_data
    env.globals["jsonld_action"] = action_data
    env.globals["jsonld_image"] = page_image
    env.globals["jsonld_image_object"] = jsonld.image_object


def _plain_title(page: Any) -> str:
    title = pages.display_title(page)
    # Generated pages keep an escaped title (Markup): JSON wants the text itself.
    return Markup(title).unescape() if isinstance(title, Markup) else str(title)
