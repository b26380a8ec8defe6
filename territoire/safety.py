"""Refuse active content in data: scripts in text, dangerous links, SVG with scripts, heavy images.

Text written in data files is rendered through the sanitising ``markdown`` filter, which would
neutralise a ``<script>``; such text is still refused at build time, because it is either an
attack or a mistake the author should see. Images referenced by data must be light (pages are
read on phones over slow networks) and an SVG must not carry a script.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from territoire.errors import IssueCollector
from territoire.sources import Path_, SourceDocument, dotted_path

MAX_IMAGE_BYTES = 1_000_000

_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|meta|link|base)\b", re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
# Inline links "[x](javascript:…)", reference links "[x]: javascript:…" and HTML attributes.
_BAD_SCHEME = re.compile(r"(?:\]\(|^\s*\[[^\]]+\]:|\b(?:href|src)\s*=)\s*[<\"']?\s*"
                         r"(javascript|data|vbscript)\s*:", re.IGNORECASE | re.MULTILINE)
_SVG_ACTIVE = re.compile(r"<\s*(script|foreignObject|iframe)\b|\son[a-z]+\s*=|javascript\s*:",
                         re.IGNORECASE)


def check_text(document: SourceDocument, issues: IssueCollector) -> None:
    """Report every string of ``document`` that carries active HTML or a dangerous link."""
    for path, text in _strings(document.data, ()):
        problem = _text_problem(text)
        if problem:
            line, column = document.position(path)
            issues.add(document.path, line, column, dotted_path(path),
                       f"trouvé {problem}, attendu du texte Markdown sans HTML actif "
                       "(ni script, ni cadre, ni attribut on…, ni lien javascript: ou data:)")


def check_image(image: Path, shown: str, document: SourceDocument, path: Path_,
                issues: IssueCollector) -> None:
    """An existing image file referenced at ``path``: not too heavy, and an SVG without script."""
    size = image.stat().st_size
    line, column = document.position(path)
    if size > MAX_IMAGE_BYTES:
        megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
        issues.add(document.path, line, column, dotted_path(path),
                   f"image trop lourde : trouvé « {shown} » de {megabytes} Mo, attendu au plus "
                   f"{MAX_IMAGE_BYTES // 1_000_000} Mo (pages lues sur mobile)")
        return
    if image.suffix.lower() == ".svg":
        match = _SVG_ACTIVE.search(image.read_text(encoding="utf-8", errors="replace"))
        if match:
            issues.add(document.path, line, column, dotted_path(path),
                       f"image SVG active : trouvé « {match.group(0).strip()} » dans « {shown} », "
                       "attendu un SVG sans script ni gestionnaire d'évènement")


def _text_problem(text: str) -> str | None:
    match = _ACTIVE_TAG.search(text)
    if match:
        return f"la balise « <{match.group(1).lower()}> »"
    if _EVENT_HANDLER.search(text):
        return "un attribut de gestion d'évènement « on… »"
    match = _BAD_SCHEME.search(text)
    if match:
        return f"un lien « {match.group(1).lower()}: »"
    return None


def _strings(data: Any, path: Path_):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, path + (index,))
