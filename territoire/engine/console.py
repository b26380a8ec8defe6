"""What our commands print while MkDocs runs in them: French only, paths from where they were run.

MkDocs logs in English (« Cleaning site directory », « Aborted with a BuildError! »). ``Console``
takes the place of its log handler: MkDocs' progress lines are dropped or told in French, our own
messages (loggers ``mkdocs.plugins.territoire…``) pass, the issues of our checks and of MkDocs'
translated link warnings are collected, and ``report`` turns the outcome of a build into the
French report the author reads. A message we do not know is kept, behind a French label, rather
than hidden.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from dataclasses import dataclass, field
from typing import Callable, TextIO

from mkdocs.exceptions import Abort, BuildError, ConfigurationError

from territoire.errors import DataIssue
from territoire.engine.state import SiteDataError

Relocate = Callable[[DataIssue], DataIssue]

# MkDocs' messages of a normal run, replaced by ours or of no use to an author.
_SILENT = (
    "Cleaning site directory", "Building documentation", "Documentation built in",
    "The following pages are being built only for the preview", "Reloading browsers",
    "Browser connected", "Watching paths for changes", "Shutting down",
    "The directory contains stale files",
)
_CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")  # the live-reload server's prefix
_REQUEST = re.compile(r'^"(?:GET|HEAD|POST) (?P<path>\S+) HTTP/[\d.]+" code (?P<code>\d+)')
_SERVING = re.compile(r"^Serving on (?P<url>\S+)")
_OMITTED = "The following pages exist in the docs directory, but are not included in the"
_PAGE_FAILED = re.compile(r"^Error (?:reading|building) page '(?P<page>.+?)':")


@dataclass
class Outcome:
    """One build as the author sees it: the issues (file:line), other errors, and notes."""

    issues: list[DataIssue] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    interrupted: bool = False
    page: str | None = None
    """The page MkDocs was reading or writing when it failed (content/ path)."""

    @property
    def failed(self) -> bool:
        return bool(self.issues or self.errors or self.interrupted)


class Console(logging.Handler):
    """The handler of MkDocs' logger for the duration of one of our commands."""

    def __init__(self, stream: TextIO | None = None, *, on_serving: Callable[[str], None] | None = None):
        super().__init__(logging.INFO)
        self.stream = stream
        self.on_serving = on_serving
        self.outcome = Outcome()

    def install(self) -> "Console":
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(self)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        return self

    def start(self) -> Outcome:
        """A new build: collect from scratch."""
        self.outcome = Outcome()
        return self.outcome

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._take(record)
        except Exception:  # a log line must never break a build
            self.handleError(record)

    def _take(self, record: logging.LogRecord) -> None:
        issue = getattr(record, "territoire_issue", None)
        if issue is not None:
            self.outcome.issues.append(issue)
            return
        message = _CLOCK.sub("", record.getMessage())
        ours = record.name.startswith("mkdocs.plugins.territoire")
        if ours:
            text = message.removeprefix("territoire: ")
            if record.levelno >= logging.WARNING:
                self.outcome.errors.append(text)
            else:
                self.outcome.notes.append(text)
            return
        if serving := _SERVING.match(message):
            if self.on_serving:
                self.on_serving(serving["url"])
            return
        if message.startswith("Detected file changes"):
            self._print("Modification détectée : reconstruction de l'aperçu…", error=False)
            return
        if request := _REQUEST.match(message):
            if request["code"] == "404":
                self._print(f"Adresse introuvable dans l'aperçu : {request['path']}")
            return
        if record.levelno < logging.WARNING or message.startswith(_SILENT):
            return
        if record.name == "mkdocs.commands.build" and record.levelno >= logging.ERROR:
            # The exception itself follows (take_exception); only the page is worth keeping.
            if failed := _PAGE_FAILED.match(message):
                self.outcome.page = failed["page"]
            return
        if message.startswith(_OMITTED):
            for name in re.findall(r"^\s+- (.+)$", message, re.MULTILINE):
                self.outcome.errors.append(
                    f"page hors du menu : trouvé la page « {name} », attendu une page citée dans "
                    "le menu de mkdocs.yml (nav) ou liée depuis une autre page")
            return
        label = "Avertissement" if record.levelno == logging.WARNING else "Erreur"
        self.outcome.errors.append(f"{label} du moteur MkDocs (message d'origine) : {message}")

    def _print(self, text: str, *, error: bool = True) -> None:
        print(text, file=self.stream or (sys.stderr if error else sys.stdout), flush=True)


def take_exception(outcome: Outcome, error: BaseException) -> None:
    """Add what a build's exception means for the author to ``outcome``."""
    if isinstance(error, KeyboardInterrupt):
        outcome.interrupted = True
        return
    cause = error.__context__ if isinstance(error, Abort) else error
    if isinstance(cause, SiteDataError):
        outcome.issues.extend(cause.issues)
    elif isinstance(error, Abort) and cause is None:
        # « Aborted with N warnings in strict mode! »: the warnings are in the outcome already.
        if not outcome.failed:
            outcome.errors.append("construction refusée en mode strict, sans message")
    elif isinstance(cause, ConfigurationError) or isinstance(error, ConfigurationError):
        outcome.errors.append(f"configuration du moteur (mkdocs.yml) invalide : {cause or error}")
    else:
        page = f" pendant la page « {outcome.page} »" if outcome.page else ""
        if isinstance(cause, BuildError):
            outcome.errors.append(f"erreur du moteur MkDocs{page} (message d'origine) : {cause}")
            return
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        place = f" ({where.filename}:{where.lineno})" if where else ""
        outcome.errors.append(f"erreur interne du moteur{page}, à signaler à l'équipe technique : "
                              f"{type(error).__name__}: {error}{place}")


def report(outcome: Outcome, *, relocate: Relocate, closing: str) -> str:
    """The French report of a failed build: every issue, then the other errors, then what to do."""
    issues = _unique(outcome.issues)
    lines: list[str] = []
    count = len(issues) + len(outcome.errors)
    if count:
        lines.append("1 erreur dans les données ou le contenu :" if count == 1
                     else f"{count} erreurs dans les données ou le contenu :")
        lines += [f"  {relocate(issue)}" for issue in issues]
        lines += [f"  {error}" for error in outcome.errors]
    lines.append(closing)
    return "\n".join(lines)


def _unique(issues: list[DataIssue]) -> list[DataIssue]:
    seen: set[DataIssue] = set()
    kept = []
    for issue in issues:
        if issue not in seen:
            seen.add(issue)
            kept.append(issue)
    return kept
