"""MkDocs inside our commands: ``territoire build`` and ``territoire serve`` (and ``tasks.py``).

MkDocs runs in this process, so that no child process outlives the command, a Ctrl-C or a
SIGTERM stops everything and removes the temporary folders, and every line printed is ours
(``console.Console``). The build writes through the staging folder (``staging``): a failed or
interrupted build leaves the previous site as it was. The preview starts only on a free port,
shows the errors in the browser (``preview.PreviewServer``) and rebuilds by itself.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import shutil
import signal
import socket
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from territoire import memo
from territoire.engine import incremental, session, staging
from territoire.engine.console import Console, Outcome, Relocate, report, take_exception
from territoire.engine.preview import error_page

BUILD_CLOSING = ("Le site n'a pas été construit et le site précédent est intact : corrigez ces "
                 "erreurs puis relancez.")
SERVE_CLOSING = ("L'aperçu affiche ces erreurs dans le navigateur ; il se reconstruit et se "
                 "recharge dès que vous enregistrez une correction.")
INTERRUPTED = "Construction interrompue : le site précédent est intact."
EXIT_INTERRUPTED = 130


def build_site(config_file: Path, *, site_dir: Path | None, relocate: Relocate,
               shown_site: str) -> int:
    """Build strictly; print the French outcome; 0 when the site was replaced."""
    console = Console().install()
    outcome = console.start()
    started = time.monotonic()
    with _interrupt_on_terminate():
        try:
            config = load_config(config_file=str(config_file), strict=True,
                                 site_dir=str(site_dir) if site_dir else None)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except (Exception, KeyboardInterrupt) as error:
            staging.abandon()
            take_exception(outcome, error)
    if outcome.interrupted:
        print(INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED
    if outcome.failed:
        print(report(outcome, relocate=relocate, closing=BUILD_CLOSING), file=sys.stderr)
        return 1
    for note in outcome.notes:
        print(note)
    print(f"Site construit en {_seconds(started)} dans {shown_site}.")
    return 0


def serve_site(config_file: Path, *, host: str, port: int, watch: list[Path], relocate: Relocate,
               port_hint: Callable[[int], str]) -> int:
    """Serve the preview until Ctrl-C or SIGTERM; rebuild on every change; 1 if it cannot start."""
    problem = port_problem(host, port, port_hint)
    if problem:
        print(f"Erreur : {problem}", file=sys.stderr)
        return 1
    console = Console(on_serving=lambda url: print(
        f"Aperçu sur {url} : la page se met à jour à chaque enregistrement d'un fichier. "
        "Ctrl-C pour arrêter.", flush=True)).install()
    site_dir = tempfile.mkdtemp(prefix="territoire-apercu-")
    server: PreviewServer | None = None
    config = None
    with _interrupt_on_terminate():
        try:
            def get_config():
                loaded = load_config(config_file=str(config_file), site_dir=site_dir,
                                     dev_addr=f"{host}:{port}")
                loaded.watch.extend(str(path) for path in watch)
                return loaded

            config = get_config()
            config.plugins.on_startup(command="serve", dirty=False)
            mount_path = urlsplit(config.site_url or "/").path
            serve_url = _serve_url(host, port, mount_path)

            previews = PreviewBuilds()

            def builder(loaded=None) -> None:
                outcome = console.start()
                started = time.monotonic()
                try:
                    loaded = loaded or get_config()
                    loaded.site_url = serve_url
                    previews.build(loaded, serve_url=serve_url)
                except KeyboardInterrupt:
                    raise
                except Exception as error:
                    take_exception(outcome, error)
                    assert server is not None
                    server.error_page = _error_page(outcome, relocate)
                    print(report(outcome, relocate=relocate, closing=SERVE_CLOSING),
                          file=sys.stderr, flush=True)
                    return
                assert server is not None
                if server.error_page is not None:
                    print("Les erreurs sont corrigées.", flush=True)
                server.error_page = None
                for note in outcome.notes:
                    print(note, flush=True)
                print(f"Aperçu construit en {_seconds(started)}.", flush=True)

            server = PreviewServer(builder=builder, host=host, port=port, root=site_dir,
                                   mount_path=mount_path)
            server.error_handler = lambda code: _not_found(site_dir) if code == 404 else None
            builder(config)
            server.watch(config.docs_dir)
            for item in config.watch:
                server.watch(item)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            try:
                server.serve()
            except OSError as error:
                print(f"Erreur : {port_problem(host, port, port_hint, error) or error}",
                      file=sys.stderr)
                return 1
        except KeyboardInterrupt:
            pass
        finally:
            if server is not None:
                server.shutdown()
            if config is not None:
                config.plugins.on_shutdown()
            staging.abandon()
            shutil.rmtree(site_dir, ignore_errors=True)
    print("Aperçu arrêté.", flush=True)
    return 0


class PreviewBuilds:
    """The preview's builds: the first one full, through the staging folder; the next ones into
    the site served, rebuilding only the pages an edit changed when it can
    (``engine/incremental.py``), or everything when it cannot."""

    def __init__(self) -> None:
        self.memory = incremental.Memory()
        self._notice = incremental.DirtyNotice()

    def build(self, config: Any, *, serve_url: str) -> None:
        first = self.memory.snapshot is None
        incremental.enable(self.memory)
        session.set_dirty(not first)
        logger = logging.getLogger("mkdocs.commands.build")
        logger.addFilter(self._notice)
        # The cyclic collector, run in the middle of a build, walks the pages and documents the
        # preview keeps again and again; a build's objects are freed once it is done. Measured at
        # 2,811 pages: an article edit 2.8-3.0 s without it, 3.6-4.3 s with it.
        gc.disable()
        try:
            with memo.kept():
                mkdocs_build(config, serve_url=serve_url, dirty=not first)
                incremental.finish(config)
        except BaseException:
            staging.abandon()
            incremental.failed()
            raise
        finally:
            logger.removeFilter(self._notice)
            session.set_dirty(False)
            incremental.disable()
            gc.enable()

    @property
    def last_plan(self) -> incremental.Plan | None:
        return self.memory.last


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server keeps serving the last good build when a rebuild fails, and never
    reloads the browser: the author sees a stale page. While ``error_page`` is set, ours answers
    every page with it (live-reload script included); the next rebuild reloads the browser, onto
    the list of errors or the fixed page."""

    error_page: bytes | None = None

    def serve_request(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if self.error_page is None or path.startswith("/livereload/") or not _is_page(path):
            return super().serve_request(environ, start_response)
        with self._epoch_cond:
            # As MkDocs does: wait for the build in progress, then answer with its outcome.
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        page = self.error_page
        if page is None:
            return super().serve_request(environ, start_response)
        content = self._inject_js_into_html(page, epoch)
        start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                     ("Content-Length", str(len(content)))])
        return [content]


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last


