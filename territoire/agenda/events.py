"""The validated agenda: resolved events (series expanded), their order, months, grids and facets.

Every start is either a ``date`` (all-day event, the end being the last day, inclusive) or an aware
``datetime`` in the agenda's zone. "Today" is always passed in: the build-time split between
upcoming and past events is only the no-JavaScript fallback (a script corrects it in the browser).
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from territoire.agenda.models import (Audience, Edition, EventType, Place, ProgrammeItem,
                                      Speaker)

WEEKDAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WEEKDAY_SHORT = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]


def slugify(text: str) -> str:
    """« Montpellier » → « montpellier », « Saint-Jean-de-Védas » → « saint-jean-de-vedas »."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@dataclass(frozen=True)
class AgendaEvent:
    id: str
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None
    type: EventType
    audiences: tuple[Audience, ...]
    organizer_member: str | None
    organizer_name: str | None
    organizer_url: str | None
    place: Place | None
    online: str | None
    registration: str | None
    free: bool | None
    """True or False when the data says so (a price means False); None: nothing stated."""
    price: str | None
    status: str
    previous_start: dt.date | dt.datetime | None
    description: str | None
    themes: tuple[str, ...]
    speakers: tuple[Speaker, ...]
    programme: tuple[ProgrammeItem, ...]
    values: tuple[str, ...]
    axes: tuple[str, ...]
    news: tuple[str, ...]
    edition: str | None
    series: str | None
    source: str
    updated: dt.date

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def cancelled(self) -> bool:
        return self.status == "annulé"

    @property
    def postponed(self) -> bool:
        return self.status == "reporté"

    @property
    def first_day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def last_day(self) -> dt.date:
        if self.end is None:
            return self.first_day
        if isinstance(self.end, dt.datetime):
            # An evening that ends at midnight does not spill over to the next day.
            last = self.end - dt.timedelta(microseconds=1) if self.end > self.start else self.end
            return last.date()
        return self.end

    @property
    def days(self) -> list[dt.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + dt.timedelta(days=n) for n in range(count)]

    @property
    def multi_day(self) -> bool:
        return self.last_day != self.first_day

    @property
    def sort_key(self) -> tuple:
        # All-day events come before timed ones on the same day.
        moment = self.start.astimezone(dt.timezone.utc) if isinstance(self.start, dt.datetime) \
            else dt.datetime.combine(self.start, dt.time(0), tzinfo=dt.timezone.utc) - dt.timedelta(days=1)
        return (self.first_day, not self.all_day, moment, self.title, self.id)

    @property
    def month(self) -> dt.date:
        return self.first_day.replace(day=1)

    @property
    def communes(self) -> list[str]:
        return [self.place.commune] if self.place else []

    def is_past(self, today: dt.date) -> bool:
        return self.last_day < today


@dataclass(frozen=True)
class Facet:
    """One filter value of an edition page: its key in URLs, its label and its events."""

    kind: str
    key: str
    label: str
    events: tuple[AgendaEvent, ...]
    day: dt.date | None = None

    @property
    def count(self) -> int:
        return len(self.events)


FACET_KINDS = {"type": "Type", "public": "Public", "commune": "Commune", "jour": "Jour"}
COUNCIL_TYPE = "conseil"
"""The event type of the council's meetings: a series of this type is the council's calendar,
shown on the governance page."""


