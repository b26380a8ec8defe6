"""The tools behind the quality gates: a local HTTP server, linkchecker, vnu, Chromium with axe.

Tools come from the project's own files (``python3 tasks.py test`` installs them): linkchecker
from the [test] extra, vnu-jar and axe-core from package.json into node_modules, Debian's
Chromium driven by the ``playwright`` package (never ``playwright install``), Java for vnu.
Loaded as a pytest plugin by conftest.py, so its fixtures are available to every test module.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urldefrag, urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
# Without the network flags, Chromium calls Google's servers on its own and spoils privacy checks.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# vnu errors that mkdocs-material emits and our overrides cannot fix, each with its reason.
VNU_ALLOWED: dict[str, str] = {
    # base.html writes <input type="checkbox" id="__drawer|__search" autocomplete="off"> outside any
    # block (so that Firefox does not reopen the menu after a reload): fixing it means copying the
    # whole 270-line base.html. Declared in the accessibility statement (data/legal.yml).
    "Attribute “autocomplete” is only allowed when the input type is":
        "cases à cocher #__drawer et #__search de base.html",
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as a static host does, without logging every request."""

    def end_headers(self) -> None:
        # linkchecker limits itself to 10 requests/s per host unless the server sends this header.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


class _TrickleHandler(QuietHandler):
    """Sends each HTML page in small pieces with pauses, as a slow phone network does: Chromium
    paints the page while it arrives, and what moves then is a layout shift a visitor sees."""

    PIECE, PAUSE = 1500, 0.04

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().do_GET()
        data = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        for start in range(0, len(data), self.PIECE):
            self.wfile.write(data[start:start + self.PIECE])
            self.wfile.flush()
            time.sleep(self.PAUSE)


@contextmanager
def serve(directory: Path, *, trickle: bool = False,
          handler_class: type[http.server.SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) and yield its base URL, ending in "/";
    ``trickle``: HTML pages arrive in pieces, as over a slow network; ``handler_class``: another
    way of answering (scripts/lighthouse.py compresses, as a static host does)."""
    handler_class = handler_class or (_TrickleHandler if trickle else QuietHandler)
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- links ---------------------------------------------------------------------------------------

ANCHOR_CANARY = "temoin-du-controle-des-ancres"
LINKCHECKER_RUN = Path(__file__).resolve().parent / "linkchecker_run.py"


def check_links(base_url: str, workdir: Path) -> tuple[int, list[dict[str, str]]]:
    """linkchecker over HTTP with anchors checked; returns its exit status and the broken links.

    Every run also checks one anchor that exists nowhere (the canary, a second start URL): if it
    is not reported, anchors were not checked at all and the gate fails instead of passing.
    """
    config = workdir / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=100\n"
                      "[filtering]\nignore=\\.xml\\.gz$\n"
                      "[AnchorCheck]\n", encoding="utf-8")
    canary = f"{base_url}#{ANCHOR_CANARY}"
    # Output on stdout: report files would land in a folder linkchecker may not write to.
    completed = subprocess.run(
        [sys.executable, str(LINKCHECKER_RUN), "--config", str(config), "--no-status",
         "--output", "csv", base_url, canary],
        capture_output=True, text=True, cwd=workdir, timeout=600)
    rows = [line for line in completed.stdout.splitlines() if line and not line.startswith("#")]
    header, *records = [row.split(";") for row in rows] or [[]]
    reported = [dict(zip(header, record)) for record in records]
    for row in reported:
        # A page is reached both as itself and through its own anchors (the skip link's
        # "#contenu"); linkchecker names as parent whichever of those its threads parsed first.
        row["parentname"] = urldefrag(row.get("parentname", "")).url
    broken = [row for row in reported if row.get("urlname") != canary]
    assert len(broken) < len(reported), (
        "linkchecker n'a pas signalé l'ancre témoin absente : les ancres n'ont pas été vérifiées\n"
        f"{completed.stdout}\n{completed.stderr}")
    if not broken and completed.returncode == 1:
        # The canary's warning alone is what made linkchecker exit 1.
        return 0, broken
    return completed.returncode, broken


# --- HTML ----------------------------------------------------------------------------------------

def java() -> str:
    found = shutil.which("java")
    assert found, "Java est introuvable : lancez « python3 tasks.py test » qui l'installe"
    return found


def validate_html(site_dir: Path) -> list[str]:
    """vnu's errors on every HTML file under ``site_dir``, allowed ones removed, as "file:line: msg"."""
    assert VNU_JAR.is_file(), "vnu.jar absent : lancez « python3 tasks.py test » (npm ci)"
    completed = subprocess.run(
        [java(), "-jar", str(VNU_JAR), "--skip-non-html", "--errors-only", "--format", "json",
         str(site_dir)], capture_output=True, text=True, timeout=600)
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    errors = []
    for message in messages:
        text = message.get("message", "")
        if any(text.startswith(allowed) for allowed in VNU_ALLOWED):
            continue
        where = Path(urlsplit(message.get("url", "")).path)
        try:
            where = where.relative_to(site_dir)
        except ValueError:
            pass
        errors.append(f"{where}:{message.get('lastLine', '?')}: {text}")
    return errors


# --- browser -------------------------------------------------------------------------------------

# What a screenshot shows at a glance and no other gate sees: a page wider than the screen, an
# icon drawn at the size of the page because no rule of the stylesheet reached it, or content that
# moves once shown (Lighthouse's CLS, recorded from the first paint by SHIFT_RECORDER).
SHIFT_RECORDER = """window.__tpShifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) window.__tpShifts.push({
  value: entry.hadRecentInput ? 0 : entry.value,
  sources: (entry.sources || []).map(source => source.node && source.node.nodeType === 1
    ? source.node.tagName.toLowerCase() + "." + [...source.node.classList].join(".") : "?")}); })
  .observe({type: "layout-shift", buffered: true});"""
SHIFT_PROBLEM = "la mise en page bouge après l'affichage"
LAYOUT_PROBE = """() => {
  const problems = [];
  // Below 0.01: a busy machine's parser yields and paints a half-read page now and then (seen
  // at 0.004); a real defect (a form shown by a script, a figure growing) is 0.02 to 0.15.
  const shifts = (window.__tpShifts || []).filter(shift => shift.value > 0);
  if (shifts.reduce((sum, shift) => sum + shift.value, 0) >= 0.01) problems.push("la mise en page bouge après l'affichage (CLS "
      + shifts.reduce((sum, shift) => sum + shift.value, 0).toFixed(4) + ") : "
      + [...new Set(shifts.flatMap(shift => shift.sources))].slice(0, 4).join(", "));
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 1) problems.push(`la page déborde de ${overflow} px en largeur`);
  for (const svg of document.querySelectorAll(".md-main svg, .tp-header svg, .tp-footer svg")) {
    const box = svg.getBoundingClientRect();
    if (box.width > 0 && (box.width > 160 || box.height > 160) && !svg.closest("figure, picture"))
      problems.push(`icône de ${Math.round(box.width)}x${Math.round(box.height)} px : `
                    + (svg.parentElement.className || svg.parentElement.tagName));
  }
  return problems;
}"""


@dataclass
class PageVisit:
    url: str
    requests: list[str]
    violations: list[dict]
    layout_problems: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.url).netloc
        return [request for request in self.requests
                if urlsplit(request).scheme in ("http", "https", "ws", "wss")
                and urlsplit(request).netloc != own]

    def violation_report(self) -> str:
        return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -> "
                         f"{[node['target'] for node in v['nodes']][:5]}" for v in self.violations)


