"""Links written in the Markdown of content/: find them, resolve the short forms, check them.

What the strict build refuses, ``territoire check`` refuses with the same French message, because
both call ``check_links``: an absolute link, a link to a page or file that does not exist, a link
to an address instead of a page's file, an anchor the target page does not have, an unknown short
form or identifier. An author may name a page the easy way, without a relative path:

    [Bulane](membre:bulane)   [le forum](evenement:forum-2019)   [À propos](page:a-propos)

``membre:``, ``evenement:`` (or ``événement:``), ``valeur:``, ``axe:``, ``action:`` and ``article:``
take an identifier of the data; ``page:`` takes a path under content/ without ``.md``
(``page:a-propos``, ``page:agenda``). The engine replaces them by the relative link to the page's
file before MkDocs reads the page. Nothing here imports MkDocs: the pages the engine generates are
listed from the validated site (``generated_pages``), which a test compares with a real build.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify, unique
from pathspec.gitignore import GitIgnoreSpec

from territoire import memo
from territoire.members.directory import filter_options, showcase
from territoire.errors import DataIssue
from territoire.site import Site
from territoire.sources import files_below, split_front_matter  # the reader's rules

AGENDA_DIR = "agenda"
EDITIONS_DIR = "semaine-de-l-industrie"
ROADMAP_DIR = "feuille-de-route"
OPEN_DATA_DIR = "donnees"
LEGAL_PAGES = ("accessibilite", "mentions-legales", "donnees-personnelles", "plan-du-site")
POSTS_DIR = "actualites/posts"


@dataclass(frozen=True)
class ShortForm:
    """``<prefix>:<id>``: the page of one item of the data."""

    prefix: str
    kind: str  # the engine's page kind (territoire.engine.pages), or "news" / "page"
    unknown: str  # « membre inconnu »
    expected: str  # what is expected after the colon, for messages


SHORT_FORMS = (
    ShortForm("membre", "member", "membre inconnu", "un identifiant de data/members.yml"),
    ShortForm("evenement", "event", "événement inconnu",
              "un identifiant d'événement (data/events/, séances de data/series/)"),
    ShortForm("valeur", "value", "valeur inconnue", "un identifiant de data/values.yml"),
    ShortForm("axe", "axis", "axe inconnu", "un identifiant de data/axes.yml"),
    ShortForm("action", "roadmap-action", "action inconnue", "un identifiant de data/roadmap.yml"),
    ShortForm("article", "news", "article inconnu",
              f"le nom d'un fichier de content/{POSTS_DIR}/ sans « .md »"),
    ShortForm("page", "page", "page inconnue",
              "le chemin d'une page du site sans « .md » (content/ ou pages générées)"),
)
_BY_PREFIX = {form.prefix: form for form in SHORT_FORMS} | {"événement": SHORT_FORMS[1]}
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([^\s/?#:]+):")
SHORT_FORMS_TEXT = ", ".join(f"« {form.prefix}: »" for form in SHORT_FORMS)


@dataclass(frozen=True)
class Link:
    """One link target as written: ``start``/``end`` are offsets in the scanned text."""

    target: str
    line: int
    column: int
    start: int
    end: int


@dataclass
class LinkTargets:
    """Everything a link may point at, by path relative to content/ (a page's « src_uri »)."""

    pages: set[str] = field(default_factory=set)
    """Markdown pages: those of content/ and those the engine generates."""
    files: set[str] = field(default_factory=set)
    """Other files of content/ (images, documents)."""
    anchors: dict[str, set[str]] = field(default_factory=dict)
    """The anchors of each page written in Markdown; generated pages have none."""
    short: dict[str, dict[str, str]] = field(default_factory=dict)
    """For each short form, identifier -> page."""

    def fingerprint(self) -> str:
        """A digest of every target: equal digests, equal answers for the same link."""
        digest = hashlib.sha1()
        for part in (sorted(self.pages), sorted(self.files),
                     sorted((page, sorted(ids)) for page, ids in self.anchors.items()),
                     sorted((kind, sorted(keys.items())) for kind, keys in self.short.items())):
            digest.update(repr(part).encode())
        return digest.hexdigest()

    def resolve_short(self, prefix: str, key: str) -> str | None:
        """The page that ``prefix:key`` names, or None."""
        form = _BY_PREFIX.get(prefix)
        if form is None:
            return None
        if form.kind == "page":
            key = key.strip("/")
            for candidate in (f"{key}.md", f"{key}/index.md", "index.md" if not key else None):
                if candidate and candidate in self.pages:
                    return candidate
            return None
        return self.short.get(form.kind, {}).get(key)


# -- finding links ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
LINK_MAX = 2_048
_INLINE = re.compile(r"(?<!\\)\]\(")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*(<[^>]*>|\S+)")


@memo.of_text
def find_links(text: str, *, first_line: int = 1) -> list[Link]:
    """Every link and image target of a Markdown text, outside code and HTML comments.

    ``first_line`` is the line number of the text's first line in its file (after a front matter).
    """
    links: list[Link] = []
    offset = 0
    fence: str | None = None
    in_comment = False
    for number, line in enumerate(text.splitlines(keepends=True), start=first_line):
        start_of_line = offset
        offset += len(line)
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        visible, in_comment = _without_comments(line, in_comment)
        visible = without_code_spans(visible)
        reference = _REFERENCE.match(visible)
        if reference:
            links.append(_link(reference.group(1), number, start_of_line, reference.start(1)))
            continue
        destinations = _Destinations(visible) if "](" in visible else None
        for match in _INLINE.finditer(visible):
            position = match.end()
            while position < len(visible) and visible[position] in " \t":
                position += 1
            target = _inline_target(visible, position, destinations)
            if target:
                links.append(_link(target, number, start_of_line, position))
    return links


def _link(written: str, line: int, line_offset: int, column: int) -> Link:
    if written.startswith("<") and written.endswith(">"):
        written, column = written[1:-1], column + 1
    return Link(written, line, column + 1, line_offset + column, line_offset + column + len(written))


def _inline_target(line: str, position: int, destinations: "_Destinations | None" = None) -> str:
    """The destination of ``[text](destination "title")`` starting at ``position``: up to a
    blank or to the « ) » that balances the parentheses opened after ``position``."""
    if line[position:position + 1] == "<":
        end = line.find(">", position)
        return line[position:end + 1] if end > 0 else ""
    end = (destinations or _Destinations(line)).end(position)
    # No real address is longer; a longer one is cut (and then reported as broken), so that a
    # line of « [x]([x]([x](… » does not copy the rest of the line once per link.
    return line[position:min(end, position + LINK_MAX)]


class _Destinations:
    """Where a link destination starting anywhere on one line ends, each answer in log time: a
    scan per link would make « [x]([x]([x](… » quadratic (minutes for a few hundred Ko)."""

    def __init__(self, line: str):
        self.length = len(line)
        self.next_blank = [self.length] * (self.length + 1)
        for index in range(self.length - 1, -1, -1):
            self.next_blank[index] = index if line[index].isspace() else self.next_blank[index + 1]
        # The nesting level before each character, and where each level's « ) » are: the end is
        # the first « ) » at the level of the start.
        self.level = [0] * (self.length + 1)
        self.closers: dict[int, list[int]] = {}
        level = 0
        for index, char in enumerate(line):
            self.level[index] = level
            if char == "(":
                level += 1
            elif char == ")":
                self.closers.setdefault(level, []).append(index)
                level -= 1
        self.level[self.length] = level

    def end(self, start: int) -> int:
        closers = self.closers.get(self.level[start], [])
        found = bisect.bisect_left(closers, start)
        close = closers[found] if found < len(closers) else self.length
        return min(close, self.next_blank[start])


def without_code_spans(line: str) -> str:
    """The line with its code spans blanked (same length). A span opens with a run of backticks
    and closes at the next run of the same length; found in one pass (a backtracking pattern
    took cubic time on a long run of backticks)."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    following: dict[int, int] = {}
    next_same = [-1] * len(runs)
    for index in range(len(runs) - 1, -1, -1):
        size = runs[index][1] - runs[index][0]
        next_same[index] = following.get(size, -1)
        following[size] = index
    pieces, position, index = [], 0, 0
    while index < len(runs):
        closing = next_same[index]
        if closing < 0:
            index += 1
            continue
        start, end = runs[index][0], runs[closing][1]
        pieces += [line[position:start], " " * (end - start)]
        position, index = end, closing + 1
    pieces.append(line[position:])
    return "".join(pieces)


def _without_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line with HTML comments blanked (same length, so that columns stay right)."""
    result = []
    position = 0
    while position < len(line):
        if in_comment:
            end = line.find("-->", position)
            if end < 0:
                result.append(" " * (len(line) - position))
                return "".join(result), True
            result.append(" " * (end + 3 - position))
            position, in_comment = end + 3, False
        else:
            start = line.find("<!--", position)
            if start < 0:
                result.append(line[position:])
                break
            result.append(line[position:start])
            position, in_comment = start, True
    return "".join(result), in_comment


# -- anchors ---------------------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\{:?[^}]*#([\w-]+)[^}]*\}")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
_INLINE_MARKUP = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"(\*\*|__|\*|_|`)"), ""),
)


