"""Escaping is the default for every template of ours; raw output is explicit and reviewed.

Firms write their own profile, authors their articles: a template that prints one of their fields
must escape it whether or not its author thought of it. territoire/engine/escaping.py turns
autoescaping on for every file of overrides/ (Material's templates keep their rule); this module
proves it, lists every `| safe` with the reason it is safe, and fails on a new one.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import DictLoader, Environment

from conftest import FIXTURES, REPO, build, copy_project
from territoire.engine.escaping import escape_our_templates

OVERRIDES = REPO / "overrides"

# Each raw output of our templates, by file and expression, with why it is safe.
REVIEWED_SAFE = {
    ("main.html", "page.content"):
        "a Markdown page's HTML, made by MkDocs from content/ (articles are screened at load)",
    ("home.html", "page.content"): "the home page's Markdown, as above",
    ("about.html", "page.content"): "the about page's Markdown, as above",
    ("values.html", "page.content"): "the values page's Markdown, as above",
    ("axes.html", "page.content"): "the axes page's Markdown, as above",
    ("blog-post.html", "page.content"): "the article's HTML, made by MkDocs and the blog plugin",
    ("partials/site/header.html", "('data-md-component=\"search\" role=\"dialog\"'"):
        "a constant of ours, to find Material's search dialog without escaping its quotes",
    ("partials/site/header.html", "('data-md-component=\"search\" role=\"dialog\" aria-label=\"%s\"'"):
        "a constant of ours; the dialog's name goes through `format`, which escapes it",
}

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_SAFE = re.compile(r"(\(?'[^']*'|\(?\"[^\"]*\"|[\w.()\[\]'\"]+)\s*\|\s*safe\b")


def _raw_outputs() -> set[tuple[str, str]]:
    found = set()
    for path in OVERRIDES.rglob("*.html"):
        text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
        for match in _SAFE.finditer(text):
            found.add((path.relative_to(OVERRIDES).as_posix(), match.group(1)))
    return found


def test_every_raw_output_is_reviewed() -> None:
    assert _raw_outputs() == set(REVIEWED_SAFE), (
        "une sortie brute (| safe) non relue ou disparue : ajoutez-la à REVIEWED_SAFE avec sa raison")


def test_every_template_of_ours_is_escaped_and_material_s_are_not(tmp_path: Path) -> None:
    ours = [path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")]
    assert len(ours) > 40
    env = Environment(loader=DictLoader({}), autoescape=False)
    escape_our_templates(env, OVERRIDES)
    assert all(env.autoescape(name) for name in ours)
    assert not any(env.autoescape(name) for name in ("base.html", "partials/search.html",
                                                    "partials/language.html"))
    # A template added tomorrow is escaped without being named anywhere.
    overrides = tmp_path / "overrides"
    (overrides / "partials" / "nouveau").mkdir(parents=True)
    (overrides / "partials" / "nouveau" / "carte.html").write_text("{{ name }}", encoding="utf-8")
    env = Environment(loader=DictLoader({"partials/nouveau/carte.html": "{{ name }}"}))
    escape_our_templates(env, overrides)
    assert env.get_template("partials/nouveau/carte.html").render(name="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_firm_text_is_text_on_every_page_that_shows_it(tmp_path: Path) -> None:
    # A name, a tagline and a commune with markup, seen on the directory, the home wall, the
    # profile, the governance page and the value page: text everywhere, never elements.
    project = copy_project(FIXTURES / "other_territory", tmp_path / "project")
    registry = project / "data" / "members.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "nom: Scierie du Val", 'nom: "Scierie <i>du</i> Val & fils"'), encoding="utf-8")
    profile = project / "data" / "members" / "scierie-du-val.yml"
    profile.write_text(profile.read_text(encoding="utf-8")
                       + 'accroche: "Le <u>bois</u> & le fer"\n', encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.output
    for path in ("", "membres/", "membres/scierie-du-val/", "gouvernance/", "valeurs/solidaire/"):
        raw = (result.site_dir / path / "index.html").read_text(encoding="utf-8")
        assert "<i>du</i>" not in raw and "<u>bois</u>" not in raw, path
        assert "&amp;amp;" not in raw and "&amp;lt;" not in raw, f"{path}: échappé deux fois"
        page = result.html(path)
        assert page.find(string=re.compile(r"Scierie <i>du</i> Val & fils")), path
