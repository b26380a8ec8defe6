"""Roadmap statistics and filters, computed in the domain layer without MkDocs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from territoire.roadmap.models import RoadmapFile
from territoire.roadmap.actions import Roadmap
from territoire.roadmap.progress import progress_of, slugify

AXES = [SimpleNamespace(id="image", number=1, title="Image"),
        SimpleNamespace(id="projets", number=2, title="Projets")]
MEMBERS = {"atelier": "L'Atelier", "forge": "La Forge"}


def _action(action_id: str, status: str, *, axis: str = "image", priority: bool = False,
            lead: str = "atelier", partners: tuple[str, ...] = (), target: str = "2020-06-30") -> dict:
    return {"id": action_id, "titre": action_id.capitalize(), "axe": axis, "prioritaire": priority,
            "statut": status, "pilote": lead, "partenaires": list(partners), "debut": "2020-01-01",
            "echeance": target, "description": "Texte.", "mise_a_jour": "2020-01-02"}


def _roadmap(*actions: dict) -> Roadmap:
    file = RoadmapFile.model_validate({"exemple": True, "actions": list(actions)})
    return Roadmap.build(file, AXES, MEMBERS, "data/roadmap.yml")


def test_no_action_at_all() -> None:
    progress = progress_of([])
    assert progress.total == 0 and progress.done == 0 and progress.pursued == 0
    assert progress.share_done is None and progress.percent_done is None
    assert progress.segments == []
    assert [(row.status, row.count, row.percent, row.width) for row in progress.rows] == [
        ("réalisée", 0, 0, 0.0), ("en cours", 0, 0, 0.0), ("à lancer", 0, 0, 0.0),
        ("abandonnée", 0, 0, 0.0)]
    roadmap = _roadmap()
    assert roadmap.progress("image").total == 0
    assert [(o.key, o.count) for g in roadmap.filters() for o in g.options] == [
        ("axe/image", 0), ("axe/projets", 0), ("statut/a-lancer", 0), ("statut/en-cours", 0),
        ("statut/realisee", 0), ("statut/abandonnee", 0), ("priorite/prioritaires", 0),
        ("priorite/autres", 0)]


def test_every_action_done() -> None:
    roadmap = _roadmap(_action("a", "réalisée"), _action("b", "réalisée", axis="projets"),
                       _action("c", "réalisée"))
    progress = roadmap.progress()
    assert (progress.total, progress.done, progress.pursued) == (3, 3, 3)
    assert progress.share_done == 1.0 and progress.percent_done == 100
    [segment] = progress.segments
    assert (segment.status, segment.slug, segment.x, segment.width, segment.percent) == \
        ("réalisée", "realisee", 0.0, 100.0, 100)
    assert roadmap.progress("projets").percent_done == 100


def test_mixed_statuses_per_axis_and_overall() -> None:
    roadmap = _roadmap(_action("a", "réalisée"), _action("b", "en cours"), _action("c", "à lancer"),
                       _action("d", "abandonnée"), _action("e", "en cours", axis="projets"))
    overall = roadmap.progress()
    assert overall.counts == {"à lancer": 1, "en cours": 2, "réalisée": 1, "abandonnée": 1}
    # Abandoned actions are shown but are no longer promised: 1 done out of 4 pursued.
    assert overall.pursued == 4 and overall.share_done == 0.25 and overall.percent_done == 25
    assert [(s.slug, s.x, s.width) for s in overall.segments] == [
        ("realisee", 0.0, 20.0), ("en-cours", 20.0, 40.0), ("a-lancer", 60.0, 20.0),
        ("abandonnee", 80.0, 20.0)]
    assert sum(s.width for s in overall.segments) == pytest.approx(100)
    axis = roadmap.progress("image")
    assert (axis.total, axis.done, axis.percent_done) == (4, 1, 33)
    assert roadmap.progress("projets").percent_done == 0


def test_only_abandoned_actions_have_no_share_done() -> None:
    progress = _roadmap(_action("a", "abandonnée")).progress()
    assert progress.total == 1 and progress.pursued == 0 and progress.percent_done is None


def test_priority_actions_come_first_then_axis_then_date() -> None:
    roadmap = _roadmap(_action("z", "à lancer", axis="image", target="2021-01-01"),
                       _action("y", "à lancer", axis="projets", priority=True),
                       _action("x", "à lancer", axis="image", target="2020-03-01"),
                       _action("w", "à lancer", axis="image", priority=True))
    assert [a.id for a in roadmap.actions] == ["w", "y", "x", "z"]


def test_leads_and_partners_are_members_or_named_partners() -> None:
    roadmap = _roadmap(_action("a", "en cours", lead="Région Occitanie", partners=("forge",)),
                       _action("b", "réalisée", lead="forge", partners=("atelier", "Pôle emploi")))
    lead = roadmap.lead_of(roadmap.action("a"))
    assert (lead.key, lead.name, lead.member_id) == ("region-occitanie", "Région Occitanie", None)
    assert [(p.key, p.name, p.member_id) for p in roadmap.partners_of(roadmap.action("b"))] == [
        ("atelier", "L'Atelier", "atelier"), ("pole-emploi", "Pôle emploi", None)]
    assert [a.id for a in roadmap.led_by("forge")] == ["b"]
    assert [a.id for a in roadmap.joined_by("forge")] == ["a"]
    leads = roadmap.filters()[-1]
    assert [(o.key, o.label, o.count) for o in leads.options] == [
        ("pilote/forge", "La Forge", 1), ("pilote/region-occitanie", "Région Occitanie", 1)]


def test_status_slugs() -> None:
    assert [slugify(s) for s in ("à lancer", "en cours", "réalisée", "abandonnée")] == [
        "a-lancer", "en-cours", "realisee", "abandonnee"]
