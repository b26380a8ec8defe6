"""Explain a YAML syntax error in plain French, at the line where the mistake is.

The parser stops where it notices a problem, which is often the line after the mistake (a line
that lost its indentation is reported on the next one) and always in its own words ("expected
<block end>, but found '?'"). ``diagnose`` reads the lines around that place, names the mistake an
author makes (indentation, a list dash out of line, a missing colon, a colon inside a text, a
quote left open, a tab) and writes the line as it should be. It also returns the whole text with
that line corrected, so that the reader can go on and report the file's other mistakes in the
same run; ``None`` when no correction is safe to guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Diagnosis:
    line: int  # 1-based, in the text given to ``diagnose``
    column: int
    message: str
    repaired: str | None = None  # the text with the mistake corrected, when the fix is clear
    guessed: bool = False  # the correction may not be what the author meant: say nothing more of
    # that line (a missing colon put after the first word, a bracket closed at the end)


# "  - titre: valeur" -> ("  - ", "titre", "valeur"); a key is a plain word or a quoted text.
_KEY_LINE = re.compile(r"^(?P<prefix>\s*(?:-\s+)*)"
                       r"(?P<key>[^\s:#'\"\[\]{}|>&*!%@`,-][^:#]*?|\"[^\"]*\"|'[^']*')"
                       r":(?P<space>[ ]|$)(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^(?P<prefix>\s*-\s+)(?P<value>.*)$")
_DASH_WITHOUT_SPACE = re.compile(r"^(?P<indent>\s*)-(?P<rest>[^\s-].*)$")


def diagnose(text: str, error: yaml.MarkedYAMLError) -> Diagnosis:
    """The author's mistake behind ``error``, in French, with the corrected line when it is clear."""
    lines = text.split("\n")
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    problem_mark, context_mark = error.problem_mark, error.context_mark
    at = (problem_mark.line, problem_mark.column) if problem_mark else (0, 0)
    around = (context_mark.line, context_mark.column) if context_mark else at
    for rule in _RULES:
        found = rule(lines, problem, context, at, around)
        if found is not None:
            return found
    return Diagnosis(at[0] + 1, at[1] + 1, "syntaxe YAML invalide : trouvé "
                     f"{_french_problem(problem)}, attendu un document YAML bien formé")


# -- the mistakes, one rule each; a rule returns None when the error is not its kind ------------

def _unclosed_quote(lines, problem, context, at, around):
    if "quoted scalar" not in context:
        return None
    row, column = around
    line = lines[row]
    quote = line[column] if column < len(line) else '"'
    fixed = line.rstrip() + quote
    return Diagnosis(row + 1, column + 1,
                     f"guillemet non fermé : trouvé « {quote} » ouvert sans guillemet fermant sur "
                     f"la ligne, attendu le texte entre deux guillemets : « {fixed.strip()} »",
                     _replace(lines, row, fixed))


def _quote_left_open(lines, problem, context, at, around):
    """A quote left open on an earlier line: YAML reads on to the next quote of the file and only
    then trips, lines further down."""
    for row in range(min(at[0], len(lines) - 1) + 1):
        parsed = _KEY_LINE.match(lines[row]) or _LIST_ITEM.match(lines[row])
        value = parsed.group("value").strip() if parsed else ""
        if value[:1] in ("'", '"') and not _closed(value):
            if row == at[0]:
                return None
            column = lines[row].index(value[0])
            return _unclosed_quote(lines, problem, "quoted scalar", at, (row, column))
    return None


def _closed(value: str) -> bool:
    quote, rest = value[0], value[1:]
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)"', rest) is not None


def _colon_in_value_or_indentation(lines, problem, context, at, around):
    if not problem.startswith("mapping values are not allowed"):
        return None
    row, column = at
    line = lines[row]
    parsed = _KEY_LINE.match(line)
    if parsed and parsed.end("key") == column:
        # The line is a "champ: valeur" line that YAML read as the end of the text above it: it is
        # indented deeper than that line, or that line lost its indentation.
        previous = _previous(lines, row)
        if previous is not None:
            return _too_deep(lines, row, previous)
    prefix, key, value = _split_value(line, column)
    if key is None:
        return None
    fixed = f"{prefix}{_quoted(value)}" if key == "" else f"{prefix}{key}: {_quoted(value)}"
    what = f"dans la valeur de « {key} »" if key else "dans un élément de liste"
    return Diagnosis(row + 1, column + 1,
                     f"deux-points dans un texte : trouvé « : » {what}, attendu le texte entre "
                     f"guillemets : « {fixed.strip()} »", _replace(lines, row, fixed))


