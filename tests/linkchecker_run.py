"""Run linkchecker as the current user: the entry point of the links-and-anchors gate.

linkchecker started as root lowers its effective user to ``nobody`` and only then lists its own
``plugins`` folder to load AnchorCheck. When the project (and so ``.venv``) sits in a folder that
``nobody`` cannot read - a fresh clone in ``mktemp -d`` is mode 0700 - the listing fails without a
word, AnchorCheck is never loaded and no anchor is checked, while missing pages still are. We only
ever check our own files served on 127.0.0.1, so we keep the caller's user instead.

Usage: ``python tests/linkchecker_run.py <linkchecker arguments>``.
"""

from __future__ import annotations

import sys

from linkcheck.command import linkchecker as command


def _keep_user() -> None:
    """Replaces linkchecker's privilege drop (see the module docstring)."""


if __name__ == "__main__":
    command.drop_privileges = _keep_user
    sys.argv[0] = "linkchecker"
    sys.exit(command.linkchecker())
