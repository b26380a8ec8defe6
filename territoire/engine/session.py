"""How MkDocs runs in this process: a production build or the local preview, dirty or not.

MkDocs tells plugins once, at ``on_startup`` (``hooks/preview.py``); the answer lives here, in a
module of the package, so that it holds for every rebuild of ``serve``. A process that never
called ``start`` (a test that calls MkDocs' ``build`` directly) is a production build.
"""

from __future__ import annotations

_state = {"preview": False, "dirty": False}


def start(command: str, *, dirty: bool = False) -> None:
    _state["preview"] = command == "serve"
    _state["dirty"] = bool(dirty)


def set_dirty(dirty: bool) -> None:
    """The preview's rebuilds after the first write into the site served (engine/incremental.py)."""
    _state["dirty"] = bool(dirty)


def is_preview() -> bool:
    """True under ``serve``: drafts and provisional texts are shown with a notice, not refused."""
    return _state["preview"]


def is_dirty() -> bool:
    """True for ``--dirty`` builds, which only rewrite changed pages into the existing site."""
    return _state["dirty"]
