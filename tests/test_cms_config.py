"""The web editor's config.yml against the models: every field has a widget that fits its type.

The check reads the pydantic models themselves (annotations, required or not, French title and
description), not the JSON Schemas the generator works from, so that the two ways cannot agree by
construction. Mutated configurations prove that it reports a missing or mismatched widget.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import types
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import REPO
from territoire import cms, load_site
from territoire.models.common import SLUG_PATTERN, field_title

SCALAR_WIDGETS = {"string", "text", "markdown", "image", "select", "relation"}


def _unwrap(annotation):
    """The annotation without ``| None`` nor ``Annotated``, and the metadata it carried."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = arguments[0] if len(arguments) == 1 else typing.Union[tuple(arguments)]
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        return _unwrap(base)[0], tuple(metadata)
    return annotation, ()


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _identifier(metadata) -> bool:
    """A ``Slug``: the identifiers relation pickers write."""
    return any(getattr(getattr(m, "func", None), "__name__", "") == "_slug" for m in metadata)


def mismatches(model: type[BaseModel], fields: list[dict], where: str) -> list[str]:
    """What is wrong between a model and the editor's fields for it, one line per problem."""
    problems = []
    by_name = {f["name"]: f for f in fields}
    for name, info in model.model_fields.items():
        key = info.alias or name
        here = f"{where}.{key}"
        if (model, key) in cms.LEFT_OUT or any((b, key) in cms.LEFT_OUT for b in model.__mro__):
            assert key not in by_name, f"{here} : laissé de côté mais présent"
            continue
        widget = by_name.pop(key, None)
        if widget is None:
            problems.append(f"{here} : aucun widget")
            continue
        annotation, metadata = _unwrap(info.annotation)
        metadata = (*info.metadata, *metadata)
        kind = widget["widget"]
        if widget.get("required") != info.is_required():
            problems.append(f"{here} : required={widget.get('required')}, attendu {info.is_required()}")
        if widget.get("label") != field_title(name, info):
            problems.append(f"{here} : libellé « {widget.get('label')} » différent du schéma")
        if info.description and widget.get("hint") != info.description:
            problems.append(f"{here} : aide différente de la description du modèle")
        origin = typing.get_origin(annotation)
        if origin is list:
            (item,) = typing.get_args(annotation)
            item, item_metadata = _unwrap(item)
            if _is_model(item):
                if kind != "list" or "fields" not in widget:
                    problems.append(f"{here} : liste de {item.__name__}, trouvé {kind}")
                else:
                    problems += mismatches(item, widget["fields"], here)
            elif kind == "relation" or kind == "select":
                if not widget.get("multiple"):
                    problems.append(f"{here} : une liste, mais {kind} à choix unique")
                if kind == "relation" and not _identifier(item_metadata):
                    problems.append(f"{here} : relation sur autre chose que des identifiants")
            elif kind != "list" or "field" not in widget:
                problems.append(f"{here} : liste de textes, trouvé {kind}")
        elif _is_model(annotation):
            if kind != "object":
                problems.append(f"{here} : groupe {annotation.__name__}, trouvé {kind}")
            else:
                problems += mismatches(annotation, widget["fields"], here)
        elif annotation is bool:
            if kind != "boolean":
                problems.append(f"{here} : oui/non, trouvé {kind}")
        elif annotation is int:
            if kind != "number" or widget.get("value_type") != "int":
                problems.append(f"{here} : nombre entier, trouvé {kind}")
        elif annotation is float:
            if kind != "number" or widget.get("value_type") != "float":
                problems.append(f"{here} : nombre, trouvé {kind}")
        elif annotation is dt.date:
            if kind != "datetime" or widget.get("format") != "YYYY-MM-DD" or widget.get("time_format") is not False:
                problems.append(f"{here} : date AAAA-MM-JJ, trouvé {kind}")
        elif typing.get_origin(annotation) is typing.Literal:
            options = [o["value"] for o in widget.get("options", [])]
            if kind != "select" or options != list(typing.get_args(annotation)):
                problems.append(f"{here} : choix {typing.get_args(annotation)}, trouvé {kind} {options}")
        elif annotation in (dt.time,) or typing.get_origin(annotation) is typing.Union:
            # A clock time, or a date with or without its time: text with the schema's pattern.
            if kind != "string" or "pattern" not in widget:
                problems.append(f"{here} : texte à motif (date/heure), trouvé {kind}")
        elif annotation is str:
            if kind not in SCALAR_WIDGETS:
                problems.append(f"{here} : texte, trouvé {kind}")
            if kind == "relation" and (widget.get("multiple") or not _identifier(metadata)):
                problems.append(f"{here} : relation sur autre chose qu'un identifiant")
            if _identifier(metadata) and kind == "string" and widget.get("pattern", [None])[0] != SLUG_PATTERN:
                problems.append(f"{here} : identifiant sans son motif")
        else:
            problems.append(f"{here} : type {annotation!r} sans règle de widget")
    problems += [f"{where}.{name} : widget sans champ du modèle" for name in by_name
                 if not (where.endswith(cms.NEWS) and name == "body")]
    return problems


@pytest.fixture(scope="module")
def config() -> dict:
    return cms.decap_config(load_site(REPO), repository="https://github.com/territoires/exemple")


