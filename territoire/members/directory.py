"""The member directory's filters and the "made in" showcase, computed from the validated site.

A filter is a facet (sector, value, commune, role) and one of its options; each option knows the
members it keeps, so a page per option can be generated for visitors without JavaScript and the
script of the directory page can filter the same way from the cards' attributes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from territoire.members.models import Member, Offering
from territoire.models.pillars import Sector
from territoire.site import Site


@dataclass(frozen=True)
class FilterOption:
    facet: str
    key: str
    label: str
    members: tuple[Member, ...]

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def page_key(self) -> str:
        """The key of its generated page, also the path under the directory: ``secteur/sante``."""
        return f"{self.facet}/{self.key}"


@dataclass(frozen=True)
class Facet:
    id: str
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True)
class ShowcaseItem:
    member: Member
    offering: Offering


@dataclass(frozen=True)
class ShowcaseGroup:
    sector: Sector | None
    items: tuple[ShowcaseItem, ...]


def slugify(text: str) -> str:
    """An URL slug without accents: « Saint-Jean-de-Védas » gives ``saint-jean-de-vedas``."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "sans-nom"


def member_filters(member: Member) -> dict[str, list[str]]:
    """The option keys a member belongs to, per facet (the cards carry them for the script)."""
    profile = member.profile
    return {
        "secteur": [profile.sector] if profile.sector else [],
        "valeur": list(profile.values),
        "commune": [slugify(profile.commune)] if profile.commune else [],
        "role": [member.entry.role],
    }


def facets(site: Site) -> list[Facet]:
    """Every facet with its non-empty options: data order for sectors, values and roles,
    alphabetical order for communes; members in the site's alphabetical order."""
    # Each member's keys once: asking them again for every option made this quadratic.
    keys = [(member, member_filters(member)) for member in site.members]

    def keep(facet: str, key: str) -> tuple[Member, ...]:
        return tuple(member for member, filters in keys if key in filters[facet])

    def options(facet: str, pairs) -> tuple[FilterOption, ...]:
        built = (FilterOption(facet, key, label, keep(facet, key)) for key, label in pairs)
        return tuple(option for option in built if option.count)

    communes: dict[str, str] = {}
    for member in site.members:
        if member.profile.commune:
            communes.setdefault(slugify(member.profile.commune), member.profile.commune)
    return [
        Facet("secteur", "Secteur", options("secteur", ((s.id, s.name) for s in site.sectors))),
        Facet("valeur", "Valeur", options("valeur", ((v.id, v.name) for v in site.values))),
        Facet("commune", "Commune", options("commune", sorted(communes.items()))),
        Facet("role", "Rôle", options("role", ((r.id, r.name) for r in site.roles))),
    ]


def filter_options(site: Site) -> list[FilterOption]:
    return [option for facet in facets(site) for option in facet.options]


def showcase(site: Site) -> list[ShowcaseGroup]:
    """Every member's products and know-how, grouped by sector in data order; members without a
    sector come last in a group whose ``sector`` is ``None``."""
    groups = []
    for sector in [*site.sectors, None]:
        sector_id = sector.id if sector else None
        items = tuple(ShowcaseItem(member, offering) for member in site.members
                      if member.profile.sector == sector_id for offering in member.profile.offerings)
        if items:
            groups.append(ShowcaseGroup(sector, items))
    return groups


def showcase_highlights(site: Site, count: int) -> list[ShowcaseItem]:
    """A few products for the home page: one per member at most, pictured ones first, then in
    the showcase's order (sectors in data order)."""
    items = [item for group in showcase(site) for item in group.items]
    seen: set[str] = set()
    chosen = []
    for item in sorted(items, key=lambda item: item.offering.image is None):
        if item.member.id not in seen:
            seen.add(item.member.id)
            chosen.append(item)
    return chosen[:count]
