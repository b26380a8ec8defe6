"""Pages of the territory's values and strategic axes, generated from data/values.yml and axes.yml."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import pages, state


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site = state.site_of(config)
    pages.add_page(files, config, kind="values", key="index", src_uri="valeurs/index.md",
                   title="Nos valeurs", template="values.html", edit_path="data/values.yml", in_nav=True)
    for value in site.values:
        pages.add_page(files, config, kind="value", key=value.id, src_uri=f"valeurs/{value.id}.md",
                       title=value.name, template="value.html", edit_path="data/values.yml")
    pages.add_page(files, config, kind="axes", key="index", src_uri="axes/index.md",
                   title="Axes stratégiques", template="axes.html", edit_path="data/axes.yml", in_nav=True)
    for axis in site.axes:
        pages.add_page(files, config, kind="axis", key=axis.id, src_uri=f"axes/{axis.id}.md",
                       title=axis.title, template="axis.html", edit_path="data/axes.yml")
    return files
