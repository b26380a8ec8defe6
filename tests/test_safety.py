"""Active content refused in data text (territoire/safety.py), without refusing ordinary prose."""

from __future__ import annotations

import pytest

from territoire.safety import _text_problem


@pytest.mark.parametrize(("text", "problem"), [
    ("Voir <script>alert(1)</script>", "la balise « <script> »"),
    ("<SCRIPT src=x>", "la balise « <script> »"),
    ("< iframe src='https://exemple.fr'>", "la balise « <iframe> »"),
    ("<style>body{display:none}</style>", "la balise « <style> »"),
    ("<img src=x onerror=alert(1)>", "un attribut de gestion d'évènement « on… »"),
    ("[clic](javascript:alert(1))", "un lien « javascript: »"),
    ("[clic]( <JavaScript:alert(1)>)", "un lien « javascript: »"),
    ("[plan](data:text/html;base64,PHNjcmlwdD4=)", "un lien « data: »"),
    ("voir [le plan][1]\n\n[1]: vbscript:msgbox", "un lien « vbscript: »"),
    ('<a href="javascript:x">lien</a>', "un lien « javascript: »"),
    ("<img/onerror=alert(1) src=x>", "un attribut de gestion d'évènement « on… »"),
    ("<svg/onload=alert(1)>", "un attribut de gestion d'évènement « on… »"),
    ("<button formaction=javascript:alert(1)>ok</button>", "un lien « javascript: »"),
    ("[clic](&#106;avascript:alert(1))", "un lien « javascript: »"),
    ("[clic](java\tscript:alert(1))", "un lien « javascript: »"),
])
def test_active_content_is_refused(text: str, problem: str) -> None:
    assert _text_problem(text) == problem


@pytest.mark.parametrize("text", [
    "Le JavaScript : un langage du web.", "Données : 3 < 4 et 5 > 2.", "[site](https://exemple.fr)",
    "Une <b>mise en gras</b> sans danger", "Le mot onload= hors d'une balise", "data: un mot",
    "Voir <https://exemple.fr/a/one> et [action](https://exemple.fr/?action=1)", "&lt;b&gt; écrit",
])
def test_ordinary_text_is_accepted(text: str) -> None:
    assert _text_problem(text) is None
