"""The industry week's editions (``data/editions.yml``) and the national rules of its label.

An event that names an edition must take place within the edition's dates, be free and be aimed
at an audience. The file is optional: without it, no event may name an edition.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from territoire.agenda.models import Edition, EditionsFile, EventFile
from territoire.agenda.times import day_of
from territoire.errors import IssueCollector
from territoire.french import long_date
from territoire.limits import EDITION_MAX_DAYS, event_days, thin
from territoire.sources import SourceDocument, read_yaml
from territoire.validation import check_reference, check_unique, describe_found, report_at, validate

EDITIONS_FILE = "editions.yml"


def load_editions(data: Path, issues: IssueCollector) -> tuple[EditionsFile | None,
                                                               dict[str, Edition] | None]:
    """The file's model and its editions by id; ``{}`` without the file, None when it is invalid
    (events then name editions unchecked)."""
    path = data / EDITIONS_FILE
    if not path.exists():
        return None, {}
    document = read_yaml(path, issues)
    file = validate(EditionsFile, document, issues) if document else None
    if file is None:
        return None, None
    check_unique(document, "editions", file.editions, issues)
    for index, edition in enumerate(file.editions):
        if edition.end < edition.start:
            report_at(document, ("editions", index, "fin"),
                      f"trouvé {describe_found(edition.end)}, attendu une date de fin "
                      f"égale ou postérieure au début ({edition.start.isoformat()})", issues)
        elif event_days(edition.start, edition.end) > EDITION_MAX_DAYS:
            report_at(document, ("editions", index, "fin"), thin(
                f"édition trop longue : trouvé {event_days(edition.start, edition.end):_} "
                f"jours du {edition.start.isoformat()} au {edition.end.isoformat()}, "
                f"attendu au plus {EDITION_MAX_DAYS} jours (faute de frappe dans "
                "l'année ?)"), issues)
    return file, {edition.id: edition for edition in file.editions}


def check_label(editions: dict[str, Edition] | None, model: EventFile, start: Any, end: Any,
                document: SourceDocument, issues: IssueCollector) -> None:
    """The national labelling rules: within the week's dates, free, aimed at an audience."""
    if editions is None:
        return
    edition = editions.get(model.edition)
    if edition is None:
        check_reference(document, ("edition",), model.edition, set(editions), "édition inconnue",
                        "data/editions.yml", issues)
        return
    first = day_of(start)
    last = day_of(end) if end is not None else first
    if isinstance(end, dt.datetime) and end > start and end.time() == dt.time(0):
        last = (end - dt.timedelta(microseconds=1)).date()
    label = f"label {edition.name}"
    if first < edition.start or last > edition.end:
        shown = long_date(first) if first == last else f"du {long_date(first)} au {long_date(last)}"
        report_at(document, ("debut",),
                  f"{label} : trouvé un événement le {shown}, attendu une date comprise "
                  f"dans l'édition, du {long_date(edition.start)} au {long_date(edition.end)}",
                  issues)
    if model.free is False or model.price:
        field = "gratuit" if model.free is not None else "tarif"
        report_at(document, (field,), f"{label} : trouvé un événement payant, attendu un "
                  "événement gratuit (« gratuit: true »)", issues)
    if not model.audiences:
        report_at(document, ("publics",), f"{label} : trouvé aucun public, attendu au moins un "
                  "public visé dans « publics »", issues)
