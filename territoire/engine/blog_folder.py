"""The preview's blog folder: its generated sources rewritten only where they changed.

Material's blog plugin writes the sources of the pages it generates (archive, category and author
pages, and a copy of a view for each of its pagination pages) into a folder it makes with
``mkdtemp`` and removes at ``on_shutdown``. MkDocs keeps that plugin from one load of
``mkdocs.yml`` to the next within a process (it has ``on_startup``), so the builds of a preview
share its folder; but every save wrote again the ~1,200 pagination copies of a 6,645-page site.
Under the preview (``territoire.memo``), a file that already holds the text about to be written
(or copied) is left alone: MkDocs reads the same source either way. Outside the preview the
plugin works as Material wrote it. (The folders once found piling up in /tmp came from processes
that built without ``on_shutdown``: the clean builds of the tests and scripts, which now call it.)
"""

from __future__ import annotations

import os
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig

from territoire import memo


class BlogFolders:
    """What one preview last wrote into its blog folders."""

    def __init__(self) -> None:
        self.written: dict[str, tuple[Any, ...]] = {}
        """Path written -> (what was written, its size and modification time once written)."""


def share(config: MkDocsConfig, folders: BlogFolders | None) -> None:
    """Let this build's blog plugins skip writing what their folder already holds (``on_config``)."""
    if folders is None or not memo.keeping():
        return
    _install_copy()
    for plugin in config.plugins.values():
        if not hasattr(plugin, "temp_dir") or not hasattr(plugin, "_save_to_file"):
            continue
        if getattr(plugin._save_to_file, "folders", None) is not folders:
            # The plugin lives on from build to build: wrapped once per preview.
            save = getattr(plugin._save_to_file, "unshared", plugin._save_to_file)
            plugin._save_to_file = _saving(save, folders)
    _state["folders"] = folders


_state: dict[str, Any] = {"folders": None, "installed": False}


def _signature(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _saving(save: Callable[[str, str], None], folders: BlogFolders) -> Callable[[str, str], None]:
    def save_to_file(path: str, content: str) -> None:
        found = folders.written.get(path)
        if found is not None and found[0] == content and found[1] == _signature(path):
            return
        save(path, content)
        folders.written[path] = (content, _signature(path))

    save_to_file.folders = folders  # type: ignore[attr-defined]
    save_to_file.unshared = save  # type: ignore[attr-defined]
    return save_to_file


def _text(folders: BlogFolders, path: str) -> str | None:
    """What ``path`` holds: known when this preview wrote it, else read (a view's page)."""
    found = folders.written.get(path)
    if found is not None and isinstance(found[0], str) and found[1] == _signature(path):
        return found[0]
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeError):
        return None


def _install_copy() -> None:
    """Material's blog calls ``copy_file`` by its module's name for its pagination copies."""
    from material.plugins.blog import plugin as blog_module

    if _state["installed"]:
        return
    original = blog_module.copy_file
    _state["installed"] = True

    def copy_file(source_path: str, output_path: str) -> None:
        folders = _state["folders"]
        if folders is None or not memo.keeping():
            original(source_path, output_path)
            return
        source = ("copy of", _text(folders, source_path))
        found = folders.written.get(output_path)
        if found is not None and found[0] == source and found[1] == _signature(output_path):
            return
        original(source_path, output_path)
        folders.written[output_path] = (source, _signature(output_path))

    blog_module.copy_file = copy_file
