"""Territory showcase generator: the domain layer.

Loads a territory's data files and content front matter, validates them into typed models and
reports every mistake in French with its file, line and field. Nothing here knows about HTML or
MkDocs: the adapters in ``hooks/`` turn these models into pages.
"""

from territoire.errors import DataError, DataIssue
from territoire.loader import load_site
from territoire.site import Site

__all__ = ["DataError", "DataIssue", "Site", "load_site"]
