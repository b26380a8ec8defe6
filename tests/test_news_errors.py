"""Bad article front matter: each class of mistake gives its exact French message with file and
line, and a real build stops without a traceback and leaves the previous site untouched."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import FIXTURES, REPO, build, copy_project
from territoire import DataError, load_site
from territoire.errors import IssueCollector
from territoire.french import long_date
from territoire.news.loader import KnownIds, load_news
from territoire.news.models import NewsFrontMatter

PROJECT = FIXTURES / "news"
POST = "content/actualites/posts/essai.md"
GOOD = {
    "title": "Essai",
    "date": "2024-02-03",
    "resume": "Un résumé.",
    "categories": "[Économie]",
}


def _front(**fields: str | None) -> str:
    """A front matter block, one line per field in order; ``None`` removes a field."""
    merged = {**GOOD, **fields}
    lines = [f"{key}: {value}" for key, value in merged.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\nCorps de l'article.\n"


def _issues(tmp_path, text: str) -> list[str]:
    project = copy_project(PROJECT, tmp_path / "project")
    (project / POST).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(issue) for issue in caught.value.issues]


def test_a_good_article_loads(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    (project / POST).write_text(_front(), encoding="utf-8")
    site = load_site(project)
    assert [item.title for item in site.news][:2] == ["Annonce future", "Le conseil de mars"]
    assert site.news_item("actualites/posts/essai.md").category == "Économie"


def test_unknown_key(tmp_path):
    assert _issues(tmp_path, _front(auteur="[redaction]")) == [
        f"{POST}:6:1 auteur: champ inconnu : trouvé « auteur », attendu l'un des champs auteurs, "
        "axes, categories, date, draft, evenements, image, image_alt, membres, mise_a_jour, "
        "resume, slug, tags, title, valeurs (vouliez-vous écrire « auteurs » ?)"]


def test_missing_required_field(tmp_path):
    assert _issues(tmp_path, _front(resume=None)) == [
        f"{POST}:2:1 resume: champ obligatoire manquant : trouvé aucune valeur, "
        "attendu le champ « resume »"]


def test_impossible_date(tmp_path):
    assert _issues(tmp_path, _front(date="2024-02-30")) == [
        f"{POST}:3:7 date: trouvé « 2024-02-30 », attendu une date réelle au format AAAA-MM-JJ, "
        "ex. « 2019-10-01 »"]


def test_date_written_in_words(tmp_path):
    assert _issues(tmp_path, _front(date="4 octobre 2019")) == [
        f"{POST}:3:7 date: trouvé « 4 octobre 2019 », attendu une date réelle au format "
        "AAAA-MM-JJ, ex. « 2019-10-01 »"]


def test_date_with_time(tmp_path):
    assert _issues(tmp_path, _front(date="2024-02-03 10:00:00")) == [
        f"{POST}:3:7 date: trouvé la date et heure 2024-02-03 10:00:00, attendu une date seule "
        "AAAA-MM-JJ, sans heure"]


def test_update_before_publication(tmp_path):
    assert _issues(tmp_path, _front(mise_a_jour="2024-01-01")) == [
        f"{POST}:6:14 mise_a_jour: trouvé la date 2024-01-01, attendu une date postérieure ou "
        "égale à la date de publication (2024-02-03)"]


def test_unknown_category(tmp_path):
    assert _issues(tmp_path, _front(categories="[Economie]")) == [
        f"{POST}:5:14 categories[0]: catégorie inconnue : trouvé « Economie », attendu l'une des "
        "catégories de data/news_categories.yml : Vie du réseau, Économie"]


def test_two_categories(tmp_path):
    assert _issues(tmp_path, _front(categories="[Économie, Vie du réseau]")) == [
        f"{POST}:5:13 categories: trouvé une liste de 2 éléments, attendu au plus 1 élément(s)"]


def test_unknown_author(tmp_path):
    assert _issues(tmp_path, _front(auteurs="[personne]")) == [
        f"{POST}:6:11 auteurs[0]: auteur inconnu : trouvé « personne », attendu l'un des "
        "identifiants de data/authors.yml : redaction"]


def test_unknown_member(tmp_path):
    assert _issues(tmp_path, _front(membres="[atelier, inconnu]")) == [
        f"{POST}:6:20 membres[1]: membre inconnu : trouvé « inconnu », attendu l'un des "
        "identifiants de data/members.yml : atelier, fonderie"]


def test_unknown_value(tmp_path):
    assert _issues(tmp_path, _front(valeurs="[audacieuse]")) == [
        f"{POST}:6:11 valeurs[0]: valeur inconnue : trouvé « audacieuse », attendu l'un des "
        "identifiants de data/values.yml : engagee, pionniere"]


def test_unknown_axis(tmp_path):
    assert _issues(tmp_path, _front(axes="[axe-9]")) == [
        f"{POST}:6:8 axes[0]: axe inconnu : trouvé « axe-9 », attendu l'un des identifiants de "
        "data/axes.yml : image"]


def test_cover_without_alt(tmp_path):
    assert _issues(tmp_path, _front(image="actualites/images/couverture.svg")) == [
        f"{POST}:6:8 image_alt: texte alternatif manquant : trouvé une image sans « image_alt », "
        "attendu une description de l'image"]


def test_cover_file_missing(tmp_path):
    assert _issues(tmp_path, _front(image="actualites/images/absente.jpg", image_alt="Texte.")) == [
        f"{POST}:6:8 image: fichier introuvable : trouvé « actualites/images/absente.jpg », "
        "attendu une image existante dans content/"]


def test_cover_too_heavy(tmp_path):
    # An SVG cover is published as it is: 300 Ko at most. A raster cover may be a big photo (20 Mo;
    # visitors get small variants of it): a bigger one is refused by the cover's line too.
    project = copy_project(PROJECT, tmp_path / "project")
    (project / "content/actualites/images/lourde.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><!-- ' + "x" * (400 * 1024) + " --></svg>",
        encoding="utf-8")
    (project / POST).write_text(_front(image="actualites/images/lourde.svg", image_alt="Texte."),
                                encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert [str(issue) for issue in caught.value.issues] == [
        f"{POST}:6:8 image: image trop lourde : trouvé 400 Ko, attendu au plus 300 Ko "
        "(réduisez ou compressez l'image)"]
    photo = project / "content/actualites/images/lourde.jpg"
    with photo.open("wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0")
        handle.truncate(21 * 1024 * 1024)  # sparse: nothing that big is written to disk
    (project / POST).write_text(_front(image="actualites/images/lourde.jpg", image_alt="Texte."),
                                encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert [str(issue) for issue in caught.value.issues] == [
        "content/actualites/images/lourde.jpg:1:1 taille : trouvé 21 Mo, attendu au plus 20 Mo "
        "pour une image",
        f"{POST}:6:8 image: image trop lourde : trouvé 21 Mo, attendu au plus 20 Mo "
        "(réduisez ou compressez l'image)"]


def test_draft_false_is_refused(tmp_path):
    assert _issues(tmp_path, _front(draft="false")) == [
        f"{POST}:6:8 draft: trouvé le booléen false, attendu true (pour publier, supprimez la "
        "ligne « draft »)"]


def test_slug_with_accents(tmp_path):
    assert _issues(tmp_path, _front(slug="élan")) == [
        f"{POST}:6:7 slug: trouvé « élan », attendu un identifiant en minuscules sans accent ni "
        "espace (lettres, chiffres et tirets, ex. « industrie-positive »)"]


def test_two_articles_at_one_address(tmp_path):
    # The fixture's "conseil-de-mars.md" is published at actualites/2024/conseil-de-mars/.
    assert _issues(tmp_path, _front(slug="conseil-de-mars")) == [
        f"{POST}:6:7 slug: adresse en double : trouvé l'adresse actualites/2024/conseil-de-mars/ "
        "déjà prise par content/actualites/posts/conseil-de-mars.md, attendu un « slug » différent"]


def test_a_title_that_gives_a_taken_address(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    (project / POST).write_text(_front(title="Le conseil de mars"), encoding="utf-8")
    other = "content/actualites/posts/zz.md"
    (project / other).write_text(_front(title="Le Conseil de Mars"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert [str(issue) for issue in caught.value.issues] == [
        f"{other}:2:8 title: adresse en double : trouvé l'adresse "
        f"actualites/2024/le-conseil-de-mars/ déjà prise par {POST}, attendu un « slug » différent"]


def test_no_front_matter(tmp_path):
    assert _issues(tmp_path, "# Un titre\n\nSans en-tête.\n") == [
        f"{POST}:1:1 en-tête absent : trouvé du texte, attendu un bloc « --- » d'en-tête YAML en "
        "première ligne"]


def test_every_mistake_of_every_article_at_once(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    (project / POST).write_text(_front(membres="[inconnu]", valeurs="[audacieuse]"), encoding="utf-8")
    (project / "content/actualites/posts/autre.md").write_text(_front(date="2024-13-01"),
                                                                encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert [(i.file, i.line, i.field) for i in caught.value.issues] == [
        ("content/actualites/posts/autre.md", 3, "date"),
        (POST, 6, "membres[0]"),
        (POST, 7, "valeurs[0]"),
    ]


def test_categories_file_required_once_there_are_articles(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    (project / "data/news_categories.yml").unlink()
    with pytest.raises(DataError) as caught:
        load_site(project)
    assert [str(issue) for issue in caught.value.issues] == [
        "data/news_categories.yml:1:1 fichier introuvable : attendu un fichier lisible à cet endroit"]


def test_a_site_without_articles_needs_no_news_lists(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    shutil.rmtree(project / "content/actualites/posts")
    (project / "data/news_categories.yml").unlink()
    (project / "data/authors.yml").unlink()
    assert load_site(project).news == []


def test_a_territory_without_news_has_no_news_section(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    shutil.rmtree(project / "content/actualites")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.output
    assert not (project / "content/actualites").exists(), "the blog wrote into content/"
    tabs = [a.get_text(strip=True) for a in result.html("").select(".tp-nav a")]
    assert "Actualités" not in tabs and "Membres" in tabs
    assert not result.html("").select('link[rel~="alternate"][type]')


def test_build_stops_with_the_message_and_keeps_the_previous_site(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    first = build(project, tmp_path)
    assert first.returncode == 0, first.output
    marker = first.site_dir / "actualites/index.html"
    before = marker.read_bytes()
    (project / POST).write_text(_front(membres="[inconnu]"), encoding="utf-8")
    second = build(project, tmp_path)
    assert second.returncode != 0
    assert "Traceback" not in second.output
    assert (f"  {POST}:6:11 membres[0]: membre inconnu : trouvé « inconnu », attendu l'un des "
            "identifiants de data/members.yml : atelier, fonderie") in second.output
    assert marker.read_bytes() == before


def test_the_template_to_copy_is_a_valid_article(tmp_path):
    project = copy_project(REPO, tmp_path / "project")
    shutil.copy(REPO / "modeles/actualite.md", project / "content/actualites/posts/modele.md")
    item = load_site(project).news_item("actualites/posts/modele.md")
    assert item is not None and item.category == "Vie du conseil"


def test_a_colon_in_an_unquoted_title(tmp_path):
    assert _issues(tmp_path, _front(title="UIMM : la journée")) == [
        f"{POST}:2:13 deux-points dans un texte : trouvé « : » dans la valeur de « title », attendu "
        'le texte entre guillemets : « title: "UIMM : la journée" »']


def test_related_events_are_checked_once_the_site_has_an_agenda(tmp_path):
    project = copy_project(PROJECT, tmp_path / "project")
    (project / POST).write_text(_front(evenements="[salon-2024, inconnu]"), encoding="utf-8")
    assert load_site(project).news_item("actualites/posts/essai.md").front.events == [
        "salon-2024", "inconnu"]  # no agenda yet: not checked
    issues = IssueCollector(project)
    load_news(project / "data", project / "content", issues, KnownIds(
        members={"atelier", "fonderie"}, values={"pionniere", "engagee"}, axes={"image"},
        events={"salon-2024"}))
    assert [str(issue) for issue in issues.issues] == [
        f"{POST}:6:26 evenements[1]: événement inconnu : trouvé « inconnu », attendu l'un des "
        "identifiants de l'agenda : salon-2024"]


def test_front_matter_model_without_mkdocs():
    front = NewsFrontMatter.model_validate({"title": "T", "date": "2019-10-01", "resume": "R",
                                            "categories": ["Vie du réseau"], "draft": True})
    assert front.date == dt.date(2019, 10, 1) and front.draft is True


@pytest.mark.parametrize(("day", "text"), [(dt.date(2019, 10, 1), "1er octobre 2019"),
                                           (dt.date(2019, 10, 4), "4 octobre 2019"),
                                           (dt.date(2018, 3, 8), "8 mars 2018")])
def test_french_long_dates(day, text):
    assert long_date(day) == text
