"""Check every file of content/ that reaches the site, and the images that data points at.

Everything copied from ``content/`` to the site is published on the territory's own domain, so
every such file is checked by its real bytes (``check_content_files``): its type must be on an
allow-list (images, PDF, office documents, CSV and text) and its content must match its
extension; a raster image is bounded in bytes and pixels (``territoire.imaging.limits``) and must
decode; an SVG is a document that browsers run: one with a script, an event handler, a
``javascript:`` link, a foreign HTML block or any reference to another file or host is refused,
with the line of the SVG at fault. SVGs are refused rather than cleaned: a silently altered file
would be published in a form its author never saw.

A firm writes its own profile, so the images it names are untrusted like its text:
``check_image`` checks that the file exists, is a known image format matching its extension and,
for an SVG, stays under the size limit of its use (logo, product picture, identity).
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from PIL import Image, UnidentifiedImageError

from territoire import memo
from territoire.errors import IssueCollector
from territoire.imaging.limits import (ATTACHMENT_MAX_BYTES, RASTER_MAX_BYTES, RASTER_MAX_PIXELS,
                                       SVG_MAX_BYTES)
from territoire.sources import SourceDocument, dotted_path, files_below

LOGO_DIR = "images/membres"
"""Every member logo lives in this folder of content/, one file per firm."""
LOGO_MAX_BYTES = 100 * 1024
PICTURE_MAX_BYTES = 400 * 1024
# The territory's own logo and favicon.
IDENTITY_IMAGE_MAX_BYTES = 1_000_000
"""The limits above are for SVG files, published as they are; a raster image may weigh up to
``RASTER_MAX_BYTES`` whatever its use, since only its small variants are published."""

_SIGNATURES = {
    ".png": (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), "PNG"),
    ".jpg": (lambda head: head.startswith(b"\xff\xd8\xff"), "JPEG"),
    ".jpeg": (lambda head: head.startswith(b"\xff\xd8\xff"), "JPEG"),
    ".webp": (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "WebP"),
}
_PILLOW_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
_FORMATS = [".svg", ".png", ".jpg", ".jpeg", ".webp"]
_EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|webp|gif);base64,", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(?P<quote>['\"]?)\s*(?P<target>[^'\")\s]*)", re.IGNORECASE)
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")

# Files MkDocs reads as pages, not copies.
_PAGE_SUFFIXES = {".md", ".markdown", ".mdown", ".mkdn", ".mkd"}
_ODF = {".odt": "text", ".ods": "spreadsheet", ".odp": "presentation"}
_OOXML = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}
_TEXT = {".csv": "CSV", ".txt": "texte"}
ALLOWED_SUFFIXES = (*_FORMATS, ".pdf", *_ODF, *_OOXML, *_TEXT)
"""What content/ may hold besides pages; anything else stops the build."""
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData)"
                         rb"(?![A-Za-z0-9])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def check_image(content: Path, asset: str | None, document: SourceDocument, path: tuple,
                issues: IssueCollector, *, max_bytes: int, folder: str | None = None) -> None:
    """Record an issue for each way the image ``asset`` (relative to ``content``) is unusable.

    ``max_bytes`` bounds an SVG; a raster image is bounded by ``RASTER_MAX_BYTES``.
    """
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
    limit = max_bytes if suffix == ".svg" else RASTER_MAX_BYTES
    if size > limit:
        report(f"taille : trouvé {size_text(size)}, attendu au plus {size_text(limit)}")
    if suffix == ".svg":
        if size <= 10 * max_bytes and svg_refused(file, issues):
            report(refused_svg_message(asset))
        return
    matches, kind = _SIGNATURES[suffix]
    with file.open("rb") as handle:
        head = handle.read(16)
    if not matches(head):
        report(f"contenu : trouvé un fichier qui n'est pas une image {kind}, attendu un "
               f"contenu conforme à l'extension « {suffix} »")


def svg_refused(file: Path, issues: IssueCollector) -> bool:
    """Screen an SVG that data uses; True when the SVG's own lines were reported."""
    before = issues.count
    check_svg(file, issues)
    return issues.count > before


