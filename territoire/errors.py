"""Data issues and the single error that reports all of them at once.

Every problem found in the data or the content is a ``DataIssue`` naming the file, the line and
column, the field and a French message "trouvé …, attendu …". Loaders collect issues in an
``IssueCollector`` and raise one ``DataError`` at the end, so that an author fixes every mistake in
one pass instead of one per build.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


MAX_ISSUES_PER_FILE = 100
"""Issues printed for one file; the rest are counted on one line."""
AFTER_ALL_LINES = 999_999_999
"""The line of that count, so that it sorts after the file's issues; it is not printed."""


@dataclass(frozen=True, order=True)
class DataIssue:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        if self.line == AFTER_ALL_LINES:
            return f"{self.file} : {self.message}"
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
    hushed: dict[str, set[int]] = field(default_factory=dict)
    _shown: dict[str, str] = field(default_factory=dict, repr=False)
    _counts: dict[str, int] = field(default_factory=dict, repr=False)
    _top: str = field(default="", repr=False)
    added: int = field(default=0, repr=False)
    """Every issue added so far, hushed or beyond a file's limit included."""
    linked_folders: dict[str, bool] = field(default_factory=dict, repr=False)
    """Folders of the territory already looked at, and whether each is (in) a symbolic link."""

    def display_path(self, path: Path) -> str:
        """The path from the territory's folder. A symbolic link is named where it is, never by
        its target; a file outside the territory by its name alone, never by an absolute path."""
        key = str(path)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._relative(Path(path))
        return shown

    def display_path_below(self, folder: Path, relative: str) -> str:
        """``display_path(folder / relative)`` for a plain relative path (no "." or ".." in it),
        without a path object per file: thousands of articles are named at every save."""
        shown = self._below_root(os.path.abspath(folder) + os.sep)
        return shown + relative if shown is not None else self.display_path(folder / relative)

    def _relative(self, path: Path) -> str:
        shown = self._below_root(os.path.abspath(path))
        if shown is not None:  # most paths: a string's prefix, not pathlib's parts
            return shown
        try:
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.name if path.is_absolute() else path.as_posix()

    def _below_root(self, absolute: str) -> str | None:
        """An absolute path from the territory's folder, if it is below it as a string."""
        if not self._top:
            self._top = os.path.abspath(self.root) + os.sep
        return absolute[len(self._top):].replace(os.sep, "/") if absolute.startswith(self._top) \
            else None

    def add(self, path: Path, line: int, column: int, field_name: str, message: str) -> None:
        self.added += 1
        shown = self.display_path(path)
        if line in self.hushed.get(shown, ()):
            return
        count = self._counts[shown] = self._counts.get(shown, 0) + 1
        if count <= MAX_ISSUES_PER_FILE:
            self.issues.append(DataIssue(shown, line, column, field_name, message))

    @property
    def count(self) -> int:
        """Every issue found so far, those left out of the report included."""
        return sum(self._counts.values())

    def hush(self, path: Path, line: int) -> None:
        """No more issues on this line: the reader corrected it in memory after reporting its
        syntax error, and what it guessed there must not be reported as the author's mistake
        (a missing colon put after the first word, a tab replaced by spaces)."""
        self.hushed.setdefault(self.display_path(path), set()).add(line)

    def raise_if_any(self) -> None:
        if self.issues:
            raise DataError(self.issues + self._left_out())

    def _left_out(self) -> list[DataIssue]:
        """One line per file whose issues were too many to print: the first ones are enough to
        start, and a few lines of data must not print a million."""
        return [DataIssue(shown, AFTER_ALL_LINES, 1, "", f"et {count - MAX_ISSUES_PER_FILE} autres "
                          f"erreurs dans ce fichier, non affichées : corrigez d'abord les "
                          f"{MAX_ISSUES_PER_FILE} premières")
                for shown, count in sorted(self._counts.items()) if count > MAX_ISSUES_PER_FILE]
