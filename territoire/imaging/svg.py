"""SVG files: their intrinsic size, and their rendering to pixels for share cards and feeds.

A page prints an SVG as it is (it scales without loss); it only needs the width and height that
reserve its place before it loads, read from the root's ``width``/``height`` or its ``viewBox``.
Share cards and the PNG logo need pixels: resvg (Rust, no Cairo, no network) draws the SVG, with
system fonts skipped and the packaged font given instead, so that a text in an SVG looks the same
on every machine. Only SVGs that passed the screen of ``territoire.images`` reach this module.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

import resvg_py

from territoire.imaging.fonts import font_files

_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
DEFAULT_SIZE = (300, 150)
"""What browsers use for an SVG that says nothing of its size."""


@lru_cache(maxsize=4096)
def _cached_size(path: str, mtime_ns: int, size: int) -> tuple[int, int]:
    root: dict[str, str] = {}
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(_name: str, attributes: dict[str, str]) -> None:
        root.update(attributes)
        raise _Found

    parser.StartElementHandler = start
    try:
        with open(path, "rb") as handle:
            parser.ParseFile(handle)
    except (_Found, expat.ExpatError):
        pass
    return _size_of(root)


def intrinsic_size(path: Path) -> tuple[int, int]:
    """Width and height in CSS pixels, from width/height, else the viewBox, else 300x150."""
    stat = path.stat()
    return _cached_size(str(path), stat.st_mtime_ns, stat.st_size)


def _size_of(attributes: dict[str, str]) -> tuple[int, int]:
    width, height = _length(attributes.get("width")), _length(attributes.get("height"))
    box = [float(part) for part in re.split(r"[\s,]+", attributes.get("viewBox", "").strip())
           if _is_number(part)]
    ratio = box[2] / box[3] if len(box) == 4 and box[2] > 0 and box[3] > 0 else None
    if width and height:
        return round(width), round(height)
    if width and ratio:
        return round(width), round(width / ratio)
    if height and ratio:
        return round(height * ratio), round(height)
    if ratio:
        return round(box[2]), round(box[3])
    return DEFAULT_SIZE


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group(1)) if match and float(match.group(1)) > 0 else None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_png(svg: bytes, *, width: int) -> bytes:
    """The SVG drawn ``width`` pixels wide (height from its proportions), as PNG bytes."""
    return bytes(resvg_py.svg_to_bytes(svg_string=svg.decode("utf-8"), width=width,
                                       skip_system_fonts=True, font_files=font_files(),
                                       sans_serif_family="Source Sans Pro",
                                       font_family="Source Sans Pro"))


class _Found(Exception):
    """Stops parsing at the root element."""
