"""Colours derived from the territory's two colours: one tint per sector, readable under white.

A sector without its own ``couleur`` gets a hue turned from the territory's primary colour (the
golden angle keeps neighbours apart), darkened until white icons on it keep a 4.5:1 contrast, so
that every territory's member tiles look like its own brand.
"""

from __future__ import annotations

import colorsys

from territoire.models.identity import contrast_with_white

_GOLDEN_ANGLE = 137.508 / 360
_MIN_CONTRAST = 4.5


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


def derived_color(primary: str, index: int) -> str:
    """The ``index``-th colour of the palette; index 0 is the primary colour itself."""
    red, green, blue = (int(primary[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    hue = (hue + index * _GOLDEN_ANGLE) % 1.0
    saturation = max(saturation, 0.45)
    color = _hex(*colorsys.hls_to_rgb(hue, lightness, saturation))
    while contrast_with_white(color) < _MIN_CONTRAST and lightness > 0.05:
        lightness -= 0.02
        color = _hex(*colorsys.hls_to_rgb(hue, lightness, saturation))
    return color
