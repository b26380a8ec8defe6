"""Share cards: the 1200x630 pictures that social networks show when a page is shared.

A page with an image of its own (an article's cover, the home hero, a firm's logo) gets that image
cropped to 1200x630 (``fit_photo``) or, for a logo, centred on white (``fit_logo``). A page
without one gets a card drawn here (``draw_card``): the territory's primary colour, its logo and
name, an optional label (« Actualité ») in a pill of its accent colour, and the page title in
Source Sans Pro. Drawing needs neither Cairo nor the network; texts are laid out with Pillow's
basic layout engine so that every machine draws the same pixels.

Also here: the territory's logo as a PNG (``logo_png``), for feeds and structured data that do not
accept SVG.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from territoire.imaging import fonts, svg
from territoire.imaging.cache import make_key

CARD_VERSION = 2
"""Bump when the drawing changes: every card gets a new key and is drawn again."""
WIDTH, HEIGHT = 1200, 630
LOGO_PNG_WIDTH = 512
_MARGIN = 72
_BAND = 18
_LOGO_HEIGHT = 112
_TITLE_SIZES = (76, 70, 64, 58, 52)
_TITLE_LINES = 3
_LABEL_SIZE = 30
_NAME_SIZE = 34
_WHITE = (255, 255, 255)
_PHOTO_JPEG = {"quality": 84, "optimize": True, "progressive": True}


@dataclass(frozen=True)
class CardStyle:
    """The territory's look: colours as ``#rrggbb``, its name and its logo file."""

    primary: str
    accent: str
    site_name: str
    logo: Path | None
    logo_digest: str = ""


@dataclass(frozen=True)
class CardText:
    title: str
    label: str = ""


def card_key(style: CardStyle, text: CardText) -> str:
    return make_key("card", CARD_VERSION, fonts.fingerprint(), style.primary, style.accent,
                    style.site_name, style.logo_digest, text.title, text.label)


def photo_key(digest: str) -> str:
    return make_key("share-photo", CARD_VERSION, digest)


def logo_key(digest: str, background: str) -> str:
    return make_key("share-logo", CARD_VERSION, digest, background)


