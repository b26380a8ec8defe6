"""A territory with raster images, made by the tests with Pillow (no big binary in the repository).

Built on tests/fixtures/news: a 4 MB phone-sized JPEG (4032x3024, grain, EXIF with a fake GPS
position) as an article's cover and in another article's body, a PNG logo with transparency, a
product photo in WebP and a product photo whose EXIF orientation turns it upright (portrait).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import FIXTURES, BuildResult, build, copy_project

BASE = FIXTURES / "news"
PHOTO = "images/photo-atelier.jpg"
LOGO = "images/membres/atelier.png"
PRODUCT_WEBP = "images/produits/piece.webp"
PRODUCT_ROTATED = "images/produits/portrait.jpg"
COVERED_POST = "actualites/posts/bilan-annuel.md"
BODY_POST = "actualites/posts/atelier-recrute.md"
COVERED_URL = "actualites/2023/bilan-annuel/"
BODY_URL = "actualites/2024/atelier-recrute/"
GPS_TEXT = "43.6109N 3.8772E"


def phone_photo(size: tuple[int, int] = (4032, 3024), seed: int = 1) -> Image.Image:
    """Something that compresses like a photo: gradients, shapes and sensor grain."""
    width, height = size
    rnd = random.Random(seed)
    red = Image.linear_gradient("L").resize(size)
    green = Image.linear_gradient("L").rotate(90).resize(size)
    blue = Image.radial_gradient("L").resize(size)
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for _ in range(300):
        x, y, diameter = rnd.randrange(width), rnd.randrange(height), rnd.randrange(20, 400)
        draw.ellipse((x, y, x + diameter, y + diameter),
                     fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    grain = Image.effect_noise(size, 40).convert("RGB")
    return Image.blend(image, grain, 0.25)


def write_photo(path: Path, *, quality: int = 92, orientation: int | None = None,
                size: tuple[int, int] = (4032, 3024)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010F] = "Téléphone d'essai"  # Make
    exif[0x010E] = GPS_TEXT  # ImageDescription: stands for the GPS block a phone writes
    if orientation:
        exif[0x0112] = orientation
    phone_photo(size).save(path, "JPEG", quality=quality, exif=exif)


def make_raster_project(destination: Path) -> Path:
    project = copy_project(BASE, destination)
    content = project / "content"
    write_photo(content / PHOTO)
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.rounded_rectangle((10, 10, 590, 290), radius=40, fill=(11, 93, 91, 255))
    draw.ellipse((200, 60, 400, 240), fill=(255, 255, 255, 255))
    (content / LOGO).parent.mkdir(parents=True, exist_ok=True)
    logo.save(content / LOGO, "PNG")
    (content / PRODUCT_WEBP).parent.mkdir(parents=True, exist_ok=True)
    phone_photo((1600, 1200), seed=2).save(content / PRODUCT_WEBP, "WEBP", quality=90)
    # Stored landscape, shown portrait: the camera was turned (EXIF orientation 6).
    write_photo(content / PRODUCT_ROTATED, orientation=6, size=(1200, 900), quality=85)

    atelier = project / "data/members/atelier.yml"
    atelier.write_text(
        "description: Un atelier.\nvaleurs: [pionniere]\nlogo: " + LOGO + "\nsavoir_faire:\n"
        "  - titre: Pièces usinées\n    description: Des pièces de précision.\n"
        "    image: " + PRODUCT_ROTATED + "\n    image_alt: Une pièce usinée posée debout.\n",
        encoding="utf-8")
    fonderie = project / "data/members/fonderie.yml"
    fonderie.write_text(
        fonderie.read_text(encoding="utf-8") + "savoir_faire:\n  - titre: Pièces coulées\n"
        "    description: De la fonte moulée.\n    image: " + PRODUCT_WEBP + "\n"
        "    image_alt: Une pièce de fonte sur un établi.\n", encoding="utf-8")

    covered = content / COVERED_POST
    text = covered.read_text(encoding="utf-8")
    covered.write_text(text.replace("slug: bilan-annuel\n", "slug: bilan-annuel\nimage: " + PHOTO +
                                    "\nimage_alt: L'atelier vu depuis la mezzanine.\n", 1),
                       encoding="utf-8")
    body = content / BODY_POST
    body.write_text(body.read_text(encoding="utf-8") +
                    "\n![Une machine de l'atelier](../../" + PHOTO + ")\n", encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def raster_site(tmp_path_factory) -> BuildResult:
    """The raster territory built once per session (its cache: ``<tmp>/project/.cache``)."""
    tmp = tmp_path_factory.mktemp("raster")
    result = build(make_raster_project(tmp / "project"), tmp)
    assert result.returncode == 0, result.output
    return result
