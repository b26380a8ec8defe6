"""Validate a source document against a model and translate pydantic's errors into French issues.

Each error becomes "fichier:ligne:colonne champ: trouvé …, attendu …", the line being that of the
offending value (or of the unknown key, or of the mapping that lacks a required field).
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any, Callable, Iterable, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from territoire.errors import IssueCollector
from territoire.sources import Path_, SourceDocument, dotted_path

ModelT = TypeVar("ModelT", bound=BaseModel)

_EXPECTED_BY_TYPE = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "decimal_type": "un nombre",
    "decimal_parsing": "un nombre",
    "bool_type": "true ou false",
    "bool_parsing": "true ou false",
    "list_type": "une liste (lignes commençant par « - »)",
    "dict_type": "un ensemble de champs « champ: valeur »",
    "model_type": "un ensemble de champs « champ: valeur »",
    "model_attributes_type": "un ensemble de champs « champ: valeur »",
    "date_type": "une date AAAA-MM-JJ",
    "date_parsing": "une date AAAA-MM-JJ",
    "datetime_type": "une date et une heure AAAA-MM-JJ HH:MM",
    "datetime_parsing": "une date et une heure AAAA-MM-JJ HH:MM",
    "string_too_short": "un texte non vide",
    "string_too_long": "un texte d'au plus {max_length} caractères",
    "too_short": "au moins {min_length} élément(s)",
    "too_long": "au plus {max_length} élément(s)",
    "greater_than_equal": "un nombre supérieur ou égal à {ge}",
    "greater_than": "un nombre supérieur à {gt}",
    "less_than_equal": "un nombre inférieur ou égal à {le}",
    "literal_error": "l'une des valeurs {expected}",
    "enum": "l'une des valeurs {expected}",
    "url_parsing": "une adresse web complète",
    "url_scheme": "une adresse commençant par https:",
}


def describe_found(value: Any) -> str:
    """How a found value is shown to an author, in French."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"le booléen {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"le nombre {value}"
    if isinstance(value, dt.datetime):
        return f"la date et heure {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"la date {value.isoformat()}"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un ensemble de champs"
    text = str(value)
    if not text:
        return "un texte vide"
    if len(text) > 60:
        text = text[:57] + "…"
    return f"« {text} »"


def validate(model: type[ModelT], document: SourceDocument, issues: IssueCollector,
             *, data: Any = None, base: Path_ = ()) -> ModelT | None:
    """Validate ``data`` (the whole document by default) found at ``base`` in the document."""
    payload = document.data if data is None else data
    try:
        return model.model_validate(payload)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            _report(model, document, issues, base, item)
        return None


def _report(model: type[BaseModel], document: SourceDocument, issues: IssueCollector,
            base: Path_, item: dict[str, Any]) -> None:
    loc = base + tuple(part for part in item["loc"] if isinstance(part, (str, int)))
    kind = item["type"]
    field = dotted_path(loc)
    if kind == "extra_forbidden":
        line, column = document.position(loc, of_key=True)
        allowed = _allowed_fields(model, tuple(item["loc"][:-1]))
        unknown = str(loc[-1])
        message = f"champ inconnu : trouvé « {unknown} », attendu l'un des champs {', '.join(allowed)}"
        close = difflib.get_close_matches(unknown, allowed, n=1, cutoff=0.6)
        if close:
            message += f" (vouliez-vous écrire « {close[0]} » ?)"
    elif kind == "missing":
        line, column = document.position(loc[:-1])
        message = f"champ obligatoire manquant : trouvé aucune valeur, attendu le champ « {loc[-1]} »"
    else:
        line, column = document.position(loc)
        if kind == "territoire":
            wanted = item["ctx"]["expected"]
        else:
            template = _EXPECTED_BY_TYPE.get(kind)
            context = {key: _number(value) for key, value in item.get("ctx", {}).items()}
            if kind in ("literal_error", "enum"):
                context["expected"] = _french_choices(str(context.get("expected", "")))
            wanted = template.format(**context) if template else item["msg"]
        found = describe_found(item.get("input"))
        if kind == "too_long" and "actual_length" in item.get("ctx", {}):
            found = f"une liste de {_number(item['ctx']['actual_length'])} éléments"
        message = f"trouvé {found}, attendu {wanted}"
    issues.add(document.path, line, column, field, message)


def _number(value: Any) -> Any:
    """20000 as « 20 000 » (narrow no-break space), as French writes large numbers."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:_}".replace("_", "\u202f")
    return value


def _french_choices(choices: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as « a », « b » ou « c »."""
    head, _, last = choices.rpartition(" or ")
    parts = [part.strip().strip("'\"") for part in head.split(",")] if head else []
    parts.append(last.strip().strip("'\""))
    quoted = [f"« {part} »" for part in parts if part]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The aliases accepted by the model found at ``loc`` below ``model``."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else current
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        match = next((f for f in current.model_fields.values() if (f.alias or "") == part), None)
        if match is None:
            return []
        current = match.annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(f.alias or name for name, f in current.model_fields.items())
    return []


def _unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` to ``X``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _unwrap(options[0]) if len(options) == 1 else annotation
    return annotation


def report_at(document: SourceDocument, path: Path_, message: str, issues: IssueCollector) -> None:
    """Add ``message`` about the value at ``path`` of ``document``, with its line and column."""
    line, column = document.position(path)
    issues.add(document.path, line, column, dotted_path(path), message)


def check_unique(document: SourceDocument, list_key: str, items: Iterable[Any],
                 issues: IssueCollector) -> None:
    """Report every item of ``document[list_key]`` whose ``id`` an earlier item already has."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            line, column = document.position((list_key, index, "id"))
            issues.add(document.path, line, column, f"{list_key}[{index}].id",
                       f"identifiant en double : trouvé « {item.id} » déjà utilisé par "
                       f"{list_key}[{seen[item.id]}], attendu un identifiant unique")
        else:
            seen[item.id] = index


class ReferableIds:
    """The identifiers a reference may name: those of valid items, and those whose own file is
    invalid (``pending``). A reference to the latter is not reported as unknown: the file's own
    error is the one to fix, and « membre inconnu » would tell a firm it had been removed.
    Iterating gives the valid identifiers only (the choices shown in messages)."""

    def __init__(self, valid: Iterable[str], pending: Callable[[str], bool] = lambda _id: False):
        self.valid = frozenset(valid)
        self.pending = pending

    def __contains__(self, item: object) -> bool:
        return item in self.valid or (isinstance(item, str) and self.pending(item))

    def __iter__(self) -> Iterator[str]:
        return iter(self.valid)

    def __len__(self) -> int:
        return len(self.valid)


def check_reference(document: SourceDocument, path: Path_, found: str,
                    known: set[str] | ReferableIds | None,
                    unknown_label: str, source: str, issues: IssueCollector) -> None:
    """Report ``found`` at ``path`` unless it is one of ``known`` identifiers (from ``source``).

    ``known`` is None when the referenced file itself failed: its issues are reported already.
    """
    if known is None or found in known:
        return
    line, column = document.position(path)
    choices = ", ".join(sorted(known)) or "aucun n'est défini"
    issues.add(document.path, line, column, dotted_path(path),
               f"{unknown_label} : trouvé {describe_found(found)}, attendu l'un des identifiants "
               f"de {source} : {choices}")
