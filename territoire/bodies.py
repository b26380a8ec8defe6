"""Screen the Markdown pages of content/ as data text is screened: no active HTML reaches the site.

Markdown lets raw HTML through to the page unchanged. Pages and articles are written by staff
but merged by people who will never spot a tag, so every page's body is parsed (the standard
library's HTML parser, which gives each tag's line and column) and refused, with file:line, when
it holds anything active or anything that loads from elsewhere:

- an element outside the allowlist ``ALLOWED_TAGS`` (``<script>``, ``<iframe>``, ``<object>``,
  ``<embed>``, ``<form>`` and its fields, ``<style>``, ``<base>``, ``<meta>``, ``<link>``, inline
  ``<svg>``…), an attribute outside ``ALLOWED_ATTRIBUTES`` (event handlers ``on…=``, ``style``…);
- an address (``href``, ``src``…, Markdown links and images, attribute lists ``{: … }``) whose
  scheme is not ``https:``, ``http:``, ``mailto:`` or ``tel:``, once entities and blanks are
  decoded as a browser decodes them (``javascript:``, ``data:``, ``vbscript:``…);
- an image loaded from another site (the site makes no request to a third party).

The safe HTML an author needs stays allowed: ``<figure>``, ``<figcaption>``, ``<abbr>``, tables,
``<details>``/``<summary>``, ``<kbd>``, ``<sup>``… Code (fenced blocks, code spans) is shown, not
run, and is not screened. Front matter is screened like any data file (``territoire.safety``), the
files themselves by their bytes (``territoire.images``).
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from territoire import memo
from territoire.errors import IssueCollector
from territoire.links import find_links, split_front_matter, without_code_spans
from territoire.sources import files_below, read_yaml

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
ACTIVE_TAGS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "style", "link", "base", "meta", "svg", "math", "template",
    "noscript", "portal", "video", "audio", "source", "track", "canvas", "dialog",
})
"""Refused with the short message: they run, load or post something."""
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "markdown"})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "target", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"},
    "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SAFE_SCHEMES = ("https", "http", "mailto", "tel")
ACTIVE_SCHEMES = ("javascript", "data", "vbscript", "file", "blob", "filesystem")
"""Refused in Markdown links; any other unknown scheme there is a mistyped short form, which the
link checker names (« vouliez-vous écrire membre:… ? »)."""

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Python-Markdown's autolinks, <https://…> and <nom@exemple.fr>: not tags.
_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|(?:mailto:)?[^<>@\s]+@[^@<>\s]+)>")
# Each pattern stops at the next bracket or brace, so that none re-reads a long line from each
# opening (« ![![![… » or « {: a={: a=… » would be quadratic or worse).
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(\s*<?((?:https?:)?//[^\s)>]{0,80})", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.{}]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)""")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_TAG_NAME = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)")
# A slash or a quote separates attributes as well as a space does: "<img/onerror=…>".
_OPEN_HANDLER = re.compile(r"<[a-zA-Z][^<>]*[\s/\"']on[a-z]+\s*=", re.IGNORECASE)
# Browsers drop ASCII blanks and controls inside and around an address: "java\tscript:".
_URL_BLANKS = re.compile(r"[\x00-\x20\x7f]")
_EXPECTED_URL = "une adresse https:, mailto:, tel: ou un chemin relatif"


def check_pages(content: Path, issues: IssueCollector, *, articles_dir: str) -> None:
    """Screen the body of every Markdown page of ``content`` (and the front matter of pages
    outside ``articles_dir``, which the news loader reads and screens itself)."""
    folder = os.fspath(content)
    for relative in (files_below(content) if content.is_dir() else []):
        if not relative.endswith(".md"):
            continue
        # A string until there is something to report: thousands of articles at every save.
        path = os.path.join(folder, relative)
        try:
            text = memo.text_of(path)
        except (OSError, UnicodeError):
            continue  # the byte screen of content/ reports it
        if relative.startswith(articles_dir + "/"):
            problems = _page_problems(text)
        else:
            body, first_line = split_front_matter(text)
            if first_line > 1:
                header = "".join(text.splitlines(keepends=True)[1:first_line - 2])
                read_yaml(Path(path), issues, line_offset=1, text=header)
            problems = body_problems(body, first_line=first_line)
        for line, column, problem in problems:
            issues.add(Path(path), line, column, "", problem)


@memo.of_text
def _page_problems(text: str) -> list[tuple[int, int, str]]:
    """``body_problems`` of a page's body, kept by the page's whole text (the same string from
    one build to the next while the file is unchanged, its hash already known)."""
    body, first_line = split_front_matter(text)
    return body_problems(body, first_line=first_line)


@memo.of_text
def body_problems(body: str, *, first_line: int = 1) -> list[tuple[int, int, str]]:
    """Every problem of a Markdown body: (line, column, French message), in reading order."""
    visible = _without_code(body)
    problems = _html_problems(visible, first_line)
    for link in find_links(visible, first_line=first_line):
        scheme = _scheme(link.target)
        if scheme in ACTIVE_SCHEMES:
            problems.append((link.line, link.column,
                             f"trouvé un lien « {scheme}: », attendu {_EXPECTED_URL}"))
    problems += _external_images(visible, first_line)
    problems += _attribute_list_problems(visible, first_line)
    return sorted(set(problems))


