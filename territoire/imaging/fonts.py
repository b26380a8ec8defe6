"""The typeface of share cards: Source Sans Pro (SIL Open Font License), from a PyPI package.

The font files come with the ``font-source-sans-pro`` package pinned in pyproject.toml: nothing is
downloaded at build time and every machine draws the same glyphs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import font_source_sans_pro

_FILES = Path(font_source_sans_pro.__file__).resolve().parent / "files"
BOLD = _FILES / "SourceSansPro-Bold.ttf"
SEMIBOLD = _FILES / "SourceSansPro-Semibold.ttf"
REGULAR = _FILES / "SourceSansPro-Regular.ttf"


@lru_cache(maxsize=1)
def font_files() -> list[str]:
    """For resvg, which draws the texts of SVG images with these faces only."""
    return [str(path) for path in (REGULAR, SEMIBOLD, BOLD)]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes when the package's fonts change, so that cached cards are drawn again."""
    from territoire.imaging.cache import digest_bytes
    return digest_bytes(b"".join(path.read_bytes() for path in (REGULAR, SEMIBOLD, BOLD)))[:16]
