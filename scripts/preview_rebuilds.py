#!/usr/bin/env python3
"""How long the preview takes to show an edit: ``territoire serve``'s own builder, in this process.

    .venv/bin/python scripts/preview_rebuilds.py CONFIG [--edits 2]

Builds the project of ``CONFIG`` (a mkdocs.yml written by scripts/benchmark.py) once, as the
preview does, then saves edits one at a time and times each rebuild, from the save to the site
folder up to date: an article's title, a firm's address, an event's title, each ``--edits`` times.
Then the same edit with the preview's memory emptied, which is what every save costs with
MkDocs' own ``serve`` (a full rebuild; here in the same warm process, so that the two differ only
by what is rebuilt). Prints one JSON object; scripts/benchmark.py prints it as a table. The files
of the project are changed: give it a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# This checkout's engine, not the one .venv has installed in editable mode: an older checkout
# (``git worktree add``) run beside this one measures itself.
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from preview_once import SERVE_URL, preview_config  # noqa: E402

from territoire.engine.run import PreviewBuilds  # noqa: E402

# (kind, folder of the project, file pattern, key whose one-line value is edited)
EDITS = (("article", "content/actualites/posts", "*.md", "title"),
         ("profil", "data/members", "*.yml", "adresse"),
         ("événement", "data/events", "*.yml", "titre"))


def edit_value(path: Path, key: str, suffix: str) -> None:
    """Append ``suffix`` to the one-line value of ``key`` (inside its quotes, if any)."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{key}:[ \t]*(['\"]?)(.*?)\1[ \t]*$", re.M)
    match = pattern.search(text)
    if match is None:
        raise SystemExit(f"{path} : pas de ligne « {key}: » à modifier")
    quote, value = match.group(1), match.group(2) or "1 rue de l'Aperçu"
    line = f"{key}: {quote}{value}{suffix}{quote}" if quote else f"{key}: {value}{suffix}"
    path.write_text(text[:match.start()] + line + text[match.end():], encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--edits", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    warnings.simplefilter("ignore", DeprecationWarning)
    config_file = args.config.resolve()
    project = Path(preview_config(config_file, Path("/nonexistent")).docs_dir).parent
    site_dir = config_file.parent / "preview-site"
    builds = PreviewBuilds()
    serving = []

    def build() -> tuple[float, object]:
        started = time.perf_counter()
        config = preview_config(config_file, site_dir)
        if not serving:  # as ``territoire serve`` does, once
            config.plugins.on_startup(command="serve", dirty=False)
            serving.append(config)
        builds.build(config, serve_url=SERVE_URL)
        return time.perf_counter() - started, builds.last_plan

    result: dict[str, object] = {"load_start": os.getloadavg()[0]}
    result["first"], _plan = build()
    for kind, folder, pattern, key in EDITS:
        files = sorted((project / folder).glob(pattern))
        if not files:
            continue
        target = files[len(files) // 2]
        times, pages, paths = [], [], []
        for number in range(args.edits):
            edit_value(target, key, f" (modifié {number + 1})")
            seconds, plan = build()
            times.append(round(seconds, 3))
            pages.append(len(plan.build or ()) if not plan.full else None)
            paths.append("complète" if plan.full else "partielle")
        result[kind] = {"s": times, "pages": pages, "paths": paths}
    # The same kind of save when nothing is remembered: a full rebuild, as MkDocs' serve does.
    full = []
    for number in range(args.edits):
        builds.memory.forget()
        edit_value(sorted((project / EDITS[0][1]).glob(EDITS[0][2]))[0], "title",
                   f" (complet {number + 1})")
        seconds, plan = build()
        assert plan.full
        full.append(round(seconds, 3))
    result["full"] = full
    result["load_end"] = os.getloadavg()[0]
    serving[0].plugins.on_shutdown()  # as ``territoire serve`` does when it stops
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
