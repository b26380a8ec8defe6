"""The web editor's configuration (Decap CMS ``config.yml``), generated from the models.

Each field of a collection comes from the JSON Schema of its model (``territoire.schemas``): its
label is the schema's French ``title``, its hint the ``description``, ``required`` the schema's
list; the widget follows the field's type (date, number, yes/no, list, group, choice among the
values a ``Literal`` allows, text with the schema's pattern). ``WIDGETS`` names what a type cannot
tell: Markdown texts, images and where they are stored, relation pickers (members, events, values,
axes, authors) and choices among data (categories, event types, audiences). Nothing of it is
written by hand, so that the form cannot drift from validation; tests/test_cms_config.py fails
when a model field has no widget or a widget no longer fits its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from territoire.agenda.models import (AgendaFile, EditionsFile, EventFields, EventFile, Occurrence,
                                      Organizer, SeriesFile)
from territoire.images import LOGO_MAX_BYTES, PICTURE_MAX_BYTES
from territoire.members.models import MemberProfile, MembersRegistry, Offering
from territoire.models.common import LINE_MAX, field_title
from territoire.models.figures import KeyFiguresFile
from territoire.models.identity import Territory
from territoire.models.pillars import Axis, AxesFile, SectorsFile, Value, ValuesFile
from territoire.news.models import AuthorsFile, NewsCategoriesFile, NewsFrontMatter
from territoire.roadmap.models import RoadmapFile
from territoire.site import Site

NEWS = "actualites"
DATA = "donnees"

# Where uploaded pictures go (repository path under the project, value written in the file):
# the folders the build reads them from, with the byte limits of territoire.images.
COVERS = ("content/actualites/images", "actualites/images", PICTURE_MAX_BYTES)
LOGOS = ("content/images/membres", "images/membres", LOGO_MAX_BYTES)
PICTURES = ("content/images/savoir-faire", "images/savoir-faire", PICTURE_MAX_BYTES)


@dataclass(frozen=True)
class Folder:
    """One file per entry: the file name is the entry's identifier."""

    name: str
    label: str
    label_singular: str
    model: type[BaseModel]
    folder: str
    extension: str = "yml"
    create: bool = True
    identifier: str = "titre"
    body: bool = False
    description: str = ""


@dataclass(frozen=True)
class DataFile:
    name: str
    label: str
    model: type[BaseModel]
    file: str


@dataclass(frozen=True)
class Markdown:
    """A text written in Markdown (the site renders it)."""


@dataclass(frozen=True)
class Picture:
    """An image uploaded into ``folder`` (repository path), written as ``public`` + file name."""

    folder: str
    public: str
    max_bytes: int


@dataclass(frozen=True)
class Relation:
    """Identifiers picked among the entries of another collection."""

    collection: str
    value: str
    display: str
    file: str | None = None


@dataclass(frozen=True)
class Choice:
    """A value picked in a list read from the site's data at build time (``source``)."""

    source: str


def _relation_to_list(file: str, key: str, display: str = "nom") -> Relation:
    return Relation(DATA, f"{key}.*.id", f"{key}.*.{display}", file=file)


MEMBER = _relation_to_list("registre", "membres")
VALUE = _relation_to_list("valeurs", "valeurs")
AXIS = _relation_to_list("axes", "axes", "titre")

# What a field's type cannot tell, by model and key. A subclass inherits its bases' entries.
WIDGETS: dict[tuple[type[BaseModel], str], Markdown | Picture | Relation | Choice] = {
    (NewsFrontMatter, "categories"): Choice("categories"),
    (NewsFrontMatter, "image"): Picture(*COVERS),
    (NewsFrontMatter, "auteurs"): _relation_to_list("auteurs", "auteurs"),
    (NewsFrontMatter, "membres"): MEMBER,
    (NewsFrontMatter, "valeurs"): VALUE,
    (NewsFrontMatter, "axes"): AXIS,
    (NewsFrontMatter, "evenements"): Relation("evenements", "{{slug}}", "titre"),
    (MemberProfile, "description"): Markdown(),
    (MemberProfile, "secteur"): _relation_to_list("secteurs", "secteurs"),
    (MemberProfile, "logo"): Picture(*LOGOS),
    (MemberProfile, "valeurs"): VALUE,
    (Offering, "description"): Markdown(),
    (Offering, "image"): Picture(*PICTURES),
    (EventFields, "type"): Choice("event_types"),
    (EventFields, "publics"): Choice("audiences"),
    (EventFields, "description"): Markdown(),
    (EventFields, "valeurs"): VALUE,
    (EventFields, "axes"): AXIS,
    (EventFields, "actualites"): Relation(NEWS, "{{slug}}", "title"),
    (EventFile, "edition"): _relation_to_list("editions", "editions"),
    (Organizer, "membre"): MEMBER,
    (Occurrence, "description"): Markdown(),
    (Occurrence, "valeurs"): VALUE,
    (Occurrence, "axes"): AXIS,
    (Occurrence, "actualites"): Relation(NEWS, "{{slug}}", "title"),
    (EditionsFile, "introduction"): Markdown(),
    (Value, "texte"): Markdown(),
    (Axis, "texte"): Markdown(),
}

