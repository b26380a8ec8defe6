#!/usr/bin/env python3
"""The search index by page type, on synthetic territories of several sizes.

    .venv/bin/python scripts/benchmark_search.py                 # 500, 2000 and 5000 pages
    .venv/bin/python scripts/benchmark_search.py --sizes 500 2000

Each territory (scripts/generate_territory.py, ``--pages``) is built with the engine, then
``search/search_index.json`` is read back: for each type of entry (the label results print:
« Membre », « Actualité »..., « sans libellé » for plain Markdown pages), how many pages and
entries it has and how many kilobytes its entries weigh in the file, written as Material writes it
(compact JSON); products and key figures are entries on another type's page, hence 0 pages.
Last line: the whole file, raw and gzip (what a visitor downloads when a search
starts). Prints a Markdown table per size, for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import engine_config, run_build  # noqa: E402
from generate_territory import REPO, Sizes, generate  # noqa: E402

UNLABELLED = "sans libellé"


def by_type(index: dict) -> dict[str, dict[str, float]]:
    """Pages, entries and kilobytes per entry type; a section counts with its page's type."""
    kind_of_page: dict[str, str] = {}
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if not anchor:
            kind_of_page[page] = (doc.get("tags") or [UNLABELLED])[0]
    rows: dict[str, dict[str, float]] = defaultdict(lambda: {"pages": 0, "entries": 0, "bytes": 0})
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        # Products and key figures are entries of their own label, on another page.
        kind = (doc.get("tags") or [kind_of_page.get(page, UNLABELLED)])[0]
        row = rows[kind]
        row["entries"] += 1
        row["pages"] += 0 if anchor else 1
        row["bytes"] += len(json.dumps(doc, separators=(",", ":"))) + 1
    return dict(rows)


def table(pages: int, path: Path) -> str:
    data = path.read_bytes()
    rows = by_type(json.loads(data))
    lines = [f"### {pages} pages", "",
             "| type | pages | entries | KB | bytes per entry |", "|---|---:|---:|---:|---:|"]
    for kind, row in sorted(rows.items(), key=lambda item: -item[1]["bytes"]):
        lines.append(f"| {kind} | {row['pages']} | {row['entries']} | {row['bytes'] / 1000:.1f} "
                     f"| {row['bytes'] / row['entries']:.0f} |")
    lines.append(f"| **whole file** | {sum(r['pages'] for r in rows.values())} "
                 f"| {sum(r['entries'] for r in rows.values())} | **{len(data) / 1000:.1f}** "
                 f"(gzip {len(gzip.compress(data, compresslevel=6)) / 1000:.1f}) | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="territoire-search-") as work:
        for pages in args.sizes:
            folder = Path(work) / f"t{pages}"
            project = generate(folder / "project", Sizes.for_pages(pages))
            site_dir = folder / "site"
            config = engine_config(REPO, project, site_dir, folder / "mkdocs.yml")
            build = run_build(config, site_dir)
            if build.returncode:
                raise SystemExit(build.output)
            print(table(pages, site_dir / "search" / "search_index.json"), end="\n\n", flush=True)


if __name__ == "__main__":
    main()
