"""Data issues and the single error that reports all of them at once.

Every problem found in the data or the content is a ``DataIssue`` naming the file, the line and
column, the field and a French message "trouvé …, attendu …". Loaders collect issues in an
``IssueCollector`` and raise one ``DataError`` at the end, so that an author fixes every mistake in
one pass instead of one per build.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataIssue:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"
        return one_line(text)


def one_line(text: str) -> str:
    """An issue on one line, as authors and GitHub annotations read it: blanks as spaces,
    invisible characters quoted by their code (the author must see the character to delete)."""
    if text.isprintable():
        return text
    return "".join(" " if char in "\t\n\r" else
                   f"<U+{ord(char):04X}>" if unicodedata.category(char) in _INVISIBLE else char
                   for char in text)


_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


class DataError(Exception):
    """Raised once with every issue found; its text is the French report shown to authors."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = sorted(set(issues))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.issues)
        heading = (
            "1 erreur dans les données ou le contenu :"
            if count == 1
            else f"{count} erreurs dans les données ou le contenu :"
        )
        lines = [heading, *(f"  {issue}" for issue in self.issues)]
        lines.append("Le site n'a pas été construit : corrigez ces erreurs puis relancez.")
        return "\n".join(lines)


@dataclass
class IssueCollector:
    """Gathers issues from every loader; paths are shown relative to ``root``."""

    root: Path
    issues: list[DataIssue] = field(default_factory=list)
    _shown: dict[Path, str] = field(default_factory=dict, repr=False)

    def display_path(self, path: Path) -> str:
        # Cached: a series names its file once per meeting, and resolving a path costs a system
        # call per folder of it (a 10-year weekly series: 522 meetings).
        shown = self._shown.get(path)
        if shown is None:
            try:
                shown = path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                shown = path.as_posix()
            self._shown[path] = shown
        return shown

    def add(self, path: Path, line: int, column: int, field_name: str, message: str) -> None:
        self.issues.append(DataIssue(self.display_path(path), line, column, field_name, message))

    def raise_if_any(self) -> None:
        if self.issues:
            raise DataError(self.issues)