# Model keys the form leaves out, each with its reason.
LEFT_OUT: dict[tuple[type[BaseModel], str], str] = {
    (NewsFrontMatter, "draft"): "le circuit de relecture tient lieu de brouillon : un article "
                                "enregistré reste sur sa branche tant qu'il n'est pas publié",
}

FOLDERS = [
    Folder(NEWS, "Actualités", "Actualité", NewsFrontMatter, "content/actualites/posts",
           extension="md", identifier="title", body=True,
           description="Les articles de la rubrique Actualités."),
    Folder("profils", "Profils des membres", "Profil", MemberProfile, "data/members", create=False,
           identifier="description",
           description="Chaque structure tient son profil ; un nouveau membre s'inscrit d'abord "
                       "au registre (Données du site)."),
    Folder("evenements", "Agenda : événements", "Événement", EventFile, "data/events"),
    Folder("series", "Agenda : séries de réunions", "Série", SeriesFile, "data/series"),
]

DATA_FILES = [
    DataFile("registre", "Registre des membres", MembersRegistry, "data/members.yml"),
    DataFile("editions", "Semaine de l'industrie : éditions", EditionsFile, "data/editions.yml"),
    DataFile("categories", "Catégories d'actualités", NewsCategoriesFile, "data/news_categories.yml"),
    DataFile("auteurs", "Auteurs d'actualités", AuthorsFile, "data/authors.yml"),
    DataFile("valeurs", "Valeurs", ValuesFile, "data/values.yml"),
    DataFile("axes", "Axes stratégiques", AxesFile, "data/axes.yml"),
    DataFile("secteurs", "Secteurs", SectorsFile, "data/sectors.yml"),
    DataFile("chiffres", "Chiffres clés", KeyFiguresFile, "data/key_figures.yml"),
    DataFile("agenda", "Agenda : types et publics", AgendaFile, "data/agenda.yml"),
    DataFile("feuille-de-route", "Feuille de route", RoadmapFile, "data/roadmap.yml"),
    DataFile("territoire", "Identité du territoire", Territory, "data/territory.yml"),
]

_PATTERN_MESSAGES = {
    "date-time": "une date « AAAA-MM-JJ » ou une date et une heure « AAAA-MM-JJ HH:MM »",
}


@dataclass
class _Context:
    choices: dict[str, list[dict[str, str]]]
    present: set[str]
    """Collections and data files that exist in this project (relation targets)."""
    classes: dict[str, type[BaseModel]] = field(default_factory=dict)


def choices_of(site: Site) -> dict[str, list[dict[str, str]]]:
    """The lists a ``Choice`` picks from, read from the loaded site."""
    agenda = site.agenda
    return {
        "categories": [{"label": c.name, "value": c.name} for c in site.news_categories],
        "event_types": [{"label": t.name, "value": t.id} for t in (agenda.types if agenda else [])],
        "audiences": [{"label": a.name, "value": a.id} for a in (agenda.audiences if agenda else [])],
    }


def collections(site: Site, *, prefix: str = "") -> list[dict[str, Any]]:
    """Decap's ``collections`` for the project at ``prefix`` (its path in the repository)."""
    root = site.root
    present = {f.name for f in FOLDERS if f.name == NEWS or (root / f.folder).is_dir()}
    present |= {d.name for d in DATA_FILES if (root / d.file).is_file()}
    context = _Context(choices_of(site), present)
    result = []
    for folder in FOLDERS:
        if folder.name not in present:
            continue
        fields = _fields(folder.model, context)
        if folder.body:
            fields.append({"name": "body", "label": "Texte de l'article", "widget": "markdown",
                           "hint": "Le texte avant la ligne <!-- more --> sert d'extrait dans les listes."})
        collection = {
            "name": folder.name, "label": folder.label, "label_singular": folder.label_singular,
            "description": folder.description, "folder": _join(prefix, folder.folder),
            "extension": folder.extension, "format": "frontmatter" if folder.body else "yml",
            "create": folder.create, "slug": "{{slug}}", "identifier_field": folder.identifier,
            "fields": fields,
        }
        if not collection["description"]:
            del collection["description"]
        result.append(collection)
    files = [{"name": d.name, "label": d.label, "file": _join(prefix, d.file),
              "fields": _fields(d.model, context)}
             for d in DATA_FILES if d.name in present]
    result.append({"name": DATA, "label": "Données du site", "label_singular": "Fichier",
                   "format": "yml", "files": files, "editor": {"preview": False}})
    return [_rebase_media(c, prefix) for c in result]


