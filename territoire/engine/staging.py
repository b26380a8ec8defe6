"""Build into a staging folder next to the site; replace the site only when the build succeeded.

MkDocs empties the site folder before writing the pages: a render error, an exception in a hook,
a strict-mode warning or a killed build would leave a wiped or half-written site. ``begin`` (in
``on_config``, before MkDocs creates any file) points ``site_dir`` at a new sibling folder
``.<site>.staging-<pid>-<random>``; ``commit`` (the very last ``on_post_build``) swaps it in, unless
strict mode counted a warning; ``abandon`` (``on_build_error``, or our commands on an interrupt)
removes it. Under ``mkdocs serve`` the site folder is MkDocs' temporary one: the same swap keeps
the last good build served.

A killed build leaves its staging folder behind: the next build removes the folders whose process
is gone, and if a build was killed between the two renames of the swap, it puts the previous site
back. A ``--dirty`` build writes into the site itself, as MkDocs does.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler

from territoire.engine import session

_LEFTOVER = re.compile(r"^\.(?P<site>.+)\.(?P<stage>staging|previous)-(?P<pid>\d+)-[0-9a-f]+$")


@dataclass
class _Staging:
    config: MkDocsConfig
    site: Path
    staging: Path


_current: list[_Staging] = []


def staging_folders(site_dir: Path) -> list[Path]:
    """The staging and previous-site folders of ``site_dir`` that exist now (tests use it)."""
    site_dir = Path(site_dir)
    if not site_dir.parent.is_dir():
        return []
    return sorted(path for path in site_dir.parent.iterdir()
                  if (match := _LEFTOVER.match(path.name)) and match["site"] == site_dir.name)


def begin(config: MkDocsConfig) -> None:
    """Point the build at a fresh staging folder (nothing to do for a dirty build)."""
    _current.clear()
    if session.is_dirty():
        return
    site = Path(config.site_dir).absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(site)
    staging = site.parent / f".{site.name}.staging-{os.getpid()}-{secrets.token_hex(4)}"
    staging.mkdir()
    _current.append(_Staging(config, site, staging))
    config.site_dir = str(staging)


def commit(config: MkDocsConfig) -> None:
    """Swap the staging folder in as the site, unless strict mode is about to refuse the build."""
    if not _current:
        return
    current = _current[0]
    if config.strict and _warnings_counted():
        abandon()
        return
    _current.clear()
    config.site_dir = str(current.site)
    previous = current.site.parent / (f".{current.site.name}.previous-{os.getpid()}-"
                                      f"{secrets.token_hex(4)}")
    if current.site.exists():
        current.site.rename(previous)
    current.staging.rename(current.site)
    shutil.rmtree(previous, ignore_errors=True)


def abandon() -> None:
    """Drop the staging folder of the build in progress; the site stays as it was."""
    if not _current:
        return
    current = _current.pop()
    current.config.site_dir = str(current.site)
    shutil.rmtree(current.staging, ignore_errors=True)


def _warnings_counted() -> bool:
    # MkDocs counts warnings with a CountHandler on its logger and aborts after on_post_build.
    return any(isinstance(handler, CountHandler) and handler.get_counts()
               for handler in logging.getLogger("mkdocs").handlers)


def _clean_leftovers(site: Path) -> None:
    for path in staging_folders(site):
        match = _LEFTOVER.match(path.name)
        if _running(int(match["pid"])):
            continue  # another build of the same site, still at work
        if match["stage"] == "previous" and not site.exists():
            path.rename(site)  # killed between the two renames: the previous site comes back
        else:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of this process is from an earlier, finished build
    if os.name != "posix":
        return True  # leftovers are kept rather than guessed at
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