@memo.pure(set)
def _page_anchors(text: str) -> set[str]:
    """``anchors_of`` the body of a page, kept by the page's whole text (the same string from one
    build to the next while the file is unchanged)."""
    return anchors_of(split_front_matter(text)[0])


@memo.pure(set)
def anchors_of(text: str) -> set[str]:
    """The ids a page written in Markdown has: headings (named as the toc extension names them,
    after the ids set by attribute lists ``{#id}``), those ids and HTML ``id=``/``name=``."""
    explicit: set[str] = set()
    html_ids: set[str] = set()
    titles: list[str] = []
    previous = ""
    fence: str | None = None
    for line in text.splitlines():
        if fence:
            fence = None if line.strip().startswith(fence) else fence
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        html_ids.update(_HTML_ID.findall(line))
        heading = _ATX.match(line)
        title = heading.group(2) if heading else None
        if title is None and previous.strip() and _SETEXT.match(line):
            title = previous.strip()
        previous = line
        if title is None:
            explicit.update(_ATTR_ID.findall(line))
        elif _ATTR_ID.search(title):
            explicit.add(_ATTR_ID.search(title).group(1))
        else:
            titles.append(title)
    ids = set(explicit)
    for title in titles:
        for pattern, replacement in _INLINE_MARKUP:
            title = pattern.sub(replacement, title)
        unique(slugify(html.unescape(title), "-"), ids)
    return ids | html_ids