def _join(prefix: str, path: str) -> str:
    return f"{prefix.rstrip('/')}/{path}" if prefix else path


def _rebase_media(collection: dict[str, Any], prefix: str) -> dict[str, Any]:
    def walk(fields: list[dict[str, Any]]) -> None:
        for item in fields:
            if "media_folder" in item:
                item["media_folder"] = "/" + _join(prefix, item["media_folder"])
            walk(item.get("fields", []))
            if "field" in item:
                walk([item["field"]])
    walk(collection.get("fields", []))
    for entry in collection.get("files", []):
        walk(entry["fields"])
    return collection


def _override(model: type[BaseModel], key: str) -> Markdown | Picture | Relation | Choice | None:
    for base in model.__mro__:
        if (base, key) in WIDGETS:
            return WIDGETS[(base, key)]  # type: ignore[index]
    return None


def _left_out(model: type[BaseModel], key: str) -> bool:
    return any((base, key) in LEFT_OUT for base in model.__mro__)


def _fields(model: type[BaseModel], context: _Context) -> list[dict[str, Any]]:
    schema = model.model_json_schema(by_alias=True)
    context.classes.update(_reachable(model))
    return _object_fields(model, schema, schema.get("$defs", {}), context)


def _reachable(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class a model's fields lead to, by name (the JSON Schema ``$defs`` keys)."""
    found: dict[str, type[BaseModel]] = {}
    pending = [model]
    while pending:
        current = pending.pop()
        if current.__name__ in found:
            continue
        found[current.__name__] = current
        for info in current.model_fields.values():
            pending.extend(_models_in(info.annotation))
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in getattr(annotation, "__args__", ()) for model in _models_in(argument)]


def _object_fields(model: type[BaseModel], schema: dict[str, Any], defs: dict[str, Any],
                   context: _Context) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    fields = []
    for key, prop in schema.get("properties", {}).items():
        if _left_out(model, key):
            continue
        fields.append(_field(model, key, prop, key in required, defs, context))
    return fields


def _title(model: type[BaseModel], key: str) -> str:
    """The model's French title of a field whose schema has none (a group: only its ``$ref``)."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return field_title(name, info)
    return key


def _resolve(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The property without its ``null`` alternative and ``$ref``; and whether null was allowed."""
    nullable = False
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        nullable = len(options) < len(prop["anyOf"])
        if len(options) == 1:
            prop = {**prop, **options[0]}
            del prop["anyOf"]
    return prop, nullable


def _field(model: type[BaseModel], key: str, prop: dict[str, Any], required: bool,
           defs: dict[str, Any], context: _Context) -> dict[str, Any]:
    resolved, _nullable = _resolve(prop, defs)
    item: dict[str, Any] = {"name": key, "label": resolved.get("title") or _title(model, key),
                            "required": required}
    if resolved.get("description"):
        item["hint"] = resolved["description"]
    item.update(_widget(model, key, resolved, defs, context))
    default = resolved.get("default")
    if isinstance(default, (str, int, float, bool)) and "default" not in item:
        item["default"] = default
    if item["widget"] in ("list", "relation", "select") and item.get("multiple", item["widget"] == "list"):
        if resolved.get("minItems"):
            item["min"] = resolved["minItems"]
        if resolved.get("maxItems"):
            item["max"] = resolved["maxItems"]
    return item


