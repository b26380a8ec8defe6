"""The web editor end to end: Decap CMS in Debian's Chromium, decap-server in its Git mode on a
temporary Git clone of the sample, served from the site's own origin (territoire.editor_server).

An article is written through the form (title, date, category, a member picked in the relation
widget, a cover uploaded with its text, a Markdown body) and saved: the editorial workflow puts it
on a branch ``cms/actualites/…`` whose front matter ``territoire check`` accepts; published, it is
on the news list, its own page and the member's page of the rebuilt site. A member profile edited
through the form is saved as valid YAML. The admin page calls no other host.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, build
from gates import AXE_JS, AXE_TAGS
from page_types import TOOL_PAGES
from territoire.editor_server import DECAP_SERVER, decap_server, serve_site
from territoire.engine.cms import BUNDLE
from territoire.members.models import MemberProfile
from territoire.news.models import NewsFrontMatter

pytestmark = [
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="chromium absent de /usr/bin"),
    pytest.mark.skipif(not shutil.which("node"), reason="node absent"),
]

# Decap's first start on a loaded 2-core machine: parsing a 5 MB bundle, then the proxy.
SLOW = 120_000
TITLE = "Visite d'atelier chez Bulane"
SLUG = "visite-datelier-chez-bulane"
TITLE_OF_SAMPLE = "Le Conseil métropolitain de l'industrie positive s'est réuni pour la première fois"


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image
    buffer = BytesIO()
    Image.new("RGB", (640, 400), (31, 78, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _git(repository: Path, *args: str) -> str:
    completed = subprocess.run(["git", "-C", str(repository), *args], capture_output=True, text=True)
    assert completed.returncode == 0, f"git {' '.join(args)} : {completed.stderr}"
    return completed.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A Git repository holding a copy of the sample's content/, data/ and schemas/."""
    assert BUNDLE.is_file() and DECAP_SERVER.is_file(), "lancez « python3 tasks.py test » (npm ci)"
    repository = tmp_path_factory.mktemp("depot")
    for name in ("content", "data", "schemas"):
        shutil.copytree(REPO / name, repository / name)
    # The build's image cache (.cache/) stays out of Git, or decap-server would commit it.
    shutil.copyfile(REPO / ".gitignore", repository / ".gitignore")
    _git(repository, "init", "-q", "-b", "main")
    _git(repository, "config", "user.name", "Essai")
    _git(repository, "config", "user.email", "essai@exemple.fr")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "Exemple")
    return repository


@pytest.fixture(scope="module")
def editor(clone, tmp_path_factory):
    """The clone's built site with /admin/, and decap-server on the clone, from one origin."""
    built = build(clone, tmp_path_factory.mktemp("construit"))
    assert built.returncode == 0, built.output
    log = tmp_path_factory.mktemp("journal") / "decap-server.log"
    with decap_server(clone, log=log) as api, serve_site(built.site_dir, api) as url:
        yield url


@pytest.fixture()
def admin(browser, editor):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(SLOW)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: dialog.accept())
    page.requests = requests
    page.goto(editor + TOOL_PAGES["web editor"][0])
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Actualités").first.wait_for()
    yield page
    context.close()


def _pick(page, field: str, text: str) -> None:
    """Type into a select or relation widget (react-select) and take the option shown."""
    box = page.locator(f"input[id^='{field}-field-']")
    box.click()
    box.fill(text)
    page.locator("[id^='react-select'][id*='-option-']", has_text=text).first.click()


def _foreign(page, base: str) -> list[str]:
    return [url for url in page.requests
            if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(base)]


