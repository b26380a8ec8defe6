"""Share cards: Open Graph and Twitter tags on every page, each pointing at a real 1200x630 file.

Checked on every page of the sample, of Amiens and of the fixture territory; drawn cards carry
the territory's own colours; pages with an image of their own share it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import FIXTURES, REPO, BuildResult, build
from page_types import TOOL_PAGES
from raster_project import raster_site  # noqa: F401 - a fixture

AMIENS = REPO / "examples" / "amiens"
FIXTURE = FIXTURES / "other_territory"
REQUIRED = ("og:type", "og:site_name", "og:locale", "og:title", "og:image", "og:image:type",
            "og:image:width", "og:image:height", "og:image:alt")


@pytest.fixture(scope="module")
def amiens(tmp_path_factory) -> BuildResult:
    result = build(AMIENS, tmp_path_factory.mktemp("amiens-share"))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> BuildResult:
    result = build(FIXTURE, tmp_path_factory.mktemp("fixture-share"))
    assert result.returncode == 0, result.output
    return result


def _meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key and (key.startswith(("og:", "article:", "twitter:"))):
            found.setdefault(key, []).append(tag.get("content", ""))
    return found


def _image_file(site: BuildResult, page: Path, url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme or parts.path.startswith("/"):
        # Absolute on a site with a public address, or from the site's root (the 404 page, served
        # at any address, on a site without one): the path after the site's own root.
        return site.site_dir / parts.path.lstrip("/")
    return (page.parent / parts.path).resolve()


@lru_cache(maxsize=None)
def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def _pages(site: BuildResult):
    # The web editor (/admin/) is a tool with noindex, not a page to share.
    tools = {site.site_dir / path / "index.html" for path, _template in TOOL_PAGES.values()}
    for path in sorted(site.site_dir.rglob("*.html")):
        if path not in tools:
            yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.mark.parametrize("which", ["sample_site", "amiens", "fixture_site", "raster_site"])
def test_every_page_has_share_tags_and_a_1200x630_image(request, which: str) -> None:
    site = request.getfixturevalue(which)
    signature = None
    count = 0
    for path, soup in _pages(site):
        where = path.relative_to(site.site_dir).as_posix()
        meta = _meta(soup)
        for key in REQUIRED:
            assert len(meta.get(key, [])) == 1 and meta[key][0].strip(), f"{where}: {key}"
        assert meta["og:locale"] == ["fr_FR"], where
        assert meta["twitter:card"] == ["summary_large_image"], where
        assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"], where
        image = _image_file(site, path, meta["og:image"][0])
        assert image.is_file(), f"{where}: {meta['og:image'][0]}"
        assert _size(image) == (1200, 630), where
        assert meta["og:image:type"] == [Image.MIME[Image.open(image).format]], where
        signature = signature or meta["og:site_name"][0]
        assert meta["og:site_name"] == [signature], where
        canonical = soup.find("link", rel="canonical")
        if canonical is not None:
            assert meta["og:url"] == [canonical["href"]], where
        count += 1
    assert count > 15


def test_articles_are_articles_with_their_dates_and_cover(sample_site: BuildResult) -> None:
    page = sample_site.html("actualites/2019/premier-conseil-industrie-positive/")
    meta = _meta(page)
    assert meta["og:type"] == ["article"]
    assert meta["article:published_time"] == ["2019-10-04T00:00:00+02:00"]
    assert meta["article:section"] == ["Vie du conseil"]
    # The article's own cover (an SVG) shared as a 1200x630 JPEG, with the cover's alt text.
    assert meta["og:image"][0].endswith(".jpg")
    cover_alt = page.select_one(".tp-article__cover img")["alt"]
    assert meta["og:image:alt"] == [cover_alt] == meta["twitter:image:alt"]
    assert _meta(sample_site.html("membres/bulane/"))["og:type"] == ["website"]


def _drawn_card(site: BuildResult, url_path: str) -> Image.Image:
    page = site.site_dir / url_path / "index.html"
    meta = _meta(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml"))
    assert meta["og:image"][0].endswith(".png")
    return Image.open(_image_file(site, page, meta["og:image"][0])).convert("RGB")


@pytest.mark.parametrize(("which", "primary", "accent"), [
    ("sample_site", (0x1f, 0x4e, 0x8c), (0xa1, 0x23, 0x2b)),
    ("amiens", (0x7a, 0x1f, 0x3d), (0x0b, 0x5d, 0x5b)),
    ("fixture_site", (0x00, 0x69, 0x5c), (0x7a, 0x1f, 0x5c)),
])
def test_drawn_cards_carry_the_territory_colours(request, which, primary, accent) -> None:
    site = request.getfixturevalue(which)
    card = _drawn_card(site, "valeurs")
    assert card.getpixel((1190, 10)) == primary
    assert card.getpixel((600, 625)) == accent
    meta = _meta(site.html("valeurs/"))
    assert meta["og:image:alt"][0].startswith("Valeurs\u00a0: ")


def test_each_page_gets_its_own_card_and_its_kind_label(sample_site: BuildResult) -> None:
    cards = {url: _meta(sample_site.html(url))["og:image"][0]
             for url in ("", "valeurs/", "membres/bulane/", "agenda/made-in-montpellier-2019/",
                         "a-propos/")}
    assert len(set(cards.values())) == len(cards)
    event = _meta(sample_site.html("agenda/made-in-montpellier-2019/"))
    assert event["og:image:alt"][0].startswith("Événement\u00a0: Made in Montpellier")


def test_the_territory_logo_has_a_png_for_feeds(sample_site: BuildResult,
                                                fixture_site: BuildResult) -> None:
    for site in (sample_site, fixture_site):
        with Image.open(site.site_dir / "assets/images/logo-512.png") as image:
            assert image.format == "PNG" and image.width == 512


def test_a_member_logo_is_shared_centred_on_white(raster_site: BuildResult) -> None:  # noqa: F811
    result = raster_site
    page = result.site_dir / "membres/atelier/index.html"
    meta = _meta(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml"))
    assert meta["og:image:alt"] == ["Logo de Atelier Un"]
    with Image.open(_image_file(result, page, meta["og:image"][0])) as card:
        card = card.convert("RGB")
        assert card.size == (1200, 630) and card.getpixel((5, 5)) == (255, 255, 255)
        assert card.getpixel((600, 150)) == (11, 93, 91)  # the logo's own colour
    # A firm without a logo but with a product photo shares the photo.
    fonderie = _meta(result.html("membres/fonderie/"))
    assert fonderie["og:image"][0].endswith(".jpg")
    assert fonderie["og:image:alt"] == ["Une pièce de fonte sur un établi."]
