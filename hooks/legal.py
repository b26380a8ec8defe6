"""The mandatory pages of a French public site, generated from data/territory.yml and legal.yml.

Déclaration d'accessibilité, mentions légales, données personnelles and plan du site are virtual
pages kept out of the nav; the footer links to them on every page (partials/copyright.html).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import pages

# (key and URL, title, template)
_PAGES = (
    ("accessibilite", "Déclaration d'accessibilité", "legal-accessibility.html"),
    ("mentions-legales", "Mentions légales", "legal-notice.html"),
    ("donnees-personnelles", "Données personnelles", "legal-privacy.html"),
    ("plan-du-site", "Plan du site", "site-plan.html"),
)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for key, title, template in _PAGES:
        pages.add_page(files, config, kind="legal", key=key, src_uri=f"{key}.md", title=title,
                       template=template, edit_path="data/legal.yml",
                       meta={"hide": ["navigation", "toc"], "search": {"exclude": key == "plan-du-site"}})
    return files
