"""The preview's incremental rebuilds: after an edit of the text of articles, firms or events,
rebuild only the pages that show them, and leave the site folder as a clean build would leave it.

``territoire serve`` keeps one ``Memory`` for its whole life (``engine/run.py``). After each good
build it holds a ``Snapshot``: what every source file was (scanned before the build read any),
the validated ``Site``, and for every page what its HTML links to, its search entries and its
share card. The next build compares:

- **Incremental** when only item files changed (an article's Markdown, a firm's profile, the
  members' registry, an event file), none was added or removed, and every change is to what an
  item *says* (titles, names, summaries, descriptions, body text; ``DISPLAY_FIELDS``), not to where
  it is *placed* (dates, categories, sectors, citations, images, status…). Then the pages rebuilt
  are the pages generated from the changed files (at their old and new address) and every page
  whose HTML linked to one of those: a listing, a card, a cross-link or a calendar shows an item
  by linking to it. Blog listings among them get the articles they list read again, because
  Material renders their excerpts from the articles themselves.
- **Full** otherwise (first build, a template, a hook, ``mkdocs.yml``, a shared data file, an added
  or removed file, a placement change, or a failed previous build): the site folder is emptied and
  every page is built, as ``mkdocs build`` does.

MkDocs' own ``--dirty`` mode provides the mechanism (pages whose ``File.is_modified()`` is false are
neither read nor written); what it gets wrong, this module repairs: the search index and the share
cards of the pages not rebuilt come from the snapshot, in the order of a full build, and pages that
no longer exist are removed. ``tests/test_incremental.py`` compares the folder, file by file, with
a clean build after each kind of edit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import posixpath
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

import jinja2
import jinja2.bccache
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from territoire import memo
from territoire.engine import blog_folder, state
from territoire.engine.share import SHARE_DIR
from territoire.site import Site
from territoire.sources import folder_entries

# What an item says rather than where it is placed: a change to these alone keeps every page's
# list of items as it was, so only the pages that show the item change.
DISPLAY_FIELDS = {
    "article": {"title", "summary", "image_alt", "tags", "updated"},
    "profile": {"description", "tagline", "address", "website", "contact", "offerings"},
    "offering": {"title", "description", "image_alt"},
    "entry": {"name"},
    "event": {"title", "description", "speakers", "programme", "updated"},
}
_IMAGE_REFERENCE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
# What MkDocs and Material's blog set on a page when they read it, and other pages read back: a
# title, a description, the HTML, an article's reading time for the listings.
READ_STATE = ("markdown", "meta", "content", "toc", "_title_from_render")
_HREF = re.compile(r'\shref="([^"#?]*)[^"]*"')


@dataclass
class PageRecord:
    """What a built page left behind that the next build may need without rebuilding it."""

    links: frozenset[str]
    """Site-relative URLs (``membres/bulane/``) its HTML links to."""
    search: list[dict[str, Any]] = field(default_factory=list)
    card: Any = None
    dest: str = ""
    """Its HTML file, relative to the site folder."""
    source: str = ""
    """The file it is made from, relative to the project (an article, a firm's profile…)."""
    read: dict[str, Any] = field(default_factory=dict)
    """What MkDocs learnt by reading it (``READ_STATE``): a page not read again gets it back."""
    generated: list[dict[str, Any]] | None = None
    """The search entries ``engine/search_index.py`` made for it from the models (a generated
    page): a page not rebuilt shows the same items, so its entries are the same."""


@dataclass
class Snapshot:
    sources: dict[str, tuple[int, int, str]]
    """Path relative to the project -> (mtime_ns, size, sha1) for every file of content/ and data/."""
    engine: str
    site: Site
    pages: dict[str, PageRecord]
    published: dict[str, Path]
    images: dict[str, list[str]] = field(default_factory=dict)
    """The images each article's body shows, by its path relative to the project: a change makes
    the build full (an image no longer shown leaves its variants behind)."""


@dataclass
class Plan:
    """This build's decision, and what it learns on the way."""

    full: bool
    reason: str
    sources: dict[str, tuple[int, int, str]]
    engine: str
    seeds: set[str] = field(default_factory=set)
    build: set[str] | None = None
    """URLs of the pages written (None until decided, once MkDocs has the whole nav)."""
    populate: set[str] = field(default_factory=set)
    building: bool = False
    links: dict[str, frozenset[str]] = field(default_factory=dict)
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    generated: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: Files | None = None
    config: MkDocsConfig | None = None


class Memory:
    """What the preview remembers between two builds."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.plan: Plan | None = None
        self.last: Plan | None = None
        """The plan of the last build, for the preview's message and the benchmark."""
        self.templates = _KeptTemplates()
        self.blog_folders = blog_folder.BlogFolders()
        self.theme_files: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
        self.fragments: dict[tuple[str, ...], Any] = {}
        """Template output kept by ``keep_fragment``, emptied at every full build."""
        self.fragment_inputs: dict[int, tuple[Any, str]] = {}
        """The inputs of fragments in this build and their repr, emptied at every build."""
        self.scanned: dict[str, tuple[int, int, str]] | None = None
        """This build's scan of the territory's files (``scan``), until the plan takes it."""

    def forget(self) -> None:
        self.snapshot = None
        self.plan = None
        self.scanned = None


_memory: list[Memory] = []


def enable(memory: Memory) -> None:
    """Builds of this process are the preview's, remembered in ``memory``."""
    _memory[:] = [memory]
    if Files.add_files_from_theme is not _add_files_from_theme:
        Files.add_files_from_theme = _add_files_from_theme  # type: ignore[method-assign]
    if Files.get_file_from_path is not _get_file_from_path:
        Files.get_file_from_path = _get_file_from_path  # type: ignore[method-assign]


_theme_files = Files.add_files_from_theme
_file_from_path = Files.get_file_from_path


def _get_file_from_path(self: Files, path: str) -> File | None:
    """MkDocs normalizes the path through ``PurePath`` before looking it up; Material's blog asks
    for thousands of paths at every build, already in the form of the keys (which are
    normalized, so a path equal to one is its own normal form): those are looked up as they are."""
    found = self._src_uris.get(path)
    return found if found is not None else _file_from_path(self, path)


def _add_files_from_theme(self: Files, env: Environment, config: MkDocsConfig) -> None:
    """MkDocs lists every file of the theme's folders (Material's thousands of icons among them)
    at every build, for the few it copies. Under the preview the list is kept while the theme's
    folders, the templates, hooks and mkdocs.yml are unchanged; the pages still come first."""
    memory = _active()
    if memory is None:
        return _theme_files(self, env, config)
    key = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)),
           config.use_directory_urls, _engine_fingerprint(config))
    listed = memory.theme_files.get(key)
    if listed is None:
        every = Files([])
        _theme_files(every, env, config)
        listed = [(file.src_path, file.src_dir) for file in every]
        memory.theme_files = {key: listed}
    for path, folder in listed:
        if self.get_file_from_path(path) is None:
            self.append(File(path, folder, config.site_dir, config.use_directory_urls))


