"""How big a source image may be: generous for photos, small for SVG documents.

A raster source may be a phone photo of several megabytes, since visitors only download the small
variants made from it; it is bounded all the same, in bytes and in pixels, so that a
decompression bomb (a small file that decodes to billions of pixels) is refused from its header
before anything decodes it. An SVG is published as it is: its limits stay small.
"""

from __future__ import annotations

from PIL import Image

RASTER_MAX_BYTES = 20 * 1024 * 1024
RASTER_MAX_PIXELS = 50_000_000
"""50 megapixels: a 48-megapixel phone photo passes."""
SVG_MAX_BYTES = 1000 * 1024
"""Any SVG of content/; logos, covers and product pictures have smaller limits of their own."""
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
"""PDF and other documents offered for download."""

# Pillow's own guard, for every decode of this process (and of the worker processes, which import
# this module too): an image past the bound raises instead of filling the memory.
Image.MAX_IMAGE_PIXELS = RASTER_MAX_PIXELS
