"""The member directory and one profile page per member, generated from data/members*."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from territoire.engine import pages, state


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site = state.site_of(config)
    pages.add_page(files, config, kind="members", key="index", src_uri="membres/index.md",
                   title="Les membres", template="members.html", edit_path="data/members.yml", in_nav=True)
    for member in site.members:
        pages.add_page(files, config, kind="member", key=member.id,
                       src_uri=f"membres/{member.id}.md", title=member.name,
                       template="member.html", edit_path=member.profile_path,
                       meta={"description": f"{member.name}, membre depuis le "
                                            f"{member.since:%d/%m/%Y}."})
    return files
