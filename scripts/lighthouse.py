#!/usr/bin/env python3
"""Print Lighthouse's four scores (performance, accessibility, best practices, SEO) per page type.

    .venv/bin/python scripts/lighthouse.py [--desktop] [type de page …]

Builds the sample site into a temporary folder, serves it on 127.0.0.1 and runs Lighthouse
(node_modules, installed by ``python3 tasks.py test``) with Debian's Chromium. About 12 s a page,
so it is not part of the test suite. Goal: 100 for accessibility, best practices and SEO. The page
types are those of tests/page_types.py, named in French on the command line (``FRENCH_NAMES``;
the English keys work too). Exits non-zero when one of those three is below 100.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gates import CHROMIUM, CHROMIUM_ARGS, NODE_MODULES, serve  # noqa: E402
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
(performance, accessibilité, bonnes pratiques, référencement) de chaque type de page, environ
12 s par page ; échoue si l'une des trois dernières est sous 100. Sans TYPE, tous les types.

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


def _scores(url: str, report: Path, desktop: bool) -> dict[str, int]:
    command = ["node", str(NODE_MODULES / "lighthouse" / "cli" / "index.js"), url, "--quiet",
               "--output=json", f"--output-path={report}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
               f"--only-categories={','.join(CATEGORIES)}"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


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
        with serve(site_dir) as base_url:
            print(f"{'type de page':<26}" + "".join(f"{label:>11}" for label in LABELS), flush=True)
            for kind in wanted:
                scores = _scores(base_url + PATHS[kind], Path(tmp) / "report.json", desktop)
                failed |= any(scores[name] < 100 for name in GOAL)
                print(f"{FRENCH_OF.get(kind, kind):<26}"
                      + "".join(f"{scores[name]:>11}" for name in CATEGORIES), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
