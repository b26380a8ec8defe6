"""Load the optional ``data/legal.yml`` and check that the accessibility status is honest.

A French public site may only declare itself « partiellement » or « totalement conforme » to the
RGAA on the strength of a dated audit; without one, the status must be « non conforme ».
"""

from __future__ import annotations

from pathlib import Path

from territoire.errors import IssueCollector
from territoire.models.legal import Legal
from territoire.sources import read_yaml
from territoire.validation import describe_found, validate

LEGAL_FILE = "legal.yml"


def load_legal(data: Path, issues: IssueCollector) -> Legal:
    path = data / LEGAL_FILE
    if not path.exists():
        return Legal()
    document = read_yaml(path, issues)
    legal = validate(Legal, document, issues) if document else None
    if legal is None:
        return Legal()
    accessibility = legal.accessibility
    if accessibility.status != "non conforme" and accessibility.audit_date is None:
        line, column = document.position(("accessibilite", "etat"))
        issues.add(path, line, column, "accessibilite.etat",
                   f"trouvé {describe_found(accessibility.status)} sans audit, attendu « non conforme » "
                   "tant qu'aucun audit RGAA n'a été fait (ou une date dans accessibilite.date_audit)")
    return legal
