"""Refuse active content in data text: scripts, frames, event handlers and dangerous links.

Text written in data files is rendered through the sanitising ``markdown`` filter, which would
neutralise a ``<script>``; such text is still refused at build time, because it is either an
attack or a mistake the author should see. Images are checked by ``territoire.images``.
The reader (``sources.py``) calls this screen on every file it reads; the screen knows only the
document it is given (``document.py``), never the reader.
"""

from __future__ import annotations

import html
import re
from typing import Any

from territoire.errors import IssueCollector
from territoire.document import Path_, SourceDocument, dotted_path

_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|meta|link|base)\b", re.IGNORECASE)
# A slash or a quote separates attributes as well as a space does: "<img/onerror=…>". The run
# stops at the next « < » too: from each « < » to the end, 60 Ko of « <a <a … » took 27 s.
_EVENT_HANDLER = re.compile(r"<[^<>]*[\s/\"']on[a-z]+\s*=", re.IGNORECASE)
# Inline links "[x](javascript:…)", reference links "[x]: javascript:…" and HTML attributes.
_BAD_SCHEME = re.compile(r"(?:\]\(|^\s*\[[^\]]+\]:|\b(?:href|src|action|formaction)\s*=)\s*"
                         r"[<\"']?\s*(javascript|data|vbscript)\s*:", re.IGNORECASE | re.MULTILINE)
# Browsers decode entities in links and drop tabs inside a scheme: "&#106;ava\tscript:".
_URL_BLANKS = re.compile(r"[\t\r]")


def check_text(document: SourceDocument, issues: IssueCollector) -> None:
    """Report every string of ``document`` that carries active HTML or a dangerous link."""
    for path, text in _strings(document.data, ()):
        problem = _text_problem(text)
        if problem:
            line, column = document.position(path)
            issues.add(document.path, line, column, dotted_path(path),
                       f"trouvé {problem}, attendu du texte Markdown sans HTML actif "
                       "(ni script, ni cadre, ni attribut on…, ni lien javascript: ou data:)")


def _text_problem(text: str) -> str | None:
    match = _ACTIVE_TAG.search(text)
    if match:
        return f"la balise « <{match.group(1).lower()}> »"
    if _EVENT_HANDLER.search(text):
        return "un attribut de gestion d'évènement « on… »"
    match = _BAD_SCHEME.search(text) or _BAD_SCHEME.search(_URL_BLANKS.sub("", html.unescape(text)))
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