def refused_svg_message(asset: str) -> str:
    # The SVG's own lines say what is wrong; the data line says who uses it.
    return (f"image refusée : trouvé « {asset} » qui contient du contenu actif ou externe, "
            "attendu un SVG autonome (détail aux lignes du fichier SVG)")


def check_content_files(content: Path, issues: IssueCollector) -> None:
    """Check every file of ``content`` that MkDocs would copy to the site, by its bytes."""
    if not content.is_dir():
        return
    for file in sorted(published_files(content)):
        _check_published_file(file, issues)


@memo.for_this_build
def published_files(content: Path) -> list[Path]:
    """The files of ``content`` that MkDocs copies to the site (pages excluded): as MkDocs, names
    starting with "." and the top-level templates/ folder are left out."""
    found = []
    for relative in files_below(content):
        parts = relative.split("/")
        if any(part.startswith(".") for part in parts) or parts[0] == "templates":
            continue
        if os.path.splitext(parts[-1])[1].lower() in _PAGE_SUFFIXES:
            continue  # a string test first: the pages are thousands, the other files a few
        path = content / relative
        if path.is_symlink():
            continue  # every link is refused, unread, by the reader (sources.check_links)
        found.append(path)
    return found


def _check_published_file(file: Path, issues: IssueCollector) -> None:
    suffix = file.suffix.lower()

    def report(message: str, field_name: str = "") -> None:
        issues.add(file, 1, 1, field_name, message)

    if suffix not in ALLOWED_SUFFIXES:
        found = f"« {suffix} »" if suffix else "un fichier sans extension"
        report(f"type de fichier : trouvé {found}, attendu l'un des types publiés "
               + ", ".join(ALLOWED_SUFFIXES[:-1]) + f" ou {ALLOWED_SUFFIXES[-1]} "
               "(les autres fichiers ne sont pas copiés sur le site)")
        return
    size = file.stat().st_size
    with file.open("rb") as handle:
        head = handle.read(512)
    if suffix == ".svg":
        if size > SVG_MAX_BYTES:
            report(f"taille : trouvé {size_text(size)}, attendu au plus {size_text(SVG_MAX_BYTES)} "
                   "pour un SVG")
        elif not _looks_like_xml(head):
            report(f"contenu : trouvé {_describe(head)}, attendu une image SVG (le contenu doit "
                   "correspondre à l'extension « .svg »)")
        else:
            check_svg(file, issues)
        return
    if suffix in _PILLOW_FORMATS:
        _check_raster(file, suffix, size, head, report)
        return
    if size > ATTACHMENT_MAX_BYTES:
        report(f"taille : trouvé {size_text(size)}, attendu au plus {size_text(ATTACHMENT_MAX_BYTES)}")
        return
    if suffix == ".pdf":
        _check_pdf(file, head, report)
    elif suffix in _ODF or suffix in _OOXML:
        _check_office(file, suffix, head, report)
    else:
        _check_text(file, suffix, head, report)


def _check_raster(file: Path, suffix: str, size: int, head: bytes, report) -> None:
    expected = _PILLOW_FORMATS[suffix]
    kind = _SIGNATURES[suffix][1]
    if size > RASTER_MAX_BYTES:
        report(f"taille : trouvé {size_text(size)}, attendu au plus {size_text(RASTER_MAX_BYTES)} "
               "pour une image")
        return
    if not _SIGNATURES[suffix][0](head):
        report(f"contenu : trouvé {_describe(head)}, attendu une image {kind} (le contenu doit "
               f"correspondre à l'extension « {suffix} »)")
        return
    try:
        with _header_only(), Image.open(file) as image:
            if image.format != expected:
                report(f"contenu : trouvé {_describe(head)}, attendu une image {kind} (le contenu "
                       f"doit correspondre à l'extension « {suffix} »)")
                return
            width, height = image.size
            if width * height > RASTER_MAX_PIXELS:
                report(f"dimensions : trouvé {width} × {height} pixels "
                       f"({_megapixels(width * height)} mégapixels), attendu au plus "
                       f"{_megapixels(RASTER_MAX_PIXELS)} mégapixels (réduisez l'image)")
                return
            if expected == "PNG":
                image.verify()  # every chunk's checksum, without decoding the pixels
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        report(f"image illisible : trouvé une image {kind} tronquée ou abîmée, attendu une image "
               "complète (ouvrez-la puis réenregistrez-la)")


