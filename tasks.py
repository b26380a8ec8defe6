#!/usr/bin/env python3
"""Project commands that work on a fresh machine with only Python 3.11+.

    python3 tasks.py serve   build and serve the sample site on http://127.0.0.1:8000/
    python3 tasks.py build   build the sample site into site/ (strict)
    python3 tasks.py test    install what the tests need, then run the whole test suite
    python3 tasks.py schemas regenerate the JSON Schemas of the data files
    python3 tasks.py serve examples/amiens   the same for another territory's folder (build too)
    python3 tasks.py check   validate data/ and content/ without building (any folder, as above)

Each command first creates ``.venv`` and installs the pinned dependencies from pyproject.toml
(again only when pyproject.toml changed).
"""

from __future__ import annotations

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
STAMP = VENV / ".installed"


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 ou plus récent est nécessaire.")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    if not PYTHON.exists():
        print("Création de l'environnement virtuel .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installation des dépendances épinglées …", flush=True)
    run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f"{ROOT}[test]"])
    STAMP.write_text(digest)


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
    print("Installation des outils npm (vnu-jar, axe-core, lighthouse) …", flush=True)
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"])
    NODE_STAMP.write_text(digest)


def run(command: list[str], **kwargs) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **kwargs.pop("env", {})}
    result = subprocess.run(command, cwd=ROOT, env=env, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"serve", "build", "test", "schemas", "check"}:
        sys.exit(__doc__)
    command, rest = argv[0], argv[1:]
    ensure_venv()
    if command in {"serve", "build", "check"} and rest and (Path(rest[0]) / "data").is_dir():
        # Another territory: its folder holds content/ and data/, the engine stays this one.
        run([str(BIN / "territoire"), command, "--project", str(Path(rest[0]).resolve()), *rest[1:]])
    elif command == "serve":
        # data/ and the templates feed every page: a change there rebuilds too.
        run([str(BIN / "mkdocs"), "serve", "--dev-addr", "127.0.0.1:8000", "--watch", "data",
             "--watch", "overrides", "--watch", "hooks", *rest])
    elif command == "build":
        run([str(BIN / "mkdocs"), "build", "--strict", *rest])
    elif command == "check":
        run([str(BIN / "territoire"), "check", *rest])
    elif command == "schemas":
        run([str(PYTHON), "-m", "territoire.schemas", *rest])
    elif command == "test":
        ensure_test_tools()
        run([str(PYTHON), "-m", "pytest", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
