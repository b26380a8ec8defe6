"""Read YAML data files and Markdown front matter, keeping the position of every value.

The reader turns one file into a ``SourceDocument`` (``document.py``): its data and the line and
column of each key and value. Front matter is split from the body by ``python-frontmatter``'s YAML
handler (with MkDocs' own fence, exactly ``---``); the YAML itself is read here, because the
library's ``load`` gives no positions and would expand aliases.

Everything an author or a hostile contributor can write is bounded before it is built (limits a
real territory never meets: the sample's largest file is 9 Ko): a file's size, the number of
values and the depth of nesting; anchors and aliases (``&`` and ``*``, the "billion laughs") and
tags (``!!python/object``, ``!custom``, ``!!str``) are refused; a symbolic link is never read.
A YAML syntax error is explained in French at the line of the mistake (``yaml_syntax.py``); the
reader then corrects that line in memory and reads on, so that the file's other mistakes are
reported in the same run. Each problem is an issue with file:line; the file is then unusable.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from territoire import memo
from territoire.document import Path_, SourceDocument, dotted_path
from territoire.errors import IssueCollector
from territoire.safety import check_text
from territoire.yaml_syntax import diagnose

__all__ = ["Path_", "SourceDocument", "dotted_path", "read_yaml", "read_front_matter",
           "check_pages", "check_links", "split_front_matter", "DATA_MAX_BYTES", "PAGE_MAX_BYTES",
           "MAX_VALUES", "MAX_DEPTH"]

DATA_MAX_BYTES = 256 * 1024
"""A data file or a front matter: the sample's largest is 9 Ko; 2,000 members fit in 200 Ko."""
PAGE_MAX_BYTES = 512 * 1024
"""A Markdown page, front matter included: a long article is 30 Ko."""
PAGE_SUFFIXES = {".md", ".markdown", ".mdown", ".mkdn", ".mkd"}
"""What MkDocs renders as a page."""
MAX_VALUES = 20_000
"""Keys, values and lists in one file: 1,000 members in data/members.yml are 9,000."""
MAX_DEPTH = 32
"""Lists and fields nested in one another: the data formats need 6."""
_REPAIR_ROUNDS = 10
"""Syntax errors reported in one file before giving up on reading its other mistakes."""
_REPAIR_MAX_BYTES = 64 * 1024
"""Above this size (four times the longest member profile of a large territory), the first
syntax error alone is reported: each further one means reading the whole file again."""

