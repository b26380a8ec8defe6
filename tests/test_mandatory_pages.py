"""The mandatory pages of a French public site, and the footer links to them on every page."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import REPO
from territoire import load_site
from page_types import TOOL_PAGES

LEGAL_PAGES = {
    "accessibilite/": "Déclaration d'accessibilité",
    "mentions-legales/": "Mentions légales",
    "donnees-personnelles/": "Données personnelles",
    "plan-du-site/": "Plan du site",
}


def _text(soup) -> str:
    return " ".join(soup.select_one(".tp-page").get_text(" ").split())


def _is_tool(site, path) -> bool:
    return any(path == site.site_dir / tool / "index.html" for tool, _template in TOOL_PAGES.values())


def test_every_page_links_to_the_mandatory_pages(sample_site) -> None:
    # The web editor (/admin/, tests/page_types.py TOOL_PAGES) is a tool page, not the site's.
    pages = [p for p in sample_site.site_dir.rglob("*.html") if not _is_tool(sample_site, p)]
    assert len(pages) > 30
    for path in pages:
        url = path.relative_to(sample_site.site_dir).as_posix().removesuffix("index.html")
        footer = sample_site.html(url).select_one(".tp-footer-links")
        assert footer is not None, url
        labels = [a.get_text(strip=True) for a in footer.find_all("a")]
        assert labels == ["Plan du site", "Accessibilité : non conforme", "Mentions légales",
                          "Données personnelles"], url


@pytest.mark.parametrize(("url", "title"), LEGAL_PAGES.items())
def test_mandatory_page_exists_with_its_title(sample_site, url: str, title: str) -> None:
    page = sample_site.html(url)
    assert page.h1.get_text(strip=True) == title
    assert page.html["lang"] == "fr"


def test_accessibility_statement_is_honest_and_follows_the_rgaa_model(sample_site) -> None:
    page = sample_site.html("accessibilite/")
    text = _text(page)
    assert page.select_one(".tp-a11y-status").get_text(strip=True) == "non conforme"
    assert "car il n'a pas encore fait l'objet d'un audit de conformité" in text
    assert "Montpellier Méditerranée Métropole s'engage à rendre son site internet accessible" in text
    headings = [h.get_text(strip=True) for h in page.select(".tp-page__body h2")]
    assert headings == ["État de conformité", "Résultats des tests", "Contenus non accessibles",
                        "Établissement de cette déclaration", "Retour d'information et contact",
                        "Voies de recours"]
    assert "établie le 23 novembre 2026" in text
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in text


def test_legal_notice_names_publisher_director_and_says_the_host_is_not_chosen(sample_site) -> None:
    text = _text(sample_site.html("mentions-legales/"))
    assert "édité par Montpellier Méditerranée Métropole" in text
    assert "Le président de Montpellier Méditerranée Métropole" in text
    assert "L'hébergeur n'est pas encore désigné" in text


def test_personal_data_page_says_no_cookie_no_tracking(sample_site) -> None:
    text = _text(sample_site.html("donnees-personnelles/"))
    assert "Ce site ne dépose aucun cookie et n'utilise aucun outil de mesure d'audience ni de suivi" in text
    assert "Il ne charge rien depuis un autre serveur" in text


def test_site_plan_lists_every_page_once(sample_site) -> None:
    plan = sample_site.html("plan-du-site/").select_one(".tp-site-plan")
    hrefs = [a["href"] for a in plan.find_all("a")]
    assert len(hrefs) == len(set(hrefs))
    built = {p.relative_to(sample_site.site_dir).as_posix().removesuffix("index.html")
             for p in sample_site.site_dir.rglob("index.html") if not _is_tool(sample_site, p)}
    # Links are relative to plan-du-site/: "../" is the home page, "./" the plan itself.
    linked = {urljoin("http://site/plan-du-site/", href).removeprefix("http://site/") for href in hrefs}
    assert linked == built
    site = load_site(REPO)
    members = plan.find("a", string="Membres").find_next("ul").find_all("a")
    # Members first, in the directory's order; then the directory's filter pages, deeper down.
    assert [a.get_text() for a in members[:len(site.members)]] == [m.name for m in site.members]
    filters = [urljoin("http://site/plan-du-site/", a["href"]) for a in members[len(site.members):]]
    assert filters and all(url.startswith("http://site/membres/") and url.count("/") == 6
                           for url in filters), filters


def test_404_is_french_and_leads_back(sample_site) -> None:
    page = sample_site.html("404.html")
    assert page.h1.get_text(strip=True) == "Page introuvable"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".tp-page__body a")}
    assert links == {"Revenir à l'accueil": "/", "Consulter le plan du site": "/plan-du-site/"}