# -- what exists -----------------------------------------------------------------------------------

def generated_pages(site: Site) -> dict[str, tuple[str, str]]:
    """Every page the engine generates from the data: ``src_uri -> (kind, key)``, as the hooks
    register them in ``territoire.engine.pages`` (tests compare the two on real builds)."""
    pages: dict[str, tuple[str, str]] = {}

    def add(src_uri: str, kind: str, key: str = "index") -> None:
        pages[src_uri] = (kind, key)

    add("membres/index.md", "members")
    for member in site.members:
        add(f"membres/{member.id}.md", "member", member.id)
    for option in filter_options(site):
        add(f"membres/{option.page_key}.md", "members-filter", option.page_key)
    add("valeurs/index.md", "values")
    for value in site.values:
        add(f"valeurs/{value.id}.md", "value", value.id)
    add("axes/index.md", "axes")
    for axis in site.axes:
        add(f"axes/{axis.id}.md", "axis", axis.id)
    for key in LEGAL_PAGES:
        add(f"{key}.md", "legal", key)
    if showcase(site):  # an empty section has no page (nor menu entry)
        add("made-in/index.md", "showcase")
    add("chiffres-cles/index.md", "key-figures")
    add(f"{OPEN_DATA_DIR}/index.md", "opendata")
    add("gouvernance/index.md", "governance")
    if site.roadmap is not None and site.roadmap.published:
        add(f"{ROADMAP_DIR}/index.md", "roadmap")
        for action in site.roadmap.actions:
            add(f"{ROADMAP_DIR}/actions/{action.id}.md", "roadmap-action", action.id)
        for group in site.roadmap.filters():
            for option in group.options:
                add(f"{ROADMAP_DIR}/{option.key}.md", "roadmap-filter", option.key)
    agenda = site.agenda
    if agenda is not None and agenda.events:
        add(f"{AGENDA_DIR}/index.md", "agenda")
    if agenda is not None and agenda.editions:
        add(f"{EDITIONS_DIR}/index.md", "editions")
    if agenda is not None:
        for event in agenda.events:
            add(f"{AGENDA_DIR}/{event.id}.md", "event", event.id)
        for month in agenda.months():
            add(f"{AGENDA_DIR}/mois/{month:%Y-%m}.md", "month", f"{month:%Y-%m}")
        for edition in agenda.editions:
            add(f"{EDITIONS_DIR}/{edition.id}.md", "edition", edition.id)
            for facet_kind, facets in agenda.facets(edition.id).items():
                for facet in facets:
                    key = f"{edition.id}/{facet_kind}/{facet.key}"
                    add(f"{EDITIONS_DIR}/{key}.md", "edition-filter", key)
    return pages


