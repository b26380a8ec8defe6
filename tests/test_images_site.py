"""Responsive images in built sites: srcset everywhere, small downloads, a cache that is reused.

The territory of tests/raster_project.py (made with Pillow at test time) has a 4 MB phone photo
as a cover and in an article body, a PNG logo, a WebP product photo and a turned portrait.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import BuildResult, build
from gates import serve
from raster_project import (BODY_URL, COVERED_URL, GPS_TEXT, LOGO, PHOTO, PRODUCT_ROTATED,
                            make_raster_project, raster_site)  # noqa: F401 - a fixture

RASTER = (".jpg", ".jpeg", ".png", ".webp")


@pytest.fixture()
def raster(raster_site: BuildResult) -> BuildResult:  # noqa: F811
    return raster_site


def _pages(site_dir: Path):
    for path in sorted(site_dir.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _raster_imgs(site_dir: Path):
    for path, soup in _pages(site_dir):
        for img in soup.find_all("img"):
            if PurePosixPath(urlsplit(img.get("src", "")).path).suffix.lower() in RASTER:
                yield path, img


def _file_of(page: Path, url: str) -> Path:
    return (page.parent / urlsplit(url).path).resolve()


def _candidates(srcset: str) -> list[tuple[str, int]]:
    pairs = [entry.strip().rsplit(" ", 1) for entry in srcset.split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


@pytest.mark.parametrize("which", ["raster", "sample"])
def test_every_raster_img_has_srcset_width_and_height(request, which: str) -> None:
    site = request.getfixturevalue("raster" if which == "raster" else "sample_site")
    found = list(_raster_imgs(site.site_dir))
    if which == "raster":
        assert len(found) >= 10, "le territoire d'essai doit afficher ses images matricielles"
    for page, img in found:
        where = f"{page.relative_to(site.site_dir)}: {img}"
        assert img.get("srcset") and img.get("sizes"), where
        assert img.get("width", "").isdigit() and img.get("height", "").isdigit(), where
        assert img.has_attr("alt"), where


def test_variants_exist_with_the_announced_widths_and_formats(raster: BuildResult) -> None:
    checked = 0
    for page, soup in _pages(raster.site_dir):
        for picture in soup.find_all("picture"):
            img = picture.find("img")
            sets = [(source["type"], source["srcset"]) for source in picture.find_all("source")]
            sets.append((None, img["srcset"]))
            for mime, srcset in sets:
                for url, width in _candidates(srcset):
                    with Image.open(_file_of(page, url)) as image:
                        assert image.width == width, url
                        assert mime is None or Image.MIME[image.format] == mime, url
                        if mime is None:
                            assert url.endswith(img["src"].rsplit(".", 1)[-1]), url
                    checked += 1
            # width/height give the largest variant's proportions: the place is kept.
            widest = max(_candidates(img["srcset"]), key=lambda pair: pair[1])
            with Image.open(_file_of(page, widest[0])) as image:
                assert image.size == (int(img["width"]), int(img["height"]))
    assert checked > 50


def test_webp_sources_come_first_and_the_fallback_keeps_the_format(raster: BuildResult) -> None:
    article = raster.html(COVERED_URL)
    picture = article.select_one(".tp-article__cover picture")
    assert [s["type"] for s in picture.find_all("source")] == ["image/webp"]
    img = picture.find("img")
    assert img["src"].endswith(".jpg") and img["alt"] == "L'atelier vu depuis la mezzanine."
    assert not img.has_attr("loading"), "la couverture, en haut de page, ne se charge pas tard"
    assert [width for _url, width in _candidates(img["srcset"])] == [320, 640, 960, 1280, 1920]
    # Member logos (600 px wide): never enlarged, PNG with transparency as the fallback.
    logo = raster.html("membres/").select_one(".tp-logo img")
    assert [width for _url, width in _candidates(logo["srcset"])] == [320, 600]
    assert logo["loading"] == "lazy" and logo["src"].endswith(".png")
    # The product photo taken with the camera turned is upright: portrait proportions.
    product = raster.html("membres/atelier/").select_one(".tp-card__media img")
    assert (product["width"], product["height"]) == ("900", "1200")


def test_images_written_in_markdown_become_pictures(raster: BuildResult) -> None:
    body = raster.html(BODY_URL).select_one("article")
    picture = body.find("picture")
    assert picture is not None and picture.find("source")["type"] == "image/webp"
    img = picture.find("img")
    assert img["alt"] == "Une machine de l'atelier" and img["loading"] == "lazy"
    assert img["width"] == "1920" and img["height"] == "1440"
    assert picture.parent.name == "p"


def test_svg_images_stay_svg_with_their_intrinsic_size(raster: BuildResult) -> None:
    # tests/fixtures/news: the March article's cover is an SVG with a 1200x630 viewBox.
    img = raster.html("actualites/2024/conseil-de-mars/").select_one(".tp-article__cover img")
    assert img["src"].endswith("couverture.svg") and not img.has_attr("srcset")
    svg_root = (raster.site_dir / "actualites/images/couverture.svg").read_text(encoding="utf-8")
    assert img.find_parent("picture") is None
    assert (img["width"], img["height"]) != ("", "") and img["width"].isdigit()
    assert f'viewBox="0 0 {img["width"]} {img["height"]}"' in svg_root


def test_originals_are_not_published(raster: BuildResult, tmp_path: Path) -> None:
    source = Path(str(raster.site_dir).replace("/site", "/project/content")) / PHOTO
    assert source.stat().st_size > 3_500_000
    published = raster.site_dir / PHOTO
    # The original's address still works, for a link to it, but serves the largest variant.
    assert published.stat().st_size < 450_000
    with Image.open(published) as image:
        assert image.format == "JPEG" and image.width == 1920 and not image.getexif()
    for path in raster.site_dir.rglob("*"):
        if path.is_file() and path.suffix.lower() in RASTER:
            assert GPS_TEXT.encode() not in path.read_bytes(), path
            assert path.stat().st_size < 1_000_000, path


def _cache_state(cache: Path) -> dict[str, tuple[int, int]]:
    return {path.relative_to(cache).as_posix(): (path.stat().st_mtime_ns, path.stat().st_ino)
            for path in sorted(cache.rglob("*")) if path.is_file()}


def _digests(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_a_rebuild_reuses_the_cache_and_gives_the_same_site(raster: BuildResult,
                                                            tmp_path: Path) -> None:
    project = raster.site_dir.parent / "project"
    cache = project / ".cache" / "images"
    before = _cache_state(cache)
    assert len(before) > 40
    again = build(project, tmp_path)
    assert again.returncode == 0, again.output
    assert _cache_state(cache) == before, "un fichier du cache a été refait"
    assert " 0 produits" in again.output, again.output
    cold_sitemaps = {"sitemap.xml", "sitemap.xml.gz"}
    first, second = _digests(raster.site_dir), _digests(again.site_dir)
    assert {k: v for k, v in first.items() if k not in cold_sitemaps} == \
        {k: v for k, v in second.items() if k not in cold_sitemaps}
    # A changed source gets new variants under new names; the old ones stay valid.
    shutil.copyfile(project / "content" / PRODUCT_ROTATED, tmp_path / "saved.jpg")
    with Image.open(tmp_path / "saved.jpg") as image:
        image.rotate(180).save(project / "content" / PRODUCT_ROTATED, "JPEG", exif=image.getexif())
    try:
        (tmp_path / "third").mkdir()
        third = build(project, tmp_path / "third")
        assert third.returncode == 0, third.output
        assert " 0 produits" not in third.output
        assert _cache_state(cache).items() >= before.items()
    finally:
        shutil.copyfile(tmp_path / "saved.jpg", project / "content" / PRODUCT_ROTATED)


def test_a_phone_photo_reaches_a_phone_small(raster: BuildResult, browser) -> None:
    """What Chromium really downloads for the 4 MB cover at a 390 px wide viewport."""
    with serve(raster.site_dir) as base_url:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        try:
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(urljoin(base_url, COVERED_URL), wait_until="load")
            page.wait_for_load_state("networkidle")
            photo = [(r.url, len(r.body())) for r in responses if "/photo-atelier" in r.url]
            everything = sum(len(r.body()) for r in responses if r.status == 200)
            hosts = {urlsplit(r.url).netloc for r in responses}
        finally:
            context.close()
    assert len(photo) == 1, photo
    url, size = photo[0]
    assert url.endswith(".webp") and "-640." in url, url
    assert size < 250 * 1024, f"{url}: {size} octets"
    assert everything < 1024 * 1024
    assert hosts == {urlsplit(base_url).netloc}


def test_an_undecodable_image_stops_the_build_before_the_site_is_touched(tmp_path: Path) -> None:
    project = make_raster_project(tmp_path / "project")
    photo = project / "content" / PHOTO
    photo.write_bytes(photo.read_bytes()[:200_000])  # a truncated upload
    site = tmp_path / "site"
    site.mkdir()
    (site / "ancien.html").write_text("site précédent", encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert (f"  content/{PHOTO}:1:1 image illisible : trouvé une image JPEG tronquée ou abîmée "
            "que la construction ne sait pas décoder, attendu une image complète (ouvrez-la puis "
            "réenregistrez-la)") in result.output.splitlines()
    assert [p.name for p in site.iterdir()] == ["ancien.html"]


def test_logo_file_is_a_real_png_for_the_member_card(raster: BuildResult) -> None:
    # The logo's own address serves a PNG re-encoded from the source, at most 1920 px wide.
    with Image.open(raster.site_dir / LOGO) as image:
        assert image.format == "PNG" and image.size == (600, 300) and image.mode == "RGBA"


def test_pages_with_pictures_are_valid_html(raster: BuildResult) -> None:
    # The sample has no raster image yet: vnu sees <picture>, srcset and sizes here.
    from gates import validate_html
    assert validate_html(raster.site_dir) == []
