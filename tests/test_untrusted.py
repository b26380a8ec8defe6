"""Member-written files are untrusted: dangerous logos stop the build with the SVG's line, and
hostile text in a profile is neutralised on every page that shows it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import FIXTURES, build, copy_project
from territoire import DataError, load_site

VALID = FIXTURES / "other_territory"
PROFILE = "data/members/atelier-mecanique.yml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    copied = copy_project(VALID, tmp_path / "project")
    (copied / "content/images/membres").mkdir(parents=True)
    return copied


def _with_logo(project: Path, name: str, content: str | bytes, logo: str | None = None) -> None:
    path = project / "content/images/membres" / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (project / PROFILE).write_text("description: Atelier d'essai.\nsecteur: mecanique\n"
                                   f"logo: {logo or 'images/membres/' + name}\n", encoding="utf-8")


def _errors(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_site(project)
    return [str(issue) for issue in caught.value.issues]


SVG = "content/images/membres/logo.svg"
# The data line that uses a refused SVG is named too, after the SVG's own lines.
SVG_USED_BY = ("data/members/atelier-mecanique.yml:3:7 logo: image refusée : trouvé "
               "« images/membres/logo.svg » qui contient du contenu actif ou externe, attendu un SVG "
               "autonome (détail aux lignes du fichier SVG)")


@pytest.mark.parametrize(("svg", "expected"), [
    ('<svg xmlns="http://www.w3.org/2000/svg">\n  <script>alert(document.cookie)</script>\n</svg>',
     f"{SVG}:2:3 <script>: script : trouvé un élément « script », attendu un SVG sans script"),
    ('<svg xmlns="http://www.w3.org/2000/svg"\n     onload="alert(1)"/>',
     f"{SVG}:1:1 <svg onload>: gestionnaire d'évènement : trouvé l'attribut « onload », attendu "
     "un SVG sans attribut « on… »"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
     '<a xlink:href="jav&#x09;ascript:alert(1)"><text>x</text></a></svg>',
     f"{SVG}:2:1 <a xlink:href>: lien actif : trouvé un lien « javascript: », attendu un SVG sans script"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<image href="https://pisteur.example/p.png"/></svg>',
     f"{SVG}:2:1 <image href>: référence externe : trouvé « https://pisteur.example/p.png », "
     "attendu un renvoi interne « #… » ou une image embarquée"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>\n@import url(https://x.example/a.css);</style></svg>',
     [f"{SVG}:1:41 <style>: référence externe : trouvé « @import », attendu un SVG autonome",
      f"{SVG}:1:41 <style>: référence externe : trouvé « url(https://x.example/a.css) », attendu un "
      "renvoi interne « url(#…) »"]),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/f.svg#p)"/></svg>',
     f"{SVG}:1:41 <rect style>: référence externe : trouvé « url(https://x.example/f.svg#p) », "
     "attendu un renvoi interne « url(#…) »"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" '
     'src="https://x.example/"/></foreignObject></svg>',
     [f"{SVG}:1:41 <foreignObject>: contenu étranger : trouvé un élément « foreignObject », attendu "
      "un SVG sans HTML embarqué",
      f"{SVG}:1:56 <iframe src>: référence externe : trouvé « https://x.example/ », attendu un "
      "renvoi interne « #… » ou une image embarquée"]),
    ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
     '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>',
     f"{SVG}:2:15 <!DOCTYPE>: déclaration : trouvé une déclaration « DOCTYPE », attendu un SVG sans "
     "DOCTYPE ni entité (elles peuvent charger d'autres fichiers)"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>',
     f"{SVG}:1:49 XML invalide : trouvé « mismatched tag », attendu un SVG bien formé"),
])
def test_dangerous_svg_logo_is_refused_with_its_line(project: Path, svg: str, expected: str) -> None:
    _with_logo(project, "logo.svg", svg)
    assert _errors(project) == (expected if isinstance(expected, list) else [expected]) + [SVG_USED_BY]


def test_every_svg_finding_is_reported_at_once(project: Path) -> None:
    _with_logo(project, "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onclick="x()">\n'
               '<script href="https://x.example/a.js"/>\n</svg>')
    assert _errors(project) == [
        f"{SVG}:1:1 <svg onclick>: gestionnaire d'évènement : trouvé l'attribut « onclick », "
        "attendu un SVG sans attribut « on… »",
        f"{SVG}:2:1 <script href>: référence externe : trouvé « https://x.example/a.js », attendu "
        "un renvoi interne « #… » ou une image embarquée",
        f"{SVG}:2:1 <script>: script : trouvé un élément « script », attendu un SVG sans script",
        SVG_USED_BY,
    ]


def test_safe_svg_with_internal_references_is_accepted(project: Path) -> None:
    from directory_project import VALID_SVG
    _with_logo(project, "logo.svg", VALID_SVG)
    site = load_site(project)
    assert site.member("atelier-mecanique").profile.logo == "images/membres/logo.svg"


def test_logo_outside_its_folder_wrong_format_and_fake_png(project: Path) -> None:
    (project / "content/images/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)
    _with_logo(project, "faux.png", b"<svg onload='alert(1)'/>")
    (project / "data/members/bois-et-fer.yml").write_text(
        "description: Essai.\nlogo: images/logo.png\n", encoding="utf-8")
    (project / "data/members/scierie-du-val.yml").write_text(
        "description: Essai.\nlogo: images/membres/anime.gif\n", encoding="utf-8")
    assert _errors(project) == [
        # Every file of content/ is screened by its bytes, used by a profile or not.
        "content/images/logo.png:1:1 image illisible : trouvé une image PNG tronquée ou abîmée, "
        "attendu une image complète (ouvrez-la puis réenregistrez-la)",
        "content/images/membres/faux.png:1:1 contenu : trouvé un document XML ou SVG, attendu une "
        "image PNG (le contenu doit correspondre à l'extension « .png »)",
        f"{PROFILE}:3:7 logo: contenu : trouvé un fichier qui n'est pas une image PNG, attendu "
        "un contenu conforme à l'extension « .png »",
        "data/members/bois-et-fer.yml:2:7 logo: dossier : trouvé « images/logo.png », attendu un "
        "fichier rangé directement dans content/images/membres/",
        "data/members/scierie-du-val.yml:2:7 logo: format : trouvé « .gif », attendu une image "
        ".svg, .png, .jpg, .jpeg ou .webp",
    ]


def test_logo_too_heavy_and_missing(project: Path) -> None:
    # An SVG is published as it is: its limit stays small. A raster logo may be big, since
    # visitors get small variants of it (tests/test_images_site.py).
    _with_logo(project, "lourd.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
               + "<!-- " + "x" * 149_000 + " --></svg>")
    (project / "data/members/bois-et-fer.yml").write_text(
        "description: Essai.\nlogo: images/membres/absent.svg\n", encoding="utf-8")
    from raster_project import phone_photo
    phone_photo((800, 600)).save(project / "content/images/membres/grand.png")
    assert (project / "content/images/membres/grand.png").stat().st_size > 500_000
    (project / "data/members/scierie-du-val.yml").write_text(
        "description: Essai.\nlogo: images/membres/grand.png\n", encoding="utf-8")
    assert _errors(project) == [
        f"{PROFILE}:3:7 logo: taille : trouvé 146 Ko, attendu au plus 100 Ko",
        "data/members/bois-et-fer.yml:2:7 logo: fichier introuvable : trouvé "
        "« images/membres/absent.svg », attendu une image existante dans content/",
    ]


# Real payloads, as a hostile firm would write them in its own profile: the safety screen
# (territoire/safety.py) refuses each one at build time, naming file, line, column and field.
SCREEN = ("attendu du texte Markdown sans HTML actif (ni script, ni cadre, ni attribut on…, "
          "ni lien javascript: ou data:)")
REFUSED = {
    "<script>alert('desc')</script>": "la balise « <script> »",
    "<img src=x onerror=alert('img')>": "un attribut de gestion d'évènement « on… »",
    '<iframe src="https://evil.example/"></iframe>': "la balise « <iframe> »",
    "<style>body{display:none}</style>": "la balise « <style> »",
    '<form action="https://evil.example/"><input name=p></form>': "la balise « <form> »",
    "[cliquez](javascript:alert('lien'))": "un lien « javascript: »",
    "[ici](JaVaScRiPt:alert(2))": "un lien « javascript: »",
    '<a href="javascript:alert(3)">là</a>': "un lien « javascript: »",
    "[ref]: javascript:alert(4)": "un lien « javascript: »",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)": "un lien « data: »",
    "<svg onload=alert('svg')></svg>": "un attribut de gestion d'évènement « on… »",
    "<div onclick=\"alert('div')\">x</div>": "un attribut de gestion d'évènement « on… »",
    "<img/onerror=alert('img') src=x>": "un attribut de gestion d'évènement « on… »",
    "<svg/onload=alert('svg')>": "un attribut de gestion d'évènement « on… »",
    "<button formaction=javascript:alert(1)>ok</button>": "un lien « javascript: »",
    "[encodé](&#106;avascript:alert(2))": "un lien « javascript: »",
    "[tabulé](java\tscript:alert(3))": "un lien « javascript: »",
}


@pytest.mark.parametrize("payload", list(REFUSED))
def test_each_hostile_payload_is_refused_with_its_line(tmp_path: Path, payload: str) -> None:
    project = copy_project(VALID, tmp_path / "project")
    (project / PROFILE).write_text("secteur: mecanique\ndescription: |\n  Bonjour.\n\n  "
                                   f"{payload}\n", encoding="utf-8")
    assert _errors(project) == [f"{PROFILE}:2:14 description: trouvé {REFUSED[payload]}, {SCREEN}"]


HOSTILE = {
    "description": "Bonjour <script>alert('desc')</script>",
    "secteur": "mecanique",
    "commune": "<script>alert('commune')</script>",
    "adresse": "<img src=x onerror=alert('adresse')>",
    "valeurs": ["inventive"],
    "savoir_faire": [{
        "titre": "<iframe src=https://evil.example/></iframe>Produit",
        "description": "<img src=x onerror=alert('offre')> ![x](javascript:alert('image'))",
    }],
    "contact": {"telephone": "<form><button>ok</button></form>"},
}


def test_hostile_profile_stops_the_build_with_every_message(tmp_path: Path) -> None:
    project = copy_project(VALID, tmp_path / "project")
    (project / PROFILE).write_text(yaml.safe_dump(HOSTILE, allow_unicode=True), encoding="utf-8")
    result = build(project, tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert not (tmp_path / "site").exists()
    expected = [
        f"{PROFILE}:1:10 adresse: trouvé un attribut de gestion d'évènement « on… », {SCREEN}",
        f"{PROFILE}:2:10 commune: trouvé la balise « <script> », {SCREEN}",
        f"{PROFILE}:4:14 contact.telephone: trouvé la balise « <form> », {SCREEN}",
        f"{PROFILE}:5:14 description: trouvé la balise « <script> », {SCREEN}",
        f"{PROFILE}:7:16 savoir_faire[0].description: trouvé un attribut de gestion d'évènement "
        f"« on… », {SCREEN}",
        f"{PROFILE}:8:10 savoir_faire[0].titre: trouvé la balise « <iframe> », {SCREEN}",
    ]
    assert [line[2:] for line in result.output.splitlines() if line.startswith("  data/")] == expected


# What the screen lets through (harmless tags, quotes closing an attribute, entities, an outside
# link, a tracking image) must be shown as text or dropped on every page: templates escape, the
# markdown filter escapes "<" and nh3 removes what Markdown itself could produce (images).
SLIPPING = {
    "description": (
        "Bonjour <b>gras</b> & \"guillemets\" \"><em>Val</em>\n\n"
        "<img src=x alt=piège> <svg><a href=\"#x\">svg</a></svg>\n\n"
        "<button type=submit>ok</button> [ailleurs](https://evil.example/)\n\n"
        "<a href=\"https://evil.example/\">là</a> ![pisteur](https://pisteur.example/p.png)\n\n"
        "&lt;script&gt;alert('entité')&lt;/script&gt;"
    ),
    "secteur": "mecanique",
    "commune": "\"><em>Val</em>",
    "adresse": "<img src=x alt=adresse>",
    "site_web": "https://exemple.fr/\"onmouseover=\"alert('web')",
    "valeurs": ["inventive"],
    "savoir_faire": [{
        "titre": "<svg><title>Produit</title></svg>",
        "description": "<img src=x> ![x](https://pisteur.example/x.png)",
    }],
    "contact": {"telephone": "<button type=submit>ok</button>"},
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(VALID, tmp / "project")
    (project / PROFILE).write_text(yaml.safe_dump(SLIPPING, allow_unicode=True), encoding="utf-8")
    result = build(project, tmp)
    assert result.returncode == 0, result.output
    return result


def _our_script(script) -> bool:
    """Scripts the site itself writes (Material's, ours, the JSON-LD): none loads from elsewhere
    and none holds a payload."""
    src = script.get("src")
    if script.get("type") == "application/ld+json":
        # Data, not code: member text may appear there, escaped so that it cannot end the script.
        return "<" not in script.string and bool(json.loads(script.string))
    if src is not None:
        return "//" not in src and not src.startswith(("x", "javascript:"))
    return "alert(" not in (script.string or "")


def test_hostile_profile_never_reaches_any_page(hostile_site) -> None:
    pages = sorted(hostile_site.site_dir.rglob("*.html"))
    showing = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        if "Atelier mécanique" in html:
            showing += 1
        where = path.relative_to(hostile_site.site_dir).as_posix()
        for raw in ("<b>gras", "<em>Val", "<img src=x", "<svg>", "<button type=submit",
                    "onmouseover=\"", "<script>alert('entité')", "<svg><a", "<title>Produit"):
            assert raw not in html, (where, raw)
        assert "alert(" not in " ".join(s.string or "" for s in soup.find_all("script")
                                        if s.get("type") != "application/ld+json"), where
        assert not [s for s in soup.find_all("script") if not _our_script(s)], where
        assert not soup.find_all(["iframe", "object", "embed"]), where
        assert all("display:none" not in (s.string or "") for s in soup.find_all("style")), where
        assert all(f.get("id") == "tp-filter" or f.get("name") == "search"
                   for f in soup.find_all("form")), where
        assert not soup.find_all("button", attrs={"formaction": True}), where
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (where, tag.name, attribute)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert "javascript:" not in text.replace(" ", "").lower(), (where, tag.name, attribute)
        for img in soup.find_all("img"):
            assert img.get("src") != "x" and "pisteur" not in img.get("src", ""), where
        assert not soup.find_all("b"), where
        assert not [b for b in soup.find_all("button") if "ok" in b.get_text()], where
        assert not [em for em in soup.find_all("em") if "Val" in em.get_text()], where
    assert showing >= 4  # the member page, the directory, a filter page, the showcase


def test_hostile_text_is_shown_as_text_on_the_member_page(hostile_site) -> None:
    page = hostile_site.html("membres/atelier-mecanique/")
    facts = dict(zip([dt.get_text(strip=True) for dt in page.select(".tp-facts dt")],
                     [dd for dd in page.select(".tp-facts dd")]))
    assert facts["Commune"].get_text() == '"><em>Val</em>'
    assert facts["Adresse"].get_text() == "<img src=x alt=adresse>"
    link = facts["Site web"].a
    assert link["href"] == "https://exemple.fr/\"onmouseover=\"alert('web')"
    assert not link.has_attr("onmouseover")
    assert page.select_one(".tp-offering h3").get_text() == "<svg><title>Produit</title></svg>"
    description = page.select_one(".tp-member-description") or page.select_one("article")
    text = description.get_text()
    assert 'Bonjour <b>gras</b> & "guillemets" "><em>Val</em>' in text
    assert "<script>alert('entité')</script>" in text  # the entities stay text
    assert '<a href="https://evil.example/">là</a>' in text  # raw HTML: text, not a link
    links = {a.get_text(strip=True): a.get("href") for a in description.find_all("a")}
    assert links.get("ailleurs") == "https://evil.example/"  # a Markdown link stays a plain link
    assert "là" not in links and "svg" not in links
    ld = page.select_one('script[type="application/ld+json"]').string
    assert "<" not in ld and "</script" not in ld.lower()
