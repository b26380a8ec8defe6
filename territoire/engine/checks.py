"""Checks that need the built site's pages, reported like data errors: French, with file:line.

The data layer validates everything it can without MkDocs; a few facts are only known once the
pages exist (a call to action must lead to a page of the site). The file is read again, only when
something is wrong, to find the line of the field at fault.
"""

from __future__ import annotations

from pathlib import Path

from territoire.errors import DataIssue, IssueCollector
from territoire.sources import Path_, dotted_path, read_yaml


def issue_at(project: Path, relative_path: str, path: Path_, message: str) -> DataIssue:
    """An issue about the field at ``path`` of ``project/relative_path``, with its position."""
    issues = IssueCollector(project)
    file = project / relative_path
    document = read_yaml(file, issues)
    line, column = document.position(path) if document else (1, 1)
    return DataIssue(issues.display_path(file), line, column, dotted_path(path), message)