@dataclass(frozen=True)
class ContentRules:
    """What mkdocs.yml says about the files of content/: the menu (``nav``) and the patterns of
    ``exclude_docs``, ``draft_docs`` and ``not_in_nav``, read as MkDocs reads them (gitignore
    patterns; anything with ``match_file``, such as the build's own, works too)."""

    nav: object = None
    exclude: object = None
    drafts: object = None
    not_in_nav: object = None

    @classmethod
    def from_config(cls, config: dict) -> "ContentRules":
        def spec(key: str):
            text = config.get(key)
            return GitIgnoreSpec.from_lines(text.splitlines()) if isinstance(text, str) else None
        return cls(config.get("nav"), spec("exclude_docs"), spec("draft_docs"), spec("not_in_nav"))

    def published(self, src_uri: str) -> bool:
        """MkDocs builds the file (hidden files, templates/ and exclude_docs are left out)."""
        return not (_DEFAULT_EXCLUDE.match_file(src_uri)
                    or (self.exclude and self.exclude.match_file(src_uri))
                    or (self.drafts and self.drafts.match_file(src_uri)))

    def key(self) -> tuple[object, ...] | None:
        """The rules as a key that equal rules share (None if a rule is not a plain spec)."""
        parts: list[object] = [repr(self.nav)]
        for spec in (self.exclude, self.drafts, self.not_in_nav):
            if spec is None:
                parts.append(None)
            elif type(spec) is GitIgnoreSpec and all(
                    isinstance(getattr(pattern, "pattern", None), str) for pattern in spec.patterns):
                parts.append(tuple(pattern.pattern for pattern in spec.patterns))
            else:
                return None  # not known to be equal to an earlier one: not kept
        return tuple(parts)

    def needs_menu(self, src_uri: str) -> bool:
        return not (self.not_in_nav and self.not_in_nav.match_file(src_uri))


_DEFAULT_EXCLUDE = GitIgnoreSpec.from_lines([".*", "/templates/"])  # as mkdocs/structure/files.py


def content_files(content_dir: Path, rules: ContentRules | None = None) -> list[str]:
    """The files MkDocs takes from content/ (paths relative to it)."""
    rules = rules or ContentRules()
    below = files_below(content_dir)
    # Under the preview, kept while the files and the rules are the same: each file is matched
    # against several gitignore specs, thousands of files at every save.
    key = ("content files", tuple(below), rules.key()) if memo.keeping() else None
    found = memo.recall(key) if key and key[2] is not None else None
    if found is None:
        found = tuple(relative for relative in below if rules.published(relative))
        if key and key[2] is not None:
            memo.remember(key, found)
    return list(found)


