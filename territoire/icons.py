"""Which icon names exist: the SVG icon sets that mkdocs-material ships and draws inline.

Values and sectors name an icon (``material/rocket-launch-outline``); a typo must stop the build
with its file and line like any data error, and ``territoire check`` must say it too, so the set
is located through the installed package's files (no MkDocs import, no network).
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def icons_dir() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"
    return folder if folder.is_dir() else None


def icon_exists(name: str) -> bool:
    """True when ``name`` (« material/factory ») is one of the shipped icons."""
    folder = icons_dir()
    return folder is None or (folder / f"{name}.svg").is_file()
