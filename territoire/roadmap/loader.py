"""Read and cross-check ``data/roadmap.yml``; called by ``load_site``.

The file is optional: without it, the roadmap page says that none is published yet. Besides the model's own
checks, every action must name a known axis, known members, a target date not before its start,
and a date for each measured indicator value. Links to news and events are checked by
``check_related`` once the site knows them.
"""

from __future__ import annotations

from pathlib import Path

from territoire.errors import IssueCollector
from territoire.roadmap.actions import Roadmap, is_member_reference
from territoire.roadmap.models import RoadmapFile
from territoire.sources import SourceDocument, dotted_path, read_yaml
from territoire.validation import describe_found, validate

ROADMAP_FILE = "roadmap.yml"


def load_roadmap(data: Path, issues: IssueCollector, *, axes: list | None,
                 member_names: dict[str, str] | None) -> tuple[SourceDocument | None, Roadmap | None]:
    """``axes`` or ``member_names`` is None when its own file failed (its issues are reported)."""
    path = data / ROADMAP_FILE
    if not path.is_file():
        # No roadmap published yet: the site says so on an empty roadmap page.
        if axes is None or member_names is None:
            return None, None
        empty = RoadmapFile.model_validate({"actions": []})
        return None, Roadmap.build(empty, axes, member_names, issues.display_path(path),
                                  published=False)
    document = read_yaml(path, issues)
    if document is None:
        return None, None
    file = validate(RoadmapFile, document, issues)
    if file is None:
        return document, None
    axis_ids = {axis.id for axis in axes} if axes is not None else None
    seen: dict[str, int] = {}
    for index, action in enumerate(file.actions):
        base = ("actions", index)
        if action.id in seen:
            _add(document, base + ("id",), issues,
                 f"identifiant en double : trouvé « {action.id} » déjà utilisé par "
                 f"actions[{seen[action.id]}], attendu un identifiant unique")
        else:
            seen[action.id] = index
        if axis_ids is not None and action.axis not in axis_ids:
            _add(document, base + ("axe",), issues,
                 f"axe inconnu : trouvé {describe_found(action.axis)}, attendu l'un des "
                 f"identifiants de data/axes.yml : {', '.join(sorted(axis_ids))}")
        names = [("pilote",), *(("partenaires", i) for i in range(len(action.partners)))]
        for name, where in zip((action.lead, *action.partners), names):
            if member_names is not None and is_member_reference(name) and name not in member_names:
                _add(document, base + where, issues,
                     f"membre inconnu : trouvé {describe_found(name)}, attendu l'identifiant d'un "
                     f"membre de data/members.yml ({', '.join(sorted(member_names))}) ou le nom "
                     "d'un partenaire avec ses majuscules")
        if action.target_date < action.start:
            _add(document, base + ("echeance",), issues,
                 f"échéance avant le début : trouvé la date {action.target_date.isoformat()}, "
                 f"attendu une date égale ou postérieure au début ({action.start.isoformat()})")
        for i, indicator in enumerate(action.indicators):
            if indicator.current is not None and indicator.measured_on is None:
                _add(document, base + ("indicateurs", i, "valeur"), issues,
                     "date de mesure manquante : trouvé une valeur sans « date », attendu la date "
                     "de la mesure (AAAA-MM-JJ)")
    if axes is None or member_names is None:
        return document, None
    return document, Roadmap.build(file, axes, member_names, issues.display_path(path))


def check_related(document: SourceDocument, roadmap: Roadmap, issues: IssueCollector, *,
                  news_ids: set[str] | None, event_ids: set[str] | None) -> None:
    """HOOK POINT for the news and agenda features: pass their identifiers once the site has them.

    None means "this site has no such feature yet": the references are then kept unchecked and
    shown as plain text.
    """
    for index, action in enumerate(roadmap.file.actions):
        for key, ids, known, label in (("actualites", action.news, news_ids, "actualité inconnue"),
                                       ("evenements", action.events, event_ids, "événement inconnu")):
            if known is None:
                continue
            for i, item in enumerate(ids):
                if item not in known:
                    _add(document, ("actions", index, key, i), issues,
                         f"{label} : trouvé {describe_found(item)}, attendu l'identifiant "
                         f"d'un élément publié sur le site")


def _add(document: SourceDocument, path: tuple, issues: IssueCollector, message: str) -> None:
    line, column = document.position(path)
    issues.add(document.path, line, column, dotted_path(path), message)
