"""The validated roadmap: its actions in display order, who leads or joins them, and the filters.

Parties are members of the council (named by their id) or partners named in the data; filters
group the actions by axis, status, priority and lead, each option with its actions, so that a page
per option can be generated. Progress figures come from ``progress``. Nothing here knows about
HTML or MkDocs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from territoire.roadmap.models import STATUSES, Action, RoadmapFile
from territoire.roadmap.progress import STATUS_SLUGS, Progress, progress_of, slugify


@dataclass(frozen=True)
class Party:
    """Who leads or joins an action: a member of the council or a partner named in the data."""

    key: str
    name: str
    member_id: str | None = None


@dataclass(frozen=True)
class FilterOption:
    key: str
    label: str
    actions: list[Action]

    @property
    def count(self) -> int:
        return len(self.actions)


@dataclass(frozen=True)
class FilterGroup:
    key: str
    label: str
    options: list[FilterOption]


def _order(action: Action, axis_numbers: dict[str, int]) -> tuple:
    return (not action.priority, axis_numbers.get(action.axis, 0), action.target_date,
            action.title.casefold())


@dataclass(frozen=True)
class Roadmap:
    """The actions in display order (priority first), with lookups by axis, status and party."""

    file: RoadmapFile
    axes: list  # the site's axes, in order: filters and charts follow it
    parties: dict[str, Party]
    path: str
    actions: list[Action] = field(default_factory=list)
    published: bool = True
    # Made once, on first use (the roadmap is frozen once loaded).
    _filters: list | None = field(default=None, init=False, repr=False, compare=False)
    _leads_by_key: dict | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, file: RoadmapFile, axes: list, member_names: dict[str, str], path: str,
              *, published: bool = True) -> Roadmap:
        numbers = {axis.id: axis.number for axis in axes}
        parties: dict[str, Party] = {}
        for action in file.actions:
            for name in (action.lead, *action.partners):
                party = party_of(name, member_names)
                parties.setdefault(party.key, party)
        actions = sorted(file.actions, key=lambda a: _order(a, numbers))
        return cls(file=file, axes=axes, parties=parties, path=path, actions=actions,
                   published=published)

    @property
    def illustrative(self) -> bool:
        return self.file.illustrative

    @property
    def notice(self) -> str | None:
        return self.file.notice

    @staticmethod
    def status_slug(status: str) -> str:
        return STATUS_SLUGS[status]

    def action(self, action_id: str) -> Action:
        return next(a for a in self.actions if a.id == action_id)

    def progress(self, axis_id: str | None = None) -> Progress:
        return progress_of(self.of_axis(axis_id) if axis_id else self.actions)

    def progress_of(self, actions: list[Action]) -> Progress:
        return progress_of(actions)

    def of_axis(self, axis_id: str) -> list[Action]:
        return [a for a in self.actions if a.axis == axis_id]

    def lead_of(self, action: Action) -> Party:
        return self.parties[party_key(action.lead)]

    def partners_of(self, action: Action) -> list[Party]:
        return [self.parties[party_key(name)] for name in action.partners]

    def led_by(self, key: str) -> list[Action]:
        return self._leads().get(key, [])

    def _leads(self) -> dict[str, list[Action]]:
        if self._leads_by_key is None:
            leads: dict[str, list[Action]] = {}
            for action in self.actions:
                leads.setdefault(party_key(action.lead), []).append(action)
            object.__setattr__(self, "_leads_by_key", leads)
        return self._leads_by_key

    def about_event(self, event_id: str) -> list[Action]:
        """Actions that name the event in their « evenements » (e.g. the council meeting whose
        themes they come from), in roadmap order."""
        return [action for action in self.actions if event_id in action.events]

    def about_news(self, news_id: str) -> list[Action]:
        """Actions that name the article in their « actualites », in roadmap order."""
        return [action for action in self.actions if news_id in action.news]

    def joined_by(self, key: str) -> list[Action]:
        return [a for a in self.actions if key in {party_key(p) for p in a.partners}]

    def filters(self) -> list[FilterGroup]:
        """Every way to narrow the list, each option with its actions (lead: only those with some).

        Made once: every filter page asks for its own option (it was a third of a 2,810-page build)."""
        if self._filters is None:
            object.__setattr__(self, "_filters", self._make_filters())
        return self._filters

    def _make_filters(self) -> list[FilterGroup]:
        leads_of = self._leads()
        axes = FilterGroup("axe", "Par axe", [
            FilterOption(f"axe/{axis.id}", f"Axe {axis.number}\u00a0: {axis.title}", self.of_axis(axis.id))
            for axis in self.axes])
        statuses = FilterGroup("statut", "Par statut", [
            FilterOption(f"statut/{STATUS_SLUGS[s]}", s.capitalize(),
                         [a for a in self.actions if a.status == s]) for s in STATUSES])
        priority = FilterGroup("priorite", "Par priorité", [
            FilterOption("priorite/prioritaires", "Actions prioritaires",
                         [a for a in self.actions if a.priority]),
            FilterOption("priorite/autres", "Autres actions",
                         [a for a in self.actions if not a.priority])])
        leads = sorted((p for p in self.parties.values() if leads_of.get(p.key)),
                       key=lambda p: _fold(p.name))
        lead_group = FilterGroup("pilote", "Par pilote", [
            FilterOption(f"pilote/{p.key}", p.name, leads_of[p.key]) for p in leads])
        return [axes, statuses, priority, lead_group]

    def filter_option(self, key: str) -> tuple[FilterGroup, FilterOption]:
        for group in self.filters():
            for option in group.options:
                if option.key == key:
                    return group, option
        raise KeyError(key)


def is_member_reference(name: str) -> bool:
    """A member is named by its identifier; anything with capitals or spaces is a partner's name."""
    return slugify(name) == name


def party_key(name: str) -> str:
    return name if is_member_reference(name) else slugify(name)


def party_of(name: str, member_names: dict[str, str]) -> Party:
    if is_member_reference(name):
        return Party(key=name, name=member_names.get(name, name), member_id=name)
    return Party(key=slugify(name), name=name)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
