"""The image layer without MkDocs: variants, cache jobs, share cards, SVG sizes, the file screen."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from raster_project import GPS_TEXT, phone_photo, write_photo
from territoire.errors import IssueCollector
from territoire.images import check_content_files
from territoire.imaging import cards, jobs, svg
from territoire.imaging.cache import ImageCache, digest_file
from territoire.imaging.variants import (DEFAULT_WIDTHS, image_set, inspect, plan, published_copy,
                                         render)


def _source(path: Path, src: str):
    return inspect(src, path, digest_file(path))


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("photo") / "photo.jpg"
    write_photo(path)
    return path


def test_a_phone_photo_gets_every_width_in_webp_and_jpeg(photo: Path) -> None:
    assert photo.stat().st_size > 3_500_000
    source = _source(photo, "images/photo.jpg")
    planned = plan(source)
    assert [(v.format, v.width) for v in planned] == [
        *(("WEBP", width) for width in DEFAULT_WIDTHS), *(("JPEG", width) for width in DEFAULT_WIDTHS)]
    made = render(photo, planned)
    for variant in planned:
        with Image.open(io.BytesIO(made[variant.key])) as image:
            assert image.format == variant.format
            assert image.size == (variant.width, variant.height) == (variant.width, variant.width * 3 // 4)
            assert not image.getexif(), "les métadonnées (GPS, appareil) ne sont pas publiées"
        assert GPS_TEXT.encode() not in made[variant.key]
        assert variant.site_path.startswith("assets/images/photo-")
    sizes = {(v.format, v.width): len(made[v.key]) for v in planned}
    # What a phone downloads (640 px) is a small fraction of the 4 MB original.
    assert sizes[("WEBP", 640)] < 150_000 and sizes[("JPEG", 640)] < 200_000


def test_a_small_image_is_never_enlarged(tmp_path: Path) -> None:
    path = tmp_path / "petit.png"
    Image.new("RGBA", (500, 250), (10, 20, 30, 128)).save(path)
    source = _source(path, "images/petit.png")
    planned = plan(source)
    assert [(v.format, v.width, v.height) for v in planned] == [
        ("WEBP", 320, 160), ("WEBP", 500, 250), ("PNG", 320, 160), ("PNG", 500, 250)]
    model = image_set(source, planned)
    assert (model.width, model.height, model.mime) == (500, 250, "image/png")
    assert [s.mime for s in model.sources] == ["image/webp"]
    assert [c.width for c in model.fallback.candidates] == [320, 500]
    webp_only = tmp_path / "photo.webp"
    Image.new("RGB", (800, 600), (200, 10, 10)).save(webp_only, "WEBP")
    planned = plan(_source(webp_only, "images/photo.webp"), (320, 640))
    assert [(v.format, v.width) for v in planned] == [("WEBP", 320), ("WEBP", 640)]
    assert image_set(_source(webp_only, "images/photo.webp"), planned).sources == ()


def test_the_camera_orientation_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "portrait.jpg"
    write_photo(path, orientation=6, size=(1200, 900))
    source = _source(path, "images/portrait.jpg")
    assert (source.width, source.height) == (900, 1200)
    variant = published_copy(source)
    assert (variant.site_path, variant.width, variant.height) == ("images/portrait.jpg", 900, 1200)
    with Image.open(io.BytesIO(render(path, [variant])[variant.key])) as image:
        assert image.size == (900, 1200)


def test_variants_are_byte_identical_from_run_to_run_and_in_worker_processes(
        photo: Path, tmp_path: Path) -> None:
    source = _source(photo, "images/photo.jpg")
    planned = plan(source, (320, 640))
    assert render(photo, planned) == render(photo, planned)
    # The same jobs made by two worker processes and in this process give the same files.
    work = [jobs.variants_job(source, [variant]) for variant in planned]
    work += [jobs.card_job(cards.card_key(_style(None), cards.CardText(f"Titre {i}")), _style(None),
                           cards.CardText(f"Titre {i}")) for i in range(8)]
    pooled, single = ImageCache(tmp_path / "a"), ImageCache(tmp_path / "b")
    assert jobs.run(work, pooled, workers=2).failures == []
    assert jobs.run(work, single, workers=1).failures == []
    names = sorted(p.relative_to(pooled.root) for p in pooled.root.rglob("*") if p.is_file())
    assert len(names) == 12
    for name in names:
        assert (pooled.root / name).read_bytes() == (single.root / name).read_bytes()
    again = jobs.run(work, pooled, workers=2)
    assert (again.made, pooled.reused) == (0, 12)


def _style(logo: Path | None, primary: str = "#1f4e8c", accent: str = "#a1232b") -> cards.CardStyle:
    return cards.CardStyle(primary=primary, accent=accent, site_name="Val Vert, fabrique d'avenir",
                           logo=logo, logo_digest="x")


def test_a_drawn_card_is_1200x630_in_the_territory_colours(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                    '<rect width="10" height="10" fill="#ffffff"/></svg>', encoding="utf-8")
    png = cards.draw_card(_style(logo, "#00695c", "#7a1f5c"),
                          cards.CardText("Une journée portes ouvertes à l'atelier", "Événement"))
    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        assert image.size == (1200, 630)
        assert image.getpixel((1190, 10)) == (0x00, 0x69, 0x5c)  # background: primary
        assert image.getpixel((600, 625)) == (0x7a, 0x1f, 0x5c)  # bottom band: accent
        assert image.getpixel((100, 100)) == (255, 255, 255)  # the logo, top left
        # The label's pill in the accent colour, above the title.
        pill = [x for x in range(72, 400) if image.getpixel((x, 340)) == (0x7a, 0x1f, 0x5c)]
        assert pill, "la pastille du libellé manque"
        # White title text somewhere in the lower half.
        assert any(image.getpixel((x, y)) == (255, 255, 255) for x in range(72, 1100, 3)
                   for y in range(380, 560, 3))


def test_long_titles_shrink_then_are_cut() -> None:
    font, lines = cards._title_lines("Un titre court", 1056)
    assert font.size == 76 and lines == ["Un titre court"]
    font, lines = cards._title_lines("mot " * 60, 1056)
    assert font.size == 52 and len(lines) == 3 and lines[-1].endswith(" …")


def test_own_images_are_fitted_to_1200x630(tmp_path: Path, photo: Path) -> None:
    with Image.open(io.BytesIO(cards.fit_photo(photo))) as image:
        assert (image.size, image.format) == ((1200, 630), "JPEG")
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (300, 300), (200, 0, 0, 255)).save(logo)
    with Image.open(io.BytesIO(cards.fit_logo(logo))) as image:
        assert (image.size, image.format) == ((1200, 630), "PNG")
        assert image.convert("RGB").getpixel((5, 5)) == (255, 255, 255)
        assert image.convert("RGB").getpixel((600, 315)) == (200, 0, 0)
    cover = tmp_path / "cover.svg"
    cover.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
                     '<rect width="100" height="100" fill="#123456"/></svg>', encoding="utf-8")
    with Image.open(io.BytesIO(cards.fit_photo(cover))) as image:
        assert image.size == (1200, 630)
    with Image.open(io.BytesIO(cards.logo_png(cover))) as image:
        assert image.size == (512, 512)


@pytest.mark.parametrize(("root", "size"), [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24">', (48, 24)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="200" viewBox="0,0,48,24">', (200, 100)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="30px">', (120, 30)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 1200 630">', (1200, 630)),
    ('<svg xmlns="http://www.w3.org/2000/svg">', (300, 150)),
])
def test_svg_intrinsic_size(tmp_path: Path, root: str, size: tuple[int, int]) -> None:
    path = tmp_path / "image.svg"
    path.write_text(root + "</svg>", encoding="utf-8")
    assert svg.intrinsic_size(path) == size


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


def _screen(content: Path) -> list[str]:
    issues = IssueCollector(content.parent)
    check_content_files(content, issues)
    return [str(issue) for issue in sorted(issues.issues)]


def test_every_published_file_is_checked_by_its_bytes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "documents").mkdir()
    (content / ".cache").mkdir()
    (content / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (content / ".cache" / "ignored.bin").write_bytes(b"\x00")  # not published: not checked
    phone_photo((400, 300)).save(content / "images" / "ok.jpg")
    (content / "images" / "faux.png").write_bytes(b"<!DOCTYPE html><script>alert(1)</script>")
    (content / "images" / "bombe.png").write_bytes(_png_header(30000, 30000))
    (content / "images" / "tronquee.png").write_bytes(_png_header(10, 10)[:-20])
    (content / "images" / "jpeg.webp").write_bytes((content / "images" / "ok.jpg").read_bytes())
    (content / "images" / "lourde.jpg").touch()
    with (content / "images" / "lourde.jpg").open("r+b") as handle:
        handle.write(b"\xff\xd8\xff\xe0")
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written to disk
    (content / "documents" / "outil.exe").write_bytes(b"MZ\x90\x00")
    (content / "documents" / "page.html").write_text("<p>x</p>", encoding="utf-8")
    (content / "documents" / "LISEZMOI").write_text("x", encoding="utf-8")
    (content / "documents" / "rapport.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /OpenAction << /S /J#61vaScript /JS (app.alert(1)) >> >>")
    (content / "documents" / "propre.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF")
    (content / "documents" / "liste.csv").write_bytes("nom;commune\nAtelier;Val-Vert\n".encode("utf-8"))
    (content / "documents" / "binaire.csv").write_bytes(b"\xff\xfe\x00a")
    assert _screen(content) == [
        "content/documents/LISEZMOI:1:1 type de fichier : trouvé un fichier sans extension, attendu "
        "l'un des types publiés .svg, .png, .jpg, .jpeg, .webp, .pdf, .odt, .ods, .odp, .docx, "
        ".xlsx, .pptx, .csv ou .txt (les autres fichiers ne sont pas copiés sur le site)",
        "content/documents/binaire.csv:1:1 contenu : trouvé un contenu d'un autre type, attendu un "
        "fichier CSV en UTF-8 (le contenu doit correspondre à l'extension « .csv »)",
        "content/documents/outil.exe:1:1 type de fichier : trouvé « .exe », attendu l'un des types "
        "publiés .svg, .png, .jpg, .jpeg, .webp, .pdf, .odt, .ods, .odp, .docx, .xlsx, .pptx, "
        ".csv ou .txt (les autres fichiers ne sont pas copiés sur le site)",
        "content/documents/page.html:1:1 type de fichier : trouvé « .html », attendu l'un des types "
        "publiés .svg, .png, .jpg, .jpeg, .webp, .pdf, .odt, .ods, .odp, .docx, .xlsx, .pptx, "
        ".csv ou .txt (les autres fichiers ne sont pas copiés sur le site)",
        "content/documents/rapport.pdf:1:1 contenu actif : trouvé l'entrée « /JavaScript » (script, "
        "lancement ou fichier joint), attendu un PDF sans contenu actif (réexportez-le en PDF/A)",
        "content/images/bombe.png:1:1 dimensions : trouvé 30000 × 30000 pixels (900 mégapixels), "
        "attendu au plus 50 mégapixels (réduisez l'image)",
        "content/images/faux.png:1:1 contenu : trouvé une page HTML, attendu une image PNG (le "
        "contenu doit correspondre à l'extension « .png »)",
        "content/images/jpeg.webp:1:1 contenu : trouvé une image JPEG, attendu une image WebP (le "
        "contenu doit correspondre à l'extension « .webp »)",
        "content/images/lourde.jpg:1:1 taille : trouvé 21 Mo, attendu au plus 20 Mo pour une image",
        "content/images/tronquee.png:1:1 image illisible : trouvé une image PNG tronquée ou abîmée, "
        "attendu une image complète (ouvrez-la puis réenregistrez-la)",
    ]


def test_every_svg_of_content_is_screened(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "actualites" / "images").mkdir(parents=True)
    (content / "actualites" / "images" / "piege.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n'
        '<image href="https://traceur.example/pixel.png"/>\n</svg>', encoding="utf-8")
    (content / "actualites" / "images" / "page.svg").write_text(
        "<!DOCTYPE html><html><script>alert(1)</script></html>", encoding="utf-8")
    assert _screen(content) == [
        "content/actualites/images/page.svg:1:1 contenu : trouvé une page HTML, attendu une image "
        "SVG (le contenu doit correspondre à l'extension « .svg »)",
        "content/actualites/images/piege.svg:2:1 <script>: script : trouvé un élément « script », "
        "attendu un SVG sans script",
        "content/actualites/images/piege.svg:3:1 <image href>: référence externe : trouvé "
        "« https://traceur.example/pixel.png », attendu un renvoi interne « #… » ou une image "
        "embarquée",
    ]