_BOM = b"\xef\xbb\xbf"
_FRONT_MATTER = YAMLHandler(fm_boundary=re.compile(r"^-{3}[ \t]*\r?$", re.MULTILINE))
"""MkDocs takes a front matter only between two lines of exactly three dashes: the same rule, so
that what is validated here is what MkDocs reads."""
# What YAML refuses in a file (it allows tab, line feed, carriage return and printable text).
_CONTROL = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml when present: 5x faster on thousands of files, and its errors carry the same marks."""
_STANDARD_TAG = "tag:yaml.org,2002:"
_HASHTAG = re.compile(r"^(\s+)#[^\s#]")


def read_yaml(path: Path, issues: IssueCollector, *, line_offset: int = 0,
              text: str | None = None) -> SourceDocument | None:
    """Parse a YAML file (or the given text, shifted by ``line_offset`` lines); while the preview
    keeps results (``territoire.memo``), a text already read without any issue is not parsed again.
    """
    if not memo.keeping():
        return _read_yaml(path, issues, line_offset=line_offset, text=text)
    source = text if text is not None else _peek(path)
    if source is None:
        return _read_yaml(path, issues, line_offset=line_offset, text=text)
    key = ("read_yaml", str(path), line_offset, source)
    found = memo.recall(key)
    if found is not None:
        return found
    before = issues.count
    document = _read_yaml(path, issues, line_offset=line_offset, text=text)
    if document is not None and issues.count == before:
        memo.remember(key, document)
    return document


def _peek(path: Path) -> str | None:
    try:
        if path.is_symlink() or path.stat().st_size > DATA_MAX_BYTES:
            return None
        return memo.text_of(path)
    except (OSError, UnicodeError):
        return None


def _read_yaml(path: Path, issues: IssueCollector, *, line_offset: int = 0,
               text: str | None = None) -> SourceDocument | None:
    """Parse a YAML file (or the given text, shifted by ``line_offset`` lines).

    Returns ``None`` after recording an issue when the file cannot be used at all. After a syntax
    error, the document read from the corrected text is returned so that its other mistakes are
    reported too; the syntax error is in ``issues``, so nothing is built from it.
    """
    if text is None:
        text = _read_text(path, issues, DATA_MAX_BYTES, "un fichier de données")
        if text is None:
            return None
        if not text.strip() or _only_comments(text):
            issues.add(path, 1, 1, "", "fichier vide : trouvé aucune donnée, attendu un contenu YAML")
            return None
    elif len(text.encode("utf-8")) > DATA_MAX_BYTES:
        issues.add(path, 1 + line_offset, 1, "", f"taille : trouvé un en-tête de "
                   f"{_size(len(text.encode('utf-8')))}, attendu au plus {_size(DATA_MAX_BYTES)}")
        return None
    control = _CONTROL.search(text)
    if control:
        before = text[: control.start()]
        line, column = before.count("\n") + 1, control.start() - (before.rfind("\n") + 1) + 1
        issues.add(path, line + line_offset, column, "", "caractère interdit : trouvé le caractère "
                   f"de contrôle U+{ord(control.group()):04X}, attendu du texte sans caractère "
                   "invisible (copié-collé ?)")
        return None
    text = _replace_tabs(path, text, issues, line_offset)
    node = None
    for _round in range(_REPAIR_ROUNDS):
        try:
            if not _screen(path, text, issues, line_offset):
                return None
            node = yaml.compose(text, Loader=_LOADER)
            break
        except yaml.MarkedYAMLError as error:
            diagnosis = diagnose(text, error)
            issues.add(path, diagnosis.line + line_offset, diagnosis.column, "", diagnosis.message)
            if diagnosis.repaired is None or len(text) > _REPAIR_MAX_BYTES:
                return None
            if diagnosis.guessed:
                issues.hush(path, diagnosis.line + line_offset)
            text = diagnosis.repaired
        except (yaml.YAMLError, RecursionError):
            issues.add(path, 1 + line_offset, 1, "", "syntaxe YAML invalide : trouvé un texte que "
                       "YAML ne sait pas lire, attendu un document YAML bien formé")
            return None
    else:
        return None
    document = SourceDocument(path=path, data=None)
    if node is None:
        document.data = {}
        return document
    builder = _Builder(document, issues, line_offset, text.split("\n"))
    document.data = builder.build(node, ())
    if builder.failed:
        return None
    # Every data file and front matter is screened for scripts and dangerous links.
    check_text(document, issues)
    return document


def _screen(path: Path, text: str, issues: IssueCollector, line_offset: int) -> bool:
    """Refuse, before anything is built, what could make a few lines cost minutes or gigabytes
    (anchors and aliases, too many values, too deep a nesting) and tags. Raises the parser's
    error on a syntax error."""
    depth = values = 0
    anchors: set[str] = set()
    clean = True

    def refuse(event: yaml.Event, message: str) -> None:
        nonlocal clean
        clean = False
        mark = event.start_mark
        issues.add(path, mark.line + 1 + line_offset, mark.column + 1, "", message)

    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                refuse(event, f"imbrication : trouvé plus de {MAX_DEPTH} niveaux de listes et de "
                       f"champs les uns dans les autres, attendu au plus {MAX_DEPTH}")
                return False
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if not isinstance(event, yaml.NodeEvent):
            continue
        values += 1
        if values > MAX_VALUES:
            refuse(event, f"taille : trouvé plus de {MAX_VALUES:_} valeurs dans un seul fichier, "
                   f"attendu au plus {MAX_VALUES:_}".replace("_", "\u202f"))
            return False
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                refuse(event, f"alias YAML : trouvé « *{event.anchor} », attendu une valeur écrite "
                       "en entier (les alias « * » et les ancres « & » ne sont pas acceptés)")
            continue
        if event.anchor is not None:
            anchors.add(event.anchor)
            refuse(event, f"ancre YAML : trouvé « &{event.anchor} », attendu une valeur écrite en "
                   "entier à chaque endroit (les ancres « & » et les alias « * » ne sont pas "
                   "acceptés)")
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_STANDARD_TAG):] if tag.startswith(_STANDARD_TAG) else tag
            refuse(event, f"étiquette YAML : trouvé « {shown} », attendu une valeur sans étiquette "
                   "(une valeur qui commence par « ! » s'écrit entre guillemets)")
    return clean


def _replace_tabs(path: Path, text: str, issues: IssueCollector, line_offset: int) -> str:
    """Report every line indented with a tab; go on with the tab replaced by the indentation the
    line most likely meant, so that the file's other mistakes are found too."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" not in indent:
            continue
        issues.add(path, number + 1 + line_offset, indent.index("\t") + 1, "",
                   "indentation : trouvé une tabulation, attendu des espaces")
        issues.hush(path, number + 1 + line_offset)
        above = next((lines[i] for i in range(number - 1, -1, -1) if lines[i].strip()), "")
        width = len(above) - len(above.lstrip(" "))
        if above.rstrip().endswith(":"):
            width += 2
        lines[number] = " " * width + line.lstrip(" \t")
    return "\n".join(lines)


