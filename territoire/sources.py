"""Read YAML data files and Markdown front matter, keeping the position of every value.

A ``SourceDocument`` holds the plain Python data of one file and, for each path inside it
(``("membres", 3, "site_web")``), the line and column of its key and of its value, so that a
validation error can point at the exact place. Files that cannot be read at all (not UTF-8, a
byte-order mark, empty, YAML syntax error, tab indentation, duplicate key) become issues here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from territoire.errors import IssueCollector

Path_ = tuple[str | int, ...]

_BOM = b"\xef\xbb\xbf"
_FRONT_MATTER_FENCE = "---"


@dataclass
class SourceDocument:
    """The data of one file plus the (line, column) of every key and value, 1-based."""

    path: Path
    data: Any
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, of_key: bool = False) -> tuple[int, int]:
        """Where ``path`` is written; for a missing path, where its closest parent is."""
        table = self.key_positions if of_key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return self.value_positions.get((), (1, 1))


def read_yaml(path: Path, issues: IssueCollector, *, line_offset: int = 0,
              text: str | None = None) -> SourceDocument | None:
    """Parse a YAML file (or the given text, shifted by ``line_offset`` lines).

    Returns ``None`` after recording an issue when the file cannot be used at all.
    """
    if text is None:
        text = _read_text(path, issues)
        if text is None:
            return None
        if not text.strip() or _only_comments(text):
            issues.add(path, 1, 1, "", "fichier vide : trouvé aucune donnée, attendu un contenu YAML")
            return None
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                issues.add(path, number + line_offset, indent.index("\t") + 1, "",
                           "indentation : trouvé une tabulation, attendu des espaces")
                return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        issues.add(path, line + line_offset, column, "",
                   f"syntaxe YAML invalide : trouvé {_french_yaml_problem(error)}, "
                   "attendu un document YAML bien formé")
        return None
    except yaml.reader.ReaderError as error:  # a control character the YAML reader refuses
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        issues.add(path, line + line_offset, column, "",
                   f"caractère interdit : trouvé le caractère de contrôle U+{error.character:04X}, "
                   "attendu du texte sans caractère invisible (copié-collé ?)")
        return None
    except yaml.YAMLError as error:
        issues.add(path, 1 + line_offset, 1, "",
                   f"syntaxe YAML invalide : trouvé « {error} », attendu un document YAML bien formé")
        return None
    document = SourceDocument(path=path, data=None)
    if node is None:
        document.data = {}
        return document
    builder = _Builder(document, issues, line_offset)
    document.data = builder.build(node, ())
    if builder.failed:
        return None
    # Every data file and front matter is screened for scripts and dangerous links (safety.py
    # imports this module, hence the import here).
    from territoire.safety import check_text
    check_text(document, issues)
    return document


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when present (5x faster on thousands of files); on any error, compose
    again with the pure-Python parser, whose messages the French translations know."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def read_front_matter(path: Path, issues: IssueCollector) -> tuple[SourceDocument, str] | None:
    """Split a Markdown file into its front matter document and its body."""
    text = _read_text(path, issues)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != _FRONT_MATTER_FENCE:
        issues.add(path, 1, 1, "", "en-tête absent : trouvé du texte, attendu un bloc « --- » "
                   "d'en-tête YAML en première ligne")
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == _FRONT_MATTER_FENCE:
            header = "".join(lines[1:index])
            body = "".join(lines[index + 1:])
            document = read_yaml(path, issues, line_offset=1, text=header)
            if document is None:
                return None
            if not isinstance(document.data, dict):
                issues.add(path, 2, 1, "", "en-tête : trouvé autre chose qu'un ensemble de champs, "
                           "attendu des lignes « champ: valeur »")
                return None
            return document, body
    issues.add(path, 1, 1, "", "en-tête non fermé : trouvé un « --- » d'ouverture seul, "
               "attendu une seconde ligne « --- » après l'en-tête")
    return None


def _read_text(path: Path, issues: IssueCollector) -> str | None:
    try:
        raw = path.read_bytes()
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


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _french_yaml_problem(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    known = {
        "mapping values are not allowed here": "un « : » mal placé (guillemets oubliés ?)",
        "could not find expected ':'": "une ligne sans « : »",
        "found character '\\t' that cannot start any token": "une tabulation",
        "found undefined alias": "un alias « * » non défini",
        "did not find expected key": "une indentation incohérente",
        "did not find expected '-' indicator": "un élément de liste mal aligné",
        "found unexpected end of stream": "une fin de fichier inattendue (guillemet non fermé ?)",
        "expected ',' or ']'": "un crochet « [ » non fermé",
        "expected ',' or '}'": "une accolade « { » non fermée",
        "expected the node content, but found '<stream end>'":
            "une fin de fichier inattendue (crochet ou guillemet non fermé ?)",
    }
    for english, french in known.items():
        if problem.startswith(english):
            return french
    return f"« {problem} »"


class _Builder:
    """Turns a composed YAML node tree into Python data, noting positions and duplicate keys."""

    def __init__(self, document: SourceDocument, issues: IssueCollector, line_offset: int):
        self.document = document
        self.issues = issues
        self.line_offset = line_offset
        self.constructor = yaml.SafeLoader("")
        self.failed = False

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.value_positions[path] = self._mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                if isinstance(key, (dt.date, int, float, bool)) or key is None:
                    key = str(key_node.value)
                key = str(key)
                if key in result:
                    line, column = self._mark(key_node)
                    self.issues.add(self.document.path, line, column, _dotted(path + (key,)),
                                    "champ en double : trouvé ce champ une seconde fois, "
                                    "attendu une seule occurrence")
                    self.failed = True
                    continue
                self.document.key_positions[path + (key,)] = self._mark(key_node)
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            # An impossible date such as 2019-02-30 matches YAML's timestamp pattern but cannot be
            # built: keep the text so that the model reports it with its field and line.
            return node.value


def _dotted(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


dotted_path = _dotted
