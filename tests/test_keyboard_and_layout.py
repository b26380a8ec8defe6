"""What axe cannot see: keyboard use, visible focus, the card grids' layout, search by typing."""

from __future__ import annotations

import pytest

from gates import AXE_JS, AXE_TAGS


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()


def _focus_style(page) -> dict:
    # A card's link draws its focus ring on its ::after, which covers the whole card.
    return page.evaluate("""() => { const e = document.activeElement; let s = getComputedStyle(e);
        const after = getComputedStyle(e, '::after');
        if (s.outlineStyle === 'none' && after.content !== 'none' && after.outlineStyle !== 'none') { s = after; }
        const r = e.getBoundingClientRect();
        return {tag: e.tagName, cls: e.className, href: e.getAttribute('href'), outline: s.outlineStyle,
                width: parseFloat(s.outlineWidth), visible: r.width > 0 && r.height > 0 && s.opacity !== '0'}; }""")


def test_first_tab_reaches_a_visible_skip_link_to_the_content(page, sample_url) -> None:
    page.goto(sample_url + "membres/bulane/")
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # the skip link fades in
    focused = _focus_style(page)
    assert focused["href"] == "#contenu" and focused["visible"], focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


@pytest.mark.parametrize("path", ["", "membres/"])
def test_keyboard_focus_is_always_visible(page, sample_url, path: str) -> None:
    page.goto(sample_url + path)
    for _ in range(25):
        page.keyboard.press("Tab")
        focused = _focus_style(page)
        if focused["tag"] == "BODY":  # past the last control
            break
        assert focused["outline"] != "none" and focused["width"] >= 2, focused


@pytest.mark.parametrize(("path", "selector"), [("valeurs/", ".tp-grid"), ("membres/", ".tp-grid"),
                                                ("", ".tp-figures")])
def test_card_grids_have_several_columns_on_a_wide_screen(page, sample_url, path: str, selector: str) -> None:
    page.goto(sample_url + path)
    style = page.evaluate(f"""() => {{ const s = getComputedStyle(document.querySelector('{selector}'));
        return [s.display, s.gridTemplateColumns]; }}""")
    assert style[0] == "grid" and len(style[1].split()) >= 2, style


def test_search_by_typing_shows_results_and_stays_accessible(page, sample_url, browser) -> None:
    page.goto(sample_url)
    page.click(".md-search__input")
    page.keyboard.type("conseil")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(600)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert "À propos" in titles
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert result["violations"] == [], [v["id"] for v in result["violations"]]
