#!/usr/bin/env python3
"""Print Lighthouse's four scores, the layout shift and the first visit's weight per page type.

    .venv/bin/python scripts/lighthouse.py [--desktop] [type de page …]

Builds the sample site into a temporary folder, serves it on 127.0.0.1 and runs Lighthouse
(node_modules, installed by ``python3 tasks.py test``) with Debian's Chromium. About 12 s a page,
so it is not part of the test suite. Goal: 100 for accessibility, best practices and SEO. The page
types are those of tests/page_types.py, named in French on the command line (``FRENCH_NAMES``;
the English keys work too). Exits non-zero when one of those three is below 100.

The phone is 390 px wide (Lighthouse's mobile throttling and pixel ratio); "Ko gzip" is what the
first visit downloads from a host that compresses text (images as they are), counted from the
requests Lighthouse saw, so lazy images below the fold are not in it; "défilée" is the same once
the page has been scrolled to its end (every lazy image loaded), with Chromium at 390 px and
Lighthouse's pixel ratio. Performance depends on the machine's load, printed before and after.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gates import CHROMIUM, CHROMIUM_ARGS, NODE_MODULES, QuietHandler, serve  # noqa: E402
from page_types import PATHS  # noqa: E402

# The page types of tests/page_types.py as the README names them; a test keeps the two in step.
FRENCH_NAMES = {
    "accueil": "home", "valeurs": "values index", "valeur": "value", "axes": "axes index",
    "axe": "axis", "annuaire": "directory", "annuaire-filtre": "directory filter",
    "membre": "member", "a-propos": "about", "recherche": "search", "404": "404",
    "accessibilite": "accessibility statement", "mentions-legales": "legal notice",
    "donnees-personnelles": "personal data", "plan-du-site": "site plan",
    "actualites": "news listing", "article": "news article", "archive": "news archive year",
    "categorie": "news category", "agenda": "agenda", "mois": "month grid", "evenement": "event",
    "editions": "industry-week editions", "edition": "industry-week edition",
    "edition-filtree": "edition filter", "vitrine": "showcase", "donnees-ouvertes": "open data",
    "chiffres-cles": "key figures", "feuille-de-route": "roadmap",
    "feuille-de-route-filtree": "roadmap filter", "action": "action", "gouvernance": "governance",
}
USAGE = f"""Utilisation : .venv/bin/python scripts/lighthouse.py [--desktop] [TYPE …]