def disable() -> None:
    _memory.clear()


class _KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates in memory, from one build of the preview to the next."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _active() -> Memory | None:
    return _memory[0] if _memory else None


def blog_folders() -> blog_folder.BlogFolders | None:
    """The preview's blog folders (``engine/blog_folder.py``); None outside the preview."""
    memory = _active()
    return memory.blog_folders if memory else None


# -- the decision (on_files) --------------------------------------------------------------------

def plan(files: Files, config: MkDocsConfig) -> None:
    """Decide between an incremental and a full build; mark the pages accordingly."""
    memory = _active()
    if memory is None:
        return
    project = state.project_dir(config)
    previous = memory.snapshot
    sources = memory.scanned if memory.scanned is not None else \
        _scan(project, Path(config.docs_dir), previous.sources if previous else {})
    memory.scanned = None
    engine = _engine_fingerprint(config)
    current = Plan(full=True, reason="", sources=sources, engine=engine, files=files,
                   config=config)
    memory.plan = current
    memory.fragment_inputs.clear()
    if previous is None:
        current.reason = "première construction"
    elif engine != previous.engine:
        current.reason = "gabarits, hooks ou mkdocs.yml modifiés"
    else:
        reason = _item_changes(current, previous, state.site_of(config), files, config)
        current.full = reason is not None
        current.reason = reason or ""
    if current.full:
        # As ``mkdocs build`` does, so that nothing of an earlier build stays.
        _empty(Path(config.site_dir))
        # A full build follows a change of template, hook, shared data or image: what a fragment
        # shows may then depend on more than its inputs.
        memory.fragments.clear()
        return
    mark_pages(files)