def _too_deep(lines, row, previous):
    line, above = lines[row], lines[previous]
    before = _previous(lines, previous)
    if (before is not None and _key_column(lines[before]) == _key_column(line)
            and _key_column(above) < _key_column(line) and not _opens_block(lines[before])):
        # Lines N-1 and N+1 agree: line N is the one that moved.
        width = _key_column(line) - _key_column(above) + _indent(above)
        fixed = " " * width + above.lstrip(" ")
        return Diagnosis(previous + 1, 1,
                         f"indentation : trouvé {_spaces(_indent(above))} avant "
                         f"« {_first_word(above)} », attendu {_spaces(width)} comme les lignes "
                         f"{before + 1} et {row + 1} : « {fixed.strip()} » décalé de "
                         f"{_spaces(width)}", _replace(lines, previous, fixed))
    width = _key_column(above)
    fixed = " " * width + line.lstrip(" ")
    return Diagnosis(row + 1, 1,
                     f"indentation : trouvé {_spaces(_indent(line))} avant « {_first_word(line)} », "
                     f"attendu {_spaces(width)} comme « {_first_word(above)} » à la ligne "
                     f"{previous + 1} (ou bien le texte de la ligne {previous + 1} continue : "
                     "mettez-le entre guillemets)", _replace(lines, row, fixed))


def _line_without_colon(lines, problem, context, at, around):
    if not problem.startswith("could not find expected ':'"):
        return None
    row = around[0]
    line = lines[row]
    content = line.lstrip(" ")
    glued = re.match(r"^(\s*(?:-\s+)*)([\w-]+):(\S.*)$", line)
    if glued:
        fixed = f"{glued.group(1)}{glued.group(2)}: {glued.group(3)}"
        return Diagnosis(row + 1, len(glued.group(1)) + len(glued.group(2)) + 2,
                         f"espace manquante après « : » : trouvé « {content} », attendu "
                         f"« {fixed.strip()} »", _replace(lines, row, fixed))
    previous = _previous(lines, row)
    above = _KEY_LINE.match(lines[previous]) if previous is not None else None
    if above and _plain_text(above.group("value")) and not _looks_like_field(content):
        # The second line of a long text that lost its indentation: YAML notices it one line on.
        width = _key_column(lines[previous]) + 2
        fixed = " " * width + content
        return Diagnosis(row + 1, 1,
                         f"indentation : trouvé la suite du texte de « {above.group('key')} » "
                         f"(ligne {previous + 1}) sans retrait, attendu la ligne décalée de "
                         f"{_spaces(width)} (ou tout le texte sur la ligne {previous + 1})",
                         _replace(lines, row, fixed), guessed=True)
    fixed = " " * _indent(line) + _with_colon(content)
    return Diagnosis(row + 1, _indent(line) + 1,
                     f"deux-points manquant : trouvé « {content} », attendu un champ "
                     f"« champ: valeur », par exemple « {fixed.strip()} »",
                     _replace(lines, row, fixed), guessed=True)


def _looks_like_field(content: str) -> bool:
    """"secteur bois" or "- site_web https://…" reads as a field without its colon; "de l'eau,
    pour les métiers" as the rest of a sentence."""
    words = content.removeprefix("- ").split()
    return len(words) <= 2 and re.fullmatch(r"[a-z][a-z0-9_]*", words[0]) is not None


def _hash_in_text(lines, problem, context, at, around):
    """« description: leader #1 de la région » continued on the next line: YAML takes what follows
    « # » for a comment, and the next line then does not fit."""
    previous = _previous(lines, at[0])
    parsed = _KEY_LINE.match(lines[previous]) if previous is not None else None
    if not parsed or not _plain_text(parsed.group("value")) or " #" not in parsed.group("value"):
        return None
    value = parsed.group("value").strip()
    last = previous  # the text goes on over the lines indented deeper than its field
    while last + 1 < len(lines) and lines[last + 1].strip() and (
            _indent(lines[last + 1]) > _indent(lines[previous])):
        if _KEY_LINE.match(lines[last + 1]):
            return None  # a field indented too deep, not the rest of the text
        last += 1
    whole = "\n".join([value, *lines[previous + 1:last + 1]])
    quote = '"' if '"' not in whole else "'"
    if quote == "'":
        whole = whole.replace("'", "''")
    if last > previous:
        expected = (f"tout le texte entre guillemets, un « {quote} » avant « {value.split()[0]} » "
                    f"(ligne {previous + 1}) et un après « {lines[last].split()[-1]} » (ligne "
                    f"{last + 1})")
    else:
        expected = f"le texte entre guillemets : « {parsed.group('key')}: {quote}{whole}{quote} »"
    repaired = [*lines[:previous], f"{parsed.group('prefix')}{parsed.group('key')}: {quote}"
                + whole + quote, *lines[last + 1:]]
    return Diagnosis(previous + 1, lines[previous].index(" #") + 2,
                     f"« # » dans un texte : trouvé « {value} », où YAML prend la fin de la ligne "
                     f"pour un commentaire, attendu {expected}", "\n".join(repaired))


