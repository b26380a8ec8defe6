"""The public face of a territory: a brand showcase, not a documentation site.

Built for real: the sample, Amiens (examples/amiens) and the small fixture territory, which has
no agenda, no industry week, no roadmap and no product; here it also calls its governing body
« le comité de projet local » and its members « signataires ». Every built page is scanned for documentation
chrome; the home page's hero and bands, the menu, the member cards and the vocabulary are read
from the parsed HTML.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, REPO, build, copy_project
from territoire.icons import icons_dir

AMIENS = REPO / "examples" / "amiens"


@pytest.fixture(scope="module")
def amiens(tmp_path_factory):
    result = build(AMIENS, tmp_path_factory.mktemp("amiens-showcase"))
    assert result.returncode == 0, result.output
    return result


VOCABULARY = """
vocabulaire:
  instance: le comité de projet local
  membre: signataire
  membres: signataires
accueil:
  appels:
    - texte: Voir les signataires
      lien: membres/
"""


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("other-showcase")
    project = copy_project(FIXTURES / "other_territory", tmp / "project")
    territory = project / "data" / "territory.yml"
    territory.write_text(territory.read_text(encoding="utf-8") + VOCABULARY, encoding="utf-8")
    result = build(project, tmp)
    assert result.returncode == 0, result.output
    return result


def _pages(site_dir: Path):
    for path in sorted(site_dir.rglob("*.html")):
        yield path.relative_to(site_dir).as_posix(), BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _visible_text(page: BeautifulSoup) -> str:
    for hidden in page(["script", "style", "template"]):
        hidden.decompose()
    return page.get_text(" ", strip=True)


# -- no documentation chrome ----------------------------------------------------------------------

DOC_CHROME = {
    "repository link": ".md-source, .md-header__source",
    "edit or view pencil": ".md-content__button, a[rel=edit]",
    "previous/next pager": ".md-footer__inner, .md-footer__link, nav.md-footer",
    "side menu": ".md-sidebar, .md-nav",
    "tabs": ".md-tabs",
}
DOC_WORDS = re.compile(r"\bGitHub\b|\bArchive\b|\bEditer\b|\bÉditer\b|\bEdit\b|data/members/|\.yml\b")


@pytest.mark.parametrize("site", ["sample", "amiens", "other"])
def test_no_documentation_chrome_on_any_page(site, sample_site, amiens, other) -> None:
    result = {"sample": sample_site, "amiens": amiens, "other": other}[site]
    count = 0
    for path, page in _pages(result.site_dir):
        count += 1
        for what, selector in DOC_CHROME.items():
            assert not page.select(selector), f"{path}: {what} ({selector})"
        text = _visible_text(page)
        assert not DOC_WORDS.search(text), f"{path}: {DOC_WORDS.search(text).group(0)!r}"
    assert count > 10


def test_french_labels_of_the_news_sections(sample_site) -> None:
    archive = sample_site.html("actualites/archives/2019/")
    assert archive.select_one(".tp-page-head h1").get_text(strip=True) == "2019"
    assert archive.select_one(".tp-page-head .tp-kicker").get_text(strip=True) == "Actualités"
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    blog = next(p["blog"] for p in config["plugins"] if isinstance(p, dict) and "blog" in p)
    assert (blog["archive_name"], blog["categories_name"]) == ("Archives", "Catégories")


# -- home page ------------------------------------------------------------------------------------

def test_home_hero_has_signature_baseline_calls_to_action_and_picture(sample_site) -> None:
    home = sample_site.html("")
    hero = home.select_one(".tp-hero")
    territory = yaml.safe_load((REPO / "data" / "territory.yml").read_text(encoding="utf-8"))
    assert hero.h1.get_text(strip=True) == territory["signature"]
    assert hero.select_one(".tp-hero__baseline").get_text(strip=True) == territory["baseline"]
    buttons = hero.select(".tp-buttons a.tp-button")
    assert [(a.get_text(strip=True), a["href"]) for a in buttons] == [
        (action["texte"], action["lien"]) for action in territory["accueil"]["appels"]]
    for button in buttons:
        assert sample_site.exists(button["href"]), button["href"]
    picture = hero.select_one(".tp-hero__media img")
    assert picture["alt"] == territory["accueil"]["image_alt"] and picture.get("loading") != "lazy"
    assert hero.select_one("figcaption").get_text(strip=True) == territory["accueil"]["credit"]


def test_home_bands_in_order_each_with_something_to_show(sample_site) -> None:
    home = sample_site.html("")
    bands = [section["aria-labelledby"] for section in home.select(".tp-page__body > section.tp-band")]
    assert bands == ["chiffres-cles", "valeurs", "actualites", "semaine-industrie", "membres",
                     "savoir-faire", "axes"]
    figures = home.select("#chiffres-cles ~ .tp-figures .tp-figure")
    assert 1 <= len(figures) <= 4
    for index, figure in enumerate(figures, start=1):
        assert figure.select_one(".tp-figure__source a")["href"] == f"chiffres-cles/#chiffre-{index}"
    assert sample_site.html("chiffres-cles/").select_one("#chiffre-1")
    values = home.select(".tp-value-tile")
    assert len(values) == 3 and all(tile.select_one(".tp-value-tile__icon svg") for tile in values)
    assert len(home.select(".tp-news-card")) == 3
    wall = home.select(".tp-member-wall .tp-member-tile")
    assert len(wall) == 12 and all(tile.select_one(".tp-logo") for tile in wall)
    assert 1 <= len(home.select("section[aria-labelledby=savoir-faire] .tp-offering")) <= 4


def test_home_shows_the_industry_week_when_no_event_is_upcoming(sample_site) -> None:
    # Every event of the sample is in 2018-2020: none is upcoming, so the band puts the latest
    # edition forward, and no "Aucun événement" sentence appears anywhere on the home page.
    home = sample_site.html("")
    assert not home.select("[data-agenda-next]")
    promo = home.select_one(".tp-edition-promo")
    assert promo.h2.get_text(strip=True) == "Semaine de l'industrie 2019"
    assert promo.select_one("a.tp-button")["href"] == "semaine-de-l-industrie/2019/"
    assert "Aucun" not in _visible_text(home.select_one(".tp-page__body"))


def test_a_territory_without_them_has_no_empty_band_nor_menu_entry(other) -> None:
    home = other.html("")
    bands = [section["aria-labelledby"] for section in home.select(".tp-page__body > section.tp-band")]
    assert bands == ["chiffres-cles", "valeurs", "membres", "axes"]
    body = _visible_text(home.select_one(".tp-page__body"))
    assert "Aucun" not in body and "pour le moment" not in body
    menu = [a.get_text(strip=True) for a in home.select(".tp-nav a")]
    assert menu == ["Valeurs", "Axes stratégiques", "Signataires", "Gouvernance", "À propos"]
    for missing in ("agenda/", "semaine-de-l-industrie/", "made-in/", "feuille-de-route/"):
        assert not other.exists(missing), missing


def test_menu_marks_the_current_section(sample_site) -> None:
    page = sample_site.html("membres/bulane/")
    current = page.select(".tp-nav a[aria-current]")
    assert [(a.get_text(strip=True), a["aria-current"]) for a in current] == [("Membres", "true")]
    index = sample_site.html("membres/").select_one('.tp-nav a[aria-current="page"]')
    assert index.get_text(strip=True) == "Membres"
    # The same entries on phones, in a disclosure that works without JavaScript.
    assert [a.get_text(strip=True) for a in page.select("details.tp-menu a")] == \
        [a.get_text(strip=True) for a in page.select(".tp-nav a")]


def test_breadcrumb_trail_leads_back_to_home_and_section(sample_site) -> None:
    crumbs = sample_site.html("agenda/made-in-montpellier-2019/").select(".tp-crumbs li")
    assert [li.get_text(strip=True) for li in crumbs][:2] == ["Accueil", "Agenda"]
    assert crumbs[-1].select_one('[aria-current="page"]')


# -- members --------------------------------------------------------------------------------------

def test_member_cards_show_logo_or_sector_placeholder_never_initials(sample_site) -> None:
    directory = sample_site.html("membres/")
    cards = directory.select(".tp-member-card")
    assert len(cards) == 18
    assert not directory.select(".tp-logo--initials")
    bulane = next(card for card in cards if card.select_one("a[href='bulane/']"))
    placeholder = bulane.select_one(".tp-logo--placeholder")
    assert placeholder["aria-hidden"] == "true" and placeholder.svg is not None
    sectors = yaml.safe_load((REPO / "data" / "sectors.yml").read_text(encoding="utf-8"))["secteurs"]
    icon = next(s["icone"] for s in sectors if s["id"] == "environnement-energies")
    shipped = icons_dir() / f"{icon}.svg"
    path_data = re.search(r' d="([^"]+)"', shipped.read_text(encoding="utf-8")).group(1)
    assert path_data in str(placeholder)
    assert "--tp-sector: #" in placeholder["style"]
    assert "Environnement et énergies" in bulane.get_text(" ")


def test_profile_opens_with_logo_name_tagline_and_facts(sample_site) -> None:
    page = sample_site.html("membres/bulane/")
    head = page.select_one(".tp-page-head")
    assert head.select_one(".tp-page-head__media .tp-logo")
    assert head.h1.get_text(strip=True) == "Bulane"
    profile = yaml.safe_load((REPO / "data" / "members" / "bulane.yml").read_text(encoding="utf-8"))
    assert head.select_one(".tp-lead").get_text(strip=True) == profile["accroche"]
    assert "Pionnière" in head.select_one(".tp-chips").get_text(" ")
    headings = [h.get_text(strip=True) for h in page.select(".tp-profile__main h2")]
    assert headings[:2] == ["Présentation", "Savoir-faire et produits"]
    facts = page.select_one(".tp-profile__aside dl.tp-facts").get_text(" ", strip=True)
    assert "Environnement et énergies" in facts and "1er octobre 2019" in facts


def test_correction_link_only_when_the_territory_asks_for_it(sample_site, tmp_path) -> None:
    assert not sample_site.html("membres/bulane/").find(string=re.compile("Proposer une correction"))
    project = copy_project(FIXTURES / "other_territory", tmp_path / "project")
    territory = project / "data" / "territory.yml"
    territory.write_text(territory.read_text(encoding="utf-8") + (
        "proposer_correction: true\n"
        "publication:\n  depot: https://forge.exemple.fr/val-vert/site\n"
        "  chemin_modification: edit/main/content/\n"), encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.output
    member = result.html("membres/scierie-du-val/")
    links = member.find_all("a", string=re.compile("Proposer une correction"))
    assert links and all(a["href"].startswith("https://forge.exemple.fr/val-vert/site/edit/main/")
                         for a in links)
    assert any(a["href"].endswith("data/members/scierie-du-val.yml") for a in links)


# -- words of the territory -----------------------------------------------------------------------

def test_vocabulary_of_the_territory_replaces_the_council(other) -> None:
    found_word = False
    for path, page in _pages(other.site_dir):
        text = _visible_text(page)
        assert not re.search(r"\bconseils?\b", text, re.IGNORECASE), path
        found_word = found_word or "comité de projet local" in text
    assert found_word
    member = other.html("membres/scierie-du-val/").get_text(" ", strip=True)
    assert "Rôle au comité de projet local" in member and "Signataire depuis" in member
    assert "signataires du comité de projet local" in other.html("membres/").get_text(" ", strip=True)


def test_the_sample_keeps_its_own_words(sample_site) -> None:
    member = sample_site.html("membres/bulane/").get_text(" ", strip=True)
    assert "Rôle au conseil" in member and "Membre depuis" in member


# -- templates ------------------------------------------------------------------------------------

def test_partials_are_grouped_by_feature() -> None:
    partials = REPO / "overrides" / "partials"
    loose = [path.name for path in partials.glob("*.html")]
    assert loose == [], f"partials hors d'un dossier de fonctionnalité : {loose}"
    assert {folder.name for folder in partials.iterdir() if folder.is_dir()} >= {
        "site", "home", "members", "news", "agenda", "pillars", "roadmap"}


def _territory_colours() -> list[str]:
    colours = []
    for territory in (REPO / "data" / "territory.yml", AMIENS / "data" / "territory.yml",
                      FIXTURES / "other_territory" / "data" / "territory.yml"):
        colours += yaml.safe_load(territory.read_text(encoding="utf-8"))["couleurs"].values()
    return colours


def test_templates_name_no_territory_and_no_colour() -> None:
    # Neutral greys are the engine's; a territory's colours come from data only.
    names = "montpellier|amiens|val vert|occitanie|" + "|".join(_territory_colours())
    words = re.compile(names, re.IGNORECASE)
    for path in (REPO / "overrides").rglob("*.html"):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not words.search(text), f"{path.relative_to(REPO)}: {words.search(text).group(0)}"
    for css in (REPO / "overrides" / "assets" / "stylesheets").glob("*.css"):
        assert not words.search(css.read_text(encoding="utf-8")), css.name