def test_write_save_and_publish_an_article(admin, editor, clone, tmp_path):
    page = admin
    page.goto(editor + "admin/#/collections/actualites/new")
    page.locator("input[id^='title-field-']").fill(TITLE)
    page.locator("input[id^='date-field-']").fill("2025-11-20")
    page.locator("textarea[id^='resume-field-']").fill(
        "Les membres du conseil ont visité l'atelier où Bulane assemble ses générateurs.")
    _pick(page, "categories", "Vie du conseil")
    _pick(page, "membres", "Bulane")
    # The cover: uploaded through the media library, then chosen.
    page.get_by_role("button", name="Choisir une image").click()
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "visite-atelier.png", "mimeType": "image/png", "buffer": PNG}])
    card = page.get_by_text("visite-atelier.png").first
    card.wait_for()
    chosen = page.get_by_role("button", name="Choisir les éléments sélectionnés")
    if not chosen.is_enabled():
        card.click()
    chosen.click()
    page.locator("input[id^='image_alt-field-']").fill(
        "Photo : un générateur de flamme à hydrogène sur l'établi de l'atelier.")
    body = page.locator("[id^='body-field-'] [contenteditable='true'], [data-slate-editor='true']").first
    body.click()
    page.keyboard.type("La visite a commencé par la salle d'essais.")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Entrée enregistrée").first.wait_for()

    branches = _git(clone, "branch", "--list", "cms/*").split()
    assert f"cms/actualites/{SLUG}" in branches, branches
    source = _git(clone, "show", f"cms/actualites/{SLUG}:content/actualites/posts/{SLUG}.md")
    _, header, text = source.split("---\n", 2)
    front = NewsFrontMatter.model_validate(yaml.safe_load(header))
    assert front.title == TITLE and front.categories == ["Vie du conseil"]
    assert front.members == ["bulane"] and front.image == "actualites/images/visite-atelier.png"
    assert "salle d'essais" in text

    # Publish from the editor: status « Prêt », then « Publier maintenant » (decap-server merges
    # the branch, as the Git host merges the pull request).
    page.get_by_role("button", name="Statut: Brouillon").click()
    page.get_by_role("menuitem", name="Prêt").or_(page.get_by_text("Prêt", exact=True)).first.click()
    page.get_by_role("button", name="Statut: Prêt").wait_for()
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_role("menuitem", name="Publier maintenant").or_(
        page.get_by_text("Publier maintenant", exact=True)).first.click()
    page.get_by_text("Entrée publiée").first.wait_for()
    assert f"cms/actualites/{SLUG}" not in _git(clone, "branch", "--list", "cms/*").split()
    assert (clone / "content" / "actualites" / "posts" / f"{SLUG}.md").is_file()
    assert (clone / "content" / "actualites" / "images" / "visite-atelier.png").read_bytes() == PNG

    checked = subprocess.run([sys.executable, "-m", "territoire.cli", "check", "--project", str(clone)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    rebuilt = build(clone, tmp_path)
    assert rebuilt.returncode == 0, rebuilt.output
    site = rebuilt.site_dir
    listing = BeautifulSoup((site / "actualites" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert TITLE in listing.get_text()
    article = site / "actualites" / "2025" / SLUG / "index.html"
    assert TITLE in BeautifulSoup(article.read_text(encoding="utf-8"), "html.parser").h1.get_text()
    member = BeautifulSoup((site / "membres" / "bulane" / "index.html").read_text(encoding="utf-8"),
                           "html.parser")
    assert TITLE in member.get_text()
    assert _foreign(page, editor) == []


def test_edit_a_member_profile(admin, editor, clone):
    page = admin
    page.goto(editor + "admin/#/collections/profils/entries/bulane")
    commune = page.locator("input[id^='commune-field-']")
    commune.fill("Montpellier")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Entrée enregistrée").first.wait_for()
    source = _git(clone, "show", "cms/profils/bulane:data/members/bulane.yml")
    profile = MemberProfile.model_validate(yaml.safe_load(source))
    assert profile.commune == "Montpellier"
    assert profile.offerings and profile.offerings[0].title == "Dynaflame"
    assert _foreign(page, editor) == []


# Our page's body holds only <noscript> and <script> elements: everything else in it is drawn by
# Decap (its #nc-root, the loading bar's canvas, notifications, dialogs).
_OURS = "{exclude: Array.from(document.body.children).filter(e => !['NOSCRIPT', 'SCRIPT'].includes(e.tagName))}"


def _axe(page, context: str) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("([context, tags]) => axe.run(eval('(' + context + ')'),"
                         " {runOnly: {type: 'tag', values: tags}}).then(result => result.violations)",
                         [context, AXE_TAGS])


def test_admin_page_is_accessible_where_it_is_ours(admin, editor):
    """axe on the collection list and the article form: none in our page; the editor's own
    violations are listed in the README (« L'éditeur en ligne »)."""
    page = admin
    page.goto(editor + "admin/#/collections/actualites")
    page.get_by_text(TITLE_OF_SAMPLE).first.wait_for()
    assert [v["id"] for v in _axe(page, _OURS)] == []
    listed = _axe(page, "document")
    page.goto(editor + "admin/#/collections/actualites/new")
    page.locator("input[id^='title-field-']").wait_for()
    assert [v["id"] for v in _axe(page, _OURS)] == []
    form = _axe(page, "document")
    print("Decap :", {v["id"]: len(v["nodes"]) for v in listed}, {v["id"]: len(v["nodes"]) for v in form})
    assert _foreign(page, editor) == []
