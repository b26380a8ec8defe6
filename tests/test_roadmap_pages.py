"""Roadmap and governance pages built with the real MkDocs: charts and their text, no-JS filters,
action sheets, links to members and events, axis and member slots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, build, copy_project
from territoire import load_site

SAMPLE = load_site(REPO)
OTHER = FIXTURES / "other_territory"


def _chart_checks(page, chart) -> dict[str, int]:
    """Check one chart's text alternative and return its figures table as {status: count}."""
    svg = chart.find("svg")
    assert svg["role"] == "img"
    label_ids = svg["aria-labelledby"].split()
    assert len(label_ids) == 2
    title, desc = (page.find(id=label_id) for label_id in label_ids)
    assert title.name == "title" and desc.name == "desc" and title.parent is svg and desc.parent is svg
    assert chart["aria-labelledby"] == chart.find("figcaption")["id"]
    table = chart.find("table")
    assert table.caption.get_text(strip=True)
    assert [th["scope"] for th in table.thead.find_all("th")] == ["col"] * 3
    figures = {}
    for row in table.tbody.find_all("tr"):
        assert row.th["scope"] == "row"
        figures[row.th.get_text(strip=True)] = int(row.td.get_text(strip=True))
    # The description says the same figures as the table.
    for status, count in figures.items():
        if count:
            assert f"{count} {status.lower()}" in desc.get_text(), (status, desc.get_text())
    return figures


def _expected(actions) -> dict[str, int]:
    counts = {"Réalisée": 0, "En cours": 0, "À lancer": 0, "Abandonnée": 0}
    for action in actions:
        counts[action.status.capitalize()] += 1
    return counts


def test_roadmap_page_charts_overall_and_per_axis(sample_site) -> None:
    page = sample_site.html("feuille-de-route/")
    charts = page.select("figure.tp-chart")
    assert len(charts) == 1 + len(SAMPLE.axes)
    assert _chart_checks(page, charts[0]) == _expected(SAMPLE.roadmap.actions)
    for chart, axis in zip(charts[1:], SAMPLE.axes):
        assert _chart_checks(page, chart) == _expected(SAMPLE.roadmap.of_axis(axis.id))
    # Bars: one rectangle per status present, widths summing to the whole bar.
    rects = charts[0].select("rect.tp-chart__segment")
    assert len(rects) == sum(1 for n in _expected(SAMPLE.roadmap.actions).values() if n)
    assert sum(float(r["width"]) for r in rects) == pytest.approx(100, abs=0.01)
    progress = SAMPLE.roadmap.progress()
    caption = " ".join(charts[0].figcaption.get_text().split())
    assert caption == (f"Ensemble de la feuille de route : {progress.percent_done} % réalisé "
                       f"({progress.done} actions réalisées sur {progress.pursued} poursuivies ; "
                       f"1 action abandonnée sur {progress.total} n'entre pas dans ce calcul).")
    assert "\u00a0%" in charts[0].figcaption.get_text()  # French spacing: no break before « % »


_CAPTION = re.compile(r"(?P<percent>\d+) % réalisé \((?P<done>\d+) actions? réalisées? sur "
                      r"(?P<pursued>\d+) poursuivies?(?: ; (?P<abandoned>\d+) actions? abandonnées? "
                      r"sur (?P<total>\d+) n'entre(?:nt)? pas dans ce calcul)?\)")