def mark_pages(files: Files) -> None:
    """Let MkDocs read and write only the planned pages (``on_files``, and ``on_nav`` for pages the
    blog adds there). A blog article's page may hold another ``File`` object than the list: both
    answer."""
    memory = _active()
    current = memory.plan if memory else None
    if current is None or current.full:
        return
    for file in files.documentation_pages():
        answer = _deciding(file.url, current)
        file.is_modified = answer
        page = file.page
        if page is not None and page.file is not file:
            page.file.is_modified = answer


def _deciding(url: str, current: Plan) -> Callable[[], bool]:
    def is_modified() -> bool:
        if current.build is None:
            _decide(current)
        assert current.build is not None
        return url in (current.build if current.building else current.populate)
    return is_modified


def _decide(current: Plan) -> None:
    """The pages to write: the seeds, every page that linked to one, every page new to the site."""
    memory = _active()
    assert memory is not None and memory.snapshot is not None and current.files is not None
    previous = memory.snapshot.pages
    pages = {file.url: file for file in current.files.documentation_pages()}
    build = set(current.seeds) & set(pages)
    build |= {url for url, record in previous.items() if record.links & current.seeds}
    build |= {url for url in pages if url not in previous}
    current.build = build & set(pages)
    current.populate = set(current.build)
    blog = current.config.plugins.get("material/blog") if current.config else None
    for url in current.build:
        for post in _listed_posts(pages[url].page, blog):
            current.populate.add(post.file.url)


def _listed_posts(page: Page | None, blog: Any) -> list[Any]:
    """The articles a blog listing shows on this page, as Material's ``_render`` slices them."""
    posts = getattr(page, "posts", None)
    if blog is None or posts is None or not hasattr(page, "pages"):
        return []
    if not blog._config_pagination(page) or page not in page.pages:
        return list(posts)
    step = blog._config_pagination_per_page(page)
    at = page.pages.index(page)
    return list(posts[at * step:at * step + step])


def _item_changes(current: Plan, previous: Snapshot, site: Site, files: Files,
                  config: MkDocsConfig) -> str | None:
    """None when every change is a display change of items (the seeds filled in); else why not."""
    old, new = previous.sources, current.sources
    if set(old) != set(new):
        return "fichier ajouté ou supprimé"
    changed = sorted(path for path in new if new[path][2] != old[path][2])
    content = Path(config.docs_dir).name
    sources: set[str] = set()
    for path in changed:
        shown = _display_change(path, previous.site, site, content, previous.images)
        if shown is None:
            return f"{path} : modification de structure"
        sources |= shown
    # The pages generated from a changed file, at their new address and at their old one.
    current.seeds = {file.url for file in files.documentation_pages()
                     if page_source(file, config) in sources}
    current.seeds |= {url for url, record in previous.pages.items() if record.source in sources}
    return None


def _display_change(path: str, before: Site, after: Site, content: str,
                    images: dict[str, list[str]]) -> set[str] | None:
    """The seeds of a change that only alters what items say; None for any other change."""
    if path.startswith(content + "/"):
        src_uri = path[len(content) + 1:]
        old, new = before.news_item(src_uri), after.news_item(src_uri)
        if old is None or new is None:
            return None
        if _without(old.front, "article") != _without(new.front, "article"):
            return None
        if images.get(path) != _images_of(after.root / path):
            return None
        return {path}
    if path == "data/members.yml":
        if [r.model_dump() for r in before.roles] != [r.model_dump() for r in after.roles]:
            return None
        old_entries = [m.entry for m in before.members]
        new_entries = [m.entry for m in after.members]
        if [_without(e, "entry") for e in old_entries] != [_without(e, "entry") for e in new_entries]:
            return None
        return {m.profile_path for m, n in zip(before.members, after.members) if m.entry != n.entry}
    old_members = [m for m in before.members if m.profile_path == path]
    if old_members:
        new_members = [m for m in after.members if m.profile_path == path]
        if len(new_members) != 1:
            return None
        old, new = old_members[0].profile, new_members[0].profile
        if _without(old, "profile") != _without(new, "profile"):
            return None
        if [_without(o, "offering") for o in old.offerings] != \
                [_without(o, "offering") for o in new.offerings]:
            return None
        return {path}
    old_events = _events_from(before, path)
    if old_events:
        new_events = _events_from(after, path)
        if [e.id for e in old_events] != [e.id for e in new_events]:
            return None
        for old_event, new_event in zip(old_events, new_events):
            if _fields_without(old_event, "event") != _fields_without(new_event, "event"):
                return None
        return {path}
    return None


def _without(model: Any, kind: str) -> dict[str, Any]:
    return model.model_dump(exclude=DISPLAY_FIELDS[kind])


