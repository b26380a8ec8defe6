"""What the reader gives the rest of the data layer: one file's data and where each value is written.

A ``SourceDocument`` holds the plain Python data of one file and, for each path inside it
(``("membres", 3, "site_web")``), the line and column of its key and of its value, so that a
validation error can point at the exact place. This module imports nothing of ours: the reader
(``sources.py``), the screen (``safety.py``) and the validators all depend on it, never the
reverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Path_ = tuple[str | int, ...]


@dataclass
class SourceDocument:
    """The data of one file plus the (line, column) of every key and value, 1-based."""

    path: Path
    data: Any
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, of_key: bool = False) -> tuple[int, int]:
        """Where ``path`` is written; for a missing path, where its closest parent is."""
        table = self.key_positions if of_key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return self.value_positions.get((), (1, 1))


def dotted_path(path: Path_) -> str:
    """``("membres", 3, "site_web")`` as authors read it: ``membres[3].site_web``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