Construit le site d'exemple, le sert en local et affiche les quatre notes Lighthouse
(performance, accessibilité, bonnes pratiques, référencement), le décalage de mise en page (CLS)
et le poids de la première visite (Ko gzip, puis page défilée jusqu'en bas) de chaque type de
page, environ 15 s par page ;
échoue si l'une des trois dernières notes est sous 100. Sans TYPE, tous les types.

  --desktop   mesurer comme sur un ordinateur (par défaut : un téléphone)
  TYPE        {", ".join(FRENCH_NAMES)}"""

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LABELS = ("perf.", "access.", "bonnes pr.", "SEO")
GOAL = {"accessibility", "best-practices", "seo"}


def _build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)],
                   cwd=ROOT, env=env, check=True)


FRENCH_OF = {key: name for name, key in FRENCH_NAMES.items()}


# A phone 390 px wide (the width the weight goals are stated for), Lighthouse's own mobile
# pixel ratio and throttling otherwise.
PHONE = ["--screenEmulation.mobile", "--screenEmulation.width=390",
         "--screenEmulation.height=844", "--screenEmulation.deviceScaleFactor=1.75"]
# What a static host or CDN serves compressed; images and fonts are sent as they are.
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".ics", ".webmanifest"}


class _CompressingHandler(QuietHandler):
    """Serves text gzipped when the browser asks for it, as GitHub Pages or any CDN does: without
    it, Lighthouse times the stylesheets at their raw size and the score is not a host's."""

    def send_head(self):  # noqa: ANN201 - signature of the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _first_visit_gzip(requests: list[dict], base_url: str, site_dir: Path) -> int:
    """Bytes a first visit downloads from a host that gzips text, from Lighthouse's request list."""
    total = 0
    for request in requests:
        url = request["url"].split("#")[0].split("?")[0]
        if not url.startswith(base_url):
            continue
        path = site_dir / url[len(base_url):]
        if path.is_dir() or url.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            total += request.get("transferSize", 0)
            continue
        data = path.read_bytes()
        total += len(gzip.compress(data, 9)) if path.suffix in COMPRESSED else len(data)
    return total


def _whole_page_gzip(url: str, base_url: str, site_dir: Path) -> int:
    """What the same phone downloads once the visitor has scrolled to the bottom (lazy images too)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1.75)
        requests: list[dict] = []
        page.on("request", lambda request: requests.append({"url": request.url}))
        page.goto(url, wait_until="networkidle")
        height = page.evaluate("document.documentElement.scrollHeight")
        for top in range(0, height, 600):
            page.evaluate(f"window.scrollTo(0, {top})")
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        browser.close()
    return _first_visit_gzip(requests, base_url, site_dir)


def _audit(url: str, report: Path, desktop: bool, base_url: str, site_dir: Path) -> dict[str, float]:
    command = ["node", str(NODE_MODULES / "lighthouse" / "cli" / "index.js"), url, "--quiet",
               "--output=json", f"--output-path={report}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
               f"--only-categories={','.join(CATEGORIES)}"]
    command += ["--preset=desktop"] if desktop else PHONE
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    result = json.loads(report.read_text(encoding="utf-8"))
    categories, audits = result["categories"], result["audits"]
    figures: dict[str, float] = {name: round((categories[name]["score"] or 0) * 100)
                                 for name in CATEGORIES}
    figures["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    requests = audits["network-requests"]["details"]["items"]
    figures["ko"] = _first_visit_gzip(requests, base_url, site_dir) / 1024
    figures["ko_page"] = _whole_page_gzip(url, base_url, site_dir) / 1024
    return figures


def page_type(name: str) -> str | None:
    """The key of tests/page_types.py for a French name (accents, case and spaces aside) or a key."""
    if name in PATHS:
        return name
    plain = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return FRENCH_NAMES.get("-".join(plain.lower().replace("'", " ").split()))


def main(argv: list[str]) -> int:
    if {"-h", "--help", "--aide"} & set(argv):
        print(USAGE)
        return 0
    options = [arg for arg in argv if arg.startswith("--")]
    if set(options) - {"--desktop"}:
        print(f"Option inconnue : {', '.join(sorted(set(options) - {'--desktop'}))}\n\n{USAGE}",
              file=sys.stderr)
        return 2
    desktop = "--desktop" in options
    names = [arg for arg in argv if not arg.startswith("--")]
    unknown = [name for name in names if page_type(name) is None]
    if unknown:
        print(f"Types de page inconnus : {', '.join(unknown)}\n\n{USAGE}", file=sys.stderr)
        return 2
    wanted = [page_type(name) for name in names] or list(PATHS)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        _build(site_dir)
        with serve(site_dir, handler_class=_CompressingHandler) as base_url:
            print(f"load average {os.getloadavg()[0]:.1f} au début", flush=True)
            print(f"{'type de page':<26}" + "".join(f"{label:>11}" for label in LABELS)
                  + f"{'CLS':>8}{'Ko gzip':>10}{'défilée':>10}", flush=True)
            for kind in wanted:
                figures = _audit(base_url + PATHS[kind], Path(tmp) / "report.json", desktop,
                                 base_url, site_dir)
                failed |= any(figures[name] < 100 for name in GOAL)
                print(f"{FRENCH_OF.get(kind, kind):<26}"
                      + "".join(f"{figures[name]:>11.0f}" for name in CATEGORIES)
                      + f"{figures['cls']:>8.3f}{figures['ko']:>10.1f}{figures['ko_page']:>10.1f}",
                      flush=True)
            print(f"load average {os.getloadavg()[0]:.1f} à la fin", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