def link_targets(site: Site, content_dir: Path, rules: ContentRules | None = None) -> LinkTargets:
    """What the links of ``content_dir`` may point at, for this validated site."""
    targets = LinkTargets()
    folder = os.fspath(content_dir)
    for src_uri in content_files(content_dir, rules):
        if src_uri.endswith(".md"):
            targets.pages.add(src_uri)
            text = memo.text_of(os.path.join(folder, src_uri))
            targets.anchors[src_uri] = _page_anchors(text)
        else:
            targets.files.add(src_uri)
    generated = generated_pages(site)
    targets.pages.update(generated)
    for src_uri, (kind, key) in generated.items():
        targets.short.setdefault(kind, {})[key] = src_uri
    targets.short["news"] = {item.id: item.src_uri for item in site.news}
    return targets


def nav_pages(nav: object) -> set[str]:
    """The pages the menu names (mkdocs.yml's ``nav``: texts, lists, ``{title: page}``)."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav)) if nav else set()
    return set()


def omitted_pages(content_dir: Path, rules: ContentRules, *, root: Path) -> list[DataIssue]:
    """Pages of content/ that the menu does not name: MkDocs' strict mode refuses them
    (``validation: omitted_files``); articles are the blog's and need no menu entry."""
    named = nav_pages(rules.nav)
    issues = []
    for src_uri in content_files(content_dir, rules):
        if (src_uri.endswith(".md") and src_uri not in named and rules.needs_menu(src_uri)
                and not src_uri.startswith(POSTS_DIR + "/")):
            issues.append(DataIssue(
                _display(content_dir / src_uri, root), 1, 1, "",
                f"page hors du menu : trouvé la page « {src_uri} », que le menu du site (« nav » de "
                "mkdocs.yml) ne cite pas, attendu une page du menu ou un article de "
                f"content/{POSTS_DIR}/"))
    return issues


# -- checking --------------------------------------------------------------------------------------

def check_links(site: Site, content_dir: Path, *, root: Path, rules: ContentRules | None = None,
                targets: LinkTargets | None = None) -> list[DataIssue]:
    """Every problem with a link of the Markdown pages of ``content_dir``, paths shown relative to
    ``root`` (the project)."""
    targets = targets or link_targets(site, content_dir, rules)
    # The preview keeps each page's result while neither its text nor the targets change.
    fingerprint = targets.fingerprint() if memo.keeping() else None
    issues: list[DataIssue] = []
    folder = os.fspath(content_dir)
    for src_uri in sorted(targets.anchors):
        text = memo.text_of(os.path.join(folder, src_uri))
        key = ("link problems", src_uri, text, fingerprint)
        found = memo.recall(key) if fingerprint else None
        if found is None:
            body, first_line = split_front_matter(text)
            found = tuple((link.line, link.column, problem)
                          for link in find_links(body, first_line=first_line)
                          if (problem := link_problem(link.target, src_uri, targets)))
            memo.remember(key, found)
        shown = _display(content_dir / src_uri, root) if found else ""
        issues += [DataIssue(shown, line, column, "", problem) for line, column, problem in found]
    return issues


def link_problem(target: str, src_uri: str, targets: LinkTargets) -> str | None:
    """What is wrong with ``target`` written in page ``src_uri``, in French; None if nothing."""
    scheme = _SCHEME.match(target)
    if target.startswith("//"):
        return None
    if scheme:
        prefix = scheme.group(1)
        if prefix.lower() in EXTERNAL_SCHEMES:
            return None
        rest = target[scheme.end():]
        if prefix not in _BY_PREFIX:
            close = difflib.get_close_matches(prefix, list(_BY_PREFIX), n=1, cutoff=0.6)
            hint = f" (vouliez-vous écrire « {close[0]}:{rest} » ?)" if close else ""
            return (f"forme de lien inconnue : trouvé « {target} », attendu une adresse « https://… », "
                    f"le chemin d'un fichier .md ou l'une des formes courtes {SHORT_FORMS_TEXT}{hint}")
        key, _, anchor = rest.partition("#")
        page = targets.resolve_short(prefix, key)
        if page is None:
            return _unknown_short(_BY_PREFIX[prefix], key, targets)
        return _anchor_problem(target, anchor, page, targets) if anchor else None
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return _anchor_problem(target, anchor, src_uri, targets) if anchor else None
    if path.startswith(("/", "\\")):
        return (f"lien absolu : trouvé « {target} », attendu un lien relatif vers le fichier de la "
                f"page{_suggestion(_page_of_address(path, targets), src_uri, anchor, targets)}")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), _unquote(path)))
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if path.endswith("/") or "." not in last:
        return (f"lien vers une adresse : trouvé « {target} », attendu le chemin du fichier .md "
                f"de la page{_suggestion(_page_of_address(resolved, targets), src_uri, anchor, targets)}")
    if resolved in targets.pages:
        return _anchor_problem(target, anchor, resolved, targets) if anchor else None
    if resolved in targets.files:
        return None
    known = sorted(targets.pages if resolved.endswith(".md") else targets.files)
    close = difflib.get_close_matches(resolved, known, n=1, cutoff=0.6)
    hint = (f" (vouliez-vous écrire « {_relative(close[0], src_uri)} » ?)" if close else "")
    what = "page" if resolved.endswith(".md") else "fichier"
    return (f"lien cassé : trouvé « {target} », attendu le chemin d'une {what} qui existe, depuis "
            f"le dossier de cette page{hint}")


