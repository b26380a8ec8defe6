"""Jinja autoescaping on for every template of ours, off for Material's own.

MkDocs builds its Jinja environment without autoescaping, and Material's templates rely on that
(they print ``page.content`` as is). Ours print text that firms and authors write (names, communes,
titles, image texts): every template found in our ``overrides/`` folder is compiled with
autoescaping, so that printing a field is safe by default and raw output needs an explicit,
reviewed ``| safe`` (tests/test_escaping.py lists each one and fails on a new, unreviewed one).
Output that is already safe comes as ``Markup``: the ``markdown`` filter's sanitised HTML,
``tojson``, Material's blocks through ``super()``.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment


def escape_our_templates(env: Environment, overrides_dir: Path) -> None:
    """Escape the templates that ``overrides_dir`` provides; keep Material's rule for the others."""
    ours = frozenset(path.relative_to(overrides_dir).as_posix()
                     for path in overrides_dir.rglob("*.html"))
    previous = env.autoescape

    def rule(template_name: str | None) -> bool:
        if template_name in ours:
            return True
        return previous(template_name) if callable(previous) else bool(previous)

    env.autoescape = rule
