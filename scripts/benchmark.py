#!/usr/bin/env python3
"""Build the sample site and synthetic territories of several sizes, and print what they cost.

    .venv/bin/python scripts/benchmark.py                  # sample, 500, 2000 and 5000 pages
    .venv/bin/python scripts/benchmark.py --sizes 500 2000 --no-serve

For each site: wall time of ``mkdocs build --strict``, ms per page, the child's peak memory, the
output's size, one article's HTML size, its first-visit transfer (gzip) without and with search,
and the search index's size. Side by side, the engine floor: the same Markdown (the content/
folder, plus one page per member and event with its description) built by plain mkdocs-material
with the same plugins but no hooks and no template overrides, every page out of the nav; and the
ratio ours/floor. Then, at each synthetic size, how long ``territoire serve`` takes from saving
an article, a firm's profile or an event to the site up to date (incremental), next to the full
rebuild MkDocs' own serve makes after every save (scripts/preview_rebuilds.py). Last, how long
``mkdocs serve`` takes to rebuild the sample after an article is edited. Not a test: timings vary
by about 20 % from run to run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_territory import REPO, Sizes, generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Build:
    seconds: float
    pages: int
    peak_mb: float
    output_mb: float
    returncode: int
    output: str

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / max(self.pages, 1)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def run_build(config: Path, site_dir: Path, *, strict: bool = True) -> Build:
    """One ``mkdocs build`` in a child process, timed, with the child's own peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
    if strict:
        command.insert(4, "--strict")
    log = tempfile.TemporaryFile()
    start = time.perf_counter()
    child = subprocess.Popen(command, env=ENV, stdout=log, stderr=subprocess.STDOUT, cwd=config.parent)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    log.seek(0)
    pages = sum(1 for _ in site_dir.rglob("*.html")) if site_dir.is_dir() else 0
    size = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()) if site_dir.is_dir() else 0
    return Build(seconds, pages, usage.ru_maxrss / 1024, size / 1e6, child.returncode,
                 log.read().decode("utf-8", "replace"))


def engine_config(repo: Path, project: Path, site_dir: Path, path: Path) -> Path:
    """Our engine (the repo's hooks and templates) on a project folder, as tests/conftest.py does."""
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(project / "content")
    config["site_dir"] = str(site_dir)
    config["hooks"] = [str(repo / hook) for hook in config.get("hooks", [])]
    config["theme"]["custom_dir"] = str(repo / config["theme"]["custom_dir"])
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def floor_project(repo: Path, project: Path, work: Path) -> Path:
    """The engine floor: same Markdown, plain Material (same plugins), no hooks, no overrides."""
    content = work / "content"
    shutil.copytree(project / "content", content)
    data = project / "data"
    # Our generated pages have no Markdown; the floor gets one page each with the text they show.
    for folder, url in (("members", "membres"), ("events", "agenda")):
        for source in sorted((data / folder).glob("*.yml")) if (data / folder).is_dir() else []:
            item = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
            title = item.get("titre") or source.stem
            body = item.get("description") or ""
            offers = "\n\n".join(f"## {o['titre']}\n\n{o['description']}"
                                 for o in item.get("savoir_faire") or [])
            target = content / url / f"{source.stem}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"# {title}\n\n{body}\n\n{offers}\n", encoding="utf-8")
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    for entry in _nav_targets(config.get("nav", [])):
        target = content / entry
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"# {Path(entry).parent.name or 'Accueil'}\n", encoding="utf-8")
    for page in content.rglob("*.md"):
        # Our templates are not there: drop the "template:" key, keep the rest of the front matter.
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^template: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)
    config["docs_dir"] = str(content)
    config["validation"] = {"omitted_files": "ignore"}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _nav_targets(nav) -> list[str]:
    found = []
    for item in nav if isinstance(nav, list) else [nav]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += _nav_targets(value)
        elif isinstance(item, list):
            found += _nav_targets(item)
    return [entry for entry in found if entry.endswith(".md")]


