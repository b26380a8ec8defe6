#!/usr/bin/env python3
"""Print Lighthouse's four scores (performance, accessibility, best practices, SEO) per page type.

    .venv/bin/python scripts/lighthouse.py [--desktop] [page type …]

Builds the sample site into a temporary folder, serves it on 127.0.0.1 and runs Lighthouse
(node_modules, installed by ``python3 tasks.py test``) with Debian's Chromium. About 12 s a page,
so it is not part of the test suite. Goal: 100 for accessibility, best practices and SEO. The page
types are those of tests/page_types.py. Exits non-zero when one of those three is below 100.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gates import CHROMIUM, CHROMIUM_ARGS, NODE_MODULES, serve  # noqa: E402
from page_types import PATHS  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LABELS = ("perf.", "access.", "bonnes pr.", "SEO")
GOAL = {"accessibility", "best-practices", "seo"}


def _build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)],
                   cwd=ROOT, env=env, check=True)


def _scores(url: str, report: Path, desktop: bool) -> dict[str, int]:
    command = ["node", str(NODE_MODULES / "lighthouse" / "cli" / "index.js"), url, "--quiet",
               "--output=json", f"--output-path={report}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
               f"--only-categories={','.join(CATEGORIES)}"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def main(argv: list[str]) -> int:
    desktop = "--desktop" in argv
    wanted = [arg for arg in argv if not arg.startswith("--")] or list(PATHS)
    unknown = set(wanted) - set(PATHS)
    if unknown:
        sys.exit(f"Types de page inconnus : {', '.join(sorted(unknown))} (voir tests/page_types.py)")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        _build(site_dir)
        with serve(site_dir) as base_url:
            print(f"{'type de page':<26}" + "".join(f"{label:>11}" for label in LABELS), flush=True)
            for kind in wanted:
                scores = _scores(base_url + PATHS[kind], Path(tmp) / "report.json", desktop)
                failed |= any(scores[name] < 100 for name in GOAL)
                print(f"{kind:<26}" + "".join(f"{scores[name]:>11}" for name in CATEGORIES), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