def read_front_matter(path: Path, issues: IssueCollector, *,
                      required: bool = True) -> tuple[SourceDocument, str] | None:
    """Split a Markdown file into its front matter document and its body.

    Without ``required``, a page without front matter gives an empty document.
    """
    text = _read_text(path, issues, PAGE_MAX_BYTES, "une page")
    if text is None:
        return None
    if not _FRONT_MATTER.detect(text):
        if not required:
            return SourceDocument(path=path, data={}), text
        issues.add(path, 1, 1, "", "en-tête absent : trouvé du texte, attendu un bloc « --- » "
                   "d'en-tête YAML en première ligne")
        return None
    try:
        header, body = _FRONT_MATTER.split(text)
    except ValueError:
        issues.add(path, 1, 1, "", "en-tête non fermé : trouvé un « --- » d'ouverture seul, "
                   "attendu une seconde ligne « --- » après l'en-tête")
        return None
    # The header starts with the end of the opening "---" line: its line N is the file's line N.
    document = read_yaml(path, issues, text=header)
    if document is None:
        return None
    if not isinstance(document.data, dict):
        issues.add(path, 2, 1, "", "en-tête : trouvé autre chose qu'un ensemble de champs, "
                   "attendu des lignes « champ: valeur »")
        return None
    return document, body.removeprefix("\r").removeprefix("\n")


@memo.for_this_build
def folder_entries(folder: Path) -> list[tuple[str, list[tuple[str, bool, bool, bool]]]]:
    """Every folder under ``folder`` in ``os.walk``'s order (top-down, links to folders not
    entered), as (its path relative to ``folder``, "" for ``folder`` itself; its entries as (name,
    is a folder, is a symbolic link, is a file)). One ``scandir`` per folder: the kind of each
    entry comes with its name, where ``os.walk`` then ``isfile`` or ``is_symlink`` look again.

    The listing stops past ``limits.DATA_MAX_FILES`` entries: a project that holds more is
    refused (``limits.too_many_files``) before anything else uses the listing."""
    from territoire.limits import DATA_MAX_FILES  # limits uses this module

    found: list[tuple[str, list[tuple[str, bool, bool, bool]]]] = []
    pending = [("", os.fspath(folder))]
    listed = 0
    while pending and listed <= DATA_MAX_FILES:
        relative, absolute = pending.pop()
        try:
            with os.scandir(absolute) as listing:
                scanned = list(listing)
        except OSError:
            continue  # as os.walk: a folder that cannot be listed is skipped
        entries = []
        below = []
        for entry in scanned:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            is_link = entry.is_symlink()
            try:
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_file = False
            entries.append((entry.name, is_dir, is_link, is_file))
            listed += 1
            if listed > DATA_MAX_FILES:
                break
            if is_dir and not is_link:
                below.append((f"{relative}/{entry.name}" if relative else entry.name, entry.path))
        found.append((relative, entries))
        pending.extend(reversed(below))
    return found