@contextmanager
def _header_only():
    """Pillow refuses to even open a bomb; its header is read here to name its size."""
    bound = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = bound


def _check_pdf(file: Path, head: bytes, report) -> None:
    if not head.startswith(b"%PDF-"):
        report(f"contenu : trouvé {_describe(head)}, attendu un document PDF (le contenu doit "
               "correspondre à l'extension « .pdf »)")
        return
    data = _PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), file.read_bytes())
    match = _PDF_ACTIVE.search(data)
    if match:
        report(f"contenu actif : trouvé l'entrée « /{match.group(1).decode('ascii')} » (script, "
               "lancement ou fichier joint), attendu un PDF sans contenu actif (réexportez-le en "
               "PDF/A)")


def _check_office(file: Path, suffix: str, head: bytes, report) -> None:
    expected = "document OpenDocument" if suffix in _ODF else "document Office"
    mismatch = (f"contenu : trouvé {_describe(head)}, attendu un {expected} (le contenu doit "
                f"correspondre à l'extension « {suffix} »)")
    if not head.startswith(b"PK\x03\x04"):
        report(mismatch)
        return
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if suffix in _ODF:
                wanted = f"application/vnd.oasis.opendocument.{_ODF[suffix]}".encode("ascii")
                valid = names[:1] == ["mimetype"] and archive.read("mimetype") == wanted
                macros = [name for name in names if name.startswith(("Basic/", "Scripts/"))]
            else:
                valid = "[Content_Types].xml" in names and any(
                    name.startswith(_OOXML[suffix]) for name in names)
                macros = [name for name in names if name.lower().endswith("vbaproject.bin")]
    except (zipfile.BadZipFile, OSError, KeyError):
        valid, macros = False, []
    if not valid:
        report(mismatch)
    elif macros:
        report(f"contenu actif : trouvé des macros (« {macros[0]} »), attendu un document sans "
               "macro")


def _check_text(file: Path, suffix: str, head: bytes, report) -> None:
    data = file.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        valid = False
    else:
        valid = b"\x00" not in data
    if not valid:
        report(f"contenu : trouvé {_describe(head)}, attendu un fichier {_TEXT[suffix]} en UTF-8 "
               f"(le contenu doit correspondre à l'extension « {suffix} »)")


def _looks_like_xml(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<") and not text[:15].lower().startswith((b"<!doctype html", b"<html"))


def _describe(head: bytes) -> str:
    """What a file really is, from its first bytes, for messages."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    known = (
        (head.startswith(b"\x89PNG\r\n\x1a\n"), "une image PNG"),
        (head.startswith(b"\xff\xd8\xff"), "une image JPEG"),
        (head[:4] == b"RIFF" and head[8:12] == b"WEBP", "une image WebP"),
        (head.startswith((b"GIF87a", b"GIF89a")), "une image GIF"),
        (head.startswith(b"%PDF-"), "un document PDF"),
        (head.startswith(b"PK\x03\x04"), "une archive ZIP"),
        (head.startswith((b"\x7fELF", b"MZ")), "un programme exécutable"),
        (text.startswith((b"<!doctype html", b"<html")) or b"<script" in text, "une page HTML"),
        (text.startswith((b"<svg", b"<?xml")), "un document XML ou SVG"),
    )
    for matched, description in known:
        if matched:
            return description
    if not head:
        return "un fichier vide"
    return "un contenu d'un autre type"


def size_text(size: int) -> str:
    """A size in French units: « 3,4 Ko », « 146 Ko », « 1074 Ko », « 20 Mo »."""
    if size >= 10 * 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} Mo"
    return _kilobytes(size) + " Ko"


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f}"


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
