"""Check the image files that member profiles point at: logos and "made in" pictures.

A firm writes its own profile, so its images are untrusted like its text. A file must exist, have
a known format whose content matches its extension, and stay under a size limit. An SVG is a
document that browsers run: one with a script, an event handler, a ``javascript:`` link, a foreign
HTML block or any reference to another file or host is refused, with the line of the SVG at fault.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from territoire.errors import IssueCollector
from territoire.sources import SourceDocument, dotted_path

LOGO_DIR = "images/membres"
"""Every member logo lives in this folder of content/, one file per firm."""
LOGO_MAX_BYTES = 100 * 1024
PICTURE_MAX_BYTES = 400 * 1024
# The territory's own logo and favicon.
IDENTITY_IMAGE_MAX_BYTES = 1_000_000

_SIGNATURES = {
    ".png": (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), "PNG"),
    ".jpg": (lambda head: head.startswith(b"\xff\xd8\xff"), "JPEG"),
    ".jpeg": (lambda head: head.startswith(b"\xff\xd8\xff"), "JPEG"),
    ".webp": (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "WebP"),
}
_FORMATS = [".svg", ".png", ".jpg", ".jpeg", ".webp"]
_EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|webp|gif);base64,", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(?P<quote>['\"]?)\s*(?P<target>[^'\")\s]*)", re.IGNORECASE)
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")


def check_image(content: Path, asset: str | None, document: SourceDocument, path: tuple,
                issues: IssueCollector, *, max_bytes: int, folder: str | None = None) -> None:
    """Record an issue for each way the image ``asset`` (relative to ``content``) is unusable."""
    if not asset:
        return
    line, column = document.position(path)
    field_name = dotted_path(path)

    def report(message: str) -> None:
        issues.add(document.path, line, column, field_name, message)

    if folder and PurePosixPath(asset).parent != PurePosixPath(folder):
        report(f"dossier : trouvé « {asset} », attendu un fichier rangé directement dans "
               f"{issues.display_path(content / folder)}/")
    suffix = PurePosixPath(asset).suffix.lower()
    if suffix not in _FORMATS:
        report(f"format : trouvé « {suffix or 'sans extension'} », attendu une image "
               + ", ".join(_FORMATS[:-1]) + f" ou {_FORMATS[-1]}")
        return
    file = content / asset
    if not file.is_file():
        report(f"fichier introuvable : trouvé « {asset} », attendu une image existante "
               f"dans {issues.display_path(content)}/")
        return
    size = file.stat().st_size
    if size > max_bytes:
        report(f"taille : trouvé {_kilobytes(size)} Ko, attendu au plus {_kilobytes(max_bytes)} Ko")
    if suffix == ".svg":
        if size <= 10 * max_bytes:  # far too big: the size issue says enough, skip the parse
            before = len(issues.issues)
            check_svg(file, issues)
            if len(issues.issues) > before:
                # The SVG's own lines say what is wrong; the data line says who uses it.
                report(f"image refusée : trouvé « {asset} » qui contient du contenu actif ou "
                       "externe, attendu un SVG autonome (détail aux lignes du fichier SVG)")
        return
    matches, kind = _SIGNATURES[suffix]
    with file.open("rb") as handle:
        head = handle.read(16)
    if not matches(head):
        report(f"contenu : trouvé un fichier qui n'est pas une image {kind}, attendu un "
               f"contenu conforme à l'extension « {suffix} »")


def check_svg(file: Path, issues: IssueCollector) -> None:
    """Refuse an SVG that could run code or load anything: each finding names its line."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    state = {"elements": 0, "style_depth": 0, "style_at": (1, 1)}

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def report(position: tuple[int, int], field_name: str, message: str) -> None:
        issues.add(file, position[0], position[1], field_name, message)

    def start(name: str, attributes: dict[str, str]) -> None:
        position = where()
        local = _local(name)
        state["elements"] += 1
        if state["elements"] == 1 and local != "svg":
            report(position, f"<{name}>", f"racine : trouvé « <{name}> », attendu un document "
                   "commençant par « <svg> »")
        if local == "script":
            report(position, f"<{name}>", "script : trouvé un élément « script », attendu un SVG "
                   "sans script")
        elif local == "foreignobject":
            report(position, f"<{name}>", "contenu étranger : trouvé un élément « foreignObject », "
                   "attendu un SVG sans HTML embarqué")
        elif local == "style":
            state["style_depth"] += 1
            state["style_at"] = position
        for attribute, value in attributes.items():
            _check_attribute(name, attribute, value, position, report)

    def end(name: str) -> None:
        if _local(name) == "style":
            state["style_depth"] -= 1

    def text(data: str) -> None:
        if state["style_depth"]:
            _check_css(data, "<style>", state["style_at"], report)

    def doctype(name: str, *_args) -> None:
        report(where(), "<!DOCTYPE>", "déclaration : trouvé une déclaration « DOCTYPE », attendu "
               "un SVG sans DOCTYPE ni entité (elles peuvent charger d'autres fichiers)")
        raise _Stop

    def instruction(target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            report(where(), "<?xml-stylesheet?>", "référence externe : trouvé une feuille de "
                   "style externe, attendu un SVG autonome")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    try:
        with file.open("rb") as handle:
            parser.ParseFile(handle)
    except _Stop:
        return
    except expat.ExpatError as error:
        issues.add(file, error.lineno, error.offset + 1, "",
                   f"XML invalide : trouvé « {expat.ErrorString(error.code)} », attendu un SVG "
                   "bien formé")


class _Stop(Exception):
    """Ends parsing at a declaration that must not be expanded."""


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].lower()


def _check_attribute(element: str, attribute: str, value: str, position: tuple[int, int],
                     report) -> None:
    field_name = f"<{element} {attribute}>"
    local = _local(attribute)
    squeezed = _BLANKS.sub("", value).lower()
    if local.startswith("on"):
        report(position, field_name, f"gestionnaire d'évènement : trouvé l'attribut « {attribute} », "
               "attendu un SVG sans attribut « on… »")
    elif "javascript:" in squeezed or "vbscript:" in squeezed:
        report(position, field_name, "lien actif : trouvé un lien « javascript: », attendu un SVG "
               "sans script")
    elif local in ("href", "src") and not (squeezed.startswith("#") or _EMBEDDED_IMAGE.match(value)):
        report(position, field_name, f"référence externe : trouvé « {value} », attendu un renvoi "
               "interne « #… » ou une image embarquée")
    else:
        _check_css(value, field_name, position, report)


def _check_css(css: str, field_name: str, position: tuple[int, int], report) -> None:
    lowered = css.lower()
    if "@import" in lowered:
        report(position, field_name, "référence externe : trouvé « @import », attendu un SVG "
               "autonome")
    for match in _CSS_URL.finditer(css):
        target = match.group("target")
        if not (target.startswith("#") or _EMBEDDED_IMAGE.match(target)):
            report(position, field_name, f"référence externe : trouvé « url({target}) », attendu "
                   "un renvoi interne « url(#…) »")


def _kilobytes(size: int) -> str:
    return f"{size / 1024:.0f}" if size >= 10 * 1024 else f"{size / 1024:.1f}".replace(".", ",")
