"""The preview's blog folder: one for all the builds of a preview, rewritten only where it changed.

Material's blog plugin writes the sources of the pages it generates (archive, category and author
pages, and a copy of a view for each of its pagination pages) into a folder that each plugin
instance makes with ``mkdtemp`` and removes at ``on_shutdown``. The preview loads ``mkdocs.yml``
again for every build, so every save made a new plugin and a new folder, and only the first
plugin gets ``on_shutdown``: each save left a folder in /tmp (275 of them, 1.3 GB, after an
afternoon at 6,645 pages). And every save wrote again the ~1,200 pagination copies of such a
site. Under the preview (``territoire.memo``), the builds of one preview share the first build's
folders, which its ``on_shutdown`` removes, and a file that already holds the text about to be
written (or copied) is left alone: MkDocs reads the same source either way. Outside the preview
the plugin works as Material wrote it.
"""

from __future__ import annotations

import os
import shutil
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig

from territoire import memo


class BlogFolders:
    """The blog folders of one preview, and what was last written into them."""

    def __init__(self) -> None:
        self.folders: dict[int, str] = {}
        """Blog plugin's rank in mkdocs.yml -> the folder its first build made."""
        self.written: dict[str, tuple[Any, ...]] = {}
        """Path written -> (what was written, its size and modification time once written)."""


def share(config: MkDocsConfig, folders: BlogFolders | None) -> None:
    """Point this build's blog plugins at the preview's folders (``on_config``)."""
    if folders is None or not memo.keeping():
        return
    _install_copy()
    rank = 0
    for plugin in config.plugins.values():
        if not hasattr(plugin, "temp_dir") or not hasattr(plugin, "_save_to_file"):
            continue
        folder = folders.folders.setdefault(rank, plugin.temp_dir)
        if plugin.temp_dir != folder:
            shutil.rmtree(plugin.temp_dir, ignore_errors=True)  # made by this build's plugin
            plugin.temp_dir = folder
        plugin._save_to_file = _saving(plugin._save_to_file, folders)
        rank += 1
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