def _figures_agree(chart) -> None:
    """Every figure of one chart, read back from the page, agrees with the others on its stated
    base: the share done over the pursued actions, the table's shares over all of them."""
    caption = " ".join(chart.figcaption.get_text().split())
    match = _CAPTION.search(caption)
    assert match, caption
    table = chart.find("table")
    header = " ".join(table.thead.find_all("th")[2].get_text().split())
    total = int(re.fullmatch(r"Part des? (\d+) actions?", header).group(1))
    rows = {row.th.get_text(strip=True): (int(row.find_all("td")[0].get_text()),
                                          int(row.find_all("td")[1].get_text().split()[0]))
            for row in table.tbody.find_all("tr")}
    done, pursued = int(match["done"]), int(match["pursued"])
    abandoned = rows["Abandonnée"][0]
    assert rows["Réalisée"][0] == done
    assert int(table.tfoot.td.get_text()) == total == sum(count for count, _ in rows.values())
    assert pursued == total - abandoned
    if abandoned:
        assert (int(match["abandoned"]), int(match["total"])) == (abandoned, total), caption
    else:
        assert match["abandoned"] is None, caption
    assert int(match["percent"]) == round(100 * done / pursued)
    for status, (count, percent) in rows.items():
        assert percent == round(100 * count / total), (status, count, percent, total)


def test_roadmap_figures_agree_and_name_their_base(sample_site) -> None:
    # The sample has 13 actions, 1 abandoned, 2 done: 17 % of 12 pursued, 15 % of all 13.
    page = sample_site.html("feuille-de-route/")
    charts = page.select("figure.tp-chart")
    for chart in charts:
        _figures_agree(chart)
    overall = " ".join(charts[0].get_text().split())
    assert "17 % réalisé" in overall and "Part des 13 actions" in overall


def test_roadmap_page_is_marked_illustrative_and_lists_priority_first(sample_site) -> None:
    page = sample_site.html("feuille-de-route/")
    notice = page.select_one(".tp-note[role=note]")
    assert notice is not None and "Exemple illustratif" in notice.get_text()
    assert len(SAMPLE.roadmap.actions) >= 12
    assert {a.axis for a in SAMPLE.roadmap.actions} == {axis.id for axis in SAMPLE.axes}
    priority = page.select("#prioritaires + ul .tp-action__title a")
    others = page.select("#autres + ul .tp-action__title a")
    assert [a.get_text(strip=True) for a in priority] == \
        [a.title for a in SAMPLE.roadmap.actions if a.priority]
    assert len(priority) + len(others) == len(SAMPLE.roadmap.actions)
    assert page.find(string=re.compile("Feuille de route")) is not None
    nav = [a.get_text(strip=True) for a in page.select(".tp-nav a")]
    assert "Feuille de route" in nav and "Gouvernance" in nav
    # Filter and action pages are generated out of the nav.
    nav_links = [a["href"] for a in page.select(".tp-nav a")]
    assert not [href for href in nav_links if "statut/" in href or "actions/" in href or "axe/" in href]


def test_filter_pages_work_without_javascript(sample_site) -> None:
    page = sample_site.html("feuille-de-route/")
    links = page.select("nav.tp-filters a")
    groups = [h.get_text(strip=True) for h in page.select("nav.tp-filters h3")]
    assert groups == ["Par axe", "Par statut", "Par priorité", "Par pilote"]
    assert len(links) == sum(len(g.options) for g in SAMPLE.roadmap.filters())
    for link in links:
        href = link["href"]
        target = sample_site.html(f"feuille-de-route/{href}")
        count = int(re.search(r"\((\d+)\)$", link.get_text(strip=True)).group(1))
        listed = target.select("#liste + ul .tp-action__title a")
        assert len(listed) == count, href
        assert target.find("script", src=re.compile("roadmap")) is None
        current = target.select_one("nav.tp-filters a[aria-current=page]")
        assert current.get_text(strip=True) == link.get_text(strip=True)
    status_page = sample_site.html("feuille-de-route/statut/en-cours/")
    titles = [a.get_text(strip=True) for a in status_page.select("#liste + ul .tp-action__title a")]
    assert titles == [a.title for a in SAMPLE.roadmap.actions if a.status == "en cours"]
    lead_page = sample_site.html("feuille-de-route/pilote/cci-herault/")
    assert lead_page.h1.get_text(strip=True) == "Chambre de Commerce et d'Industrie de l'Hérault"
    assert not sample_site.exists("feuille-de-route/pilote/ibm/")  # leads nothing, joins only


