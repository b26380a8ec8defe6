"""The preview's blog posts: an article unchanged since the previous build is not read again.

Material's blog makes a ``Post`` for every article on every build (open the file, parse its front
matter, validate it against ``PostConfig``, compute its URLs): a quarter of the preview's
rebuild after one edit at 2,811 pages. A post as its constructor leaves it depends only on the
article's text and on a few settings of ``mkdocs.yml``; under the preview (``territoire.memo``),
that state is kept by text and settings, and the next build gets a copy of it bound to its own
``File``, as if just constructed. Outside the preview every post is constructed as Material does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_build_date

from territoire import memo


def keep_posts(config: MkDocsConfig) -> None:
    """Route the blog plugins' post construction through ``_post_for`` (``on_config``)."""
    for plugin in config.plugins.values():
        resolve = getattr(plugin, "_resolve_post", None)
        if resolve is None or getattr(resolve, "kept", False) or not hasattr(plugin, "blog"):
            continue
        if config.plugins.get("material/meta") is not None:
            continue  # its .meta.yml files change posts without changing the articles' text
        plugin._resolve_post = _resolving(plugin)


def _resolving(plugin: Any) -> Any:
    def resolve_post(file: File, config: MkDocsConfig) -> Any:
        # Material 9.8.1's ``_resolve_post``, pinned in pyproject.toml, with ``Post(file, config)``
        # replaced by ``_post_for``.
        post = _post_for(file, config)
        path = plugin._format_path_for_post(post, config)
        temp = plugin._path_to_file(path, config, temp=False)
        file.dest_uri = temp.dest_uri
        file.abs_dest_path = temp.abs_dest_path
        file.url = temp.url
        post._set_canonical_url(config.site_url)
        return post

    resolve_post.kept = True  # type: ignore[attr-defined]
    return resolve_post


def _post_for(file: File, config: MkDocsConfig) -> Any:
    from material.plugins.blog.structure import Post

    if not memo.keeping():
        return Post(file, config)
    try:
        text = memo.text_of(Path(file.abs_src_path))
    except (OSError, UnicodeError):
        return Post(file, config)  # Material reports it
    key = ("blog post", file.abs_src_path, file.src_uri, file.url, text, config.docs_dir,
           config.site_url, config.repo_url, config.edit_uri, config.edit_uri_template)
    constructed = memo.recall(key)
    if constructed is None:
        post = Post(file, config)
        memo.remember(key, _fresh(post.__dict__))
        return post
    post = Post.__new__(Post)
    post.__dict__.update(_fresh(constructed))
    post.file = file
    file.page = post
    post.update_date = get_build_date()
    return post


def _fresh(state: dict[str, Any]) -> dict[str, Any]:
    """A copy of a post's state that shares nothing a build changes (its metadata, its config
    and lists are changed later by the blog and by MkDocs), without its ``File``."""
    return {name: memo.copied(value) for name, value in state.items() if name != "file"}
