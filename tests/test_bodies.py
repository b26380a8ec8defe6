"""Raw HTML and links in the Markdown of content/ (territoire/bodies.py): what is refused, what is
kept. The bad-input corpus (tests/bad_inputs/body-*) has the same classes built for real."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, build, copy_project
from territoire.bodies import body_problems
from territoire.links import _Destinations, _inline_target, without_code_spans

ACTIVE = "attendu du Markdown sans élément actif"

# Real payloads, each a way to run or load something from a page body.
REFUSED = {
    "script": ("<script>alert(1)</script>", "la balise « <script> »"),
    "script in capitals": ("<SCRIPT SRC=//collecte.example/x.js></SCRIPT>", "la balise « <script> »"),
    "script left open": ("Texte\n\n<script src=//collecte.example/x.js", "la balise « <script> »"),
    "script split": ("<scr<script>ipt>alert(1)</script>", "la balise « <scr<script> »"),
    "iframe": ('<iframe src="https://video.example/embed/1"></iframe>', "la balise « <iframe> »"),
    "iframe srcdoc": ("<iframe srcdoc='&lt;script&gt;'></iframe>", "la balise « <iframe> »"),
    "object": ('<object data="https://ailleurs.example/x.swf"></object>', "la balise « <object> »"),
    "embed": ('<embed src="https://ailleurs.example/x.pdf">', "la balise « <embed> »"),
    "form": ('<form action="https://collecte.example/"><input name="q"></form>', "la balise « <form> »"),
    "button formaction": ('<button formaction="https://collecte.example/">Go</button>',
                          "la balise « <button> »"),
    "style element": ("<style>body{display:none}</style>", "la balise « <style> »"),
    "base": ('<base href="https://ailleurs.example/">', "la balise « <base> »"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://ailleurs.example/">',
                     "la balise « <meta> »"),
    "link stylesheet": ('<link rel="stylesheet" href="https://ailleurs.example/x.css">',
                        "la balise « <link> »"),
    "inline svg": ("<svg onload=alert(1)></svg>", "la balise « <svg> »"),
    "math": ("<math><mtext>x</mtext></math>", "la balise « <math> »"),
    "onerror": ("<img src=x onerror=alert(1)>", "l'attribut « onerror » sur « <img> »"),
    "onerror after slash": ("<img/onerror=alert(1)/src=x>", "l'attribut « onerror »"),
    "handler in capitals": ("<p OnMouseOver='alert(1)'>x</p>", "l'attribut « onmouseover »"),
    "ontoggle": ("<details open ontoggle=alert(1)><summary>x</summary></details>",
                 "l'attribut « ontoggle » sur « <details> »"),
    "handler in an open tag": ("x\n\n<img src=x onerror=alert(1)\n\nsuite",
                               "un attribut de gestion d'évènement « on… »"),
    "style attribute": ('<p style="position:fixed;inset:0">Annonce</p>', "l'attribut « style »"),
    "javascript href": ('<a href="javascript:alert(1)">x</a>', "un lien « javascript: »"),
    "javascript with entities": ('<a href="&#106;ava&#x09;script:alert(1)">x</a>',
                                 "un lien « javascript: »"),
    "javascript with a space": ('<a href=" JavaScript:alert(1)">x</a>', "un lien « javascript: »"),
    "data href": ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "un lien « data: »"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "un lien « vbscript: »"),
    "markdown javascript link": ("[Cliquez](javascript:alert(1))", "un lien « javascript: »"),
    "markdown link in brackets": ("[Cliquez](<javascript:alert(1)>)", "un lien « javascript: »"),
    "markdown reference": ("[Cliquez][1]\n\n[1]: javascript:alert(1)", "un lien « javascript: »"),
    "markdown data image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "un lien « data: »"),
    "external image": ("![Visite](https://pixel.example/v.png)",
                       "image d'un autre site : trouvé « https://pixel.example/v.png »"),
    "external html image": ('<img src="//pixel.example/p.gif" alt="">',
                            "image d'un autre site : trouvé « //pixel.example/p.gif »"),
    "attribute list handler": ('[Lien](index.md){: onclick="alert(1)" }', "l'attribut « onclick »"),
    "attribute list javascript": ('[Lien](index.md){: href="javascript:alert(1)" }',
                                  "un lien « javascript: »"),
    "unknown element": ("<marquee>x</marquee>", "la balise « <marquee> », attendu l'une des balises"),
}

ALLOWED = {
    "figure": '<figure markdown>\n  ![Logo](images/logo.svg)\n  <figcaption>Le logo</figcaption>\n</figure>',
    "abbr": '<abbr title="Conseil métropolitain">CM</abbr>',
    "table": ("<table><caption>Chiffres</caption><thead><tr><th scope=\"col\">A</th></tr></thead>"
              "<tbody><tr><td colspan=\"2\">1</td></tr></tbody></table>"),
    "details": "<details open><summary>Plus</summary>Texte</details>",
    "kbd sup sub": "<kbd>Ctrl</kbd> + <kbd>C</kbd>, 1<sup>er</sup>, H<sub>2</sub>O",
    "time": '<time datetime="2026-10-01">1er octobre</time>',
    "link to another site": '<a href="https://www.exemple.fr" target="_blank" rel="noopener">site</a>',
    "aria": '<span aria-label="Étoile" role="img">★</span>',
    "local image": '<img src="images/logo.svg" alt="Logo" width="120" loading="lazy">',
    "code span": "Écrivez `<script>` pour rien : c'est du code.",
    "fenced code": "```html\n<iframe src=\"https://x.example\"></iframe>\n<script>x</script>\n```",
    "autolinks": "<https://www.exemple.fr> et <contact@exemple.fr>",
    "comparisons": "a < b et c > d, prix <10 €",
    "comment": "Chapeau.\n\n<!-- more -->\n\nSuite.",
    "short forms": "[Bulane](membre:bulane), [À propos](page:a-propos)",
    "attribute list": "[Lien](index.md){ .md-button target=\"_blank\" }",
    "mailto and tel": '<a href="mailto:contact@exemple.fr">écrire</a> <a href="tel:+33400000000">appeler</a>',
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_active_html_and_links_are_refused(name: str) -> None:
    text, found = REFUSED[name]
    problems = body_problems(text)
    assert problems, name
    assert any(found in message for _, _, message in problems), problems


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_safe_html_is_kept(name: str) -> None:
    assert body_problems(ALLOWED[name]) == []


def test_problems_name_the_line_and_column_in_the_file() -> None:
    # The body starts on line 5 of its file (after a front matter of three lines).
    body = "Texte.\n\nVoir <iframe src=\"https://x.example\"></iframe> ici.\n"
    assert body_problems(body, first_line=5) == [
        (7, 6, f"trouvé la balise « <iframe> », {ACTIVE} (ni script, ni cadre, ni objet, ni "
               "formulaire, ni style, ni base, ni meta)")]


def test_a_page_with_the_safe_html_authors_need_builds_and_keeps_it(tmp_path) -> None:
    project = copy_project(FIXTURES / "other_territory", tmp_path / "project")
    page = project / "content" / "a-propos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "\n\n".join(
        ALLOWED[name] for name in ("abbr", "table", "details", "kbd sup sub", "time")) + "\n\n"
        '<figure markdown>\n  ![Logo](images/logo-val-vert.svg)\n'
        "  <figcaption>Le logo du Val Vert</figcaption>\n</figure>\n", encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode == 0, result.output
    article = result.html("a-propos/")
    for selector in ("abbr[title]", "table caption", "details summary", "kbd", "sup", "time",
                     "figure img", "figure figcaption"):
        assert article.select_one(selector) is not None, selector
    assert article.select_one("figure figcaption").get_text() == "Le logo du Val Vert"


def _naive_destination(line: str, position: int) -> str:
    """The former scan, one character at a time, kept as the oracle of the linear one."""
    depth, end = 0, position
    while end < len(line) and not line[end].isspace():
        if line[end] == "(":
            depth += 1
        elif line[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return line[position:end]


@given(st.text(alphabet="()[]x !<>`\t", max_size=60))
@settings(max_examples=300, derandomize=True, database=None)
def test_link_destinations_end_where_the_one_character_scan_ended(line: str) -> None:
    destinations = _Destinations(line)
    for position in range(len(line)):
        if line[position] != "<":
            assert _inline_target(line, position, destinations) == _naive_destination(line, position)


@pytest.mark.parametrize("line, blanked", [
    ("a `<b>` c", "a       c"), ("``x`y``", "       "), ("`a` et `b`", "    et    "),
    ("`ouvert", "`ouvert"), ("```", "```"), ("``a`", "``a`"), ("`a`` b`", "       "),
])
def test_a_code_span_closes_at_the_next_run_of_as_many_backticks(line: str, blanked: str) -> None:
    assert without_code_spans(line) == blanked


@pytest.mark.parametrize("pattern", ["[x](", "![x](", "<a ", "{: a=", "`", "<![CDATA[", "<"])
def test_a_long_line_of_one_pattern_is_read_in_linear_time(pattern: str) -> None:
    # Each of these made the screen or the link reader re-read the line from each repetition:
    # 9 Ko of « <a » took 14 s, « {: a= » and « [x]( » minutes.
    started = time.process_time()
    body_problems(pattern * 20_000)
    assert time.process_time() - started < 5
