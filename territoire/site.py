"""The whole validated territory: identity, pillars, figures and members, with lookups.

Templates and hooks read the site through these methods; nothing here renders anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from territoire.agenda.events import Agenda
from territoire.members.models import Member, Role
from territoire.models.figures import KeyFigure
from territoire.models.identity import Territory
from territoire.models.legal import Legal
from territoire.models.pillars import Axis, Sector, Value
from territoire.news.models import Author, NewsCategory, NewsItem
from territoire.palette import derived_color
from territoire.roadmap.actions import Roadmap


@dataclass(frozen=True)
class Site:
    root: Path
    territory: Territory
    values: list[Value]
    axes: list[Axis]
    sectors: list[Sector]
    key_figures: list[KeyFigure]
    roles: list[Role]
    members: list[Member]
    legal: Legal = field(default_factory=Legal)
    news: list[NewsItem] = field(default_factory=list)
    news_categories: list[NewsCategory] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    roadmap: Roadmap | None = None
    _index: dict[tuple[str, str], object] = field(default_factory=dict, repr=False, compare=False)
    agenda: Agenda | None = None  # None when the territory has no data/agenda.yml

    def __post_init__(self) -> None:
        for kind, items in (("value", self.values), ("axis", self.axes), ("sector", self.sectors),
                            ("role", self.roles), ("member", self.members)):
            for item in items:
                self._index[(kind, item.id)] = item
        for author in self.authors:
            self._index[("author", author.id)] = author
        for article in self.news:
            self._index[("news", article.src_uri)] = article

    def value(self, value_id: str) -> Value:
        return self._index[("value", value_id)]  # type: ignore[return-value]

    def axis(self, axis_id: str) -> Axis:
        return self._index[("axis", axis_id)]  # type: ignore[return-value]

    def sector(self, sector_id: str | None) -> Sector | None:
        return self._index.get(("sector", sector_id or ""))  # type: ignore[return-value]

    def role(self, role_id: str) -> Role:
        return self._index[("role", role_id)]  # type: ignore[return-value]

    def member(self, member_id: str) -> Member:
        return self._index[("member", member_id)]  # type: ignore[return-value]

    def sector_color(self, sector: Sector | None) -> str:
        """The sector's own colour, or one derived from the territory's primary colour."""
        if sector is None:
            return self.territory.colors.primary
        if sector.color:
            return sector.color
        return derived_color(self.territory.colors.primary, self.sectors.index(sector))

    def members_with_value(self, value_id: str) -> list[Member]:
        return [m for m in self.members if value_id in m.profile.values]

    def members_in_sector(self, sector_id: str) -> list[Member]:
        return [m for m in self.members if m.profile.sector == sector_id]

    def author(self, author_id: str) -> Author:
        return self._index[("author", author_id)]  # type: ignore[return-value]

    def news_item(self, src_uri: str) -> NewsItem | None:
        """The article whose source is ``content/<src_uri>``."""
        return self._index.get(("news", src_uri))  # type: ignore[return-value]