def port_problem(host: str, port: int, port_hint: Callable[[int], str],
                 error: OSError | None = None) -> str | None:
    """Why the preview cannot listen on ``host:port``, in French; None when it can."""
    if error is None:
        error = _bind_error(host, port)
        if error is None:
            return None
    if error.errno == errno.EADDRINUSE:
        free = next((other for other in range(port + 1, port + 20)
                     if _bind_error(host, other) is None), port + 1)
        return (f"le port {port} est déjà utilisé, sans doute par un autre aperçu ouvert dans un "
                f"autre terminal. Arrêtez-le (Ctrl-C dans sa fenêtre) ou choisissez un autre port : "
                f"{port_hint(free)}")
    if error.errno in (errno.EACCES, errno.EPERM):
        return (f"le port {port} est réservé à l'administrateur de la machine : choisissez un port "
                f"au-dessus de 1024, par exemple {port_hint(8000)}")
    if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
        return (f"l'adresse {host} n'est pas celle de cette machine : gardez 127.0.0.1 "
                f"(par défaut) ou donnez une adresse de la machine")
    return f"impossible d'écouter sur {host}:{port} (erreur système {error.errno})"


def _bind_error(host: str, port: int) -> OSError | None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the preview's server does (socketserver's allow_reuse_address).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error
    return None


def _error_page(outcome: Outcome, relocate: Relocate) -> bytes:
    lines = []
    for issue in outcome.issues:
        shown = relocate(issue)
        text = f"{shown.field}: {shown.message}" if shown.field else shown.message
        lines.append({"where": f"{shown.file}:{shown.line}:{shown.column}", "text": text})
    lines += [{"where": "", "text": error} for error in outcome.errors]
    count = len(lines)
    heading = ("1 erreur dans les données ou le contenu" if count == 1
               else f"{count} erreurs dans les données ou le contenu")
    return error_page(lines, heading=heading, closing=SERVE_CLOSING)


def _not_found(site_dir: str) -> bytes | None:
    page = Path(site_dir) / "404.html"
    return page.read_bytes() if page.is_file() else None


def _seconds(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s".replace(".", ",")


@contextlib.contextmanager
def _interrupt_on_terminate() -> Iterator[None]:
    """SIGTERM stops the command like Ctrl-C: ``finally`` blocks run, temporary folders go.
    Ctrl-C too when the command was started with SIGINT ignored (a shell's background job, some
    CI runners and editors): Python then installs no handler of its own, and Ctrl-C did nothing."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
