"""A second territory, Amiens Métropole (examples/amiens/), built by the same engine with no code
change: its pages carry its own name, colours, values and members, and nothing of Montpellier."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO, build

AMIENS = REPO / "examples" / "amiens"
MONTPELLIER_TRACES = re.compile(r"montpellier|industrie[ -]positive|pionni[eè]re|occitanie|h[ée]rault"
                                r"|#1f4e8c|#a1232b", re.IGNORECASE)


@pytest.fixture(scope="module")
def amiens(tmp_path_factory):
    result = build(AMIENS, tmp_path_factory.mktemp("amiens"))
    assert result.returncode == 0, result.output
    return result


def test_home_carries_amiens_identity(amiens):
    page = amiens.html("")
    assert page.h1.get_text(strip=True) == "Amiens Métropole, entreprendre et innover"
    assert page.title.get_text(strip=True).endswith("Amiens Métropole, entreprendre et innover")
    styles = " ".join(style.get_text() for style in page.find_all("style"))
    assert "--tp-primary:#7a1f3d" in styles and "--tp-accent:#0b5d5b" in styles
    assert page.find("link", rel="canonical")["href"] == "https://entreprendre.amiens-metropole.example/"
    assert page.find("meta", attrs={"name": "author"})["content"] == "Amiens Métropole"


def test_values_axes_and_members_are_amiens_own(amiens):
    values = [a.get_text(strip=True) for a in amiens.html("valeurs/").select("main .tp-card__title a")]
    assert values == ["Entreprendre", "Innover", "Coopérer"]
    assert amiens.html("valeurs/cooperer/").h1.get_text(strip=True) == "Coopérer"
    axes = amiens.html("axes/").get_text(" ", strip=True)
    for cluster in ("Stockage de l'énergie et autonomie énergétique",
                    "Santé, longévité et silver économie", "Industrie numérique"):
        assert cluster in axes
    members = amiens.html("membres/").get_text(" ", strip=True)
    for name in ("Université de Picardie Jules-Verne", "Institut Faire Face", "Caisse des dépôts",
                 "Laboratoire de réactivité et chimie des solides (LRCS)"):
        assert name in members
    assert amiens.exists("membres/lrcs/")


def test_amiens_agenda_has_its_own_event(amiens):
    event = amiens.html("agenda/presentation-pacte-emploi-innovation-2015/")
    assert event.h1.get_text(strip=True) == "Présentation du pacte pour l'emploi et l'innovation"
    assert "Amiens" in event.find("main").get_text(" ")
    calendar = (amiens.site_dir / "agenda" / "agenda.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Présentation du pacte pour l'emploi et l'innovation" in calendar


def test_correction_links_point_at_amiens_repository(amiens):
    # Amiens asks for « Proposer une correction » links (proposer_correction: true).
    repository = "https://github.com/territoires/amiens-metropole/edit/main/"

    def corrections(path):
        return {a["href"] for a in amiens.html(path).find_all("a", string=re.compile("Proposer une correction"))}

    assert corrections("a-propos/") == {repository + "content/a-propos.md"}
    assert corrections("membres/upjv/") == {repository + "data/members/upjv.yml"}


def test_nothing_of_montpellier_anywhere(amiens):
    suffixes = {".html", ".xml", ".json", ".svg", ".txt", ".ics"}
    built = [p for p in amiens.site_dir.rglob("*") if p.suffix in suffixes]
    assert len(built) > 10
    leaks = {p.relative_to(amiens.site_dir).as_posix(): MONTPELLIER_TRACES.findall(p.read_text("utf-8"))
             for p in built}
    assert {path: found for path, found in leaks.items() if found} == {}


def test_sample_would_be_caught_by_the_same_check(sample_site):
    # The leak pattern does find Montpellier in Montpellier's own site.
    assert MONTPELLIER_TRACES.search((sample_site.site_dir / "index.html").read_text("utf-8"))


def test_amiens_example_uses_engine_schemas():
    for path in sorted((AMIENS / "data").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert schema != first and (path.parent / schema).resolve().is_file(), path
        assert yaml.safe_load(path.read_text(encoding="utf-8"))
