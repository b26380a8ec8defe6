"""Helpers for tests of the commands authors run: ``python3 tasks.py …`` and ``territoire …``.

Commands run as real processes; their output is checked for English (MkDocs' own lines must never
reach an author), the site folders are compared byte for byte, the preview is started on a free
port and read line by line.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

from conftest import REPO

TERRITOIRE = Path(sys.executable).parent / "territoire"
TASKS = REPO / "tasks.py"
TIMEOUT = 600  # builds of the sample on a loaded 2-core machine: generous on purpose

# What MkDocs and Python print in English; none of it may reach an author.
ENGLISH = re.compile(r"\b(INFO|WARNING|ERROR|DEBUG|Aborted|Traceback|Serving on|Building|"
                     r"Documentation built|Detected file|Reloading|Browser connected|Watching|"
                     r"Cleaning site|Doc file|usage:|error:|invalid choice|required|Error)\b")


def english_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ENGLISH.search(line)]


def tasks(*args: str | Path, cwd: Path = REPO, env: dict[str, str] | None = None,
          timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """``python3 tasks.py ARGS`` as an author types it, from ``cwd``."""
    return subprocess.run(["python3", str(TASKS), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout)


def territoire(*args: str | Path, cwd: Path = REPO, env: dict[str, str] | None = None,
               timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([str(TERRITOIRE), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                          timeout=timeout)


def snapshot(site_dir: Path) -> dict[str, tuple[int, str]]:
    """Every file of a site folder: size and SHA-256."""
    return {path.relative_to(site_dir).as_posix():
            (path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest())
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def leftovers(site_dir: Path) -> list[str]:
    """Staging or previous-site folders next to ``site_dir``."""
    return sorted(p.name for p in site_dir.parent.iterdir()
                  if p.name.startswith(f".{site_dir.name}.") and p.is_dir())


def config_with_hooks(project: Path, config_path: Path, site_dir: Path, *hooks: Path) -> Path:
    """The engine's configuration for ``project`` with extra test hooks appended."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(project / "content")
    config["site_dir"] = str(site_dir)
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]] + [str(h) for h in hooks]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    return config_path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, *, timeout: float = TIMEOUT, what: str = "") -> None:
    """Poll ``condition`` until true; the timeout is only a safety net, never the expectation."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"toujours pas au bout de {timeout} s : {what}")
        time.sleep(0.2)


@dataclass
class Preview:
    """A running preview: its process, its address and everything it printed so far."""

    process: subprocess.Popen
    url: str
    lines: list[str] = field(default_factory=list)

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, text: str, *, start: int = 0) -> None:
        wait_until(lambda: any(text in line for line in self.lines[start:]), what=text)


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def preview(command: list[str], *, cwd: Path, env: dict[str, str] | None = None,
            port: int, interrupt_ignored: bool = False) -> Iterator[Preview]:
    """Start a preview command, wait for its « Aperçu sur … » line, stop it at the end;
    ``interrupt_ignored``: started with SIGINT ignored, as a shell's background job is."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, **(env or {})},
                               preexec_fn=_ignore_interrupt if interrupt_ignored else None)
    running = Preview(process, f"http://127.0.0.1:{port}/")

    def read() -> None:
        for line in process.stdout:
            running.lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        wait_until(lambda: any("Aperçu sur" in line for line in running.lines)
                   or process.poll() is not None, what="le démarrage de l'aperçu")
        assert process.poll() is None, running.output
        yield running
    finally:
        if process.poll() is None:
            interrupt(process)
        reader.join(timeout=10)


def interrupt(process: subprocess.Popen, timeout: float = 60) -> None:
    """Ctrl-C, as an author stops a preview (MkDocs' own serve then shuts its plugins down, and
    Material's blog removes its temporary folder, which SIGTERM leaves behind); killed if it
    does not stop within ``timeout`` seconds."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