def pick_article(site_dir: Path) -> Path | None:
    """A news article if there are any (the middle one), else a member page."""
    for pattern in ("actualites/20*/*/index.html", "membres/*/index.html", "a-propos/index.html"):
        found = sorted(site_dir.glob(pattern))
        if found:
            return found[len(found) // 2]
    return None


def first_visit(site_dir: Path, page: Path) -> tuple[int, int, int]:
    """(HTML bytes, gzip bytes of everything a first visit downloads, same with a search)."""
    html = page.read_bytes()
    soup = BeautifulSoup(html, "lxml")
    urls = [tag.get("href") for tag in soup.select("link[rel~=stylesheet], link[rel~=icon]")]
    urls += [tag.get("src") for tag in soup.select("script[src], img[src]")]
    files = {(page.parent / url.split("#")[0].split("?")[0]).resolve()
             for url in urls if url and "://" not in url and not url.startswith("data:")}
    # lazy-search.js holds back the search worker, the index and lunr until a search starts.
    without = gz(html) + sum(gz(path.read_bytes()) for path in files if path.is_file())
    searching = [site_dir / "search/search_index.json",
                 *sorted((site_dir / "assets/javascripts/workers").glob("search.*.min.js")),
                 *sorted((site_dir / "assets/javascripts/lunr/min").glob("lunr.stemmer.support.min.js")),
                 *sorted((site_dir / "assets/javascripts/lunr/min").glob("lunr.fr.min.js"))]
    with_search = without + sum(gz(path.read_bytes()) for path in searching if path.is_file())
    return len(html), without, with_search


def best_of(repeat: int, config: Path, site_dir: Path, label: str, *, strict: bool = True) -> Build:
    """The fastest of ``repeat`` builds: other work on the machine only ever adds time."""
    builds = []
    for _ in range(repeat):
        shutil.rmtree(site_dir, ignore_errors=True)
        build = run_build(config, site_dir, strict=strict)
        if build.returncode != 0:
            raise SystemExit(f"{label} : la construction a échoué\n{build.output}")
        builds.append(build)
    best = min(builds, key=lambda build: build.seconds)
    best.peak_mb = max(build.peak_mb for build in builds)
    return best


def measure(label: str, repo: Path, project: Path, work: Path, repeat: int = 1) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    ours_site = work / "site"
    ours = best_of(repeat, engine_config(repo, project, ours_site, work / "mkdocs.yml"), ours_site, label)
    floor_site = work / "floor-site"
    floor = best_of(repeat, floor_project(repo, project, work / "floor"), floor_site,
                    f"{label} (plancher)", strict=False)
    article = pick_article(ours_site)
    html_bytes, without, with_search = first_visit(ours_site, article) if article else (0, 0, 0)
    index = ours_site / "search/search_index.json"
    index_bytes = index.read_bytes() if index.is_file() else b""
    row = {"site": label, "pages": ours.pages, "s": ours.seconds, "ms/page": ours.ms_per_page,
           "peak MB": ours.peak_mb, "output MB": ours.output_mb,
           "article": str(article.relative_to(ours_site).parent) if article else "-",
           "article KB": html_bytes / 1024, "visit KB gz": without / 1024,
           "+search KB gz": with_search / 1024, "index KB": len(index_bytes) / 1024,
           "index KB gz": gz(index_bytes) / 1024 if index_bytes else 0,
           "floor pages": floor.pages, "floor s": floor.seconds, "floor ms/page": floor.ms_per_page,
           "floor peak MB": floor.peak_mb, "ours/floor": ours.seconds / floor.seconds}
    shutil.rmtree(ours_site, ignore_errors=True)
    shutil.rmtree(floor_site, ignore_errors=True)
    return row


def serve_rebuild(repo: Path, work: Path, edits: int = 3, timeout: float = 180) -> list[float]:
    """Seconds ``mkdocs serve`` takes to rebuild the sample after each of ``edits`` article saves."""
    project = work / "serve"
    shutil.copytree(repo / "content", project / "content")
    shutil.copytree(repo / "data", project / "data")
    config = engine_config(repo, project, project / "site", project / "mkdocs.yml")
    articles = sorted((project / "content/actualites/posts").glob("*.md")) or [project / "content/a-propos.md"]
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
                              "--dev-addr", "127.0.0.1:0"], env=ENV, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, cwd=project)
    built = re.compile(r"Documentation built in ([0-9.]+) seconds")
    rebuilds: list[float] = []
    try:
        deadline = time.monotonic() + timeout
        first = True
        for line in child.stdout:
            match = built.search(line)
            if match:
                if not first:
                    rebuilds.append(float(match.group(1)))
                first = False
                if len(rebuilds) == edits:
                    break
                time.sleep(1.5)  # let the watcher settle, then save an article
                article = articles[0]
                article.write_text(article.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n",
                                   encoding="utf-8")
            if time.monotonic() > deadline:
                break
    finally:
        # Ctrl-C: MkDocs shuts its plugins down (Material's blog removes its temporary folder).
        child.send_signal(signal.SIGINT)
        child.wait(timeout=10)
    return rebuilds