@dataclass
class Agenda:
    timezone: ZoneInfo
    types: list[EventType]
    audiences: list[Audience]
    events: list[AgendaEvent]
    editions: list[Edition]
    editions_title: str
    editions_introduction: str | None
    _index: dict[tuple[str, str], object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.events = sorted(self.events, key=lambda event: event.sort_key)
        self.editions = sorted(self.editions, key=lambda edition: edition.start, reverse=True)
        for kind, items in (("type", self.types), ("audience", self.audiences),
                            ("event", self.events), ("edition", self.editions)):
            for item in items:
                self._index[(kind, item.id)] = item

    # Lookups
    def event(self, event_id: str) -> AgendaEvent:
        return self._index[("event", event_id)]  # type: ignore[return-value]

    def find(self, event_id: str) -> AgendaEvent | None:
        """The event, or None for an id the agenda does not hold (data checks ids at load time)."""
        return self._index.get(("event", event_id))  # type: ignore[return-value]

    def type(self, type_id: str) -> EventType:
        return self._index[("type", type_id)]  # type: ignore[return-value]

    def audience(self, audience_id: str) -> Audience:
        return self._index[("audience", audience_id)]  # type: ignore[return-value]

    def edition(self, edition_id: str) -> Edition:
        return self._index[("edition", edition_id)]  # type: ignore[return-value]

    # Selections, always in chronological order
    def featured_edition(self, today: dt.date) -> Edition | None:
        """The industry week to put forward: the next one not yet over, else the latest."""
        coming = [edition for edition in self.editions if edition.end >= today]
        if coming:
            return min(coming, key=lambda edition: edition.start)
        return self.editions[0] if self.editions else None

    def of_type(self, type_id: str) -> list[AgendaEvent]:
        return [e for e in self.events if e.type.id == type_id]

    def organised_by(self, member_id: str) -> list[AgendaEvent]:
        return [e for e in self.events if e.organizer_member == member_id]

    def with_value(self, value_id: str) -> list[AgendaEvent]:
        return [e for e in self.events if value_id in e.values]

    def with_axis(self, axis_id: str) -> list[AgendaEvent]:
        return [e for e in self.events if axis_id in e.axes]

    def of_edition(self, edition_id: str) -> list[AgendaEvent]:
        return [e for e in self.events if e.edition == edition_id]

    def about_news(self, news_id: str, listed: tuple[str, ...] | list[str] = ()) -> list[AgendaEvent]:
        """Events linked to an article, whichever side wrote the link: those the article lists in
        its « evenements » (``listed``) and those that list it in their « actualites »."""
        wanted = set(listed)
        return [e for e in self.events if e.id in wanted or news_id in e.news]

    def of_series(self, series_id: str) -> list[AgendaEvent]:
        return [e for e in self.events if e.series == series_id]

    def council_meetings(self) -> list[AgendaEvent]:
        """Every meeting of the council's series (type ``conseil``), past and upcoming."""
        return [e for e in self.events if e.series and e.type.id == COUNCIL_TYPE]

    def used_types(self) -> list[EventType]:
        used = {e.type.id for e in self.events}
        return [t for t in self.types if t.id in used]

    @staticmethod
    def upcoming(events: list[AgendaEvent], today: dt.date) -> list[AgendaEvent]:
        return [e for e in events if not e.is_past(today)]

    @staticmethod
    def by_month(events: list[AgendaEvent]) -> list[tuple[dt.date, list[AgendaEvent]]]:
        """Consecutive events grouped by the month they start in, keeping the given order."""
        groups: list[tuple[dt.date, list[AgendaEvent]]] = []
        for event in events:
            if groups and groups[-1][0] == event.month:
                groups[-1][1].append(event)
            else:
                groups.append((event.month, [event]))
        return groups

    # Month grids
    def months(self) -> list[dt.date]:
        """First days of every month in which an event takes place."""
        return sorted({day.replace(day=1) for event in self.events for day in event.days})

    def in_month(self, month: dt.date) -> list[AgendaEvent]:
        return [e for e in self.events
                if any(day.year == month.year and day.month == month.month for day in e.days)]

    def month_neighbours(self, month: dt.date) -> tuple[dt.date | None, dt.date | None]:
        months = self.months()
        index = months.index(month)
        return (months[index - 1] if index > 0 else None,
                months[index + 1] if index + 1 < len(months) else None)

    def month_grid(self, month: dt.date) -> list[list[tuple[dt.date | None, list[AgendaEvent]]]]:
        """Weeks (Monday first) of (day or None, events on that day) cells."""
        by_day: dict[dt.date, list[AgendaEvent]] = {}
        for event in self.events:
            for day in event.days:
                by_day.setdefault(day, []).append(event)
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
        return [[(day, by_day.get(day, [])) if day.month == month.month else (None, [])
                 for day in week] for week in weeks]

    # Industry-week facets
    def facets(self, edition_id: str) -> dict[str, list[Facet]]:
        events = self.of_edition(edition_id)
        edition = self.edition(edition_id)
        result: dict[str, list[Facet]] = {}
        result["type"] = [Facet("type", t.id, t.name, tuple(e for e in events if e.type.id == t.id))
                          for t in self.types]
        result["public"] = [Facet("public", a.id, a.name,
                                  tuple(e for e in events if a in e.audiences))
                            for a in self.audiences]
        communes = sorted({c for e in events for c in e.communes}, key=slugify)
        result["commune"] = [Facet("commune", slugify(c), c,
                                   tuple(e for e in events if c in e.communes)) for c in communes]
        days = [edition.start + dt.timedelta(days=n) for n in range((edition.end - edition.start).days + 1)]
        result["jour"] = [Facet("jour", day.isoformat(), day.isoformat(),
                                tuple(e for e in events if day in e.days), day) for day in days]
        return {kind: [f for f in facets if f.count] for kind, facets in result.items()}
