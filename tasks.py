#!/usr/bin/env python3
"""Project commands that work on a fresh machine with only Python 3.11+ (see ``HELP``).

Each command first creates ``.venv`` and installs the pinned dependencies of pyproject.toml
(again only when pyproject.toml changes; the test tools only for ``test``), then runs in the
territory of the current folder: ``cd examples/amiens && python3 ../../tasks.py check`` checks
Amiens. The site commands become the ``territoire`` command of ``.venv`` (the same process on
POSIX, so that Ctrl-C or SIGTERM reaches it directly and nothing keeps running after it).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"

HELP = """\
Les commandes du projet : python3 tasks.py COMMANDE

  serve [DOSSIER] [--port 8001]    construit le site et l'affiche sur http://127.0.0.1:8000/ ;
                                   la page se met à jour à chaque enregistrement (Ctrl-C : arrêter)
  check [DOSSIER] [--format github] vérifie les données, le contenu et les liens, sans construire
  build [DOSSIER] [--site-dir D]   construit le site comme en production (dans DOSSIER/site/)
  ids [TYPE]                       liste les identifiants à citer : membres, evenements,
                                   categories, valeurs, axes, actions, articles, auteurs, pages
  new article "Titre"              crée un article brouillon ; aussi « new event » et « new member »
                                   (python3 tasks.py new event --help pour les options)
  cms [DOSSIER] [--port 8000]      ouvre l'éditeur en ligne sur http://127.0.0.1:8000/admin/ :
                                   chaque enregistrement devient une branche du dépôt local
  test                             installe les outils de test, puis lance toute la suite
  schemas                          régénère les schémas JSON des fichiers de data/

DOSSIER : un territoire (un dossier avec content/ et data/, ex. examples/amiens) ; par défaut,
celui du dossier où vous êtes. La première commande crée .venv/ et y installe les dépendances."""

SITE_COMMANDS = {"serve", "build", "check", "ids", "new"}
COMMANDS = SITE_COMMANDS | {"test", "schemas", "cms"}


def ensure_venv(*, test_tools: bool = False) -> None:
    """.venv with the pinned dependencies (and the test extra for ``test``), once per change."""
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 ou plus récent est nécessaire.")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / (".installed-test" if test_tools else ".installed")
    if stamp.exists() and stamp.read_text() == digest:
        return
    if not PYTHON.exists():
        print("Création de l'environnement Python .venv/ (une seule fois) …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    target = f"{ROOT}[test]" if test_tools else str(ROOT)
    print("Installation des dépendances épinglées dans .venv/ (la première fois : une à trois "
          "minutes) …", flush=True)
    completed = subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet",
                                "--disable-pip-version-check", "-e", target],
                               cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        sys.exit("Erreur : l'installation des dépendances a échoué (message de pip ci-dessus). "
                 "Vérifiez la connexion à PyPI, puis relancez.")
    stamp.write_text(digest)
    if test_tools:
        (VENV / ".installed").write_text(digest)


NODE_MODULES = ROOT / "node_modules"
NODE_STAMP = NODE_MODULES / ".installed"
CHROMIUM = Path("/usr/bin/chromium")


def ensure_test_tools() -> None:
    """What the quality gates need besides Python: Chromium and Java (Debian), npm packages.

    Debian packages are installed only when missing, and only as root (as in CI); npm packages
    come from the committed package-lock.json, with scripts off so that nothing downloads a
    browser. Tests use Debian's Chromium through the ``playwright`` package, never
    ``playwright install``.
    """
    missing = []
    if not CHROMIUM.exists():
        missing.append("chromium")
    if not shutil.which("java"):
        missing.append("openjdk-17-jre-headless")
    ensure_npm_packages(also=missing)


def ensure_npm_packages(*, also: list[str] | None = None) -> None:
    """npm (Debian) and the packages of package-lock.json: the test tools, the web editor
    (decap-cms) and its local proxy (decap-server). ``also``: other Debian packages to install."""
    missing = list(also or [])
    if not shutil.which("npm"):
        missing.append("npm")
    if missing:
        as_root = os.name == "posix" and os.geteuid() == 0
        if not shutil.which("apt-get") or not (as_root or shutil.which("sudo")):
            sys.exit(f"Paquets Debian manquants : {', '.join(missing)} (installez-les, ou lancez en root).")
        print(f"Installation de {', '.join(missing)} …", flush=True)
        apt = ["apt-get"] if as_root else ["sudo", "--preserve-env=DEBIAN_FRONTEND", "apt-get"]
        apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
        run([*apt, "update", "-q"], env=apt_env)
        run([*apt, "install", "-y", "-q", "--no-install-recommends", *missing], env=apt_env)
    digest = hashlib.sha256((ROOT / "package-lock.json").read_bytes()).hexdigest()
    if NODE_STAMP.exists() and NODE_STAMP.read_text() == digest:
        return
    print("Installation des paquets npm (vnu-jar, axe-core, lighthouse, decap-cms, decap-server) …",
          flush=True)
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
    NODE_STAMP.write_text(digest)


def run(command: list[str], **kwargs) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **kwargs.pop("env", {})}
    result = subprocess.run(command, cwd=kwargs.pop("cwd", ROOT), env=env, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def become(command: list[str]) -> None:
    """Run ``command`` in the current folder as this very process (POSIX), or as a child."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TERRITOIRE_PROG": "python3 tasks.py"}
    sys.stdout.flush()
    if os.name == "posix":
        os.execve(command[0], command, env)
    sys.exit(subprocess.run(command, env=env).returncode)


def site_arguments(command: str, rest: list[str]) -> list[str]:
    """``check examples/amiens`` -> ``check --project examples/amiens``."""
    if command != "new" and rest and not rest[0].startswith("-"):
        folder = Path(rest[0])
        if (folder / "data").is_dir() and (folder / "content").is_dir():
            return [command, "--project", str(folder), *rest[1:]]
    return [command, *rest]


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help", "aide"}:
        print(HELP)
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        close = difflib.get_close_matches(command, sorted(COMMANDS), n=1)
        hint = f" (vouliez-vous écrire « {close[0]} » ?)" if close else ""
        print(f"Erreur : commande inconnue : trouvé « {command} », attendu l'une des commandes "
              f"{', '.join(sorted(COMMANDS))}{hint}\n\n{HELP}", file=sys.stderr)
        return 2
    ensure_venv(test_tools=command == "test")
    if command == "cms":
        ensure_npm_packages()
    if command in SITE_COMMANDS | {"cms"}:
        become([str(BIN / "territoire"), *site_arguments(command, rest)])
    elif command == "schemas":
        run([str(PYTHON), "-m", "territoire.schemas", *rest])
    elif command == "test":
        ensure_test_tools()
        run([str(PYTHON), "-m", "pytest", *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