def preview_rebuilds(repo: Path, project: Path, work: Path, edits: int = 2) -> dict:
    """``territoire serve``'s rebuild after an edit, at this size (scripts/preview_rebuilds.py, in
    a child process on a copy of the project): incremental, and full as MkDocs' serve does."""
    copy = work / "preview"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project / "content", copy / "content")
    shutil.copytree(project / "data", copy / "data")
    config = engine_config(repo, copy, copy / "site", copy / "mkdocs.yml")
    child = subprocess.run([sys.executable, str(repo / "scripts" / "preview_rebuilds.py"),
                            str(config), "--edits", str(edits)],
                           capture_output=True, text=True, env=ENV, cwd=copy)
    shutil.rmtree(copy, ignore_errors=True)
    if child.returncode != 0:
        raise SystemExit(f"aperçu : échec\n{child.stdout}{child.stderr}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def print_previews(rows: list[tuple[str, int, dict]]) -> None:
    """Seconds from a save to the site up to date: each edit's runs, then the full rebuild."""
    def runs(values) -> str:
        return " / ".join(f"{value:.2f}".replace(".", ",") for value in values)

    print("| site | pages | article (s) | profil (s) | événement (s) | pages réécrites "
          "(article, profil, événement) | reconstruction complète, comme mkdocs serve (s) | charge |")
    print("|---|---|---|---|---|---|---|---|")
    for label, pages, result in rows:
        written = ", ".join(str(max((n or 0) for n in result[kind]["pages"]))
                            if all(path == "partielle" for path in result[kind]["paths"]) else "tout"
                            for kind in ("article", "profil", "événement") if kind in result)
        print(f"| {label} | {pages} | {runs(result['article']['s'])} | {runs(result['profil']['s'])} "
              f"| {runs(result['événement']['s'])} | {written} | {runs(result['full'])} "
              f"| {result['load_start']:.1f} → {result['load_end']:.1f} |")


COLUMNS = [("site", "{}"), ("pages", "{}"), ("s", "{:.1f}"), ("ms/page", "{:.1f}"),
           ("peak MB", "{:.0f}"), ("output MB", "{:.1f}"), ("article KB", "{:.1f}"),
           ("visit KB gz", "{:.1f}"), ("+search KB gz", "{:.1f}"), ("index KB", "{:.0f}"),
           ("index KB gz", "{:.0f}"), ("floor pages", "{}"), ("floor s", "{:.1f}"),
           ("floor ms/page", "{:.1f}"), ("ours/floor", "{:.2f}")]


def print_table(rows: list[dict]) -> None:
    print("| " + " | ".join(name for name, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(fmt.format(row[name]) for name, fmt in COLUMNS) + " |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000, 5000],
                        help="tailles approximatives des sites synthétiques, en pages")
    parser.add_argument("--repo", type=Path, default=REPO, help="le moteur mesuré (défaut : ce dépôt)")
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--repeat", type=int, default=2,
                        help="constructions par site, on garde la plus rapide (défaut : 2)")
    parser.add_argument("--keep", type=Path, help="garder les projets générés dans ce dossier")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    # The builds import the engine of ``repo`` (its hooks import ``territoire``), not the one
    # .venv has installed in editable mode.
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, (str(repo), ENV.get("PYTHONPATH"))))
    root = Path(tempfile.mkdtemp(prefix="benchmark-")) if not args.keep else args.keep
    rows = []
    print(f"machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}, "
          f"charge moyenne au départ {os.getloadavg()[0]:.2f}", flush=True)
    try:
        if not args.no_sample:
            rows.append(measure("exemple", repo, repo, root / "sample", args.repeat))
            print(rows[-1], flush=True)
        previews = []
        for pages in args.sizes:
            work = root / f"p{pages}"
            project = generate(work / "project", Sizes.for_pages(pages), base=repo)
            rows.append(measure(f"synthétique {pages}", repo, project, work, args.repeat))
            print(rows[-1], flush=True)
            if not args.no_serve:
                previews.append((f"synthétique {pages}", rows[-1]["pages"],
                                 preview_rebuilds(repo, project, work)))
                print(previews[-1], flush=True)
        print()
        print_table(rows)
        if len(rows) >= 2:
            small, large = rows[1 if not args.no_sample else 0], rows[-1]
            print(f"\nlinéarité : {large['ms/page']:.1f} / {small['ms/page']:.1f} ms par page = "
                  f"{large['ms/page'] / small['ms/page']:.2f}x ({large['pages']} contre {small['pages']} pages)")
        print(f"charge moyenne à la fin : {os.getloadavg()[0]:.2f}")
        if previews:
            print("\naperçu (territoire serve), d'un enregistrement au site à jour :")
            print_previews(previews)
        if not args.no_serve:
            seconds = serve_rebuild(repo, root)
            shown = ", ".join(f"{value:.2f}" for value in seconds) or "non mesuré"
            print(f"mkdocs serve, reconstruction de l'exemple après modification d'un article : "
                  f"{shown} s")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
