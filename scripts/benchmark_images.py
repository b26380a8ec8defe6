#!/usr/bin/env python3
"""What responsive images and share cards cost: per file, per build, cold and warm cache.

    .venv/bin/python scripts/benchmark_images.py                  # sample + 2,000 pages, 20 photos
    .venv/bin/python scripts/benchmark_images.py --pages 500 --photos 5

First the unit costs in this process (one drawn card, one photo's ten variants, one photo cropped
for sharing); then real ``mkdocs build --strict`` runs of copies of the sample and of a synthetic
territory (``scripts/generate_territory.py``, with ``--photos`` of its articles given a 4 MB phone
photo as cover): with an empty cache on every core, with an empty cache in one process
(``TERRITOIRE_IMAGE_WORKERS=1``), and again with the cache filled. For each: the wall time of the
build and the time spent in the image and share-card code (from the build's log). Prints the
machine's load first: timings vary with it. Not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from benchmark import engine_config  # noqa: E402
from generate_territory import REPO, Sizes, generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_IMAGES = re.compile(r"Images : (\d+) fichiers publiés, (\d+) produits, (\d+) repris du cache, "
                     r"([\d.]+) s")
_CARDS = re.compile(r"Cartes de partage : (\d+) images, (\d+) dessinées, ([\d.]+) s")


def unit_costs(work: Path) -> list[tuple[str, float]]:
    from raster_project import write_photo
    from territoire.imaging import cards
    from territoire.imaging.cache import digest_file
    from territoire.imaging.variants import inspect, plan, published_copy, render

    photo = work / "photo.jpg"
    write_photo(photo)
    style = cards.CardStyle("#1f4e8c", "#a1232b", "Montpellier, l'industrie positive",
                            REPO / "content/images/logo.svg", "x")
    source = inspect("images/photo.jpg", photo, digest_file(photo))
    # The copy served at the original's address is the widest fallback variant: made once.
    planned = list({v.key: v for v in plan(source) + [published_copy(source)]}.values())
    texts = [cards.CardText(f"Un titre d'article de longueur ordinaire, n° {index}", "Actualité")
             for index in range(20)]
    return [
        ("carte dessinée (PNG 1200x630)", _best(lambda: [cards.draw_card(style, t) for t in texts])
         / len(texts)),
        (f"photo de {photo.stat().st_size / 1e6:.1f} Mo : {len(planned)} déclinaisons",
         _best(lambda: render(photo, planned), repeat=3)),
        ("même photo recadrée pour le partage (JPEG)", _best(lambda: cards.fit_photo(photo),
                                                            repeat=3)),
    ]


def _best(work, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs: other work on the machine only ever adds time."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def copy_sample(work: Path) -> Path:
    project = work / "sample"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "data", project / "data")
    return project


def add_photos(project: Path, count: int) -> int:
    from raster_project import write_photo
    posts = sorted((project / "content/actualites/posts").rglob("*.md"))[:count]
    for index, post in enumerate(posts):
        src = f"actualites/images/photo-{index:03d}.jpg"
        write_photo(project / "content" / src, size=(4032, 3024))
        text = post.read_text(encoding="utf-8")
        text = re.sub(r"^image:.*\n|^image_alt:.*\n", "", text, flags=re.M)
        post.write_text(text.replace("---\n", f"---\nimage: {src}\nimage_alt: Une photo d'essai.\n",
                                     1), encoding="utf-8")
    return len(posts)


def build(project: Path, work: Path, label: str, *, workers: str | None = None) -> dict:
    site = work / f"site-{label}"
    config = engine_config(REPO, project, site, work / f"mkdocs-{label}.yml")
    env = dict(ENV)
    if workers:
        env["TERRITOIRE_IMAGE_WORKERS"] = workers
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                                str(config), "-d", str(site)], env=env, capture_output=True,
                               text=True, cwd=work)
    seconds = time.perf_counter() - started
    if completed.returncode:
        raise SystemExit(f"{label} : la construction a échoué\n{completed.stdout}{completed.stderr}")
    output = completed.stdout + completed.stderr
    images, share = _IMAGES.search(output), _CARDS.search(output)
    pages = sum(1 for _ in site.rglob("*.html"))
    shared = sum(p.stat().st_size for p in (site / "assets/partage").glob("*"))
    shutil.rmtree(site)
    return {"build": label, "pages": pages, "s": seconds, "images s": float(images.group(4)),
            "made": int(images.group(2)), "cards s": float(share.group(3)),
            "drawn": int(share.group(2)), "cards MB": shared / 1e6}


def measure(project: Path, work: Path, name: str) -> list[dict]:
    cache = project / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    one = build(project, work, f"{name}, cache vide, 1 processus", workers="1")
    shutil.rmtree(cache, ignore_errors=True)
    cold = build(project, work, f"{name}, cache vide")
    warm = build(project, work, f"{name}, cache plein")
    return [one, cold, warm]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=20)
    args = parser.parse_args(argv)
    print(f"Machine : {os.cpu_count()} cœurs ; charge : "
          f"{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}\n")
    with tempfile.TemporaryDirectory(prefix="bench-images-") as folder:
        work = Path(folder)
        print("| coût unitaire | ms |\n|---|---|")
        for label, seconds in unit_costs(work):
            print(f"| {label} | {seconds * 1000:.0f} |")
        rows = measure(copy_sample(work), work, "exemple")
        synthetic = generate(work / "synthetic", Sizes.for_pages(args.pages))
        photos = add_photos(synthetic, args.photos)
        rows += measure(synthetic, work, f"{args.pages} pages, {photos} photos")
        print("\n| construction | pages | s | images s | fichiers faits | cartes s | cartes "
              "dessinées | cartes Mo |\n|---|---|---|---|---|---|---|---|")
        for row in rows:
            print(f"| {row['build']} | {row['pages']} | {row['s']:.1f} | {row['images s']:.2f} | "
                  f"{row['made']} | {row['cards s']:.2f} | {row['drawn']} | {row['cards MB']:.1f} |")
    print(f"\nCharge à la fin : {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")


if __name__ == "__main__":
    main()
