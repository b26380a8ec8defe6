"""Keep Material's blog plugin linear and quick: identity-based membership tests, and articles'
front matter read by libyaml as MkDocs reads every other page's, dates formatted once
(territoire.engine.identity); under the preview, unchanged articles not read again
(territoire.engine.blog_posts), and its generated sources not rewritten when unchanged
(territoire.engine.blog_folder)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from territoire.engine import blog_folder, blog_posts, identity, incremental


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    identity.read_posts_with_libyaml()
    identity.format_dates_once(config)
    blog_posts.keep_posts(config)
    blog_folder.share(config, incremental.blog_folders())
    return config


@event_priority(-60)  # after the blog plugin's on_files (-50), which builds the lists
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    identity.install(config)
    return files
