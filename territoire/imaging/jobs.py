"""Make the missing image files of a build, on every core when there are many.

A job says which cached files it makes and how; jobs whose files are all in the cache are
skipped. Each job's output depends only on its own inputs, so running them in worker processes,
in any order, gives the same bytes as running them one by one: the build stays reproducible.
Workers write into the cache themselves (atomically) and return only what went wrong.

``TERRITOIRE_IMAGE_WORKERS`` sets the number of processes (1: no pool, everything in the build's
own process); by default, one per core the build may use, or one alone when the machine is
already busy (load average at or above the number of cores).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from territoire.imaging import cards, limits, variants  # noqa: F401 - limits sets Pillow's bound
from territoire.imaging.cache import ImageCache, write_atomic

WORKERS_VARIABLE = "TERRITOIRE_IMAGE_WORKERS"
_POOL_THRESHOLD = 8
"""Below this many missing jobs, starting processes costs more than it saves."""


@dataclass(frozen=True)
class Job:
    """``action`` is one of the functions of ``_ACTIONS``; ``outputs`` are (key, suffix) pairs."""

    action: str
    outputs: tuple[tuple[str, str], ...]
    arguments: tuple[Any, ...] = ()
    source: str = ""
    """The content file the job reads, for messages."""


@dataclass
class Failure:
    source: str
    message: str


@dataclass
class Outcome:
    made: int = 0
    failures: list[Failure] = field(default_factory=list)


def missing(jobs: list[Job], cache: ImageCache) -> tuple[list[Job], int]:
    """The jobs with an output not in the cache yet, each once; and how many outputs are there."""
    todo: dict[tuple, Job] = {}
    done: set[tuple] = set()
    present = 0
    for job in jobs:
        if job.outputs in todo or job.outputs in done:
            continue
        if all(cache.has(key, suffix) for key, suffix in job.outputs):
            done.add(job.outputs)
            present += len(job.outputs)
        else:
            todo[job.outputs] = job
    return list(todo.values()), present


def run(jobs: list[Job], cache: ImageCache, *, workers: int | None = None) -> Outcome:
    """Make every missing output of ``jobs`` into ``cache``."""
    todo, present = missing(jobs, cache)
    cache.reused += present
    outcome = Outcome()
    if not todo:
        return outcome
    count = workers if workers is not None else worker_count()
    if count > 1 and len(todo) >= _POOL_THRESHOLD:
        context = multiprocessing.get_context(
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            results = list(pool.map(_run_one, [(str(cache.root), job) for job in todo],
                                    chunksize=max(1, len(todo) // (count * 8))))
    else:
        results = [_run_one((str(cache.root), job)) for job in todo]
    for job, error in zip(todo, results):
        if error is None:
            outcome.made += len(job.outputs)
        else:
            outcome.failures.append(Failure(job.source, error))
    cache.made += outcome.made
    return outcome


def worker_count() -> int:
    configured = os.environ.get(WORKERS_VARIABLE, "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        cores = max(1, os.cpu_count() or 1)
    # Measured on a shared 2-core machine at a load of 10: the pool made the cards more slowly
    # than one process (74 s against 48 s for 1,600 cards). When the cores are already busy,
    # more processes only add their start-up and the copying of jobs. Output is the same.
    try:
        busy = os.getloadavg()[0] >= cores
    except OSError:
        busy = False
    return 1 if busy else cores


def _run_one(task: tuple[str, Job]) -> str | None:
    root, job = task
    cache = ImageCache(Path(root))
    try:
        made = _ACTIONS[job.action](*job.arguments)
    except (OSError, ValueError, UnidentifiedImageError, SyntaxError,
            Image.DecompressionBombError) as error:
        # Pillow reports a truncated or corrupt file as OSError, SyntaxError or ValueError.
        return str(error) or error.__class__.__name__
    for key, suffix in job.outputs:
        write_atomic(cache.path(key, suffix), made[key])
    return None


def _variants(path: str, planned: tuple[variants.Variant, ...]) -> dict[str, bytes]:
    return variants.render(Path(path), list(planned))


def _card(key: str, style: cards.CardStyle, text: cards.CardText) -> dict[str, bytes]:
    return {key: cards.draw_card(style, text)}


def _photo(key: str, path: str) -> dict[str, bytes]:
    return {key: cards.fit_photo(Path(path))}


def _logo(key: str, path: str, background: str) -> dict[str, bytes]:
    return {key: cards.fit_logo(Path(path), background)}


def _logo_png(key: str, path: str, width: int) -> dict[str, bytes]:
    return {key: cards.logo_png(Path(path), width)}


_ACTIONS = {"variants": _variants, "card": _card, "photo": _photo, "logo": _logo,
            "logo_png": _logo_png}


def variants_job(source: variants.SourceImage, planned: list[variants.Variant]) -> Job:
    return Job("variants", tuple((v.key, v.suffix) for v in planned),
               (str(source.path), tuple(planned)), source=source.src)


def card_job(key: str, style: cards.CardStyle, text: cards.CardText) -> Job:
    return Job("card", ((key, ".png"),), (key, style, text))


def photo_job(key: str, path: Path, src: str) -> Job:
    return Job("photo", ((key, ".jpg"),), (key, str(path)), source=src)


def logo_job(key: str, path: Path, src: str, background: str = "#ffffff") -> Job:
    return Job("logo", ((key, ".png"),), (key, str(path), background), source=src)


def logo_png_job(key: str, path: Path, src: str, width: int) -> Job:
    return Job("logo_png", ((key, ".png"),), (key, str(path), width), source=src)
