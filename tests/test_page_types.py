"""Every page template in use has a representative page in tests/page_types.py, so the gates see it."""

from __future__ import annotations

import re

from conftest import REPO
from page_types import PAGE_TYPES, TOOL_PAGES

_TEMPLATE_LITERAL = re.compile(r"[\"']([\w-]+\.html)[\"']")
_FRONT_MATTER_TEMPLATE = re.compile(r"^template:\s*['\"]?([\w-]+\.html)", re.MULTILINE)


# Every page extends it; it is no page type of its own.
_BASE_TEMPLATES = {"main.html"}


def templates_in_use() -> set[str]:
    """Templates named by the hooks and the engine (generated pages), by the content pages' front
    matter, and every other top-level template of overrides/: the blog plugin picks blog.html and
    blog-post.html by name, without any of our files naming them."""
    found = {path.name for path in (REPO / "overrides").glob("*.html")} - _BASE_TEMPLATES
    for module in [*(REPO / "hooks").glob("*.py"), *(REPO / "territoire" / "engine").glob("*.py")]:
        found |= set(_TEMPLATE_LITERAL.findall(module.read_text(encoding="utf-8")))
    for page in (REPO / "content").rglob("*.md"):
        found |= set(_FRONT_MATTER_TEMPLATE.findall(page.read_text(encoding="utf-8")))
    # Only page templates of ours count (partials live under overrides/partials/).
    return {name for name in found if (REPO / "overrides" / name).is_file()}


def test_every_page_template_has_a_page_type() -> None:
    covered = {template for _path, template in PAGE_TYPES.values()}
    assert len(templates_in_use()) >= 10
    missing = templates_in_use() - covered
    assert not missing, f"ajoutez une ligne à tests/page_types.py pour : {', '.join(sorted(missing))}"


def test_every_listed_template_exists() -> None:
    for kind, (_path, template) in PAGE_TYPES.items():
        assert (REPO / "overrides" / template).is_file(), kind


def test_tool_pages_exist(sample_site) -> None:
    for kind, (path, template) in TOOL_PAGES.items():
        assert (REPO / "overrides" / template).is_file(), kind
        assert (sample_site.site_dir / path / "index.html").is_file(), kind
