"""The guides authors follow (issue 15, items 7 and 9): their commands exist and are spelled the one
way that works everywhere, and their pointers lead to sections that exist."""

from __future__ import annotations

import importlib
import re
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO))
import tasks  # noqa: E402

GUIDES = [REPO / "CONTRIBUTING.md", REPO / "GUIDE-ACTUALITES.md", REPO / "modeles" / "actualite.md",
          *sorted((REPO / ".github" / "PULL_REQUEST_TEMPLATE").glob("*.md")),
          *sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))]


def _headings(path) -> set[str]:
    return {line.lstrip("#").strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")}


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_guides_spell_commands_the_way_that_works_everywhere(guide):
    text = guide.read_text(encoding="utf-8")
    # « territoire check » alone is « command not found » outside .venv.
    assert not re.search(r"(?<![\w/.-])territoire (check|new|build|serve|ids)\b", text), guide.name
    for command in re.findall(r"python3 (?:\.\./)*tasks\.py (\w+)", text):
        assert command in tasks.COMMANDS, (guide.name, command)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_pointers_to_a_section_of_a_guide_lead_somewhere(guide):
    text = " ".join(guide.read_text(encoding="utf-8").split())
    for target, section in re.findall(r"(CONTRIBUTING\.md|GUIDE-ACTUALITES\.md), « ([^»]+) »", text):
        assert section.strip() in _headings(REPO / target), (guide.name, target, section)


def test_the_guides_answer_the_questions_authors_asked():
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    news = (REPO / "GUIDE-ACTUALITES.md").read_text(encoding="utf-8")
    assert "data/series/" in contributing and "<série>-<AAAA-MM-JJ>" in contributing  # event ids
    assert "`actualites` liste des articles" in contributing
    assert "[Bulane](membre:bulane)" in news and "[Bulane](membre:bulane)" in contributing
    assert "# faux" in contributing and "# juste" in contributing  # indentation, right and wrong
    assert "python3 tasks.py serve --port 8001" in contributing
    flat = " ".join(contributing.split())
    assert "une à trois minutes selon la machine et environ 200 Mo" in flat  # the first run's cost
    assert "Artifacts" in contributing  # how to open the site built for a pull request


@pytest.mark.parametrize("document", [REPO / "README.md", *GUIDES], ids=lambda path: path.name)
def test_the_templates_a_document_names_exist(document):
    # Templates moved into feature folders once already; a newcomer must find what is named.
    text = document.read_text(encoding="utf-8")
    overrides = REPO / "overrides"
    missing = [path for path in re.findall(r"`((?:overrides/)?partials/[\w/.-]+\.html)`", text)
               if not (REPO / path if path.startswith("overrides/") else overrides / path).is_file()]
    assert not missing, (document.name, missing)


@pytest.mark.parametrize("document", [REPO / "README.md", *GUIDES], ids=lambda path: path.name)
def test_the_code_a_document_names_exists(document):
    # Modules moved into one package per feature (issue 19): a file or dotted name in a guide must
    # still lead to the code it describes.
    text = document.read_text(encoding="utf-8")
    missing = [path for path in re.findall(r"`((?:territoire|hooks|scripts)/[\w/.-]*)`", text)
               if not (REPO / path).exists()]
    for dotted in re.findall(r"`(territoire(?:\.\w+)+)(?:\(\))?`", text):
        if dotted.rsplit(".", 1)[-1] in {"css", "js", "html", "yml", "md", "py"}:
            continue  # a file name such as territoire.css, not a module
        parts = dotted.split(".")
        # The longest importable prefix is the module; what follows must be one of its names.
        for cut in range(len(parts), 0, -1):
            try:
                module = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            if len(parts) - cut > 1 or (cut < len(parts) and not hasattr(module, parts[cut])):
                missing.append(dotted)
            break
    assert not missing, (document.name, missing)
