"""The local editor: a built site served on 127.0.0.1 with Decap's API forwarded to decap-server.

Decap CMS talks to its local proxy (npm ``decap-server``) with POST requests to ``/api/v1``. The
site and that API are served from one origin here, so that the admin page makes no request to
another host (the privacy gate's rule) and needs no CORS. decap-server runs in its Git mode on
the project's repository: with the editorial workflow, a save is a branch ``cms/…`` and
« Publier » merges it into the current branch, as a pull request would on the Git host.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from territoire.project import ENGINE_ROOT

DECAP_SERVER = ENGINE_ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
API_PATH = "/api/v1"


class EditorError(Exception):
    """A French message: the local editor cannot start."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def decap_server(repository: Path, *, port: int | None = None,
                 log: Path | None = None) -> Iterator[str]:
    """Run decap-server in Git mode on ``repository``; yield the URL of its API."""
    node = shutil.which("node")
    if not node:
        raise EditorError("node introuvable : trouvé aucune commande « node », attendu Node.js "
                          "(paquet Debian « nodejs », installé par « python3 tasks.py cms »)")
    if not DECAP_SERVER.is_file():
        raise EditorError(f"decap-server introuvable : trouvé aucun fichier {DECAP_SERVER}, attendu "
                          "les paquets npm du projet (« npm ci --ignore-scripts »)")
    port = port or free_port()
    # decap-server reads a .env file from its working folder: give it an empty one.
    with tempfile.TemporaryDirectory(prefix="decap-server-") as workdir:
        env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repository),
               "PORT": str(port), "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
        output = open(log, "ab") if log else subprocess.DEVNULL
        process = subprocess.Popen([node, str(DECAP_SERVER)], cwd=workdir, env=env,
                                   stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}{API_PATH}"
        try:
            _wait_for(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if log:
                output.close()


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, data=b'{"action":"info","params":{}}',
                                     headers={"Content-Type": "application/json"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorError(f"decap-server s'est arrêté au démarrage (code {process.returncode})")
        try:
            with urllib.request.urlopen(request, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise EditorError(f"decap-server ne répond pas : trouvé aucune réponse de {url} en "
                      f"{timeout:.0f} s, attendu le serveur local de l'éditeur")


class _Handler(http.server.SimpleHTTPRequestHandler):
    api_url = ""

    def do_POST(self) -> None:  # noqa: N802 - name of the base class's protocol
        if self.path.split("?", 1)[0].rstrip("/") != API_PATH:
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        request = urllib.request.Request(self.api_url, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                status, payload, kind = response.status, response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            status, payload, kind = error.code, error.read(), error.headers.get_content_type()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            # decap-server stopped (Ctrl-C, end of a test) while the page was still asking.
            status, payload, kind = 502, b'{"error":"decap-server injoignable"}', "application/json"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def end_headers(self) -> None:
        # The editor's files change with each build: never serve a stale bundle or config.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass


@contextmanager
def serve_site(site_dir: Path, api_url: str, *, port: int = 0) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 with ``/api/v1`` forwarded to ``api_url``; yield the base URL."""
    handler = type("Handler", (_Handler,), {"api_url": api_url})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
