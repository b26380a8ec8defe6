"""A folder of image files named by the hash of everything that made them.

A variant or a share card is a pure function of its source bytes and its settings: its key is the
SHA-256 of both, so a file found under its key never needs making again, and a changed source or
setting simply gets a new key. Files are written to a temporary name and renamed into place, so
two builds sharing the folder (tests run two at a time) never see half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_DIR = Path(".cache") / "images"
"""Inside the territory project; ``.cache/`` is ignored by git."""


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def make_key(*parts: Any) -> str:
    """A stable key for plain values (strings, numbers, tuples, dicts with string keys)."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return digest_bytes(canonical.encode("ascii"))


@dataclass
class ImageCache:
    """Content-addressed files under ``root``; counts what a build made and what it reused."""

    root: Path
    made: int = 0
    reused: int = 0

    def path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def has(self, key: str, suffix: str) -> bool:
        return self.path(key, suffix).is_file()


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
