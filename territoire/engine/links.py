"""Links in the build: the content verdict before anything is written, the short forms resolved
in each page's Markdown, and MkDocs' own link warnings told in French with file:line:column.

``check`` runs the same ``territoire.publishing.content_issues`` as ``territoire check``: one
verdict. MkDocs still validates links after us (mkdocs.yml's ``validation:``); a warning it gives
for a case our checker does not see is rewritten into the same French form (``record.msg``), and
carries the issue (``record.territoire_issue``) for our commands.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from territoire import DataError
from territoire.errors import DataIssue
from territoire.links import (ContentRules, LinkTargets, find_links, link_problem, link_targets,
                              split_front_matter)
from territoire.publishing import content_issues
from territoire.engine import session, state

_KEY = "territoire_link_targets"
_PAGES_LOGGER = "mkdocs.structure.pages"
_SHORT = re.compile(r"^([^\s/?#:]+):([^#]*)(#.*)?$")


def check(config: MkDocsConfig) -> None:
    """Refuse the build, before MkDocs writes anything, for what ``territoire check`` refuses."""
    site = state.site_of(config)
    content = Path(config.docs_dir)
    project = state.project_dir(config)
    rules = ContentRules(nav=config.nav, exclude=config.exclude_docs, drafts=config.draft_docs,
                         not_in_nav=config.not_in_nav)
    targets = link_targets(site, content, rules)
    config[_KEY] = targets
    _translator.use(targets, content, project)
    issues = content_issues(site, content, root=project, production=not session.is_preview(),
                            rules=rules, targets=targets)
    if issues:
        raise state.SiteDataError(DataError(issues))


def resolve_short_forms(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """``[Bulane](membre:bulane)`` -> ``[Bulane](../../membres/bulane.md)`` for MkDocs to resolve."""
    targets: LinkTargets | None = config.get(_KEY)
    if targets is None or ":" not in markdown:
        return markdown
    here = posixpath.dirname(page.file.src_uri) or "."
    for link in reversed(find_links(markdown)):
        match = _SHORT.match(link.target)
        if not match:
            continue
        page_uri = targets.resolve_short(match.group(1), match.group(2))
        if page_uri is None:
            continue  # an address (https:, mailto:) or a mistake check() reported
        relative = posixpath.relpath(page_uri, here) + (match.group(3) or "")
        markdown = markdown[:link.start] + relative + markdown[link.end:]
    return markdown


class _FrenchLinkWarnings(logging.Filter):
    """Rewrites MkDocs' link warnings (``Doc file 'x.md' contains …``) into our French issues."""

    _PATTERNS = (
        re.compile(r"^Doc file '(?P<page>.+?)' contains an absolute link '(?P<url>.+?)', it was left as is\."),
        re.compile(r"^Doc file '(?P<page>.+?)' contains an unrecognized relative link '(?P<url>.+?)', "
                   r"it was left as is\."),
        re.compile(r"^Doc file '(?P<page>.+?)' contains a link '(?P<url>.+?)', but the target"),
        re.compile(r"^Doc file '(?P<page>.+?)' contains a link '(?P<url>.+?)', but (?:there is no such "
                   r"anchor on this page|the doc '.+?' does not contain an anchor)"),
        re.compile(r"^Doc file '(?P<page>.+?)' contains a link to '(?P<url>.+?)' which is excluded"),
    )

    def __init__(self) -> None:
        super().__init__()
        self.targets: LinkTargets | None = None
        self.content = Path()
        self.project = Path()

    def use(self, targets: LinkTargets, content: Path, project: Path) -> None:
        self.targets, self.content, self.project = targets, content, project
        logger = logging.getLogger(_PAGES_LOGGER)
        if self not in logger.filters:
            logger.addFilter(self)

    def filter(self, record: logging.LogRecord) -> bool:
        if self.targets is None or record.levelno < logging.INFO:
            return True
        message = record.getMessage()
        for pattern in self._PATTERNS:
            match = pattern.match(message)
            if match:
                issue = self._issue(match["page"], match["url"], excluded=pattern is self._PATTERNS[-1])
                record.msg, record.args = str(issue), ()
                record.territoire_issue = issue
                break
        return True

    def _issue(self, src_uri: str, url: str, *, excluded: bool) -> DataIssue:
        path = self.content / src_uri
        try:
            shown = path.resolve().relative_to(self.project.resolve()).as_posix()
        except ValueError:
            shown = path.as_posix()
        line, column = 1, 1
        if path.is_file():
            body, first_line = split_front_matter(path.read_text(encoding="utf-8"))
            found = [link for link in find_links(body, first_line=first_line) if link.target == url]
            if found:
                line, column = found[0].line, found[0].column
        if excluded:
            problem = (f"lien vers une page non publiée : trouvé « {url} », attendu une page publiée "
                       "(un brouillon ou un article daté dans le futur ne l'est pas encore)")
        else:
            problem = (link_problem(url, src_uri, self.targets)
                       or f"lien refusé : trouvé « {url} », attendu un lien vers une page du site")
        return DataIssue(shown, line, column, "", problem)


_translator = _FrenchLinkWarnings()