def _block_structure(lines, problem, context, at, around):
    if not (problem.startswith("expected <block end>") or "expected '-' indicator" in problem
            or problem.startswith("did not find expected key")):
        return None
    row, column = at
    line = lines[row]
    if column > _indent(line):
        return _text_after_quote(lines, row, column)
    glued = _DASH_WITHOUT_SPACE.match(line)
    if not glued and _DASH_WITHOUT_SPACE.match(lines[around[0]]):
        # "-titre: x" is read as a field named "-titre"; the next line then does not fit.
        row = around[0]
        line, column = lines[row], _indent(lines[row])
        glued = _DASH_WITHOUT_SPACE.match(line)
    if glued:
        fixed = f"{glued.group('indent')}- {glued.group('rest')}"
        return Diagnosis(row + 1, column + 2,
                         f"espace manquante après le tiret : trouvé « {line.strip()} », attendu "
                         f"« {fixed.strip()} »", _replace(lines, row, fixed))
    if line.lstrip(" ").startswith("- ") or line.strip() == "-":
        return _dash_out_of_line(lines, row, around)
    reference = _sibling_above(lines, row)
    if reference is None:
        return None
    moved = _first_dash_moved(lines, row, reference)
    if moved is not None:
        return moved
    width = _key_column(lines[reference])
    fixed = " " * width + line.lstrip(" ")
    return Diagnosis(row + 1, 1,
                     f"indentation : trouvé {_spaces(_indent(line))} avant « {_first_word(line)} », "
                     f"attendu {_spaces(width)} comme « {_first_word(lines[reference])} » à la "
                     f"ligne {reference + 1}", _replace(lines, row, fixed))


def _first_dash_moved(lines, row, reference):
    """« savoir_faire: » then «   - titre: x » then «     description: y » where the item's other
    fields kept their place: the dash moved, not the fields under it (a list's first item, so
    there is no earlier dash to align on). Blaming each field would have the author move them all."""
    item = lines[reference]
    parent = _previous(lines, reference)
    if not item.lstrip(" ").startswith("- ") or parent is None or not _opens_block(lines[parent]):
        return None
    dash, shift = _indent(item), _key_column(item) - _indent(lines[row])
    target = dash - shift
    # One space only: with two (« - titre » at 2, « description » at 2) the field more likely
    # lost its indentation than the dash gained some.
    if shift != 1 or target not in (_indent(lines[parent]), _indent(lines[parent]) + 2):
        return None
    fixed = " " * target + item.lstrip(" ")
    return Diagnosis(reference + 1, dash + 1,
                     f"tiret mal aligné : trouvé le « - » après {_spaces(dash)}, attendu "
                     f"{_spaces(target)} pour que « {_first_word(item)} » s'aligne sur "
                     f"« {_first_word(lines[row])} » de la ligne {row + 1}",
                     _replace(lines, reference, fixed))


def _text_after_quote(lines, row, column):
    """« image_alt: "Illustration" du four »: the value closes its quote, then goes on."""
    line = lines[row]
    parsed = _KEY_LINE.match(line)
    quoted = re.match(r"^([\"'])(.*?)\1(\s*)(\S.*)$", parsed.group("value").strip()) if parsed else None
    if not quoted:
        return None
    quote, inside, gap, rest = quoted.groups()
    fixed = f"{parsed.group('prefix')}{parsed.group('key')}: {_quoted(inside + gap + rest)}"
    return Diagnosis(row + 1, column + 1,
                     f"texte après le guillemet fermant : trouvé « {rest} » après "
                     f"« {quote}{inside}{quote} », attendu toute la valeur entre les guillemets : "
                     f"« {fixed.strip()} »", _replace(lines, row, fixed))


def _dash_out_of_line(lines, row, around):
    line = lines[row]
    dash = _indent(line)
    candidates = []
    if around[0] != row and lines[around[0]].lstrip(" ").startswith("-"):
        candidates.append(around[0])
    candidates += [index for index in range(row - 1, -1, -1)
                   if lines[index].lstrip(" ").startswith("-") and _indent(lines[index]) != dash
                   and abs(_indent(lines[index]) - dash) <= 2]
    if not candidates:
        return None
    reference = candidates[0]
    width = _indent(lines[reference])
    fixed = " " * width + line.lstrip(" ")
    return Diagnosis(row + 1, dash + 1,
                     f"tiret mal aligné : trouvé le « - » après {_spaces(dash)}, attendu "
                     f"{_spaces(width)} comme l'élément de liste de la ligne {reference + 1}",
                     _replace(lines, row, fixed))