@memo.for_this_build
def files_below(folder: Path) -> list[str]:
    """The files under ``folder`` (paths relative to it), sorted by path parts as
    ``sorted(folder.rglob("*"))`` sorts them: links to folders are not entered, links to files
    are kept."""
    found = [f"{relative}/{name}" if relative else name
             for relative, entries in folder_entries(folder)
             for name, _is_dir, _is_link, is_file in entries if is_file]
    return sorted(found, key=lambda relative: relative.split("/"))


def split_front_matter(text: str) -> tuple[str, int]:
    """The Markdown after the front matter, and the line number where it starts (1 without one):
    the same split as the reader's, for the link checker."""
    if _FRONT_MATTER.detect(text):
        try:
            header, body = _FRONT_MATTER.split(text)
        except ValueError:
            return text, 1
        return body.removeprefix("\r").removeprefix("\n"), header.count("\n") + 2
    return text, 1


def check_pages(content: Path, issues: IssueCollector, *, skip: str = "") -> None:
    """Every Markdown page of ``content`` (but those under ``skip``, read by their own loader):
    bounded in size, its front matter read and screened like a data file before MkDocs reads it."""
    if not content.is_dir():
        return
    for relative in files_below(content):
        if os.path.splitext(relative)[1].lower() not in PAGE_SUFFIXES:
            continue
        hidden = any(part.startswith(".") for part in relative.split("/"))
        if hidden or (skip and relative.startswith(skip)):
            continue
        read_front_matter(content / relative, issues, required=False)


def check_links(folders: list[Path], issues: IssueCollector) -> None:
    """Refuse every symbolic link in the territory's folders, whatever it points at: a link can
    publish or quote a file that is not the territory's, and a Git checkout on Windows turns it
    into a text file. The link is named, never its target."""
    for folder in folders:
        if folder.is_symlink():
            _refuse_link(folder, issues)
            continue
        if not folder.is_dir():
            continue
        for relative, entries in folder_entries(folder):
            root = folder / relative if relative else folder
            for name, _is_dir, is_link, _is_file in sorted(entries):
                if is_link:
                    _refuse_link(root / name, issues)


def _refuse_link(path: Path, issues: IssueCollector) -> None:
    issues.add(path, 1, 1, "", "lien symbolique : trouvé un lien vers un autre fichier ou dossier, "
               "attendu un vrai fichier du territoire (les liens symboliques ne sont pas suivis)")


def _read_text(path: Path, issues: IssueCollector, max_bytes: int, kind: str) -> str | None:
    if _is_link(path, issues):
        _refuse_link(path, issues)
        return None
    try:
        status = path.stat()
    except OSError:
        issues.add(path, 1, 1, "", "fichier introuvable : attendu un fichier lisible à cet endroit")
        return None
    if not stat.S_ISREG(status.st_mode):
        issues.add(path, 1, 1, "", "fichier spécial : trouvé autre chose qu'un fichier ordinaire, "
                   "attendu un fichier texte")
        return None
    if status.st_size > max_bytes:
        issues.add(path, 1, 1, "", f"taille : trouvé {_size(status.st_size)}, attendu au plus "
                   f"{_size(max_bytes)} pour {kind}")
        return None
    # Under the preview, a file that passed these checks and has not changed since (same inode,
    # size and modification time) is not read again.
    key = ("checked text", str(path), status.st_ino, status.st_mtime_ns, status.st_size)
    kept = memo.recall(key)
    if kept is not None:
        return kept
    text = _decoded(path, issues, max_bytes)
    if text is not None:
        memo.remember(key, text)
    return text