def test_action_page_links_lead_partners_and_axis(sample_site) -> None:
    page = sample_site.html("feuille-de-route/actions/besoins-prioritaires/")
    assert page.h1.get_text(strip=True) == "Identifier les besoins prioritaires des entreprises"
    facts = page.select_one("dl.tp-facts")
    lead = facts.select_one(".tp-lead-party a")
    assert lead.get_text(strip=True) == "Chambre de Commerce et d'Industrie de l'Hérault"
    assert sample_site.exists(f"feuille-de-route/actions/besoins-prioritaires/{lead['href']}")
    assert lead["href"].endswith("membres/cci-herault/")
    partners = [a["href"] for a in facts.select(".tp-inline-list a")]
    assert partners == ["../../../membres/cma-herault/", "../../../membres/uimm-montpellier/"]
    assert "1er décembre 2019" in facts.get_text() and "29 février 2020" in facts.get_text()
    table = page.select_one("table.tp-indicators")
    assert table.caption.get_text(strip=True) == "Indicateurs de suivi"
    assert [td.get_text(strip=True) for td in table.tbody.tr.find_all("td")] == \
        ["100", "pas encore mesurée", "–", "–"]
    assert " ".join(table.tbody.th.get_text().split()) == "Entreprises interrogées (entreprises)"
    named = sample_site.html("feuille-de-route/actions/conseils-mensuels/")
    assert named.select_one(".tp-lead-party").get_text(strip=True) == "Montpellier Méditerranée Métropole"
    assert named.select_one(".tp-lead-party a") is None
    cells = [td.get_text(strip=True) for td in named.select_one("table.tp-indicators tbody tr").find_all("td")]
    assert cells == ["5", "1", "1er octobre 2019", "20\u00a0%"]


def test_member_and_axis_pages_list_their_actions(sample_site) -> None:
    member = sample_site.html("membres/cci-herault/")
    led = [a.get_text(strip=True) for a in member.select(".tp-member-led .tp-action__title a")]
    joined = [a.get_text(strip=True) for a in member.select(".tp-member-joined .tp-action__title a")]
    assert led == [a.title for a in SAMPLE.roadmap.actions if a.lead == "cci-herault"]
    assert joined == [a.title for a in SAMPLE.roadmap.actions if "cci-herault" in a.partners]
    assert led and joined
    axis = sample_site.html("axes/projets-structurants/")
    titles = [a.get_text(strip=True) for a in axis.select("#feuille-de-route ~ ul .tp-action__title a")]
    assert titles == [a.title for a in SAMPLE.roadmap.of_axis("projets-structurants")]
    chart = axis.select_one("figure.tp-chart")
    assert _chart_checks(axis, chart) == _expected(SAMPLE.roadmap.of_axis("projets-structurants"))


def test_governance_page_lists_the_council(sample_site) -> None:
    page = sample_site.html("gouvernance/")
    links = page.select("ul.tp-council a")
    assert len(links) == len(SAMPLE.members) == 18
    assert {a["href"] for a in links} == {f"../membres/{m.id}/" for m in SAMPLE.members}
    headings = [h.get_text(strip=True) for h in page.select("#instance ~ h3")]
    assert headings == ["Entreprise (13)", "Chambre, fédération ou association (5)"]
    assert "exemple illustratif" in page.select_one("#suivi + p").get_text()


# A small territory whose every action is done, on the agenda fixture, to check links to events.
AGENDA = FIXTURES / "agenda_territory"


def _roadmap_file(*actions: str) -> str:
    return "actions:\n" + "".join(actions) if actions else "actions: []\n"


def _action(action_id: str, *, extra: str = "") -> str:
    return (f"  - id: {action_id}\n    titre: Action {action_id}\n    axe: former\n"
            "    statut: réalisée\n    pilote: scierie-du-val\n    debut: 2020-01-01\n"
            f"    echeance: 2020-06-30\n    description: Faite.\n    mise_a_jour: 2020-07-01\n{extra}")


