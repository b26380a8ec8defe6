"""The preview authors run (issue 15, items 5, 6 and 8): ``python3 tasks.py serve``.

It shows the French list of errors in the browser and reloads when they are fixed, says in French
when its port is taken, stops every process and removes its temporary folders on Ctrl-C or
SIGTERM, prints no English line, and shows notices on pages that are not ready for publication.
"""

from __future__ import annotations

import os
import signal
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from commands import (TIMEOUT, alive, descendants, english_lines, free_port, preview, tasks,
                      territoire, wait_until)
from conftest import FIXTURES, copy_project

BASE = FIXTURES / "other_territory"
NEWS = FIXTURES / "news"
MEMBER = "data/members/atelier-mecanique.yml"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _notices(url: str) -> list[str]:
    status, html = _get(url)
    assert status == 200, html
    return [item.get_text(" ", strip=True)
            for item in BeautifulSoup(html, "lxml").select(".md-banner .tp-preview-notice li")]


def _serve(project: Path, port: int, **kwargs):
    return preview(["python3", str(Path(__file__).resolve().parent.parent / "tasks.py"), "serve",
                    "--port", str(port)], cwd=project, port=port, **kwargs)


def test_errors_show_in_the_browser_which_reloads_when_they_are_fixed(tmp_path, browser):
    project = copy_project(BASE, tmp_path / "project")
    profile = project / MEMBER
    valid = profile.read_text(encoding="utf-8")
    port = free_port()
    with _serve(project, port) as running:
        page = browser.new_page()
        page.goto(running.url + "membres/", wait_until="load")
        assert page.locator("h1").first.inner_text() == "Les membres"

        built = len(running.lines)
        profile.write_text(valid.replace("description:", "descriptionn:", 1), encoding="utf-8")
        # The page reloads by itself onto the list of errors.
        page.wait_for_selector(".preview-errors", timeout=TIMEOUT * 1000)
        items = page.locator(".preview-errors li").all_inner_texts()
        unknown = next(item for item in items if "descriptionn:" in item)
        assert unknown.startswith(f"{MEMBER}:")
        assert "champ inconnu : trouvé « descriptionn »" in unknown
        assert "vouliez-vous écrire « description » ?" in unknown
        assert page.title() == f"Aperçu : {len(items)} erreurs dans les données ou le contenu"
        running.wait_for_line("L'aperçu affiche ces erreurs dans le navigateur ; il se reconstruit "
                              "et se recharge dès que vous enregistrez une correction.", start=built)
        status, _ = _get(running.url + "a-propos/")
        assert status == 500  # every page, not only the one that was open

        profile.write_text(valid, encoding="utf-8")
        page.wait_for_selector("h1:has-text('Les membres')", timeout=TIMEOUT * 1000)
        assert page.locator(".preview-errors").count() == 0
        running.wait_for_line("Les erreurs sont corrigées.", start=built)
        page.context.close()
    assert "relancez" not in running.output
    assert english_lines(running.output) == [], running.output


def test_a_busy_port_gets_a_french_message_and_a_way_out(tmp_path):
    project = copy_project(BASE, tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        completed = tasks("serve", "--port", port, cwd=project)
    assert completed.returncode == 1
    lines = completed.stderr.splitlines()
    assert len(lines) == 1, completed.stderr
    assert lines[0].startswith(
        f"Erreur : le port {port} est déjà utilisé, sans doute par un autre aperçu ouvert dans un "
        "autre terminal. Arrêtez-le (Ctrl-C dans sa fenêtre) ou choisissez un autre port : "
        "python3 tasks.py serve --port ")
    assert int(lines[0].rsplit(" ", 1)[1]) != port
    assert english_lines(completed.stdout + completed.stderr) == []


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stopping_the_preview_stops_everything_and_removes_its_temporary_files(tmp_path, stop):
    project = copy_project(BASE, tmp_path / "project")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    # Ctrl-C is sent to a preview started with SIGINT ignored, as a shell's background job or
    # some CI runners start it: it must stop all the same (and the harder case covers the other).
    with _serve(project, port, env={"TMPDIR": str(temporary)},
                interrupt_ignored=stop == signal.SIGINT) as running:
        process = running.process
        assert _get(running.url)[0] == 200
        tree = {process.pid} | descendants(process.pid)
        assert any(path.name.startswith("territoire-") for path in temporary.iterdir())
        process.send_signal(stop)
        assert process.wait(timeout=TIMEOUT) == 0
        wait_until(lambda: not any(alive(pid) for pid in tree), what="l'arrêt de tous les processus")
    assert sorted(path.name for path in temporary.iterdir()) == []
    assert running.lines[-1] == "Aperçu arrêté."
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing serves the site any more
    assert english_lines(running.output) == [], running.output


def test_the_preview_shows_what_is_not_ready_for_publication(tmp_path):
    project = copy_project(NEWS, tmp_path / "project")
    posts = project / "content" / "actualites" / "posts"
    (posts / "a-finir.md").write_text(
        "---\ntitle: Un article à finir\ndate: 2020-01-02\nresume: \"À compléter : une ou deux "
        "phrases.\"\ncategories: [Économie]\nslug: a-finir\n---\n\nLe texte est prêt.\n",
        encoding="utf-8")
    refused = territoire("check", cwd=project)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[1] == (
        "  content/actualites/posts/a-finir.md:4:10 resume: texte provisoire : trouvé « À compléter "
        ": une ou deux phrases. », attendu le texte définitif à la place de « À compléter : … » (ou "
        "« draft: true » : un brouillon n'est pas publié)")
    port = free_port()
    with _serve(project, port) as running:
        assert _notices(running.url + "actualites/2099/annonce-future/") == [
            "À paraître le 1er juin 2099 : cet article n'est visible que dans l'aperçu ; il sera "
            "publié par la première construction du site à cette date."]
        assert _notices(running.url + "actualites/2020/a-finir/") == [
            "Texte provisoire à remplacer avant publication (content/actualites/posts/a-finir.md, "
            "ligne 4) : la construction du site le refusera."]
        assert _notices(running.url + "actualites/") == []
    assert english_lines(running.output) == [], running.output


def test_the_production_build_says_what_it_held_back(tmp_path):
    project = copy_project(NEWS, tmp_path / "project")
    built = tasks("build", cwd=project)
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[0] == (
        "Non publiés : 1 brouillon et 1 article programmé (daté après aujourd'hui) ; visibles dans "
        "l'aperçu local (python3 tasks.py serve).")
    assert built.stdout.splitlines()[1].startswith("Site construit en ")
    assert built.stdout.splitlines()[1].endswith(" dans site/.")
    assert built.stderr == ""
    page = (project / "site" / "actualites" / "index.html").read_text(encoding="utf-8")
    assert "tp-preview-notice" not in page and "Annonce future" not in page