def _decoded(path: Path, issues: IssueCollector, max_bytes: int) -> str | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError:
        issues.add(path, 1, 1, "", "fichier introuvable : attendu un fichier lisible à cet endroit")
        return None
    if raw.startswith(_BOM):
        issues.add(path, 1, 1, "", "encodage : trouvé une marque d'ordre d'octets (BOM), "
                   "attendu de l'UTF-8 sans BOM")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        issues.add(path, line, column, "", f"encodage : trouvé l'octet 0x{raw[error.start]:02x} "
                   "qui n'est pas de l'UTF-8, attendu un fichier enregistré en UTF-8")
        return None


def _is_link(path: Path, issues: IssueCollector) -> bool:
    """Whether ``path`` is a link, or lies in a linked folder of the territory."""
    if os.path.islink(path):
        return True
    return _in_linked_folder(os.path.dirname(os.path.abspath(path)),
                             os.path.abspath(issues.root), issues.linked_folders)


def _in_linked_folder(folder: str, top: str, linked: dict[str, bool]) -> bool:
    # Each folder is looked at once per load: a territory's thousands of files share a few.
    if not folder.startswith(top + os.sep):
        return False
    if folder not in linked:
        linked[folder] = os.path.islink(folder) or \
            _in_linked_folder(os.path.dirname(folder), top, linked)
    return linked[folder]


def _size(size: int) -> str:
    return f"{size / 1024:.0f} Ko" if size < 10 * 1024 * 1024 else f"{size / (1024 * 1024):.0f} Mo"


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


class _Builder:
    """Turns a composed YAML node tree into Python data, noting positions and duplicate keys."""

    def __init__(self, document: SourceDocument, issues: IssueCollector, line_offset: int,
                 lines: list[str]):
        self.document = document
        self.issues = issues
        self.line_offset = line_offset
        self.lines = lines
        self.constructor = yaml.SafeLoader("")
        self.failed = False

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.value_positions[path] = self._mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, column = self._mark(key_node)
                    self.issues.add(self.document.path, line, column, dotted_path(path),
                                    "nom de champ : trouvé une liste ou un ensemble de champs à la "
                                    "place d'un nom, attendu « champ: valeur »")
                    self.failed = True
                    continue
                key = self.constructor.construct_object(key_node, deep=True)
                if isinstance(key, (dt.date, int, float, bool)) or key is None:
                    key = str(key_node.value)
                key = str(key)
                if key in result:
                    line, column = self._mark(key_node)
                    self.issues.add(self.document.path, line, column, dotted_path(path + (key,)),
                                    "champ en double : trouvé ce champ une seconde fois, "
                                    "attendu une seule occurrence")
                    self.failed = True
                    continue
                self.document.key_positions[path + (key,)] = self._mark(key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        if not node.style and node.value:  # a plain text ("" from libyaml, None from PyYAML)
            self._check_hashtag(node, path)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # An impossible date such as 2019-02-30 matches YAML's timestamp pattern but cannot be
            # built: keep the text so that the model reports it with its field and line.
            return node.value

    def _check_hashtag(self, node: yaml.ScalarNode, path: Path_) -> None:
        """« accroche: Leader #1 de la région » reads as « Leader » and a comment: YAML drops the
        rest without a word. A comment starts with « # » and a space; « #1 » or « #industrie »
        right after a text is the author's text."""
        end = node.end_mark
        rest = self.lines[end.line][end.column:] if end.line < len(self.lines) else ""
        tag = _HASHTAG.match(rest)
        if not tag:
            return
        line, column = end.line + 1 + self.line_offset, end.column + len(tag.group(1)) + 1
        text = f"{node.value}{rest}".strip()
        quoted = f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"
        self.issues.add(self.document.path, line, column, dotted_path(path),
                        f"« # » dans un texte : trouvé « {rest.strip()} » après « {node.value} », "
                        "que YAML prend pour un commentaire et retire, attendu le texte entre "
                        f"guillemets : « {quoted} »")