def draw_card(style: CardStyle, text: CardText) -> bytes:
    """The drawn card as PNG bytes.

    A card holds few colours, so it is drawn straight into palette indices: the primary colour
    and its steps towards white (0-39), the accent colour and its steps (40-79), the logo's own
    colours. White text is drawn as the last step of its background's range: the antialiased
    edges, blended by Pillow between the two indices, land on the steps in between, which are the
    same blend in colour. Encoded as a palette PNG, a card takes a fraction of the time and of
    the bytes of an RGB one, and its large areas keep the territory's exact colours.
    """
    card = Image.new("L", (WIDTH, HEIGHT), _PRIMARY)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, HEIGHT - _BAND, WIDTH, HEIGHT), fill=_ACCENT)
    name_left = _MARGIN
    if style.logo is not None:
        indices, mask, _colours = _logo_indices(style.logo, style.primary)
        card.paste(indices, (_MARGIN, _MARGIN - 8), mask)
        name_left = _MARGIN + indices.width + 28
    name_font = _font(fonts.SEMIBOLD, _NAME_SIZE)
    name = _ellipsis(style.site_name, name_font, WIDTH - _MARGIN - name_left)
    draw.text((name_left, _MARGIN - 8 + _LOGO_HEIGHT // 2), name, font=name_font,
              fill=_WHITE_ON[_PRIMARY], anchor="lm")

    font, lines = _title_lines(text.title, WIDTH - 2 * _MARGIN)
    line_height = round(font.size * 1.12)
    bottom = HEIGHT - _BAND - 56
    top = bottom - line_height * len(lines)
    for index, line in enumerate(lines):
        draw.text((_MARGIN, top + index * line_height), line, font=font,
                  fill=_WHITE_ON[_PRIMARY], anchor="la")
    if text.label:
        label_font = _font(fonts.SEMIBOLD, _LABEL_SIZE)
        label = _ellipsis(text.label.upper(), label_font, WIDTH - 2 * _MARGIN - 32)
        width = math.ceil(label_font.getlength(label))
        pill_bottom = top - 22
        pill_top = pill_bottom - _LABEL_SIZE - 20
        draw.rounded_rectangle((_MARGIN, pill_top, _MARGIN + width + 32, pill_bottom), radius=8,
                               fill=_ACCENT)
        draw.text((_MARGIN + 16, (pill_top + pill_bottom) // 2), label, font=label_font,
                  fill=_WHITE_ON[_ACCENT], anchor="lm")
    card = Image.frombytes("P", card.size, card.tobytes())
    card.putpalette(_palette(style.primary, style.accent, style.logo))
    return _png(card, compress_level=3)


_STEPS = 40
"""Steps from a colour to white, for the antialiased edges of white text."""
_PRIMARY, _ACCENT, _LOGO = 0, _STEPS, 2 * _STEPS
_WHITE_ON = {_PRIMARY: _PRIMARY + _STEPS - 1, _ACCENT: _ACCENT + _STEPS - 1}
_ANY = [0] + [255] * 255
_LOGO_COLOURS = 256 - _LOGO


@lru_cache(maxsize=8)
def _logo_indices(path: Path, primary: str) -> tuple[Image.Image, Image.Image, list[tuple]]:
    """The logo as palette indices (from ``_LOGO`` on), the mask where it is drawn, its colours."""
    image = _logo_image(path, _LOGO_HEIGHT)
    flat = Image.new("RGB", image.size, _rgb(primary))
    flat.paste(image, mask=image.getchannel("A"))
    quantized = flat.quantize(_LOGO_COLOURS, method=Image.Quantize.MEDIANCUT,
                              dither=Image.Dither.NONE)
    values = (quantized.getpalette() or [])[:3 * _LOGO_COLOURS]
    indices = Image.frombytes("L", quantized.size, quantized.tobytes()).point(
        [min(255, _LOGO + value) for value in range(256)])
    return indices, image.getchannel("A").point(_ANY), [tuple(values[i:i + 3])
                                                         for i in range(0, len(values), 3)]


def fit_photo(path: Path) -> bytes:
    """A photo or illustration cropped around its centre to 1200x630, as JPEG bytes."""
    image = _load(path, cover=True)
    fitted = ImageOps.fit(image, (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    _flatten(fitted, (255, 255, 255)).save(buffer, "JPEG", **_PHOTO_JPEG)
    return buffer.getvalue()


def fit_logo(path: Path, background: str = "#ffffff") -> bytes:
    """A logo centred on a plain background with room around it, as PNG bytes."""
    box = (WIDTH - 2 * 120, HEIGHT - 2 * 110)
    image = _load(path, cover=False, box=box)
    logo = ImageOps.contain(image, box, Image.Resampling.LANCZOS)
    card = Image.new("RGB", (WIDTH, HEIGHT), _rgb(background))
    card.paste(logo, ((WIDTH - logo.width) // 2, (HEIGHT - logo.height) // 2),
               logo if logo.mode == "RGBA" else None)
    return _png(card)


def logo_png(path: Path, width: int = LOGO_PNG_WIDTH) -> bytes:
    """The territory's logo ``width`` pixels wide on transparency, as PNG bytes."""
    if path.suffix.lower() == ".svg":
        return svg.render_png(path.read_bytes(), width=width)
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original).convert("RGBA")
    height = max(1, round(image.height * width / image.width))
    return _png(image.resize((width, height), Image.Resampling.LANCZOS))


def _load(path: Path, *, cover: bool, box: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    if path.suffix.lower() == ".svg":
        natural_w, natural_h = svg.intrinsic_size(path)
        scale = (max if cover else min)(box[0] / natural_w, box[1] / natural_h)
        rendered = svg.render_png(path.read_bytes(), width=max(1, math.ceil(natural_w * scale)))
        return Image.open(io.BytesIO(rendered)).convert("RGBA")
    with Image.open(path) as original:
        original.draft(None, (WIDTH, HEIGHT))
        image = ImageOps.exif_transpose(original)
        image.load()
    return image.convert("RGBA") if "A" in image.getbands() or "transparency" in image.info \
        else image.convert("RGB")


@lru_cache(maxsize=8)
def _logo_image(path: Path, height: int) -> Image.Image:
    if path.suffix.lower() == ".svg":
        natural_w, natural_h = svg.intrinsic_size(path)
        width = max(1, round(natural_w * height / natural_h))
        image = Image.open(io.BytesIO(svg.render_png(path.read_bytes(), width=width)))
    else:
        with Image.open(path) as original:
            image = ImageOps.exif_transpose(original)
            image.load()
    image = image.convert("RGBA")
    return ImageOps.contain(image, (4 * height, height), Image.Resampling.LANCZOS)


@lru_cache(maxsize=32)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits in three lines; cut with « … » otherwise."""
    for size in _TITLE_SIZES:
        font = _font(fonts.BOLD, size)
        lines = _wrap(title, font, width)
        if len(lines) <= _TITLE_LINES:
            return font, lines
    lines = lines[:_TITLE_LINES]
    lines[-1] = _ellipsis(lines[-1] + " …", font, width, force=True)
    return font, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return [_ellipsis(line, font, width) for line in lines] or [""]


def _ellipsis(text: str, font: ImageFont.FreeTypeFont, width: int, *, force: bool = False) -> str:
    if font.getlength(text) <= width and not force:
        return text
    base = text.removesuffix(" …") if force else text
    while base and font.getlength(base.rstrip() + " …") > width:
        base = base[:-1]
    return base.rstrip() + " …"


def _flatten(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    if image.mode != "RGBA":
        return image.convert("RGB")
    flat = Image.new("RGB", image.size, background)
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def _png(image: Image.Image, compress_level: int = 6) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=compress_level)
    return buffer.getvalue()


@lru_cache(maxsize=8)
def _palette(primary: str, accent: str, logo: Path | None) -> list[int]:
    colours = _ramp(_rgb(primary), _WHITE, _STEPS) + _ramp(_rgb(accent), _WHITE, _STEPS)
    if logo is not None:
        colours += _logo_indices(logo, primary)[2]
    flat_list = [channel for colour in colours[:256] for channel in colour]
    return flat_list + [0] * (768 - len(flat_list))


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int], steps: int) -> list[tuple]:
    return [tuple(round(a + (b - a) * step / (steps - 1)) for a, b in zip(start, end))
            for step in range(steps)]


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
