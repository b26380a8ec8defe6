"""Shared test helpers: build a territory project with the real MkDocs into a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    def html(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a built page, e.g. ``membres/bulane/``."""
        path = self.site_dir / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def exists(self, url_path: str) -> bool:
        path = self.site_dir / url_path
        return (path / "index.html").is_file() if url_path.endswith("/") or not url_path else path.is_file()


def write_config(project: Path, config_path: Path, site_dir: Path, **overrides) -> Path:
    """A config for ``project`` (a folder with content/ and data/) built from the repo's mkdocs.yml.

    Only paths change: the engine's hooks and templates are the repo's, the territory is the
    project's. This is how another territory is built with no code change.
    """
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(project / "content")
    config["site_dir"] = str(site_dir)
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.update(overrides)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def build(project: Path, tmp_path: Path, *, config_file: Path | None = None,
          extra_args: tuple[str, ...] = (), **overrides) -> BuildResult:
    """Run ``mkdocs build --strict`` on a project, as an author would."""
    site_dir = tmp_path / "site"
    if config_file is None:
        config_file = write_config(project, tmp_path / "mkdocs.yml", site_dir, **overrides)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
         "-d", str(site_dir), *extra_args],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


def copy_project(source: Path, destination: Path) -> Path:
    """A writable copy of a project, for tests that break one file."""
    shutil.copytree(source / "content", destination / "content")
    shutil.copytree(source / "data", destination / "data")
    return destination


@pytest.fixture(autouse=True, scope="module")
def _plugins_of_this_module():
    """Each test module's in-process builds get their own MkDocs plugins, as a new process would.

    MkDocs keeps a plugin that has ``on_startup``/``on_shutdown`` (Material's blog) from one load
    of mkdocs.yml to the next, for the whole process, so one module's ``on_shutdown`` removed
    the blog folder of the plugin the next module's builds used: the tests passed by their
    order. Here the blog's folder goes when the module ends, whether or not the module shut its
    plugins down. Torn down last (autouse, set up first): after the module's own fixtures."""
    yield
    from mkdocs.config.defaults import MkDocsConfig

    option = dict(MkDocsConfig._schema)["plugins"]
    for plugin in option.plugin_cache.values():
        folder = getattr(plugin, "temp_dir", None)
        if isinstance(folder, str):
            shutil.rmtree(folder, ignore_errors=True)
    option.plugin_cache.clear()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuildResult:
    """The Montpellier sample site, built once per test session."""
    tmp = tmp_path_factory.mktemp("sample")
    result = build(REPO, tmp)
    assert result.returncode == 0, result.output
    return result


# Quality-gate tools and fixtures (served sample site, headless Chromium): tests/gates.py.
pytest_plugins = ["gates"]
