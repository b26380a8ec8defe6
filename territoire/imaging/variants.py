"""Responsive variants of a raster image: a few widths, in WebP and in the original's format.

A phone photo of several megabytes is what a communications team drops into ``content/images/``;
what a visitor downloads is one of these variants, chosen by the browser from ``srcset`` for its
screen. Nothing here knows of pages or HTML: ``plan`` says which files exist for an image and
where they are published (``ImageSet``, a plain model for templates), ``render`` makes their
bytes. Both are pure functions of the source's bytes and of the settings below, which is what
makes the build reproducible and the cache (``territoire.imaging.cache``) safe.

The original file itself is never published: at its own address the site serves its largest
variant in the original's format (``PUBLISHED_MAX_WIDTH`` pixels at most), re-encoded without
its metadata, so that neither its weight nor the GPS position and camera of a phone photo reach
the public.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps

from territoire.imaging import limits  # noqa: F401 - sets Pillow's pixel bound
from territoire.imaging.cache import make_key

SETTINGS_VERSION = 1
"""Bump when an encoder setting changes: every variant gets a new name and is made again."""
DEFAULT_WIDTHS = (320, 640, 960, 1280, 1920)
PUBLISHED_MAX_WIDTH = 1920
OUTPUT_DIR = "assets/images"
"""Where variants are published in the site."""
RASTER_SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
MIME = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png", "SVG": "image/svg+xml"}
_EXTENSION = {"WEBP": ".webp", "JPEG": ".jpg", "PNG": ".png"}
_ROTATED = {5, 6, 7, 8}
_ORIENTATION = 0x0112
_MAX_ICC_BYTES = 16 * 1024
_JPEG = {"quality": 80, "optimize": True, "progressive": True}
_WEBP_PHOTO = {"quality": 74, "method": 4}
_WEBP_GRAPHIC = {"lossless": True, "quality": 80, "method": 4}
_PNG = {"optimize": True}


@dataclass(frozen=True)
class SourceImage:
    """A raster file of content/, upright (its EXIF orientation applied to the size)."""

    src: str
    """Path relative to content/, as written in the data: ``images/hero.jpg``."""
    path: Path
    digest: str
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class Variant:
    """One file made from a source: its key in the cache and its path in the site."""

    key: str
    width: int
    height: int
    format: str
    site_path: str

    @property
    def suffix(self) -> str:
        return _EXTENSION[self.format]


@dataclass(frozen=True)
class Candidate:
    url: str
    """Site-relative path; templates turn it into a page-relative URL with the ``url`` filter."""
    width: int


@dataclass(frozen=True)
class SourceSet:
    mime: str
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class ImageSet:
    """What a template needs to print an image: sizes, the fallback and the modern sources."""

    src: str
    vector: bool
    width: int
    height: int
    url: str
    """The ``src`` of the ``<img>``: a middle-sized fallback (or the SVG itself)."""
    mime: str
    sources: tuple[SourceSet, ...] = ()
    """Formats the browser may prefer (``<source>`` elements), best first."""
    fallback: SourceSet | None = None
    """The ``srcset`` of the ``<img>``; None for an SVG."""


def inspect(src: str, path: Path, digest: str) -> SourceImage:
    """Read only the header: format and upright size."""
    with Image.open(path) as image:
        width, height = image.size
        if image.getexif().get(_ORIENTATION) in _ROTATED:
            width, height = height, width
        return SourceImage(src=src, path=path, digest=digest, format=image.format or "",
                           width=width, height=height)


def fallback_format(source: SourceImage) -> str:
    return source.format if source.format in _EXTENSION else "PNG"


def plan(source: SourceImage, widths: tuple[int, ...] | None = None) -> list[Variant]:
    """The variants of ``source`` for ``widths`` (never wider than the source), WebP first."""
    chosen = _widths(source.width, widths or DEFAULT_WIDTHS)
    formats = ["WEBP"] if source.format == "WEBP" else ["WEBP", fallback_format(source)]
    return [_variant(source, width, image_format) for image_format in formats for width in chosen]


def published_copy(source: SourceImage) -> Variant:
    """The file served at the original's own address (see the module's docstring)."""
    variant = _variant(source, min(source.width, PUBLISHED_MAX_WIDTH), fallback_format(source))
    return Variant(key=variant.key, width=variant.width, height=variant.height,
                   format=variant.format, site_path=source.src)


def image_set(source: SourceImage, variants: list[Variant]) -> ImageSet:
    by_format: dict[str, list[Variant]] = {}
    for variant in variants:
        by_format.setdefault(variant.format, []).append(variant)
    fallback_kind = fallback_format(source)
    fallback = by_format[fallback_kind]
    largest = fallback[-1]
    # The plain src, for browsers without srcset: the widest variant up to a laptop's width.
    default = [variant for variant in fallback if variant.width <= 1280] or fallback[:1]

    def source_set(kind: str) -> SourceSet:
        return SourceSet(mime=MIME[kind], candidates=tuple(
            Candidate(url=variant.site_path, width=variant.width) for variant in by_format[kind]))

    return ImageSet(src=source.src, vector=False, width=largest.width, height=largest.height,
                    url=default[-1].site_path, mime=MIME[fallback_kind],
                    sources=tuple(source_set(kind) for kind in by_format if kind != fallback_kind),
                    fallback=source_set(fallback_kind))


def vector_set(src: str, size: tuple[int, int]) -> ImageSet:
    return ImageSet(src=src, vector=True, width=size[0], height=size[1], url=src,
                    mime=MIME["SVG"])


def render(path: Path, variants: list[Variant]) -> dict[str, bytes]:
    """The bytes of each variant of one source, decoded once: ``{key: bytes}``."""
    widest = max(variants, key=lambda variant: variant.width)
    with Image.open(path) as original:
        # JPEG decodes at 1/2, 1/4 or 1/8 scale for a fraction of the time and memory.
        swap = original.getexif().get(_ORIENTATION) in _ROTATED
        wanted = (widest.height, widest.width) if swap else (widest.width, widest.height)
        original.draft(None, wanted)
        icc = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        mode_kept = image.mode in ("RGB", "RGBA", "L")
        image = _normalise_mode(image)
        image.load()
    icc = icc if icc and mode_kept and len(icc) <= _MAX_ICC_BYTES else None
    graphic = _is_graphic(image)
    made = {}
    for variant in variants:
        resized = image if image.size == (variant.width, variant.height) else image.resize(
            (variant.width, variant.height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        made[variant.key] = _encode(resized, variant.format, graphic=graphic, icc=icc)
    return made


def _widths(source_width: int, requested: tuple[int, ...]) -> list[int]:
    below = sorted({width for width in requested if 0 < width < source_width})
    top = min(source_width, max(requested))
    return below + ([top] if top not in below else [])


def _variant(source: SourceImage, width: int, image_format: str) -> Variant:
    height = max(1, round(source.height * width / source.width))
    key = make_key("variant", SETTINGS_VERSION, source.digest, width, height, image_format)
    name = f"{_slug(PurePosixPath(source.src).stem)}-{width}.{key[:12]}{_EXTENSION[image_format]}"
    return Variant(key=key, width=width, height=height, format=image_format,
                   site_path=f"{OUTPUT_DIR}/{name}")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "image"


def _normalise_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    if image.mode in ("LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        return image.convert("RGBA")
    if image.mode == "I;16":
        return image.point(lambda value: value / 256).convert("L")
    return image.convert("RGB")


def _is_graphic(image: Image.Image) -> bool:
    """A logo or a diagram (few colours): lossless WebP keeps its edges sharp and is smaller."""
    sample = image if image.width * image.height <= 512 * 512 else image.resize(
        (256, max(1, round(256 * image.height / image.width))), Image.Resampling.NEAREST)
    return sample.getcolors(256) is not None


def _encode(image: Image.Image, image_format: str, *, graphic: bool, icc: bytes | None) -> bytes:
    buffer = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if image_format == "WEBP":
        image.save(buffer, "WEBP", **(_WEBP_GRAPHIC if graphic else _WEBP_PHOTO), **extra)
    elif image_format == "JPEG":
        flat = image if image.mode in ("RGB", "L") else _on_white(image)
        flat.save(buffer, "JPEG", **_JPEG, **extra)
    else:
        image.save(buffer, "PNG", **_PNG, **extra)
    return buffer.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A") if "A" in image.getbands() else None)
    return background
