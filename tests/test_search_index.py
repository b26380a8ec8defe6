"""What the search index holds (search/search_index.json of real builds): every generated page a
visitor could want, with its real text and a label, and no filter or listing page.

The browser side (typing queries, accents) is tested in tests/test_search_browser.py.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, build, write_config
from territoire.engine import search_index

LISTINGS = ("membres/secteur/", "membres/valeur/", "membres/commune/", "membres/role/",
            "agenda/mois/", "actualites/archives/", "actualites/categorie/", "actualites/page/",
            "feuille-de-route/axe/", "feuille-de-route/statut/", "feuille-de-route/pilote/",
            "feuille-de-route/priorite/", "plan-du-site/")


def _docs(site) -> dict[str, dict]:
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in index["docs"]}


def _index_config(site) -> dict:
    return json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]


def test_member_entry_holds_its_profile(sample_site):
    doc = _docs(sample_site)["membres/bulane/"]
    assert doc["title"] == "Bulane"
    assert doc["tags"] == ["Membre"]
    assert doc["boost"] > 1
    for words in ("générateurs de flamme à hydrogène", "Secteur : Environnement et énergies",
                  "Valeurs : Pionnière", "Savoir-faire : Dynaflame"):
        assert words in doc["text"], words
    assert doc["keywords"] == "bulane"


def test_each_product_is_an_entry_at_its_anchor_on_the_member_page(sample_site):
    docs = _docs(sample_site)
    product = docs["membres/bulane/#savoir-faire-1"]
    assert product["title"] == "Dynaflame"
    assert product["tags"] == ["Savoir-faire"]
    assert "Bulane" in product["text"]
    page = sample_site.html("membres/bulane/")
    assert page.find(id="savoir-faire-1").find(class_="tp-card__title").get_text(strip=True) == "Dynaflame"
    # Material groups a section under its page: the page's entry must come first.
    locations = list(docs)
    assert locations.index("membres/bulane/") < locations.index("membres/bulane/#savoir-faire-1")


def test_event_entry_has_date_in_words_place_organiser_type_and_audiences(sample_site):
    docs = _docs(sample_site)
    [location] = [loc for loc, doc in docs.items() if "job dating" in doc["title"]]
    doc = docs[location]
    assert location.startswith("agenda/")
    assert doc["tags"][0] == "Événement"
    assert doc["tags"][1].endswith("2018")
    text = doc["text"]
    assert "2018" in text and "Organisé par" in text and "Public :" in text


def test_action_value_axis_edition_and_key_figures_are_labelled(sample_site):
    docs = _docs(sample_site)
    labels = {loc: doc.get("tags", [""])[0] for loc, doc in docs.items()}
    action = docs["feuille-de-route/actions/" + _first_action_id() + "/"]
    assert action["tags"] == ["Action"] and "Pilote :" in action["text"] and "Statut :" in action["text"]
    assert labels["valeurs/pionniere/"] == "Valeur"
    assert any(loc.startswith("axes/") and label == "Axe" for loc, label in labels.items())
    assert any(loc.startswith("semaine-de-l-industrie/") and label == "Édition" for loc, label in labels.items())
    figures = [loc for loc, label in labels.items() if label == "Chiffre clé"]
    assert figures and all(loc.startswith("chiffres-cles/#chiffre-") for loc in figures)
    page = sample_site.html("chiffres-cles/")
    assert all(page.find(id=loc.split("#")[1]) for loc in figures)


def _first_action_id() -> str:
    roadmap = yaml.safe_load((REPO / "data" / "roadmap.yml").read_text(encoding="utf-8"))
    return roadmap["actions"][0]["id"]


def test_news_are_labelled_with_their_date(sample_site):
    docs = _docs(sample_site)
    articles = [doc for loc, doc in docs.items() if loc.startswith("actualites/20") and "#" not in loc]
    assert articles
    assert all(doc["tags"][0] == "Actualité" and doc["tags"][1][-4:].isdigit() for doc in articles)


def test_filter_and_listing_pages_stay_out(sample_site):
    docs = _docs(sample_site)
    assert sample_site.exists("membres/secteur/industrie/")
    assert sample_site.exists("actualites/archives/2019/")
    for location in docs:
        assert not location.startswith(LISTINGS), location
        # An edition's filters: semaine-de-l-industrie/<edition>/<facet>/<key>/.
        assert not (location.startswith("semaine-de-l-industrie/") and location.count("/") > 2), location
    # The blog's index stays, by its name only: its excerpts are the articles' own entries.
    assert docs["actualites/"]["text"] == ""


def test_home_is_found_by_the_territory_name(sample_site):
    home = _docs(sample_site)[""]
    assert home["tags"] == ["Accueil"]
    territory = yaml.safe_load((REPO / "data" / "territory.yml").read_text(encoding="utf-8"))
    assert home["title"] == territory["signature"].replace("&", "&amp;")
    assert home["keywords"] == territory["nom"]


def test_index_config_folds_french_apostrophes_and_weighs_labels(sample_site):
    config = _index_config(sample_site)
    assert config["lang"] == ["fr"]
    assert config["separator"] == search_index.SEPARATOR
    assert config["fields"]["tags"]["boost"] == search_index.TAGS_BOOST
    assert config["fields"]["keywords"]["boost"] == search_index.KEYWORDS_BOOST


def test_texts_are_escaped_for_the_results_markup():
    doc = search_index.entry("x/", "A <b>&</b> B", ["<script>alert(1)</script>"], ["<i>"])
    assert doc["title"] == "A &lt;b&gt;&amp;&lt;/b&gt; B"
    assert "<" not in doc["text"] and "&lt;script&gt;" in doc["text"]
    assert doc["tags"] == ["&lt;i&gt;"]


def test_markdown_becomes_running_text():
    assert search_index.plain("**Fort** et [lien](https://exemple.fr) `code`\n\n- point") \
        == "Fort et lien code point"


def test_long_texts_are_cut_at_a_word():
    doc = search_index.entry("x/", "T", ["mot " * 600], [])
    assert len(doc["text"]) <= search_index.TEXT_CHARS + 2
    assert doc["text"].endswith("mot …")


# --- every generated page kind is indexed or excluded on purpose ---------------------------------

def _registered_kinds() -> set[str]:
    """The ``kind=`` of every ``pages.add_page`` call in the engine and its hooks."""
    kinds = set()
    for path in [*(REPO / "hooks").glob("*.py"), *(REPO / "territoire").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "add_page":
                for keyword in node.keywords:
                    if keyword.arg == "kind":
                        assert isinstance(keyword.value, ast.Constant), f"{path}: kind non littéral"
                        kinds.add(keyword.value.value)
    return kinds


def test_every_generated_kind_is_indexed_or_excluded():
    kinds = _registered_kinds()
    assert {"member", "event", "month", "members-filter"} <= kinds  # the scan finds them
    indexed, excluded = set(search_index.INDEXED), set(search_index.EXCLUDED)
    assert not indexed & excluded
    assert kinds - indexed - excluded == set(), "kinds neither indexed nor excluded"
    assert (indexed | excluded) - kinds == set(), "kinds listed for search that no page has"


NEW_KIND_HOOK = '''
from territoire.engine import pages

def on_files(files, *, config):
    pages.add_page(files, config, kind="nouveau-type", key="x", src_uri="nouveau/index.md",
                   title="Nouveau", template="main.html")
    return files
'''


def test_build_stops_on_a_kind_neither_indexed_nor_excluded(tmp_path):
    hook = tmp_path / "new_kind.py"
    hook.write_text(NEW_KIND_HOOK, encoding="utf-8")
    config_path = write_config(FIXTURES / "other_territory", tmp_path / "mkdocs.yml", tmp_path / "site")
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"].append(str(hook))
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(FIXTURES / "other_territory", tmp_path, config_file=config_path)
    assert result.returncode != 0
    assert "ni indexé ni exclu : nouveau-type" in result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    result = build(FIXTURES / "other_territory", tmp_path_factory.mktemp("search-fixture"))
    assert result.returncode == 0, result.output
    return result


def test_fixture_territory_indexes_its_own_members(fixture_site):
    docs = _docs(fixture_site)
    members = {doc["title"] for doc in docs.values() if doc.get("tags") == ["Membre"]}
    assert {"Scierie du Val", "Atelier mécanique", "Bois et Fer"} <= members


def test_benchmark_groups_entries_by_label():
    import importlib.util
    spec = importlib.util.spec_from_file_location("benchmark_search", REPO / "scripts" / "benchmark_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    index = {"docs": [
        {"location": "membres/a/", "title": "A", "text": "", "tags": ["Membre"]},
        {"location": "membres/a/#savoir-faire-1", "title": "P", "text": "", "tags": ["Savoir-faire"]},
        {"location": "a-propos/", "title": "À propos", "text": ""},
        {"location": "a-propos/#x", "title": "X", "text": "mots"},
    ]}
    rows = module.by_type(index)
    assert rows["Membre"]["pages"] == 1 and rows["Savoir-faire"] == {**rows["Savoir-faire"], "pages": 0, "entries": 1}
    assert rows[module.UNLABELLED]["pages"] == 1 and rows[module.UNLABELLED]["entries"] == 2
    assert sum(row["bytes"] for row in rows.values()) > 0
