"""What one source may expand to: the bounds that keep a typing mistake from running for minutes.

A few characters of data can ask for a great deal of work: a weekly series whose end date is
« 2125 » instead of « 2025 » is five thousand meetings, each a page; a two-day fair that ends in
another century has a page per month. Each bound here is far above what a real territory writes
and is checked while the data is read, before the build starts, so that ``territoire check``
refuses what the build would choke on, with the file and line to fix. Text lengths are bounded
by the models' types (``territoire.models.common``: ``Line``, ``Prose``).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter
from pathlib import Path

from territoire.errors import IssueCollector
from territoire.sources import files_below, folder_entries

SERIES_MAX_YEARS = 10
"""From the first to the last meeting of a series: ten years (a weekly series: 522 meetings)."""
EDITION_MAX_DAYS = 31
"""An edition of the industry week: a month at most (it has a filter page per day)."""
EVENT_MAX_DAYS = 366
"""From the first to the last day of one event: a year (a long exhibition)."""
SITE_MAX_PAGES = 20_000
"""Every page of the site: those of content/ and those the engine generates from the data (the
sample has 200, the largest measured synthetic territory 6,645, built in a minute)."""
DATA_MAX_FILES = 20_000
"""Files under data/ and content/, counted before any is read."""


def series_too_long(first: dt.date, until: dt.date) -> bool:
    """More than ``SERIES_MAX_YEARS`` years from ``first`` to ``until``."""
    return until > _years_after(first, SERIES_MAX_YEARS)


def event_days(first: dt.date, last: dt.date) -> int:
    return (last - first).days + 1


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def too_many_files(folders: tuple[Path, ...], issues: IssueCollector) -> bool:
    """Refuse (one issue) a project whose data/ and content/ hold more than ``DATA_MAX_FILES``
    files; nothing is read then."""
    counts: Counter[Path] = Counter()
    total = 0
    for root in folders:
        if not root.is_dir():
            continue
        # Folders and files one by one, in the order of ``rglob("*")``, as they are found.
        for relative, entries in folder_entries(root):
            where = root / relative if relative else root
            for _entry in entries:
                total += 1
                counts[where] += 1
                if total > DATA_MAX_FILES:
                    where, count = counts.most_common(1)[0]
                    issues.add(where, 1, 1, "", thin(
                        f"trop de fichiers : trouvé plus de {DATA_MAX_FILES:_} fichiers dans "
                        f"data/ et content/ (dont {count:_} dans ce dossier), attendu au plus "
                        f"{DATA_MAX_FILES:_}"))
                    return True
    return False


def page_budget_issue(pages_by_source: Counter[str], issues: IssueCollector, root: Path) -> None:
    """One issue when the site would have more than ``SITE_MAX_PAGES`` pages, at the file that
    asks for the most (``pages_by_source``: pages per source file, relative to the project)."""
    total = sum(pages_by_source.values())
    if total <= SITE_MAX_PAGES:
        return
    source, count = pages_by_source.most_common(1)[0]
    issues.add(root / source, 1, 1, "",
               thin(f"trop de pages : trouvé un site de {total:_} pages, dont {count:_} venues de "
                     f"ce fichier, attendu au plus {SITE_MAX_PAGES:_} pages"))


def thin(text: str) -> str:
    """Thousands separated by a narrow no-break space, as French writes them."""
    return text.replace("_", "\u202f")


def pages_by_source(site, content: Path, root: Path) -> Counter[str]:
    """How many pages each source asks for: a series file its meetings, a folder of one-page
    files (members, events, articles, pages of content/) its files, a list file its entries."""
    from territoire.links import generated_pages  # links imports the site model, as this does

    counts: Counter[str] = Counter()
    events = {event.id: event for event in site.agenda.events} if site.agenda else {}
    folders: Counter[str] = Counter(posixpath.dirname(relative) for relative in
                                    (files_below(content) if content.is_dir() else [])
                                    if relative.endswith(".md"))
    for folder, count in folders.items():
        counts[_shown(content / folder if folder else content, root)] += count
    for src_uri, (kind, key) in generated_pages(site).items():
        if kind == "event" and key in events:
            event = events[key]
            counts[event.source if event.series else "data/events"] += 1
        elif kind == "member":
            counts["data/members"] += 1
        elif kind in ("month", "agenda"):
            counts["data/events"] += 1
        elif kind.startswith("edition"):
            counts["data/editions.yml"] += 1
        elif kind.startswith("roadmap"):
            counts["data/roadmap.yml"] += 1
        else:
            counts["data"] += 1
    return counts


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