def _fields_without(item: Any, kind: str) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)
            if f.name not in DISPLAY_FIELDS[kind]}


def _events_from(site: Site, path: str) -> list[Any]:
    agenda = site.agenda
    return [event for event in agenda.events if event.source == path] if agenda else []


@memo.of_text
def _image_references(text: str) -> list[str]:
    return _IMAGE_REFERENCE.findall(text)


def _images_of(path: Path) -> list[str]:
    try:
        return _image_references(memo.text_of(path))
    except (OSError, UnicodeError):
        return []


# -- while MkDocs builds ------------------------------------------------------------------------

_MAX_FRAGMENTS = 50_000  # a card is 1-2 kB: at most about 100 MB


def _repr_in_build(memory: Memory, value: Any) -> str:
    # A member is an input of every card that shows it, on every listing: its repr (tens of
    # microseconds) is made once per build. The value is held, so that its id is not reused.
    if isinstance(value, (str, int, bool, type(None))):
        return repr(value)
    held = memory.fragment_inputs.get(id(value))
    if held is None or held[0] is not value:
        held = memory.fragment_inputs[id(value)] = (value, repr(value))
    return held[1]


@jinja2.pass_context
def keep_fragment(context: jinja2.runtime.Context, *inputs: Any, caller: Callable[[], Any]) -> Any:
    """``{% call keep_fragment(name, inputs...) %}…{% endcall %}``: under the preview, the body's
    output is kept for this page and these inputs until the next full build; otherwise (or
    without a page) the body is rendered.

    The inputs must be everything the body reads that an item's edit can change (the item
    itself, the including template's settings): an incremental build changes only items (the
    plan falls back to a full build for any other change), and the page's address covers the
    relative links."""
    memory = _active()
    url = getattr(context.get("page"), "url", None)
    if memory is None or memory.plan is None or url is None:
        return caller()
    key = (url, *(_repr_in_build(memory, part) for part in inputs))
    found = memory.fragments.get(key)
    if found is None:
        if len(memory.fragments) >= _MAX_FRAGMENTS:
            memory.fragments.clear()  # old versions of edited items pile up in a long preview
        found = memory.fragments[key] = caller()
    return found


def start_writing(env: Environment, files: Files) -> None:
    """Between reading every page and writing them (``on_env``): the pages not read again get
    back what the previous build read, then MkDocs writes only the planned pages. MkDocs makes a
    new Jinja environment per build: templates compiled once are kept (Jinja checks each one's
    source against its checksum)."""
    memory = _active()
    current = memory.plan if memory else None
    if current is None:
        return
    env.bytecode_cache = memory.templates
    current.building = True
    if current.full or memory.snapshot is None:
        return
    previous = memory.snapshot.pages
    for file in files.documentation_pages():
        if file.url in current.populate or file.page is None or file.url not in previous:
            continue
        _restore(file.page, previous[file.url].read)


def _read_state(page: Page) -> dict[str, Any]:
    state_ = {name: getattr(page, name, None) for name in READ_STATE}
    readtime = getattr(getattr(page, "config", None), "readtime", None)
    if readtime is not None:
        state_["readtime"] = readtime
    return state_


def _restore(page: Page, read: dict[str, Any]) -> None:
    for name, value in read.items():
        if name == "readtime":
            page.config.readtime = value
        elif name == "meta":
            page.meta = dict(value)
        else:
            setattr(page, name, value)


def record_page(output: str, page: Page) -> None:
    """The links of a page just written, for the next build's decision."""
    memory = _active()
    if memory is None or memory.plan is None:
        return
    memory.plan.links[page.file.url] = frozenset(_links(output, page.file.url))


def _links(output: str, page_url: str) -> set[str]:
    base = "/" + ("" if page_url == "./" else page_url)
    if not base.endswith("/"):
        base = posixpath.dirname(base) + "/"
    # The same links come back at every save (the site plan alone has one per page): each is
    # resolved once per folder it is written from. ``_MAX_RESOLVED`` bounds a long preview.
    resolved = _RESOLVED.setdefault(base, {})
    if len(resolved) > _MAX_RESOLVED:
        resolved.clear()
    found = set()
    for href in set(_HREF.findall(output)):
        target = resolved.get(href)
        if target is None:
            target = resolved[href] = _resolve(href, base)
        if target:
            found.add(target)
    return found


_RESOLVED: dict[str, dict[str, str]] = {}
_MAX_RESOLVED = 100_000