def _html_problems(text: str, first_line: int) -> list[tuple[int, int, str]]:
    text = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
    # After the last « > », no « < » opens a complete tag; the standard parser would re-read the
    # rest of the text from each of them (quadratic: 14 s for 9 Ko of « <a <a <a … » in Python
    # 3.11). They are left to the line-by-line reading below.
    last = text.rfind(">") + 1
    parser = _Screen()
    parser.feed(text[:last] + text[last:].replace("<", " "))
    parser.close()
    problems = [(line + first_line - 1, column, message) for line, column, message in parser.problems]
    # A tag left open (« <script src=… » without its « > ») is no tag for the parser, but a
    # browser closes it with the next « > » of the page: every line is also read for tag names
    # and handlers, whether the tag is complete or not.
    flagged = {line for line, _, _ in problems}
    for number, line in enumerate(text.splitlines(), start=first_line):
        if number in flagged:
            continue
        for match in _TAG_NAME.finditer(line):
            tag = match.group(1).lower()
            if tag not in ALLOWED_TAGS:
                problems.append((number, match.start() + 1, _tag_message(tag)))
                break
        else:
            handler = _OPEN_HANDLER.search(line)
            if handler:
                problems.append((number, handler.start() + 1, "trouvé un attribut de gestion "
                                 "d'évènement « on… », attendu aucun attribut « on… »"))
    return problems


def _tag_message(tag: str) -> str:
    if tag in ACTIVE_TAGS:
        return (f"trouvé la balise « <{tag}> », attendu du Markdown sans élément actif (ni script, "
                "ni cadre, ni objet, ni formulaire, ni style, ni base, ni meta)")
    return f"trouvé la balise « <{tag}> », attendu l'une des balises permises : {', '.join(sorted(ALLOWED_TAGS))}"


class _Screen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        where = (line, offset + 1)
        if tag not in ALLOWED_TAGS:
            self.problems.append((*where, _tag_message(tag)))
            return
        allowed = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append((*where, f"trouvé l'attribut « {name} » sur « <{tag}> », "
                                      "attendu aucun attribut de gestion d'évènement « on… »"))
            elif name.startswith("aria-"):
                continue
            elif name not in allowed:
                self.problems.append((*where, f"trouvé l'attribut « {name} » sur « <{tag}> », "
                                      f"attendu l'un des attributs permis : "
                                      f"{', '.join(sorted(allowed | {'aria-…'}))}"))
            elif name in URL_ATTRIBUTES and value:
                scheme = _bad_scheme(value)
                if scheme:
                    self.problems.append((*where, f"trouvé un lien « {scheme}: » dans l'attribut "
                                          f"« {name} » de « <{tag}> », attendu {_EXPECTED_URL}"))
                elif tag == "img" and name == "src" and _elsewhere(value):
                    self.problems.append((*where, _external_image(value)))

    handle_startendtag = handle_starttag


def _scheme(address: str) -> str | None:
    """The scheme of ``address`` as a browser reads it (entities decoded, blanks dropped)."""
    # The scheme is at the start: a few hundred characters are enough, however long the address.
    match = _SCHEME.match(_URL_BLANKS.sub("", html.unescape(address[:256])).lower())
    return match.group(1) if match else None


def _bad_scheme(address: str) -> str | None:
    """The scheme of an HTML address when it is not a safe one."""
    scheme = _scheme(address)
    return None if scheme is None or scheme in SAFE_SCHEMES else scheme


def _elsewhere(address: str) -> bool:
    cleaned = _URL_BLANKS.sub("", html.unescape(address[:256])).lower()
    return cleaned.startswith(("http:", "https:", "//"))


def _external_image(address: str) -> str:
    shown = address if len(address) <= 60 else address[:57] + "…"
    return (f"image d'un autre site : trouvé « {shown} », attendu une image rangée dans content/ "
            "(le site ne fait aucune requête vers un autre site)")


def _external_images(text: str, first_line: int) -> list[tuple[int, int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        for match in _IMAGE.finditer(line):
            found.append((number, match.start(1) + 1, _external_image(match.group(1))))
    return found


def _attribute_list_problems(text: str, first_line: int) -> list[tuple[int, int, str]]:
    """``{: onclick="…" }`` (the attr_list extension) sets any attribute on an element."""
    found = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        for block in _ATTR_LIST.finditer(line):
            if "=" not in block.group(1):
                continue
            for pair in _ATTR_PAIR.finditer(block.group(1)):
                name = pair.group(1).lower()
                value = pair.group(2).strip("\"'")
                column = block.start(1) + pair.start() + 1
                if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                    found.append((number, column, f"trouvé l'attribut « {name} » dans « {{: … }} », "
                                  "attendu aucun attribut de gestion d'évènement « on… » ni de style"))
                elif name in URL_ATTRIBUTES | {"srcset", "action", "poster", "data"} and _bad_scheme(value):
                    found.append((number, column, f"trouvé un lien « {_bad_scheme(value)}: » dans "
                                  f"« {{: … }} », attendu {_EXPECTED_URL}"))
    return found


def _without_code(text: str) -> str:
    """The text with fenced code blocks and code spans blanked (same length: positions stay)."""
    lines = text.splitlines(keepends=True)
    fence: str | None = None
    result = []
    for line in lines:
        ending = line[len(line.rstrip("\r\n")):]
        content = line[:len(line) - len(ending)]
        if fence:
            if content.strip().startswith(fence):
                fence = None
            result.append(" " * len(content) + ending)
            continue
        opening = _FENCE.match(content)
        if opening:
            fence = opening.group(1)
            result.append(" " * len(content) + ending)
            continue
        result.append(without_code_spans(content) + ending)
    return "".join(result)
