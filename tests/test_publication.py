"""No sample defaults in another territory's output: the public address, the repository and the
edit links come from the territory's own « publication: » (data/territory.yml), never from the
engine's mkdocs.yml. A territory without it is built with relative links, no canonical address
and no edit link."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, REPO, build, copy_project


def _sample_publication() -> dict:
    territory = yaml.safe_load((REPO / "data" / "territory.yml").read_text(encoding="utf-8"))
    return territory["publication"]


def test_the_engine_config_names_no_territory_address_nor_repository() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not {"site_url", "repo_url", "repo_name", "edit_uri"} & set(config)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    publication = _sample_publication()
    for address in (publication["url_du_site"], publication["depot"]):
        assert address.split("//", 1)[1].rstrip("/") not in text


def test_a_territory_without_publication_publishes_no_sample_address(tmp_path: Path) -> None:
    # The news fixture has articles (feeds), and asks for edit links it cannot have.
    project = copy_project(FIXTURES / "news", tmp_path / "project")
    territory = project / "data" / "territory.yml"
    assert "publication:" not in territory.read_text(encoding="utf-8")
    territory.write_text(territory.read_text(encoding="utf-8") + "proposer_correction: true\n",
                         encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.output

    publication = _sample_publication()
    sample_host = publication["url_du_site"].split("//", 1)[1].rstrip("/")
    sample_repo = publication["depot"].split("//", 1)[1]
    files = [path for path in result.site_dir.rglob("*") if path.is_file()]
    assert len(files) > 50
    for path in files:
        data = path.read_bytes()
        assert sample_host.encode() not in data, path
        assert sample_repo.encode() not in data, path

    pages = sorted(result.site_dir.rglob("*.html"))
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert page.select('link[rel="canonical"]') == [], path
        assert page.select('meta[property="og:url"]') == [], path
        assert [a["href"] for a in page.select("a[href]") if "/edit/" in a["href"]] == [], path
    assert "<loc>" not in (result.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    feed = (result.site_dir / "actualites" / "rss.xml").read_text(encoding="utf-8")
    assert "<link>/actualites/2024/conseil-de-mars/</link>" in feed


def test_a_territory_with_its_own_publication_publishes_its_own_address(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "news", tmp_path / "project")
    territory = project / "data" / "territory.yml"
    territory.write_text(territory.read_text(encoding="utf-8") + (
        "proposer_correction: true\npublication:\n  url_du_site: https://essai.example/\n"
        "  depot: https://forge.example/essai\n  chemin_modification: edit/main/content/\n"),
        encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.output
    home = result.html("")
    assert home.select_one('link[rel="canonical"]')["href"] == "https://essai.example/"
    about = result.html("a-propos/")
    assert [a["href"] for a in about.select("a[href]") if "/edit/" in a["href"]] == [
        "https://forge.example/essai/edit/main/content/a-propos.md"]
