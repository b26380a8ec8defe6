"""One preview build of a project in a fresh process (the clean build the incremental preview is
compared with in tests/test_incremental.py): ``python tests/preview_once.py CONFIG SITE_DIR``."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

from mkdocs.config import load_config

from territoire.engine.run import PreviewBuilds

SERVE_URL = "http://127.0.0.1:8000/"


def preview_config(config_file: Path, site_dir: Path):
    """The config as ``territoire serve`` loads it for each build."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    return config


def main(config_file: str, site_dir: str) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    warnings.simplefilter("ignore", DeprecationWarning)
    config = preview_config(Path(config_file), Path(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        PreviewBuilds().build(config, serve_url=SERVE_URL)
    finally:
        config.plugins.on_shutdown()  # as ``territoire serve`` does: the blog's folder goes


if __name__ == "__main__":
    main(*sys.argv[1:3])