def _entries(config: dict):
    for collection in config["collections"]:
        if "files" in collection:
            for entry in collection["files"]:
                model = next(d.model for d in cms.DATA_FILES if d.name == entry["name"])
                yield f"{collection['name']}/{entry['name']}", model, entry["fields"]
        else:
            model = next(f.model for f in cms.FOLDERS if f.name == collection["name"])
            yield collection["name"], model, collection["fields"]


def test_every_model_field_has_a_fitting_widget(config):
    problems = [p for where, model, fields in _entries(config) for p in mismatches(model, fields, where)]
    assert problems == []
    covered = {model for _where, model, _fields in _entries(config)}
    assert covered == {f.model for f in cms.FOLDERS} | {d.model for d in cms.DATA_FILES}


@pytest.mark.parametrize("mutation, expected", [
    (lambda fields: fields.remove(next(f for f in fields if f["name"] == "membres")),
     "actualites.membres : aucun widget"),
    (lambda fields: next(f for f in fields if f["name"] == "date").update(widget="string"),
     "actualites.date : date AAAA-MM-JJ, trouvé string"),
    (lambda fields: next(f for f in fields if f["name"] == "title").update(required=False),
     "actualites.title : required=False, attendu True"),
    (lambda fields: next(f for f in fields if f["name"] == "categories").update(multiple=False),
     "actualites.categories : une liste, mais select à choix unique"),
    (lambda fields: fields.append({"name": "sous_titre", "widget": "string"}),
     "actualites.sous_titre : widget sans champ du modèle"),
])
def test_a_missing_or_mismatched_widget_is_reported(config, mutation, expected):
    news = copy.deepcopy(next(c for c in config["collections"] if c["name"] == cms.NEWS))
    mutation(news["fields"])
    assert expected in mismatches(cms.FOLDERS[0].model, news["fields"], cms.NEWS)


def test_article_form_picks_from_the_site_data(config):
    news = next(c for c in config["collections"] if c["name"] == cms.NEWS)
    fields = {f["name"]: f for f in news["fields"]}
    categories = yaml.safe_load((REPO / "data" / "news_categories.yml").read_text(encoding="utf-8"))
    assert [o["value"] for o in fields["categories"]["options"]] == [c["nom"] for c in categories["categories"]]
    assert (fields["categories"]["min"], fields["categories"]["max"]) == (1, 1)
    assert {k: fields["membres"][k] for k in ("widget", "collection", "file", "value_field", "multiple")} \
        == {"widget": "relation", "collection": "donnees", "file": "registre",
            "value_field": "membres.*.id", "multiple": True}
    assert fields["evenements"]["collection"] == "evenements"
    assert fields["body"]["widget"] == "markdown"
    assert news["folder"] == "content/actualites/posts" and news["format"] == "frontmatter"


def test_uploads_land_where_the_build_reads_them(config):
    """Each image field stores under content/ and writes the path relative to content/."""
    images = []

    def walk(fields):
        for f in fields:
            if f["widget"] == "image":
                images.append(f)
            walk(f.get("fields", []))
    for _where, _model, fields in _entries(config):
        walk(fields)
    assert {f["media_folder"] for f in images} == {"/content/actualites/images",
                                                   "/content/images/membres",
                                                   "/content/images/savoir-faire"}
    for image in images:
        assert image["media_folder"] == "/content/" + image["public_folder"]
        assert 0 < image["media_library"]["config"]["max_file_size"] <= 400 * 1024
        assert (REPO / image["media_folder"].lstrip("/")).parent.is_dir()


def test_editorial_workflow_and_backend(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "fr"
    # The sample names its repository in data/territory.yml (publication: depot): it wins.
    assert config["backend"] == {"name": "github", "repo": "territoires/industrie-positive",
                                 "branch": "main", "open_authoring": True, "always_fork": False}
    # A territory that names none gets mkdocs.yml's repo_url, passed by the hook.
    site = load_site(REPO)
    publication = site.territory.publication.model_copy(update={"repository": None})
    bare = dataclasses.replace(site, territory=site.territory.model_copy(update={"publication": publication}))
    assert cms.decap_config(bare, repository="https://github.com/territoires/exemple")["backend"]["repo"] \
        == "territoires/exemple"


def test_built_admin_page(sample_site):
    admin = sample_site.site_dir / "admin"
    written = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert written["backend"]["repo"] == "territoires/industrie-positive"
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    index = (admin / "index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in index and "decap-cms.js" in index
    # No public page loads the editor.
    for page in Path(sample_site.site_dir).rglob("*.html"):
        if admin not in page.parents:
            assert "decap-cms" not in page.read_text(encoding="utf-8"), page


def test_a_forgejo_repository_signs_in_with_its_oauth_application():
    site = load_site(REPO)
    publication = site.territory.publication.model_copy(update={
        "repository": "https://forge.exemple.fr/territoire/site", "editor_app_id": "abc-123"})
    territory = site.territory.model_copy(update={"publication": publication})
    settings = cms.backend(dataclasses.replace(site, territory=territory))
    assert settings == {"name": "forgejo", "repo": "territoire/site", "branch": "main",
                        "base_url": "https://forge.exemple.fr",
                        "api_root": "https://forge.exemple.fr/api/v1", "open_authoring": True,
                        "app_id": "abc-123"}
