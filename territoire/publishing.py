"""What the production site may publish, beyond valid data: the content verdict.

``content_issues`` is what ``territoire check`` and the strict build both refuse once the data is
valid: pages outside the menu, broken links (``territoire.links``) and, in production, the
provisional texts the
scaffolds and the article template write (« À compléter : … »), anywhere in a file that will be
published. A draft article is never published, so its provisional texts are not refused; the
preview shows a notice on the page instead of refusing them. ``held_back`` counts the articles a
production build leaves out (drafts, and articles dated in the future).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from territoire import memo
from territoire.errors import DataIssue
from territoire.links import POSTS_DIR, ContentRules, LinkTargets, check_links, omitted_pages
from territoire.site import Site
from territoire.sources import files_below

PLACEHOLDER = "À compléter :"
"""How every provisional text of the scaffolds and of modeles/ starts."""
_PLACEHOLDER = re.compile(r"à compléter\s*:", re.IGNORECASE)
_YAML_KEY = re.compile(r"^\s*(?:-\s+)?([\w-]+)\s*:")


@dataclass(frozen=True)
class HeldBack:
    drafts: int
    scheduled: int


def content_issues(site: Site, content_dir: Path, *, root: Path, production: bool,
                   rules: ContentRules, targets: LinkTargets | None = None) -> list[DataIssue]:
    """The pages outside the menu (``rules``: mkdocs.yml's), the links of every page, and in
    production the provisional texts left in published files."""
    issues = omitted_pages(content_dir, rules, root=root)
    issues += check_links(site, content_dir, root=root, rules=rules, targets=targets)
    if production:
        issues += placeholder_issues(site, content_dir, root=root)
    return issues


def placeholder_issues(site: Site, content_dir: Path, *, root: Path) -> list[DataIssue]:
    """One issue per « À compléter : » left in a file of the site that will be published."""
    drafts = {item.src_uri for item in site.news if item.is_draft}
    # Strings until a file has something to report: every file of the territory, at every save.
    content, data = os.fspath(content_dir), os.fspath(root / "data")
    files = [(os.path.join(content, relative), relative.startswith(POSTS_DIR + "/"))
             for relative in files_below(content_dir)
             if relative.endswith(".md") and relative not in drafts]
    files += [(os.path.join(data, relative), False) for relative in files_below(root / "data")
              if relative.endswith(".yml")]
    issues = []
    top = os.fspath(root)
    for path, article in files:
        issues += _placeholders_in(path, root, top, article=article)
    return issues


def _placeholders_in(path: str, root: Path, top: str, *, article: bool) -> list[DataIssue]:
    try:
        text = memo.text_of(path)
    except (OSError, UnicodeError):
        return []  # the data loader reports unreadable files
    key = ("placeholders", path, top, article, text)
    kept = memo.recall(key)
    if kept is None:
        kept = tuple(_placeholders_of(text, Path(path), root, article=article))
        memo.remember(key, kept)
    return list(kept)


def _placeholders_of(text: str, path: Path, root: Path, *, article: bool) -> list[DataIssue]:
    lines = text.splitlines()
    # YAML: the whole of a data file, the front matter of a page (between its two « --- »).
    yaml_lines = len(lines) if path.suffix == ".yml" else _front_matter_end(lines)
    shown = _display(path, root)
    found = []
    for number, line in enumerate(lines, start=1):
        in_yaml = number <= yaml_lines
        if in_yaml and line.lstrip().startswith("#"):
            continue
        match = _PLACEHOLDER.search(line)
        if not match:
            continue
        key = _YAML_KEY.match(line) if in_yaml else None
        if in_yaml and key is None:
            # A line of a multi-line text: the field is the key above it, less indented.
            indent = len(line) - len(line.lstrip())
            key = next((above_key for above in reversed(lines[:number - 1])
                        if (above_key := _YAML_KEY.match(above))
                        and len(above) - len(above.lstrip()) < indent), None)
        excerpt = line[match.start():].strip().strip("\"'")
        if len(excerpt) > 60:
            excerpt = excerpt[:57] + "…"
        found.append(DataIssue(
            shown, number, match.start() + 1, key.group(1) if key else "",
            f"texte provisoire : trouvé « {excerpt} », attendu le texte définitif à la place "
            f"de « {PLACEHOLDER} … »" + (" (ou « draft: true » : un brouillon n'est pas publié)"
                                          if article else "")))
    return found


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() == "---":
                return index + 1
    return 0


def held_back(site: Site, today: dt.date | None = None) -> HeldBack:
    """The articles a production build does not publish: drafts, and those dated after today."""
    today = today or dt.date.today()
    drafts = sum(1 for item in site.news if item.is_draft)
    scheduled = sum(1 for item in site.news if not item.is_draft and item.date > today)
    return HeldBack(drafts, scheduled)


def held_back_text(counts: HeldBack) -> str | None:
    """« 1 brouillon et 2 articles programmés non publiés … », or None when nothing is held back."""
    parts = []
    if counts.drafts:
        parts.append(f"{counts.drafts} brouillon{'s' if counts.drafts > 1 else ''}")
    if counts.scheduled:
        parts.append(f"{counts.scheduled} article{'s' if counts.scheduled > 1 else ''} "
                     f"programmé{'s' if counts.scheduled > 1 else ''} (daté{'s' if counts.scheduled > 1 else ''} "
                     "après aujourd'hui)")
    if not parts:
        return None
    total = counts.drafts + counts.scheduled
    return (f"Non publié{'s' if total > 1 else ''} : {' et '.join(parts)} ; "
            "visible" + ("s" if total > 1 else "") + " dans l'aperçu local (python3 tasks.py serve).")


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