def _resolve(href: str, base: str) -> str:
    """The site-relative URL a link written in folder ``base`` leads to ("" for none of ours)."""
    if not href or "://" in href or href.startswith(("mailto:", "tel:", "data:", "javascript:")):
        return ""
    target = unquote(urlsplit(href).path)
    resolved = posixpath.normpath(posixpath.join(base, target)) if not target.startswith("/") \
        else posixpath.normpath(target)
    if target.endswith("/") or target in ("", "."):
        resolved = resolved.rstrip("/") + "/"
    # MkDocs' own form: the home page is "./", every other page "section/page/".
    return resolved.lstrip("/") or "./"


def complete_outputs(config: MkDocsConfig) -> None:
    """Before the search index and the share pictures are written: the pages not rebuilt come
    back from the snapshot, in the order a full build gives them."""
    memory = _active()
    current = memory.plan if memory else None
    if memory is None or current is None or current.files is None:
        return
    urls = [file.url for file in current.files.documentation_pages() if file.page is not None]
    previous = memory.snapshot.pages if (memory.snapshot and not current.full) else {}
    built = current.links.keys()
    search = _search_index(config)
    if search is not None:
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in search.entries:
            # Search locations name the home page "", MkDocs' files "./".
            url = str(entry.get("location", "")).partition("#")[0] or "./"
            fresh.setdefault(url, []).append(entry)
        for url in urls:
            if url in built or current.full:
                current.search[url] = fresh.get(url, [])
            else:
                current.search[url] = previous[url].search if url in previous else []
        search.entries = [entry for url in urls for entry in current.search[url]]
    cards = _share(config)
    if cards is not None and not current.full:
        published = memory.snapshot.published if memory.snapshot else {}
        for url in urls:
            record = previous.get(url)
            if url in built or record is None or record.card is None:
                continue
            cards.carry_over(_page_url(url), record.card, published.get(record.card.image))


