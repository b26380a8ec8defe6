"""Turn on Jinja autoescaping for the templates that print member-written fields.

MkDocs builds its Jinja environment without autoescaping, and Material's templates rely on that
(they print ``page.content`` as is). A firm's commune, address, product titles or image texts are
untrusted, so the templates that show them are escaped by name: anything printed there is escaped
unless it is ``Markup`` (the ``markdown`` filter's sanitised output, ``tojson``).
"""

from __future__ import annotations

from typing import Iterable

from jinja2 import Environment


def autoescape_templates(env: Environment, names: Iterable[str]) -> None:
    """Escape the named templates, keeping whatever rule was set before for the others."""
    escaped = frozenset(names)
    previous = env.autoescape

    def rule(template_name: str | None) -> bool:
        if template_name in escaped:
            return True
        return previous(template_name) if callable(previous) else bool(previous)

    env.autoescape = rule
