"""The open data page (/donnees/) and the export files (members.json, members.csv, and any
dataset registered in territoire.opendata), written as generated files of the build."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from territoire import opendata
from territoire.engine import exports as _exports  # noqa: F401 (registers events and news)
from territoire.engine import pages, state

EXPORT_DIR = "donnees"


@event_priority(-100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # Runs after every other on_files (the blog's included), so the pages that records link to
    # exist and their URLs are final.
    pages.add_page(files, config, kind="opendata", key="index", src_uri=f"{EXPORT_DIR}/index.md",
                   title="Données ouvertes", template="opendata.html")
    site = state.site_of(config)

    def url_for(kind: str, key: str) -> str:
        return (config.site_url or "").rstrip("/") + "/" + pages.url_of(config, kind, key)

    context = opendata.ExportContext(site=site, url_for=url_for, config=config)
    for dataset in opendata.datasets(site.territory.vocabulary):
        encoded = opendata.encode(dataset, dataset.rows(context))
        for suffix, content in zip(("json", "csv"), encoded):
            files.append(File.generated(config, f"{EXPORT_DIR}/{dataset.id}.{suffix}", content=content))
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["opendata_datasets"] = opendata.datasets(state.site_of(config).territory.vocabulary)
    env.globals["opendata_licence"] = {"name": opendata.LICENCE_NAME, "url": opendata.LICENCE_URL,
                                       "list_separator": opendata.LIST_SEPARATOR.strip()}
    env.globals["opendata_dir"] = EXPORT_DIR
    return env
