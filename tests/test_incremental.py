"""The preview's incremental rebuilds give the site a clean build gives (issue 17).

One copy of the sample is built by the preview's own builder (``PreviewBuilds``), as
``territoire serve`` does; after each edit it rebuilds, and the whole site folder is compared, file
by file, with a clean preview build of the same sources made in a fresh process. Edits of what an
item says must take the incremental path (else the comparison would prove nothing about it);
structural edits may fall back to a full build, and must be as right.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_project, write_config
from preview_once import SERVE_URL, preview_config
from territoire.engine import session, state
from territoire.engine.run import PreviewBuilds

_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "sitemap.xml":
                data = _LASTMOD.sub(b"", data)  # the build date (issue 17: sitemap dates aside)
            found[path.relative_to(site).as_posix()] = data
    return found


def _differences(site: Path, clean: Path) -> list[str]:
    ours, theirs = _files(site), _files(clean)
    lines = [f"seulement dans l'aperçu : {name}" for name in sorted(set(ours) - set(theirs))]
    lines += [f"seulement dans la construction propre : {name}" for name in sorted(set(theirs) - set(ours))]
    lines += [f"différent : {name}" for name in sorted(set(ours) & set(theirs))
              if name != "sitemap.xml.gz" and ours[name] != theirs[name]]
    return lines


class Preview:
    def __init__(self, project: Path, work: Path):
        self.project, self.work = project, work
        self.site = work / "site"
        self.config_file = write_config(project, work / "mkdocs.yml", self.site)
        self.builds = PreviewBuilds()
        self.clean_builds = 0
        self.first_config = None

    def shutdown(self) -> None:
        if self.first_config is not None:
            self.first_config.plugins.on_shutdown()  # as ``territoire serve`` does when it stops

    def build(self):
        config = preview_config(self.config_file, self.site)
        if self.first_config is None:
            config.plugins.on_startup(command="serve", dirty=False)
            self.first_config = config
        self.builds.build(config, serve_url=SERVE_URL)
        return self.builds.last_plan

    def assert_like_clean_build(self) -> None:
        self.clean_builds += 1
        clean = self.work / f"clean-{self.clean_builds}"
        completed = subprocess.run([sys.executable, str(REPO / "tests" / "preview_once.py"),
                                    str(self.config_file), str(clean)],
                                   capture_output=True, text=True, cwd=self.work, timeout=600)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        differences = _differences(self.site, clean)
        assert not differences, "\n".join(differences[:30])


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("incremental")
    project = copy_project(REPO, work / "project")
    preview = Preview(project, work)
    try:
        first = preview.build()
        assert first.full
        yield preview
    finally:
        preview.shutdown()
        session.start("build")  # the preview mode must not leak into other tests of the process


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} absent de {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


POST = "content/actualites/posts/premier-conseil-industrie-positive.md"
EVENT = "data/events/cafe-debat-ess.yml"


def test_an_unchanged_rebuild_writes_nothing_but_is_right(preview):
    plan = preview.build()
    assert not plan.full and plan.build == set()
    preview.assert_like_clean_build()


def test_the_blog_folder_is_not_rewritten(preview, tmp_path, monkeypatch):
    # Material's blog writes its generated sources (archives, categories, ~1,200 pagination
    # copies at 6,645 pages) on every build; the preview leaves those already written alone
    # (territoire/engine/blog_folder.py), and makes no other folder.
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folders = [plugin.temp_dir for plugin in preview.first_config.plugins.values()
               if hasattr(plugin, "temp_dir")]
    assert folders and all(Path(folder).is_dir() for folder in folders)

    def stamps() -> dict[str, int]:
        return {str(path): path.stat().st_mtime_ns for folder in folders
                for path in Path(folder).rglob("*") if path.is_file()}

    before = stamps()
    assert any("/archives/" in name for name in before), sorted(before)[:5]
    assert any("/categorie/" in name for name in before), sorted(before)[:5]
    for _ in range(2):
        plan = preview.build()
        assert not plan.full, plan.reason
    assert list(tmp_path.iterdir()) == []
    assert stamps() == before  # the same sources, not written again
    for plugin in preview.first_config.plugins.values():
        if hasattr(plugin, "temp_dir"):  # the same plugin at every build: wrapped once, not once a build
            assert not hasattr(plugin._save_to_file.unshared, "unshared")


def test_an_article_title_rebuilds_only_the_pages_that_show_it(preview):
    _edit(preview.project / POST, "s'est réuni pour la première fois",
          "s'est réuni pour la toute première fois")
    plan = preview.build()
    assert not plan.full, plan.reason
    assert "actualites/2019/premier-conseil-industrie-positive/" in plan.build
    assert "./" in plan.build and "membres/bulane/" in plan.build  # the home page, a cited firm
    assert "a-propos/" not in plan.build and "valeurs/" not in plan.build
    preview.assert_like_clean_build()


def test_a_save_during_a_build_is_shown_by_the_next_one(preview, monkeypatch):
    # The author saves again while the preview builds, after the territory was read: that build
    # shows the first save; the watcher's next build must see the second one as a change.
    post = preview.project / POST
    _edit(post, "s'est réuni pour", "s'est réuni (1) pour")
    load = state.load_into

    def load_then_save_again(config):
        site = load(config)
        _edit(post, "s'est réuni (1) pour", "s'est réuni (2) pour")
        return site

    monkeypatch.setattr(state, "load_into", load_then_save_again)
    assert not preview.build().full
    monkeypatch.undo()
    plan = preview.build()
    assert not plan.full, plan.reason
    assert "actualites/2019/premier-conseil-industrie-positive/" in plan.build
    listing = (preview.site / "actualites/index.html").read_text(encoding="utf-8")
    assert "s'est réuni (2) pour" in listing.replace("&#39;", "'")
    preview.assert_like_clean_build()


def test_a_member_name_cited_by_articles_is_renamed_everywhere(preview):
    _edit(preview.project / "data/members.yml", "nom: Bulane\n", "nom: Bulane Énergies\n")
    plan = preview.build()
    assert not plan.full, plan.reason
    assert {"membres/bulane/", "membres/",
            "actualites/2019/premier-conseil-industrie-positive/"} <= plan.build
    preview.assert_like_clean_build()
    site = (preview.site / "membres/index.html").read_text(encoding="utf-8")
    assert "Bulane Énergies" in site


def test_a_member_profile_text_and_an_event_text(preview):
    profile = preview.project / "data/members/bulane.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(re.sub(r"^accroche: (.*)$", r"accroche: \1 Partout en France.", text,
                              count=1, flags=re.M), encoding="utf-8")
    _edit(preview.project / EVENT, "Café-débat : l'économie sociale et solidaire",
          "Café-débat : l'économie sociale et solidaire à Montpellier")
    plan = preview.build()
    assert not plan.full, plan.reason
    assert {"membres/bulane/", "agenda/cafe-debat-ess/"} <= plan.build
    preview.assert_like_clean_build()


def test_an_article_body_edit(preview):
    _edit(preview.project / POST, "Le mardi 1er octobre 2019,", "Le mardi 1er octobre 2019 au matin,")
    plan = preview.build()
    assert not plan.full, plan.reason
    preview.assert_like_clean_build()


def _posts_constructed(monkeypatch) -> list[str]:
    """The articles whose blog post Material constructs from now on (the others are kept)."""
    from material.plugins.blog.structure import Post

    read: list[str] = []
    original = Post.__init__

    def counting(self, file, config):
        read.append(file.src_uri)
        original(self, file, config)

    monkeypatch.setattr(Post, "__init__", counting)
    return read


def test_only_the_edited_article_is_read_again_by_the_blog(preview, monkeypatch):
    read = _posts_constructed(monkeypatch)
    _edit(preview.project / POST, "s'est tenu", "s'est bien tenu")
    plan = preview.build()
    assert not plan.full, plan.reason
    # The other articles' posts are copies of the previous build's (territoire/engine/blog_posts.py).
    assert read == [POST.removeprefix("content/")]
    preview.assert_like_clean_build()


def test_the_first_save_after_the_first_build_reads_only_its_article(preview, tmp_path, monkeypatch):
    # The shared preview has rebuilt before the other tests run; this one is new, so its first
    # save follows its first (full) build, made into a staging folder, whose posts must have been
    # kept too. MkDocs keeps one blog plugin per process (it has on_startup): the shared preview
    # shuts it down, not this one.
    blog = preview.first_config.plugins["material/blog"]
    for name in ("blog", "_resolve_post"):  # as a new process's plugin: never built, not wrapped
        monkeypatch.delattr(blog, name, raising=False)
    project = copy_project(REPO, tmp_path / "project")
    fresh = Preview(project, tmp_path)
    try:
        assert fresh.build().full
        read = _posts_constructed(monkeypatch)
        _edit(project / POST, "s'est tenu", "s'est bien tenu")
        plan = fresh.build()
        assert not plan.full, plan.reason
        assert read == [POST.removeprefix("content/")]
    finally:
        session.start("build")


def test_a_kept_post_is_not_changed_by_the_build_that_gets_it(preview):
    # The next build gets a copy of the kept state with new containers only where a build
    # changes things (territoire/engine/blog_posts.py): check those are new.
    from material.plugins.blog.structure import Post
    from mkdocs.structure.files import File

    from territoire.engine.blog_posts import _fresh

    config = preview_config(preview.config_file, preview.site)
    file = File(POST.removeprefix("content/"), config.docs_dir, config.site_dir, True)
    kept = Post(file, config).__dict__
    before = (dict(kept["config"].data), dict(kept["meta"]), list(kept["categories"]))
    post = Post.__new__(Post)
    post.__dict__.update(_fresh(kept))
    post.config.readtime = 42
    post.config.draft = True
    post.categories.append("une vue")
    post.meta["description"] = "changée"
    post.meta = {}
    assert (dict(kept["config"].data), dict(kept["meta"]), list(kept["categories"])) == before
    assert post.config.readtime == 42 and kept["config"].readtime != 42


def test_an_image_taken_out_of_an_article_body(preview):
    from PIL import Image

    image = preview.project / "content/actualites/images/atelier-test.jpg"
    Image.new("RGB", (1600, 900), (30, 80, 160)).save(image, quality=80)
    _edit(preview.project / POST, "Le mardi 1er octobre 2019",
          "![Un atelier du conseil](../images/atelier-test.jpg)\n\nLe mardi 1er octobre 2019")
    preview.build()
    preview.assert_like_clean_build()
    # Without the picture its variants must go: not a text edit, the build is full.
    _edit(preview.project / POST, "![Un atelier du conseil](../images/atelier-test.jpg)\n\n", "")
    plan = preview.build()
    assert plan.full, plan.reason
    preview.assert_like_clean_build()


def test_an_added_article(preview):
    (preview.project / "content/actualites/posts/nouvel-article.md").write_text(
        "---\ntitle: La Semaine de l'industrie 2027 se prépare\ndate: 2020-01-15\n"
        "resume: Les membres du conseil préparent le programme de la prochaine édition.\n"
        "categories: [Vie du conseil]\nauteurs: [communication]\nmembres: [bulane]\n---\n\n"
        "Les membres du conseil se sont retrouvés pour préparer le programme.\n",
        encoding="utf-8")
    preview.build()
    preview.assert_like_clean_build()


def test_an_article_date_moved_across_a_year(preview):
    _edit(preview.project / "content/actualites/posts/nouvel-article.md",
          "date: 2020-01-15", "date: 2019-12-20")
    preview.build()
    preview.assert_like_clean_build()


def test_a_deleted_article(preview):
    (preview.project / "content/actualites/posts/nouvel-article.md").unlink()
    preview.build()
    preview.assert_like_clean_build()
    assert not (preview.site / "actualites/2019/la-semaine-de-l-industrie-2027-se-prepare").exists()


def test_an_added_event_and_a_cancelled_one(preview):
    (preview.project / "data/events/atelier-2020.yml").write_text(
        "titre: Atelier des membres\ndebut: 2020-02-04\ntype: table-ronde\n"
        "publics: [entreprises]\norganisateur:\n  membre: bulane\nlieu:\n  commune: Montpellier\n",
        encoding="utf-8")
    preview.build()
    preview.assert_like_clean_build()
    _edit(preview.project / EVENT, "debut: 2019-06-13\n", "debut: 2019-06-13\nstatut: annulé\n")
    preview.build()
    preview.assert_like_clean_build()


def test_an_unchanged_article_is_checked_again_when_its_lists_change(preview, caplog):
    # Articles are kept by their text under the preview (territoire/news/loader.py): a category
    # renamed in its list makes the unchanged articles that use it wrong, and they must say so.
    categories = preview.project / "data/news_categories.yml"
    _edit(categories, "  - nom: Vie du conseil\n", "  - nom: Vie de l'instance\n")
    with pytest.raises(Exception):
        preview.build()
    assert ("content/actualites/posts/premier-conseil-industrie-positive.md:7:14 categories[0]: "
            "catégorie inconnue") in caplog.text
    _edit(categories, "  - nom: Vie de l'instance\n", "  - nom: Vie du conseil\n")
    preview.build()
    preview.assert_like_clean_build()


def test_a_sector_renamed_leaves_no_kept_card_behind(preview):
    # Between saves the preview keeps member cards by what they show of the member
    # (keep_fragment); a sector's name is shared data, which the keys do not hold: the build is
    # full, and no card may keep the old name.
    _edit(preview.project / "data/sectors.yml", "nom: Numérique et nouvelles technologies",
          "nom: Numérique")
    plan = preview.build()
    assert plan.full, plan.reason
    preview.assert_like_clean_build()
    directory = (preview.site / "membres/index.html").read_text(encoding="utf-8")
    assert "<span>Numérique</span>" in directory
    assert "Numérique et nouvelles technologies" not in directory


def test_a_broken_edit_then_its_fix(preview):
    _edit(preview.project / POST, "date: 2019-10-04", "date: 2019-13-04")
    with pytest.raises(Exception):
        preview.build()
    _edit(preview.project / POST, "date: 2019-13-04", "date: 2019-10-04")
    plan = preview.build()
    assert plan.full  # nothing is trusted after a failed build
    preview.assert_like_clean_build()
