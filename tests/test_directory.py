"""The member directory on a 30-member territory: filter pages without JavaScript, member pages
(JSON-LD, protected e-mail, logo or initials, edit link), the showcase and the open data exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
import yaml

from conftest import REPO, build
from directory_project import (EMAIL, EMAIL_MEMBER, LOGO_MEMBER, SECTORS, SITE_URL, SIZE, VALUES,
                               expected_filters, french_order, rows, write_project)
from territoire import load_site
from territoire.french import long_date



@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("directory")
    project = write_project(tmp / "project")
    result = build(project, tmp)
    assert result.returncode == 0, result.output
    return result


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".tp-member-card .tp-card__title a")]


def test_directory_lists_every_member_in_french_order(directory) -> None:
    page = directory.html("membres/")
    assert _names(page) == [r.name for r in french_order(rows())]
    assert len(_names(page)) == SIZE
    status = page.select_one("#tp-filter-status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert status.get_text(strip=True) == "30 structures membres du conseil."


def test_each_filter_page_lists_exactly_its_members_with_the_count(directory) -> None:
    expected = expected_filters(rows())
    assert len(expected) == 2 + 2 + 3 + 2  # the "textile" sector has no member: no page
    for (facet, key), (label, names) in expected.items():
        page = directory.html(f"membres/{facet}/{key}/")
        assert page.h1.get_text(strip=True) == label
        assert _names(page) == names, (facet, key)
        count = len(names)
        assert page.select_one(".tp-filter__status").get_text(strip=True) == (
            f"{count} membre{'s' if count > 1 else ''} sur {SIZE}.")
        current = page.select('.tp-filter-links a[aria-current="page"]')
        assert [a.get_text(" ", strip=True) for a in current] == [f"{label} ({count})"]
    assert not directory.exists("membres/secteur/textile/")


def test_directory_links_every_filter_page_with_its_count(directory) -> None:
    page = directory.html("membres/")
    links = {a["href"]: " ".join(a.get_text().split()) for a in page.select(".tp-filter-links a")}
    expected = {f"{facet}/{key}/": f"{label} ({len(names)})"
                for (facet, key), (label, names) in expected_filters(rows()).items()}
    assert links == expected
    # The same options, with their counts, feed the script's form.
    sector_options = [o.get_text(strip=True) for o in page.select("#tp-filter-secteur option")]
    assert sector_options == ["Tous", "Filière bois (10)", "Mécanique (10)"]
    for select in page.select("#tp-filter select, #tp-filter input"):
        assert page.select_one(f'label[for="{select["id"]}"]'), select["id"]


def test_cards_carry_the_keys_the_script_filters_on(directory) -> None:
    page = directory.html("membres/")
    cards = {card.select_one("a").get_text(strip=True): card for card in page.select(".tp-member-card")}
    for row in rows():
        card = cards[row.name]
        assert card["data-secteur"] == (row.sector or "")
        assert card["data-valeur"].split() == row.values
        assert card["data-role"] == row.role
        assert card["data-nom"] == row.name
    assert cards["Structure 01"]["data-commune"] == "lodeve"


def test_member_page_has_organization_json_ld(directory) -> None:
    page = directory.html(f"membres/{LOGO_MEMBER}/")
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 2  # the member, then the trail (BreadcrumbList)
    data = json.loads(scripts[0].string)
    image = data.pop("image")
    assert image.startswith(f"{SITE_URL}assets/partage/") and image.endswith(".png")
    member_of = data.pop("memberOf")
    assert member_of["@id"] == SITE_URL + "#organisation" and member_of["url"] == SITE_URL
    assert member_of["name"] == "Val Vert, fabrique d'avenir"
    assert member_of["logo"]["url"] == SITE_URL + "assets/images/logo-512.png"
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": f"{SITE_URL}membres/{LOGO_MEMBER}/#organisation",
        "name": "Structure 03",
        "description": "Présentation de Structure 03.",
        "mainEntityOfPage": f"{SITE_URL}membres/{LOGO_MEMBER}/",
        "url": "https://www.exemple-industrie.fr/membre-03",
        "logo": {"@type": "ImageObject", "url": f"{SITE_URL}images/membres/membre-03.svg"},
        "address": {"@type": "PostalAddress", "streetAddress": "1 rue de l'Usine"},
        "knowsAbout": "Filière bois",
    }


def test_email_is_never_whole_in_the_page_but_readable(directory) -> None:
    html = (directory.site_dir / f"membres/{EMAIL_MEMBER}/index.html").read_text(encoding="utf-8")
    assert EMAIL not in html and "mailto:" not in html
    user, domain = EMAIL.split("@")
    page = directory.html(f"membres/{EMAIL_MEMBER}/")
    span = page.select_one(".tp-email")
    assert " ".join(span.get_text().split()) == f"{user} (arobase) {domain}"
    assert (span["data-u"][::-1], span["data-d"][::-1]) == (user, domain)
    assert EMAIL not in json.dumps(directory.html(f"membres/{EMAIL_MEMBER}/").select_one(
        'script[type="application/ld+json"]').string)


def test_logo_or_sector_placeholder(directory) -> None:
    with_logo = directory.html(f"membres/{LOGO_MEMBER}/")
    logo = with_logo.select_one(".tp-page-head .tp-logo img")
    assert logo["src"] == "../../images/membres/membre-03.svg"
    assert logo["alt"] == "Logo de Structure 03"
    assert not with_logo.select(".tp-page-head .tp-logo--placeholder")
    directory_page = directory.html("membres/")
    assert not directory_page.select(".tp-logo--initials")
    cards = {card.select_one("a").get_text(strip=True): card for card in directory_page.select(".tp-member-card")}
    for row in rows():
        placeholder = cards[row.name].select_one(".tp-logo--placeholder")
        if row.id == LOGO_MEMBER:
            assert placeholder is None and cards[row.name].select_one(".tp-logo img")
        else:
            # The sector's colour and icon, decorative beside the name.
            assert placeholder["aria-hidden"] == "true" and placeholder.svg is not None
            assert placeholder["style"].startswith("--tp-sector: #")


def test_member_page_shows_no_edit_link_nor_data_file_by_default(directory) -> None:
    page = directory.html("membres/membre-07/")
    assert not page.find("a", string=re.compile("Modifier|Proposer une correction"))
    assert "data/members" not in page.get_text(" ")


def test_showcase_groups_offerings_by_sector_with_member_links(directory) -> None:
    page = directory.html("made-in/")
    found = {}
    for section in page.select(".tp-showcase-group"):
        heading = section.h2.get_text(strip=True)
        found[heading] = [(item.h3.get_text(strip=True), item.select_one(".tp-card__meta a")["href"])
                          for item in section.select(".tp-showcase-item")]
    expected: dict[str, list] = {}
    for label, sector in [*((label, key) for key, label in SECTORS.items()), ("Autres secteurs", None)]:
        items = [(title, f"../membres/{r.id}/") for r in french_order(rows()) if r.sector == sector
                 for title in r.offerings]
        if items:
            expected[label] = items
    assert found == expected
    assert sum(len(items) for items in found.values()) == 8


def _expected_records() -> list[dict]:
    records = []
    for r in sorted(rows(), key=lambda r: r.id):
        records.append({
            "id": r.id, "nom": r.name, "role": {"entreprise": "Entreprise", "association": "Association"}[r.role],
            "membre_depuis": "2024-01-15", "secteur": SECTORS.get(r.sector or ""), "commune": r.commune,
            "adresse": "1 rue de l'Usine" if r.id == LOGO_MEMBER else None,
            "site_web": "https://www.exemple-industrie.fr/membre-03" if r.id == LOGO_MEMBER else None,
            "valeurs": [VALUES[v] for v in r.values], "savoir_faire": r.offerings,
            "page": f"{SITE_URL}membres/{r.id}/",
        })
    return records


def test_json_export_equals_the_data(directory) -> None:
    document = json.loads((directory.site_dir / "donnees/members.json").read_text(encoding="utf-8"))
    assert document["licence"] == "Licence Ouverte / Etalab 2.0"
    assert [f["nom"] for f in document["champs"]] == list(_expected_records()[0])
    assert all(f["description"] for f in document["champs"])
    assert document["enregistrements"] == _expected_records()


def test_csv_export_equals_the_data(directory) -> None:
    raw = (directory.site_dir / "donnees/members.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    expected = [{key: (" | ".join(value) if isinstance(value, list) else (value or ""))
                 for key, value in record.items()} for record in _expected_records()]
    assert table == expected


def test_exports_are_byte_identical_from_one_build_to_the_next(directory, tmp_path) -> None:
    project = write_project(tmp_path / "project")
    again = build(project, tmp_path)
    assert again.returncode == 0, again.output
    for name in ("members.json", "members.csv"):
        assert (again.site_dir / "donnees" / name).read_bytes() == \
            (directory.site_dir / "donnees" / name).read_bytes()


def test_open_data_page_documents_files_licence_and_fields(directory) -> None:
    page = directory.html("donnees/")
    links = [a["href"] for a in page.select("#jeu-members ~ ul a")]
    assert links == ["members.json", "members.csv"]
    assert page.find("a", string="Licence Ouverte / Etalab 2.0")["href"].startswith("https://www.etalab.gouv.fr/")
    # Other features register their own datasets (events, news): take the members' section.
    table = page.find(id="jeu-members").find_parent("section").select_one("table.tp-fields")
    assert table.caption.get_text(strip=True) == "Champs du jeu « Membres »"
    fields = [th.get_text(strip=True) for th in table.select('tbody th[scope="row"]')]
    assert fields == list(_expected_records()[0])


def test_key_figures_page_shows_source_and_date(directory) -> None:
    page = directory.html("chiffres-cles/")
    figures = page.select("ul.tp-figures--page > li")
    assert figures, "aucun chiffre"
    for index, figure in enumerate(figures, start=1):
        assert figure["id"] == f"chiffre-{index}"  # the home page's band links here
        assert figure.select_one(".tp-figure__value").get_text(strip=True)
        assert figure.select_one(".tp-figure__label").get_text(strip=True)
        source = " ".join(figure.select_one(".tp-figure__source").get_text().split())
        assert re.fullmatch(r"Source : .+, (1er|\d{1,2}) \w+ \d{4}", source), source
        assert figure.select_one(".tp-figure__source time")["datetime"]


# The sample site (built once per session) holds the same features with real data.

def test_sample_member_pages_have_json_ld(sample_site) -> None:
    site = load_site(REPO)
    sample_url = site.territory.publication.site_url
    for member in site.members:
        page = sample_site.html(f"membres/{member.id}/")
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        assert (data["@type"], data["name"]) == ("Organization", member.name)
        assert data["mainEntityOfPage"] == f"{sample_url}membres/{member.id}/"
        assert [o["itemOffered"]["name"] for o in data.get("makesOffer", [])] == \
            [o.title for o in member.profile.offerings]


def test_sample_exports_equal_the_data(sample_site) -> None:
    site = load_site(REPO)
    records = json.loads((sample_site.site_dir / "donnees/members.json").read_text(encoding="utf-8"))["enregistrements"]
    assert [r["id"] for r in records] == sorted(m.id for m in site.members)
    for record in records:
        member = site.member(record["id"])
        assert record["nom"] == member.name
        assert record["commune"] == member.profile.commune
        assert record["site_web"] == member.profile.website
        assert record["valeurs"] == [site.value(v).name for v in member.profile.values]
    table = list(csv.DictReader(io.StringIO((sample_site.site_dir / "donnees/members.csv")
                                            .read_text(encoding="utf-8"), newline="")))
    assert [row["nom"] for row in table] == [r["nom"] for r in records]


def test_sample_key_figures_page_matches_the_data(sample_site) -> None:
    figures = yaml.safe_load((REPO / "data/key_figures.yml").read_text(encoding="utf-8"))["chiffres"]
    page = sample_site.html("chiffres-cles/")
    def words(node) -> str:
        return " ".join(node.get_text().split())

    items = page.select("ul.tp-figures--page > li")
    shown = [[words(li.select_one(".tp-figure__value")), words(li.select_one(".tp-figure__label")),
              words(li.select_one(".tp-figure__source"))] for li in items]
    assert shown == [[f["valeur"], f["libelle"], f"Source : {f['source']}, " + long_date(
                      f["date"] if isinstance(f["date"], dt.date) else dt.date.fromisoformat(f["date"]))]
                     for f in figures]
    home = sample_site.html("")
    sources = [a["href"] for a in home.select(".tp-figure__source a")]
    assert sources == [f"chiffres-cles/#chiffre-{n}" for n in range(1, len(sources) + 1)]
    assert [li["id"] for li in items][:len(sources)] == [s.split("#")[1] for s in sources]