def generated_entries(url: str, make: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The search entries of a generated page (``make()``); under an incremental build, a page
    not rebuilt keeps those of the previous build, which showed the same items."""
    memory = _active()
    current = memory.plan if memory else None
    if current is None:
        return make()
    record = memory.snapshot.pages.get(url) if memory.snapshot and not current.full else None
    if record is not None and record.generated is not None and url not in current.links:
        entries = record.generated
    else:
        entries = make()
    current.generated[url] = entries
    return entries


def _page_url(file_url: str) -> str:
    """``Page.url`` of a file's URL: MkDocs names the home page "" there."""
    return "" if file_url == "./" else file_url


def finish(config: MkDocsConfig) -> None:
    """After a build MkDocs accepted (strict mode included): stale files out, snapshot taken."""
    memory = _active()
    current = memory.plan if memory else None
    if memory is None or current is None or current.files is None:
        return
    memory.fragment_inputs.clear()  # they hold this build's items
    site_dir = Path(config.site_dir)
    files = current.files
    pages = {file.url: file for file in files.documentation_pages() if file.page is not None}
    previous = memory.snapshot.pages if (memory.snapshot and not current.full) else {}
    cards = _share(config)
    if not current.full:
        for url, record in previous.items():
            if url not in pages and record.dest:
                _remove(site_dir / record.dest, site_dir)
        if cards is not None:
            _remove_stale_cards(site_dir, set(cards.published))
    records: dict[str, PageRecord] = {}
    for url, file in pages.items():
        old = previous.get(url)
        card = cards.printed(_page_url(url)) if cards is not None else None
        if (old is not None and url not in current.links and url not in current.populate
                and old.dest == file.dest_uri and card is old.card):
            # Neither read nor written: its page was given the record's state back, and its
            # links, search entries and card were carried over from it (complete_outputs).
            records[url] = old
            continue
        links = current.links.get(url, old.links if old else frozenset())
        records[url] = PageRecord(links=links, search=current.search.get(url, []), card=card,
                                  dest=file.dest_uri, source=page_source(file, config),
                                  read=_read_state(file.page),
                                  generated=current.generated.get(url))
    site = state.site_of(config)
    content = Path(config.docs_dir)
    images = {}
    before = memory.snapshot if not current.full else None
    for item in site.news:
        path = f"{content.name}/{item.src_uri}"
        unchanged = (before is not None and path in before.images and path in current.sources
                     and before.sources.get(path) == current.sources[path])
        images[path] = before.images[path] if unchanged else _images_of(content / item.src_uri)
    memory.snapshot = Snapshot(sources=current.sources, engine=current.engine, site=site,
                               pages=records,
                               published=dict(cards.published) if cards is not None else {},
                               images=images)
    memory.last = current
    memory.plan = None


def page_source(file: File, config: MkDocsConfig) -> str:
    """The file a page is made from, relative to the project: a data file for generated pages."""
    edit = getattr(file, "edit_uri", None)
    if edit and edit.startswith("../"):
        return edit[3:]
    return f"{Path(config.docs_dir).name}/{file.src_uri}"


def failed() -> None:
    """A failed build: the next one starts from nothing."""
    memory = _active()
    if memory is not None:
        memory.forget()


# -- helpers ------------------------------------------------------------------------------------

def scan(config: MkDocsConfig) -> None:
    """Before the territory is loaded (``on_config``): what every file of content/ and data/ is
    now. Taken before anything reads them, so that a file saved again during the build differs
    from this scan and is rebuilt by the next one (the scan is what the next build compares with)."""
    memory = _active()
    if memory is None:
        return
    previous = memory.snapshot
    memory.scanned = _scan(state.project_dir(config), Path(config.docs_dir),
                           previous.sources if previous else {})


def _scan(project: Path, content: Path, known: dict[str, tuple[int, int, str]]
          ) -> dict[str, tuple[int, int, str]]:
    found: dict[str, tuple[int, int, str]] = {}
    top = os.path.abspath(project) + os.sep
    for folder in (content, project / "data"):
        if not folder.is_dir():
            continue
        # Strings, not pathlib: this runs on every file of the territory at every save.
        start = os.path.abspath(folder) + os.sep
        inside = start.startswith(top)
        for relative_folder, entries in folder_entries(folder):
            base = os.path.join(start, relative_folder) if relative_folder else start
            shown = (start[len(top):] + (relative_folder + "/" if relative_folder else "")
                     ).replace(os.sep, "/") if inside else None
            for name, is_dir, is_link, _is_file in entries:
                if is_dir and not is_link:
                    continue
                path = os.path.join(base, name)
                relative = shown + name if shown is not None else \
                    Path(path).relative_to(project).as_posix()
                try:
                    status = os.lstat(path)
                except OSError:
                    continue  # gone since it was listed: the next scan sees it missing
                before = known.get(relative)
                if before and before[0] == status.st_mtime_ns and before[1] == status.st_size:
                    found[relative] = before
                elif is_link or not stat.S_ISREG(status.st_mode):
                    # Never followed nor opened (the loader refuses both, unread).
                    found[relative] = (status.st_mtime_ns, status.st_size, "not a file")
                else:
                    with open(path, "rb") as source:
                        digest = hashlib.sha1(source.read()).hexdigest()
                    found[relative] = (status.st_mtime_ns, status.st_size, digest)
                if not is_link:
                    memo.saw(path, status.st_mtime_ns, status.st_size)
    return found


def _engine_fingerprint(config: MkDocsConfig) -> str:
    digest = hashlib.sha1()
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom:
        paths += sorted(p for p in Path(custom).rglob("*") if p.is_file())
    paths += sorted(Path(hook) for hook in _hook_paths(config))
    for path in paths:
        status = path.stat()
        digest.update(f"{path}:{status.st_mtime_ns}:{status.st_size}\n".encode())
    return digest.hexdigest()


def _hook_paths(config: MkDocsConfig) -> list[str]:
    # mkdocs.yml's « hooks: », loaded: file name -> module.
    return [module.__file__ for module in config.hooks.values() if getattr(module, "__file__", None)]


def _search_index(config: MkDocsConfig) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None) if plugin is not None else None


def _share(config: MkDocsConfig) -> Any:
    from territoire.engine import share
    try:
        return share.cards_of(config)
    except KeyError:
        return None


def _empty(site_dir: Path) -> None:
    if site_dir.is_dir():
        for child in site_dir.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()


def _remove(path: Path, site_dir: Path) -> None:
    if path.is_file():
        path.unlink()
    parent = path.parent
    while parent != site_dir and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _remove_stale_cards(site_dir: Path, published: set[str]) -> None:
    folder = site_dir / SHARE_DIR
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if f"{SHARE_DIR}/{path.name}" not in published:
            path.unlink()


class DirtyNotice(logging.Filter):
    """MkDocs warns before every dirty build that it « will likely lead to inaccurate navigation »:
    ours repairs what it names, and a warning would make strict mode refuse the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")
