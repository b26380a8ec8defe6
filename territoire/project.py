"""Find a territory project and derive the engine configuration that builds it.

A project is a folder with ``content/`` and ``data/``. The engine (hooks, templates, mkdocs.yml)
lives next to this package; another territory reuses it unchanged: only the paths of its
configuration change. Nothing here imports MkDocs, so that ``territoire check`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ENGINE_ROOT = Path(__file__).resolve().parent.parent
ENGINE_CONFIG = ENGINE_ROOT / "mkdocs.yml"


class ProjectError(Exception):
    """A French message for the author: the folder given is not a territory project."""


def find_project(start: Path | None = None) -> Path:
    """The project holding ``start`` (the current folder by default): the nearest folder above it
    that holds both ``content/`` and ``data/``."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content").is_dir() and (folder / "data").is_dir():
            return folder
    raise ProjectError(f"projet introuvable : trouvé aucun dossier « content/ » et « data/ » dans "
                       f"{here} ni au-dessus, attendu le dossier d'un territoire (option --project)")


def check_project(project: Path) -> Path:
    project = Path(project).resolve()
    missing = [name for name in ("content", "data") if not (project / name).is_dir()]
    if missing:
        raise ProjectError(f"projet incomplet : trouvé {project} sans "
                           f"{' ni '.join(name + '/' for name in missing)}, attendu un dossier "
                           "qui contient content/ et data/")
    return project


def engine_config(project: Path, site_dir: Path) -> dict[str, Any]:
    """The engine's mkdocs.yml with every path pointed at ``project`` or at the engine."""
    if not ENGINE_CONFIG.is_file():
        raise ProjectError(f"moteur introuvable : trouvé aucun fichier {ENGINE_CONFIG}, attendu "
                           "une installation du dépôt en mode modifiable (pip install -e .)")
    config = yaml.safe_load(ENGINE_CONFIG.read_text(encoding="utf-8"))
    config["docs_dir"] = str(Path(project) / "content")
    config["site_dir"] = str(site_dir)
    config["hooks"] = [str(ENGINE_ROOT / hook) for hook in config.get("hooks", [])]
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ENGINE_ROOT / theme["custom_dir"])
    return config


def write_engine_config(project: Path, site_dir: Path, destination: Path) -> Path:
    """Write the configuration of ``project``; the engine's own project uses mkdocs.yml as is."""
    if Path(project).resolve() == ENGINE_ROOT:
        return ENGINE_CONFIG
    destination.write_text(yaml.safe_dump(engine_config(project, site_dir), allow_unicode=True,
                                          sort_keys=False), encoding="utf-8")
    return destination