def _widget(model: type[BaseModel], key: str, prop: dict[str, Any], defs: dict[str, Any],
            context: _Context) -> dict[str, Any]:
    override = _override(model, key)
    many = prop.get("type") == "array"
    if isinstance(override, Markdown):
        return {"widget": "markdown", "buttons": ["bold", "italic", "link", "heading-two",
                                                  "heading-three", "quote", "bulleted-list",
                                                  "numbered-list"],
                "editor_components": [], "modes": ["rich_text", "raw"]}
    if isinstance(override, Picture):
        return {"widget": "image", "choose_url": False, "media_folder": override.folder,
                "public_folder": override.public,
                "media_library": {"config": {"max_file_size": override.max_bytes}}}
    if isinstance(override, Relation) and (override.file or override.collection) in context.present:
        widget = {"widget": "relation", "collection": override.collection,
                  "value_field": override.value, "search_fields": [override.display],
                  "display_fields": [override.display], "multiple": many, "options_length": 200}
        if override.file:
            widget["file"] = override.file
        return widget
    if isinstance(override, Choice) and context.choices.get(override.source):
        return {"widget": "select", "options": context.choices[override.source], "multiple": many}
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        sub = context.classes[name]
        return {"widget": "object", "collapsed": False,
                "fields": _object_fields(sub, defs[name], defs, context)}
    kind = prop.get("type")
    if kind == "array":
        items, _ = _resolve(prop.get("items", {}), defs)
        if "$ref" in items:
            name = items["$ref"].rsplit("/", 1)[-1]
            sub = context.classes[name]
            return {"widget": "list", "collapsed": True,
                    "fields": _object_fields(sub, defs[name], defs, context)}
        single = {"name": "valeur", "label": prop.get("title") or key, "widget": "string"}
        if "pattern" in items:
            single["pattern"] = _pattern(items["pattern"])
        return {"widget": "list", "field": single}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        widget = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if "minimum" in prop:
            widget["min"] = prop["minimum"]
        if "maximum" in prop:
            widget["max"] = prop["maximum"]
        return widget
    if "enum" in prop or "const" in prop:
        values = prop.get("enum") or [prop["const"]]
        return {"widget": "select", "options": [{"label": v, "value": v} for v in values]}
    if prop.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY",
                "time_format": False, "picker_utc": True}
    widget: dict[str, Any] = {"widget": "string"}
    if "pattern" in prop:
        widget["pattern"] = _pattern(prop["pattern"])
    # Every one-line text is capped at LINE_MAX (models/common.py): a longer cap means prose.
    if prop.get("maxLength", 0) > LINE_MAX or key in ("resume", "avertissement"):
        widget["widget"] = "text"
    return widget


def _pattern(regex: str) -> list[str]:
    """Decap's [regex, message]; the message says what is expected, in French."""
    if regex.startswith("^[a-z0-9]+"):
        message = "un identifiant en minuscules sans accent ni espace (ex. « atelier-2024 »)"
    elif regex.startswith("^https?") or regex.startswith("^(https?"):
        message = "une adresse web complète, ex. « https://www.exemple.fr »"
    elif regex.startswith("^#"):
        message = "une couleur « #rrvvbb », ex. « #1d4f91 »"
    elif regex == r"^\d{2}:\d{2}$":
        message = "une heure « HH:MM », ex. « 18:30 »"
    elif regex.startswith(r"^\d{4}"):
        message = _PATTERN_MESSAGES["date-time"]
    elif regex == "^[^/]":
        message = "un chemin relatif au dossier content/, ex. « images/logo.svg »"
    else:
        message = "une valeur de la forme attendue (voir l'aide du champ)"
    return [regex, f"Attendu : {message}."]


def backend(site: Site, repository: str | None = None) -> dict[str, Any]:
    """The Git host the editor signs in to, from ``publication`` in data/territory.yml.

    github.com: the GitHub backend through the OAuth relay of ``authentification_editeur``, with
    open authoring (people without write access propose through a fork). Any other host: Decap's
    ``forgejo`` backend (Forgejo, Codeberg; the one with the editorial workflow and open
    authoring), whose OAuth application (``application_editeur``) signs in without a relay.
    Without a repository, only the local proxy (``python3 tasks.py cms``) can be used.
    """
    publication = site.territory.publication
    repository = publication.repository or repository
    if not repository:
        return {"name": "git-gateway", "branch": publication.branch}
    parts = urlsplit(repository)
    repo = parts.path.strip("/").removesuffix(".git")
    if parts.netloc.lower() in ("github.com", "www.github.com"):
        settings: dict[str, Any] = {"name": "github", "repo": repo, "branch": publication.branch,
                                    "open_authoring": True, "always_fork": False}
        if publication.editor_auth:
            settings["base_url"] = publication.editor_auth.rstrip("/")
        return settings
    host = f"{parts.scheme}://{parts.netloc}"
    settings = {"name": "forgejo", "repo": repo, "branch": publication.branch,
                "base_url": host, "api_root": f"{host}/api/v1", "open_authoring": True}
    if publication.editor_app_id:
        settings["app_id"] = publication.editor_app_id
    return settings


def decap_config(site: Site, *, prefix: str = "", repository: str | None = None) -> dict[str, Any]:
    """The whole ``config.yml`` of /admin/ for the project at ``prefix`` in its repository
    (``repository``: mkdocs.yml's ``repo_url``, when data/territory.yml names none)."""
    publication = site.territory.publication
    config: dict[str, Any] = {
        "backend": backend(site, repository),
        # Only used when the admin page is opened on localhost (python3 tasks.py cms); the page
        # points it at its own origin (territoire-cms.js), so that no other host is called.
        "local_backend": True,
        "locale": "fr",
        "publish_mode": "editorial_workflow",
        "media_folder": _join(prefix, "content/images"),
        "public_folder": "images",
        "show_preview_links": False,
        "search": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(site, prefix=prefix),
    }
    if publication.site_url:
        config["site_url"] = publication.site_url
        config["display_url"] = publication.site_url
    return config
