"""The preview's blog posts: an article unchanged since the previous build is not read again.

Material's blog makes a ``Post`` for every article on every build (open the file, parse its front
matter, validate it against ``PostConfig``, compute its URLs): a quarter of the preview's
rebuild after one edit at 2,811 pages. A post as the blog's ``_resolve_post`` leaves it (its
state, its address) depends only on the article's text and on settings of ``mkdocs.yml`` and of
the blog; under the preview (``territoire.memo``), that result is kept by text and settings, and
the next build gets a copy of it bound to its own ``File``, as if just resolved. Outside the
preview every post is constructed as Material does.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_build_date

from territoire import memo


def keep_posts(config: MkDocsConfig) -> None:
    """Route the blog plugins' post resolution through ``_resolving`` (``on_config``)."""
    for plugin in config.plugins.values():
        resolve = getattr(plugin, "_resolve_post", None)
        if resolve is None or getattr(resolve, "kept", False) or not _is_blog(plugin):
            continue
        if config.plugins.get("material/meta") is not None:
            continue  # its .meta.yml files change posts without changing the articles' text
        plugin._resolve_post = _resolving(plugin)
        _keep_view_paths(plugin)


def _keep_view_paths(plugin: Any) -> None:
    """The archive and category paths, computed for every article at every build (a date
    formatted with Babel, a slug, two path operations), kept by date and by category name for
    as long as the blog's settings are the same object (one load of mkdocs.yml)."""
    archive, category = plugin._format_path_for_archive, plugin._format_path_for_category
    kept: dict[Any, str] = {}
    settings: list[Any] = [None]

    def paths() -> dict[Any, str]:
        if settings[0] is not plugin.config:
            kept.clear()
            settings[0] = plugin.config
        return kept

    def path_for_archive(post: Any, config: MkDocsConfig) -> str:
        date = post.config.date.created
        # isoformat names the offset too: equal instants in two zones print differently.
        key = ("archive", type(date).__name__, date.isoformat(), config.theme["language"])
        found = paths().get(key)
        if found is None:
            found = kept[key] = archive(post, config)
        return found

    def path_for_category(name: str) -> str:
        key = ("category", name)
        found = paths().get(key)
        if found is None:
            found = kept[key] = category(name)
        return found

    plugin._format_path_for_archive = path_for_archive
    plugin._format_path_for_category = path_for_category


def _is_blog(plugin: Any) -> bool:
    # Not ``hasattr(plugin, "blog")``: Material sets it in ``on_files``, after this, so the
    # first build of a preview (its plugins live on, MkDocs keeps a plugin that has
    # ``on_startup``) kept no post, and the first save read every article again.
    from material.plugins.blog.plugin import BlogPlugin

    return isinstance(plugin, BlogPlugin)


def _resolving(plugin: Any) -> Any:
    def resolve_post(file: File, config: MkDocsConfig) -> Any:
        # Material 9.8.1's ``_resolve_post``, pinned in pyproject.toml, kept whole by the
        # article's text and the settings it depends on.
        from material.plugins.blog.structure import Post

        key = _resolution_key(plugin, file, config)
        found = memo.recall(key) if key is not None else None
        if found is not None:
            state, (dest_uri, url) = found
            file.dest_uri = dest_uri
            # As ``File`` computes it: the preview's first build goes to a staging folder, the
            # next ones to the site served, and a post is kept from one to the other.
            file.abs_dest_path = os.path.normpath(os.path.join(file.dest_dir, dest_uri))
            file.url = url
            return _post_from(state, file)
        post = Post(file, config)
        path = plugin._format_path_for_post(post, config)
        temp = plugin._path_to_file(path, config, temp=False)
        file.dest_uri = temp.dest_uri
        file.abs_dest_path = temp.abs_dest_path
        file.url = temp.url
        post._set_canonical_url(config.site_url)
        if key is not None:
            memo.remember(key, (_fresh(post.__dict__), (file.dest_uri, file.url)))
        return post

    resolve_post.kept = True  # type: ignore[attr-defined]
    return resolve_post


def _resolution_key(plugin: Any, file: File, config: MkDocsConfig) -> tuple[Any, ...] | None:
    """What a resolved post depends on: the article's text, where it is, the site's settings and
    the blog's; None outside the preview or when the article cannot be read (Material says why)."""
    if not memo.keeping():
        return None
    try:
        text = memo.text_of(file.abs_src_path)
    except (OSError, UnicodeError):
        return None
    kept = plugin.__dict__.get("_kept_settings")
    if kept is None or kept[0] is not plugin.config or kept[1] is not config:
        # Once per build: its slug functions are new objects at every load of mkdocs.yml.
        settings = tuple((name, _stable(value)) for name, value in plugin.config.items())
        kept = (plugin.config, config, (
            config.docs_dir, config.use_directory_urls, config.site_url, config.repo_url,
            config.edit_uri, config.edit_uri_template, config.theme.get("language"), settings))
        plugin._kept_settings = kept
    return ("blog post", file.abs_src_path, file.src_uri, file.url, text, kept[2])


def _stable(value: Any) -> Any:
    """A setting as a key that is the same from one load of mkdocs.yml to the next."""
    if callable(value):
        function = getattr(value, "func", value)
        return (getattr(function, "__module__", None), getattr(function, "__qualname__", None),
                repr(getattr(value, "args", ())), repr(sorted(getattr(value, "keywords", {}).items())))
    return repr(value)


def _post_from(state: dict[str, Any], file: File) -> Any:
    """A post as the kept one, bound to this build's ``File``, as if just constructed."""
    from material.plugins.blog.structure import Post

    post = Post.__new__(Post)
    post.__dict__.update(_fresh(state))
    post.file = file
    file.page = post
    post.update_date = _build_date()
    return post


@memo.for_this_build
def _build_date() -> str:
    # As ``Page.__init__`` sets it, once per build rather than once per post.
    return get_build_date()


def _fresh(state: dict[str, Any]) -> dict[str, Any]:
    """A copy of a post's state that shares nothing a build changes, without its ``File``.

    What a build changes is known (Material 9.8.1, MkDocs 1.6): attributes of the post are set
    (its neighbours, its read state, its ``meta`` replaced by ``read_source``), its settings are
    set (``config.readtime``), and its category and author lists grow. So the post's own lists,
    its ``meta`` and its settings are new containers; the values in them are shared instead of
    copied, on every post at every save."""
    fresh: dict[str, Any] = {}
    for name, value in state.items():
        if name == "file":
            continue
        if name == "config":
            fresh[name] = _settings_twin(value)
        elif type(value) is list:
            fresh[name] = list(value)
        elif type(value) is dict:
            fresh[name] = dict(value)
        else:
            fresh[name] = memo.copied(value)
    return fresh


def _settings_twin(settings: Any) -> Any:
    """A ``PostConfig`` whose items may be set without changing ``settings``."""
    twin = type(settings).__new__(type(settings))
    twin.__dict__.update(vars(settings))
    twin.__dict__["data"] = dict(settings.data)
    return twin