def _build_with(tmp: Path, roadmap: str):
    project = copy_project(AGENDA, tmp / "project")
    (project / "data/roadmap.yml").write_text(roadmap, encoding="utf-8")
    result = build(project, tmp)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def done_site(tmp_path_factory):
    return _build_with(tmp_path_factory.mktemp("done"), _roadmap_file(
        _action("a", extra="    evenements: [conseil-2020-02-06, dst-samedi]\n"),
        _action("b", extra="    budget_euros: 15000\n")))


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory):
    return _build_with(tmp_path_factory.mktemp("empty"), _roadmap_file())


def test_every_action_done_reads_100_percent(done_site) -> None:
    page = done_site.html("feuille-de-route/")
    chart = page.select_one("figure.tp-chart")
    assert _chart_checks(page, chart) == {"Réalisée": 2, "En cours": 0, "À lancer": 0, "Abandonnée": 0}
    assert " ".join(chart.figcaption.get_text().split()) == \
        "Ensemble de la feuille de route : 100 % réalisé (2 actions réalisées sur 2 poursuivies)."
    [rect] = chart.select("rect.tp-chart__segment")
    assert (rect["x"], rect["width"]) == ("0.0", "100.0")
    assert page.select_one(".tp-notice") is None  # not marked as an example


def test_related_events_link_to_their_pages_with_their_titles(done_site) -> None:
    page = done_site.html("feuille-de-route/actions/a/")
    items = page.select("#evenements-lies + ul li")
    assert [li.a["href"] for li in items] == ["../../../agenda/conseil-2020-02-06/",
                                              "../../../agenda/dst-samedi/"]
    assert [li.a.get_text(strip=True) for li in items] == ["Conseil du Val", "Atelier du samedi"]
    assert "jeudi 6 février 2020" in items[0].get_text()
    assert done_site.exists("agenda/conseil-2020-02-06/")
    assert page.select_one("#actualites-liees") is None  # no article in this territory
    assert done_site.html("feuille-de-route/actions/b/").select_one("#evenements-lies") is None


def test_budget_in_euros_with_french_digits(done_site) -> None:
    facts = done_site.html("feuille-de-route/actions/b/").select_one("dl.tp-facts")
    terms = [dt.get_text(strip=True) for dt in facts.find_all("dt")]
    budget = facts.find_all("dd")[terms.index("Budget")].get_text(strip=True)
    assert budget == "15\u202f000 €"
    assert "Budget" not in done_site.html("feuille-de-route/actions/a/").select_one("dl.tp-facts").get_text()


def test_no_action_at_all(empty_site) -> None:
    page = empty_site.html("feuille-de-route/")
    charts = page.select("figure.tp-chart")
    assert len(charts) == 2  # overall and the fixture's single axis
    for chart in charts:
        assert _chart_checks(page, chart) == {"Réalisée": 0, "En cours": 0, "À lancer": 0, "Abandonnée": 0}
        assert chart.select("rect.tp-chart__segment") == []
        assert chart.find("desc").get_text(strip=True) == "Aucune action."
        assert "aucune action poursuivie" in chart.figcaption.get_text()
    assert page.select("#prioritaires + p")[0].get_text(strip=True) == "Aucune action."
    assert empty_site.exists("feuille-de-route/statut/en-cours/")


def test_territory_without_roadmap_file_has_no_roadmap_section(tmp_path_factory) -> None:
    # An empty section is neither in the menu nor built: no page saying there is nothing.
    result = build(OTHER, tmp_path_factory.mktemp("nofile"))
    assert result.returncode == 0, result.output
    assert not result.exists("feuille-de-route/")
    assert "Feuille de route" not in [a.get_text(strip=True) for a in result.html("").select(".tp-nav a")]
    assert result.exists("gouvernance/")
