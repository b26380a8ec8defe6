"""Progress of a set of roadmap actions: counts by status, the share done and the bar's geometry.

Every figure a chart or its text shows is computed here (counts, percentages of two named bases,
segments in percent of the bar's width); the templates only draw it. Status slugs for URLs are
defined here too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from territoire.roadmap.models import STATUSES, Action

_SLUG_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def slugify(text: str) -> str:
    """« À lancer » -> « a-lancer »; used for URLs of statuses and named partners."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c if c in _SLUG_CHARS else "-" for c in decomposed if not unicodedata.combining(c))
    return "-".join(part for part in plain.split("-") if part)


STATUS_SLUGS = {status: slugify(status) for status in STATUSES}
DONE = "réalisée"
ABANDONED = "abandonnée"
# Bars read from what is done to what is not started; abandoned actions close the bar.
BAR_ORDER = ("réalisée", "en cours", "à lancer", "abandonnée")


@dataclass(frozen=True)
class Segment:
    """One status in a progress bar; ``x`` and ``width`` are percentages of the bar."""

    status: str
    slug: str
    count: int
    percent: int
    x: float
    width: float


@dataclass(frozen=True)
class Progress:
    """Counts by status for a set of actions.

    Two denominators, defined here once and named wherever a figure is shown:

    - ``total``, every action: the bar, and each status's ``percent`` in ``rows`` (their shares
      add up to 100 %);
    - ``pursued``, every action but the ``abandoned`` ones: the share done (``percent_done``), as
      an abandoned action is shown as such but neither promised nor done.

    So with 13 actions of which 1 abandoned and 2 done, « réalisée » is 15 % of the 13 actions and
    the share done is 17 % of the 12 pursued: templates print both bases next to the figures.
    ``share_done`` is None when no action is pursued.
    """

    counts: dict[str, int]
    total: int

    @property
    def done(self) -> int:
        return self.counts[DONE]

    @property
    def abandoned(self) -> int:
        return self.counts[ABANDONED]

    @property
    def pursued(self) -> int:
        """The denominator of ``share_done``."""
        return self.total - self.abandoned

    @property
    def share_done(self) -> float | None:
        return self.done / self.pursued if self.pursued else None

    @property
    def percent_done(self) -> int | None:
        share = self.share_done
        return None if share is None else round(share * 100)

    @property
    def rows(self) -> list[Segment]:
        """One row per status in bar order, zero counts included: the chart's figures as text;
        each ``percent`` is a share of ``total``."""
        rows, x = [], 0.0
        for status in BAR_ORDER:
            count = self.counts[status]
            width = 100 * count / self.total if self.total else 0.0
            rows.append(Segment(status, STATUS_SLUGS[status], count, round(width),
                                round(x, 3), round(width, 3)))
            x += width
        return rows

    @property
    def segments(self) -> list[Segment]:
        """Bar segments of the statuses present, left to right, widths summing to 100."""
        return [row for row in self.rows if row.count]


def progress_of(actions: list[Action]) -> Progress:
    counts = {status: 0 for status in STATUSES}
    for action in actions:
        counts[action.status] += 1
    return Progress(counts=counts, total=len(actions))