def _reserved_character(lines, problem, context, at, around):
    if "cannot start any token" not in problem:
        return None
    row, column = at
    line = lines[row]
    character = line[column] if column < len(line) else "?"
    if character == "\t":
        return Diagnosis(row + 1, column + 1, "tabulation : trouvé une tabulation, attendu des "
                         "espaces", _replace(lines, row, line.replace("\t", " ")))
    prefix, key, value = _split_value(line, column)
    if key is None or not value:
        return None
    fixed = f"{prefix}{_quoted(value)}" if key == "" else f"{prefix}{key}: {_quoted(value)}"
    return Diagnosis(row + 1, column + 1,
                     f"caractère réservé : trouvé « {character} » au début d'une valeur, attendu la "
                     f"valeur entre guillemets : « {fixed.strip()} »", _replace(lines, row, fixed))


def _unclosed_bracket(lines, problem, context, at, around):
    if "flow node" in context:
        # An opening bracket with nothing after it: the last line that opens one.
        for row in range(min(around[0], len(lines) - 1), -1, -1):
            line = lines[row]
            for opening, closing in (("[", "]"), ("{", "}")):
                if line.count(opening) > line.count(closing):
                    around = (row, line.rindex(opening))
                    context = "flow sequence" if opening == "[" else "flow mapping"
                    break
            else:
                continue
            break
    for opening, closing, name in (("[", "]", "crochet « [ » non fermé"),
                                   ("{", "}", "accolade « { » non fermée")):
        if f"flow {'sequence' if opening == '[' else 'mapping'}" in context:
            row = around[0]
            line = lines[row]
            fixed = line.rstrip() + closing
            return Diagnosis(row + 1, around[1] + 1,
                             f"{name} : trouvé « {line.strip()} », attendu « {fixed.strip()} »",
                             _replace(lines, row, fixed), guessed=True)
    return None


_RULES = (_unclosed_quote, _quote_left_open, _unclosed_bracket, _colon_in_value_or_indentation,
          _line_without_colon, _hash_in_text, _block_structure, _reserved_character)


# -- helpers ---------------------------------------------------------------------------------------

def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the first key of a line starts, after the list dashes: 4 for "  - titre: x"."""
    index = _indent(line)
    while line[index:index + 2] == "- " or line[index:] == "-":
        index += 2
        while line[index:index + 1] == " ":
            index += 1
    return index


def _opens_block(line: str) -> bool:
    parsed = _KEY_LINE.match(line)
    return bool(parsed) and parsed.group("value").strip() in ("", "|", ">", "|-", ">-")


def _plain_text(value: str) -> bool:
    value = value.strip()
    return bool(value) and value[0] not in "\"'[{|>&*!#"


def _previous(lines: list[str], row: int) -> int | None:
    """The nearest line above ``row`` that holds something (not blank, not a comment)."""
    for index in range(row - 1, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _sibling_above(lines: list[str], row: int) -> int | None:
    """The nearest line above whose key is deeper than ``row``'s: the field it should align on."""
    indent = _indent(lines[row])
    index = _previous(lines, row)
    while index is not None:
        if _KEY_LINE.match(lines[index]) and _key_column(lines[index]) > indent:
            return index
        index = _previous(lines, index)
    return None


def _split_value(line: str, column: int) -> tuple[str, str | None, str]:
    """The prefix, key and value of the line whose value holds ``column``; key "" for a list item."""
    parsed = _KEY_LINE.match(line)
    if parsed and parsed.start("value") <= column:
        return parsed.group("prefix"), parsed.group("key"), parsed.group("value").strip()
    item = re.match(r"^(\s*-\s+)(.*)$", line)
    if item:
        return item.group(1), "", item.group(2).strip()
    return "", None, ""


def _quoted(value: str) -> str:
    value = value.strip()
    if '"' not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _with_colon(content: str) -> str:
    word, _, rest = content.partition(" ")
    return f"{word}: {rest}" if rest else f"{word}:"


def _first_word(line: str) -> str:
    content = line[_key_column(line):]
    parsed = _KEY_LINE.match(content)
    return parsed.group("key") if parsed else content.split(" ")[0]


def _spaces(count: int) -> str:
    return "aucune espace" if count == 0 else ("1 espace" if count == 1 else f"{count} espaces")


def _replace(lines: list[str], row: int, new: str) -> str:
    return "\n".join([*lines[:row], new, *lines[row + 1:]])


def _french_problem(problem: str) -> str:
    known = {
        "found undefined alias": "un alias « * » non défini",
        "expected a single document": "plusieurs documents séparés par « --- »",
        "but found another document": "plusieurs documents séparés par « --- »",
        "found unexpected end of stream": "une fin de fichier inattendue (guillemet non fermé ?)",
        "expected the node content, but found '<stream end>'":
            "une fin de fichier inattendue (crochet ou guillemet non fermé ?)",
        "did not find expected node content": "une valeur manquante",
    }
    for english, french in known.items():
        if english in problem:
            return french
    return "une construction que YAML ne comprend pas"
