"""The web editor at /admin/: Decap CMS's bundle, its generated config.yml and our admin page.

The bundle comes from ``node_modules/decap-cms/dist`` (pinned in package-lock.json, installed by
``npm ci --ignore-scripts``; ``python3 tasks.py cms`` and ``test`` install it). Without it the
build goes on and says so: a fresh machine's ``serve`` needs no Node.js. Only the admin page loads
the editor; no public page refers to it.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from territoire import cms, memo
from territoire.engine import state
from territoire.engine.media import copy_into
from territoire.project import ENGINE_ROOT

log = get_plugin_logger(__name__)

DIST = ENGINE_ROOT / "node_modules" / "decap-cms" / "dist"
BUNDLE = DIST / "decap-cms.js"
TEMPLATES = ENGINE_ROOT / "overrides" / "partials" / "cms"
ADMIN_DIR = "admin"


def repository_root(project: Path) -> Path:
    """The Git folder that holds the project (the paths of config.yml start there)."""
    for folder in (project, *project.parents):
        if (folder / ".git").exists():
            return folder
    return project


def prefix_of(project: Path) -> str:
    project = project.resolve()
    return project.relative_to(repository_root(project).resolve()).as_posix().removeprefix(".")


def write_admin(config: MkDocsConfig) -> Path | None:
    """Write site/admin/ (bundle, config.json and .yml, index.html); None when the bundle is not installed."""
    if not BUNDLE.is_file():
        log.info("Éditeur en ligne /admin/ non construit : le paquet npm decap-cms est absent "
                 "(« python3 tasks.py cms » l'installe, ou « npm ci --ignore-scripts »).")
        return None
    site = state.site_of(config)
    admin = Path(config.site_dir) / ADMIN_DIR
    admin.mkdir(parents=True, exist_ok=True)
    # The preview writes into the site it serves: copy_into leaves the 5 MB bundle an earlier
    # build copied there.
    copy_into(Path(config.site_dir), {
        f"{ADMIN_DIR}/{source.name}": source for source in DIST.iterdir()
        if source.name.endswith(("decap-cms.js", ".wasm")) or source.name == "decap-cms.js.LICENSE.txt"})
    settings = cms.decap_config(site, prefix=prefix_of(state.project_dir(config)),
                                repository=config.repo_url)
    # The page loads the JSON copy: Decap refuses a config.yml that a host serves without a YAML
    # content type (GitHub Pages, Python's http.server). config.yml is there to be read.
    settings_json = json.dumps(settings, ensure_ascii=False)
    (admin / "config.json").write_text(settings_json, encoding="utf-8")
    (admin / "config.yml").write_text(_as_yaml(settings, settings_json), encoding="utf-8")
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                              autoescape=select_autoescape(default=True, default_for_string=True))
    page = environment.get_template("admin.html").render(
        site_name=config.site_name, colors=site.territory.colors,
        preview={"covers": cms.COVERS[1], "categories": [c.name for c in site.news_categories]})
    (admin / "index.html").write_text(page, encoding="utf-8")
    return admin


def _as_yaml(settings: dict, settings_json: str) -> str:
    # PyYAML's dumper is pure Python: under the preview, a configuration already dumped (the
    # same JSON) is not dumped again.
    kept = memo.recall(("decap yaml", settings_json))
    if kept is None:
        kept = ("# Généré à chaque construction depuis les modèles (territoire/cms.py) : "
                "ne pas modifier.\n"
                + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100))
        memo.remember(("decap yaml", settings_json), kept)
    return kept
