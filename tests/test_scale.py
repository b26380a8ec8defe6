"""The scale generator's output stays valid, and the blog plugin stays linear in the number of posts.

The benchmark itself (scripts/benchmark.py) is not a test: timings vary. These tests keep its
inputs from rotting: a tiny synthetic territory must load through ``load_site`` and build with
``--strict``; and the identity hook (hooks/blog_speed.py) must keep ``Page.__eq__`` calls from
growing with posts × pages.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import feedparser
import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from conftest import REPO, build, write_config
from territoire import load_site

_spec = importlib.util.spec_from_file_location("generate_territory", REPO / "scripts/generate_territory.py")
generator = importlib.util.module_from_spec(_spec)
sys.modules["generate_territory"] = generator  # dataclasses look their module up
_spec.loader.exec_module(generator)

NEWS, MEMBERS, EVENTS, ACTIONS = 24, 6, 5, 3
SIZES = dict(news=NEWS, members=MEMBERS, events=EVENTS, actions=ACTIONS)


def _engine_overrides() -> dict:
    """The repo's config, with Material's blog added when the news feature is not merged yet."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config["plugins"]
    if any("blog" in (plugin if isinstance(plugin, str) else next(iter(plugin)))
           for plugin in plugins):
        return {}
    nav = config["nav"][:-1] + [{"Actualités": ["actualites/index.md"]}] + config["nav"][-1:]
    return {"plugins": plugins + [{"blog": {"blog_dir": "actualites", "post_url_format": "{date}/{slug}",
                                            "post_url_date_format": "yyyy", "authors": False,
                                            "pagination_per_page": 5}}],
            "nav": nav}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scale") / "project"
    return generator.generate(out, generator.Sizes(**SIZES))


def test_generated_territory_loads(project):
    site = load_site(project)
    assert len(site.members) == MEMBERS
    assert len(list((project / "content/actualites/posts").glob("*.md"))) == NEWS
    assert len(list((project / "data/events").glob("*.yml"))) == EVENTS
    assert len(site.news) == NEWS
    assert len(site.agenda.events) == EVENTS
    assert len(site.roadmap.actions) == ACTIONS


def test_generator_is_deterministic(project, tmp_path):
    again = generator.generate(tmp_path / "again", generator.Sizes(**SIZES))
    for path in sorted(project.rglob("*")):
        if path.is_file():
            assert (again / path.relative_to(project)).read_bytes() == path.read_bytes(), path


FULL_TEXT_NEWS = 5
FEED_ENTRIES = 10


@pytest.fixture(scope="module")
def built(project, tmp_path_factory):
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    extra = {**config.get("extra", {}), "search_full_text_news": FULL_TEXT_NEWS,
             "feed_entries": FEED_ENTRIES}
    return build(project, tmp_path_factory.mktemp("scale-site"), **_engine_overrides(), extra=extra)


def test_generated_territory_builds(built):
    assert built.returncode == 0, built.output
    assert built.exists("membres/membre-0001/")
    assert len(list(built.site_dir.glob("actualites/20*/article-*/index.html"))) == NEWS


def test_feeds_carry_the_newest_articles_only(built):
    newest_first = [f"article-{number:05d}" for number in range(NEWS, NEWS - FEED_ENTRIES, -1)]
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse((built.site_dir / "actualites" / name).read_bytes())
        assert [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries] == newest_first


def _search_docs(built) -> dict[str, dict]:
    index = json.loads((built.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in index["docs"]}


def test_search_index_keeps_full_text_of_recent_news_only(built):
    docs = _search_docs(built)
    articles = sorted({location.split("#")[0] for location in docs if "/article-" in location})
    assert len(articles) == NEWS
    newest = [url for url in articles if url.rstrip("/").endswith(f"article-{NEWS:05d}")][0]
    oldest = [url for url in articles if url.rstrip("/").endswith("article-00001")][0]
    newest_sections = [doc for loc, doc in docs.items() if loc.startswith(newest + "#")]
    oldest_sections = [doc for loc, doc in docs.items() if loc.startswith(oldest + "#")]
    # Recent: every section keeps its text. Old: headings kept, bodies dropped, lead cut.
    assert len(newest_sections) == len(oldest_sections) == 3
    assert all(len(doc["text"]) > 200 for doc in newest_sections)
    assert all(doc["text"] == "" and doc["title"] for doc in oldest_sections)
    assert 0 < len(docs[oldest]["text"]) <= 310
    assert "<" not in docs[oldest]["text"]
    trimmed = [url for url in articles if all(docs[loc]["text"] == "" for loc in docs
                                              if loc.startswith(url + "#"))]
    assert len(trimmed) == NEWS - FULL_TEXT_NEWS
    # Pages that are not news keep everything.
    assert any(loc.startswith("a-propos/#") and len(doc["text"]) > 200 for loc, doc in docs.items())


def _count_page_comparisons(project: Path, tmp_path: Path, hooks: list[str], monkeypatch) -> int:
    tmp_path.mkdir(parents=True, exist_ok=True)
    config_path = write_config(project, tmp_path / "mkdocs.yml", tmp_path / "site", **_engine_overrides())
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / hook) for hook in hooks]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    calls = 0
    original = Page.__eq__

    def counting(self, other):
        nonlocal calls
        calls += 1
        return original(self, other)

    monkeypatch.setattr(Page, "__eq__", counting)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_path))
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()  # as ``mkdocs build`` does: the blog's temporary folder goes
    monkeypatch.setattr(Page, "__eq__", original)
    return calls


def test_identity_hook_keeps_page_comparisons_linear(project, tmp_path, monkeypatch):
    """Adding posts adds a constant number of ``Page.__eq__`` calls per post, not one per post."""
    hooks = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["hooks"]
    assert "hooks/blog_speed.py" in hooks
    double = generator.generate(tmp_path / "double", generator.Sizes(news=2 * NEWS, members=MEMBERS))
    single = _count_page_comparisons(project, tmp_path / "single", hooks, monkeypatch)
    twice = _count_page_comparisons(double, tmp_path / "twice", hooks, monkeypatch)
    # What each added post costs must not depend on how many posts there are. Left with the hook:
    # each new page against the nav items and the blog's few views, about 60 comparisons; without
    # it, each new post against every post and page, about 300 here and growing with the posts.
    per_added_post = (twice - single) / NEWS
    assert per_added_post < 120, (single, twice)


def test_identity_hook_keeps_output_identical(project, tmp_path):
    hooks = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["hooks"]
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    with_hook = build(project, tmp_path / "with", **_engine_overrides())
    without = build(project, tmp_path / "without", **_engine_overrides(),
                    hooks=[str(REPO / h) for h in hooks if h != "hooks/blog_speed.py"])
    assert with_hook.returncode == without.returncode == 0
    pages = sorted(p.relative_to(with_hook.site_dir) for p in with_hook.site_dir.rglob("*.html"))
    assert pages == sorted(p.relative_to(without.site_dir) for p in without.site_dir.rglob("*.html"))
    for page in pages:
        assert (with_hook.site_dir / page).read_bytes() == (without.site_dir / page).read_bytes(), page