def _unknown_short(form: ShortForm, key: str, targets: LinkTargets) -> str:
    if form.kind == "page":
        known = sorted(uri.removesuffix(".md").removesuffix("/index") for uri in targets.pages)
    else:
        known = sorted(targets.short.get(form.kind, {}))
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" (vouliez-vous écrire « {form.prefix}:{close[0]} » ?)" if close else ""
    return (f"{form.unknown} : trouvé « {form.prefix}:{key} », attendu {form.expected}{hint} ; "
            "la liste : python3 tasks.py ids")


def _anchor_problem(target: str, anchor: str, page: str, targets: LinkTargets) -> str | None:
    anchors = targets.anchors.get(page, set())
    if anchor in anchors:
        return None
    if not anchors:
        return (f"ancre introuvable : trouvé « {target} », attendu un lien sans « #{anchor} » : "
                f"la page {page} n'a pas d'intertitres")
    close = difflib.get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.6)
    hint = f" (vouliez-vous écrire « #{close[0]} » ?)" if close else ""
    listed = ", ".join(f"#{name}" for name in sorted(anchors)[:8])
    more = ", …" if len(anchors) > 8 else ""
    return (f"ancre introuvable : trouvé « {target} », attendu l'une des ancres de {page} : "
            f"{listed}{more}{hint}")


def _page_of_address(path: str, targets: LinkTargets) -> str | None:
    """The page shown at an address such as ``/membres/bulane/`` (or ``membres/bulane``)."""
    stem = _unquote(path).strip("/\\")
    if stem.endswith((".html", ".md")):
        stem = stem.rsplit(".", 1)[0].removesuffix("/index").removesuffix("index")
    for candidate in (f"{stem}.md", f"{stem}/index.md", "index.md" if not stem else ""):
        if candidate in targets.pages:
            return candidate
    # An article is shown at actualites/<year>/<slug>/: its file name is usually its slug.
    slug = stem.rsplit("/", 1)[-1]
    for src_uri in sorted(targets.short.get("news", {}).values()):
        if posixpath.basename(src_uri).removesuffix(".md") == slug:
            return src_uri
    return None


def _suggestion(page: str | None, src_uri: str, anchor: str, targets: LinkTargets) -> str:
    if page is None:
        return ""
    fragment = f"#{anchor}" if anchor else ""
    short = _short_form_of(page, targets)
    relative = _relative(page, src_uri) + fragment
    if short:
        return f" (« {relative} » ou « {short}{fragment} »)"
    return f" (« {relative} »)"


def _short_form_of(page: str, targets: LinkTargets) -> str | None:
    for form in SHORT_FORMS:
        if form.kind == "page":
            continue
        for key, src_uri in targets.short.get(form.kind, {}).items():
            if src_uri == page:
                return f"{form.prefix}:{key}"
    return "page:" + (page.removesuffix(".md").removesuffix("/index") if page != "index.md" else "")


def _relative(target: str, src_uri: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")


def _unquote(path: str) -> str:
    from urllib.parse import unquote
    return unquote(path)


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