class Browser:
    """One headless Chromium for the session; each visit gets a fresh context (no cache, no storage)."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright
        assert Path(CHROMIUM).exists(), "Chromium absent : lancez « python3 tasks.py test »"
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self._axe = AXE_JS.read_text(encoding="utf-8")

    def visit(self, url: str, *, search: bool = False, run_axe: bool = True,
              width: int = 1280, confirm: bool = True) -> PageVisit:
        """Open ``url`` in a fresh context ``width`` pixels wide (390: a phone, 1280: a laptop).
        A layout shift is reported only if it comes back (``confirm``, see ``_confirmed_shift``)."""
        context = self._browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
        try:
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.add_init_script(SHIFT_RECORDER)
            page.goto(url, wait_until="load")
            if search:
                # Material opens the search from "?q=": wait for results, then for the dialog's
                # fade-in, or axe measures contrast through a half-transparent overlay.
                page.wait_for_selector(".md-search-result__item", timeout=15000)
                page.wait_for_timeout(600)
            violations = []
            if run_axe:
                page.add_script_tag(content=self._axe)
                result = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
                violations = result["violations"]
            page.wait_for_load_state("networkidle")
            layout_problems = page.evaluate(LAYOUT_PROBE)
        finally:
            context.close()
        if confirm and any(problem.startswith(SHIFT_PROBLEM) for problem in layout_problems):
            layout_problems = self._confirmed_shift(url, layout_problems, search=search, width=width)
        return PageVisit(url=url, requests=requests, violations=violations,
                         layout_problems=layout_problems)

    def _confirmed_shift(self, url: str, problems: list[str], *, search: bool, width: int,
                         visits: int = 2) -> list[str]:
        """``problems`` without the layout shift unless it comes back on each of ``visits`` more
        visits. A page that moves by design (a block a script shows, a box that grows) moves every
        time; a machine loaded by a build beside the tests sometimes paints a page before its
        scripts ran or its layout settled, once (seen at CLS 0.019 on the 404 page)."""
        for _ in range(visits):
            again = self.visit(url, search=search, run_axe=False, width=width, confirm=False)
            if not any(problem.startswith(SHIFT_PROBLEM) for problem in again.layout_problems):
                return [problem for problem in problems if not problem.startswith(SHIFT_PROBLEM)]
        return problems

    def new_page(self, **options):
        """A page in a fresh context, for interaction tests (keyboard, layout); close its context."""
        return self._browser.new_context(**options).new_page()

    def new_context(self, **options):
        """A fresh context (no cache, no storage) for tests that open several pages; close it."""
        return self._browser.new_context(**options)

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert AXE_JS.is_file(), "axe-core absent : lancez « python3 tasks.py test » (npm ci)"
    instance = Browser()
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def sample_url(sample_site) -> Iterator[str]:
    """The sample site served over HTTP for the whole session."""
    with serve(sample_site.site_dir) as url:
        yield url
