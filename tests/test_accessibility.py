"""Accessibility in a real browser: axe-core on every kind of page, keyboard operation, the elder-friendly mode."""

from __future__ import annotations

import axecore
from test_example_site import page_of, sources


def pages() -> dict[str, str]:
    """One page of each kind the public sees, by what it is."""
    first = {folder: page_of(next(m for m in sources() if m["folder"] == folder and m["disclosure"] == "主动公开"))
             for folder in ("bszn", "zcjd", "ndbg")}
    return {"首页": "/", "目录": "/mulu/", "分类": "/mulu/fenlei/06/", "条目": "/xxgk/11990000MB1234567A-2021-00012/",
            "办事指南": "/" + first["bszn"], "政策解读": "/" + first["zcjd"], "年度报告": "/" + first["ndbg"],
            "年度报告首页": "/ndbg/", "权责清单": "/qzqd/", "依申请公开目录": "/mulu/yishenqing/",
            "依申请公开指南": "/yishenqing/", "公开制度": "/gongkai-zhidu/", "检索": "/jiansuo/?q=户口迁移",
            "按主题分类": "/mulu/fenlei/", "网站地图": "/wzdt/", "联系我们": "/lxwm/", "页面未找到": "/no/such/page/"}


def switch(page, name: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-gk-switch="{name}"]')


def test_axe_finds_no_violation_on_any_kind_of_page_in_either_mode(served_example, browser):
    page = browser.page()
    found = {}
    for elder in (False, True):
        for kind, path in pages().items():
            page.goto(served_example.base + path.removesuffix("index.html"))
            if elder and kind == "首页":
                switch(page, "elder").click()
            assert page.evaluate("document.documentElement.classList.contains('gk-elder')") is elder
            if kind == "检索":  # results, highlights and an open facet group with its counts
                page.locator(".gk-results mark").first.wait_for()
                page.locator(".gk-facet-group summary").first.click()
                page.locator(".gk-facet-count").filter(has_text="（").first.wait_for()
            violations = axecore.violations(page)
            if violations:
                found[(kind, "适老化" if elder else "标准")] = violations
    page.context.close()
    assert found == {}


def font_size_and_colour(page) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    """The body text's size in px and the colour of the (lighter) dates of a listing."""
    size, colour = page.evaluate("""() => [parseFloat(getComputedStyle(document.querySelector(".md-typeset p")).fontSize),
        getComputedStyle(document.querySelector(".gk-newest__meta, .gk-listing td:nth-child(4)")).color]""")
    return size, colour


def test_elder_mode_enlarges_text_raises_contrast_and_is_remembered(served_example, browser):
    page = browser.page()
    page.goto(served_example.base + "/")
    size, colour = font_size_and_colour(page)
    width = page.evaluate("document.documentElement.clientWidth")
    switch(page, "elder").click()
    assert switch(page, "elder").get_attribute("aria-pressed") == "true"
    elder_size, elder_colour = font_size_and_colour(page)
    assert elder_size >= 20 and elder_size >= size * 1.2
    assert colour != "rgb(26, 26, 26)" and elder_colour == "rgb(26, 26, 26)"  # contrast 17:1 on white
    assert page.evaluate("window.devicePixelRatio") == 1 and page.evaluate("document.documentElement.clientWidth") == width
    target = page.evaluate("getComputedStyle(document.querySelector('.gk-tool')).minHeight")
    assert float(target.removesuffix("px")) >= 44
    page.goto(served_example.base + "/mulu/")  # another page: the choice is kept
    assert switch(page, "elder").get_attribute("aria-pressed") == "true"
    assert font_size_and_colour(page) == (elder_size, elder_colour)
    switch(page, "elder").click()
    page.reload()
    assert font_size_and_colour(page)[0] == size
    page.context.close()


def test_elder_mode_is_applied_before_the_page_script_runs(served_example, browser):
    """The inline script in <head> sets the mode before the first paint: even without gongkai.js it holds."""
    page = browser.page()
    page.goto(served_example.base + "/")
    page.evaluate("localStorage.setItem('gongkai.elder', '1')")
    page.route("**/gongkai.js", lambda route: route.abort())
    page.goto(served_example.base + "/mulu/")
    assert page.evaluate("document.documentElement.classList.contains('gk-elder')")
    assert font_size_and_colour(page)[0] >= 20
    page.context.close()


def focused(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => { const e = document.activeElement;
        return (e.id ? "#" + e.id : e.tagName.toLowerCase()) + " " + e.textContent.trim(); }""")


def test_skip_link_and_keyboard_operation(served_example, browser):
    page = browser.page(viewport={"width": 1280, "height": 900})
    page.goto(served_example.base + "/bszn/")
    page.keyboard.press("Tab")
    assert focused(page) == "a 跳到正文"
    page.wait_for_timeout(500)  # Material fades it in (the site's policy forbids wait_for_function's eval)
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    page.keyboard.press("Enter")
    assert focused(page) == "#gk-main "
    page.keyboard.press("Tab")
    first_in_content = page.evaluate("document.querySelector('.md-content').contains(document.activeElement)")
    assert first_in_content, focused(page)
    # The utility bar's switches come next after the skip link, and work by keyboard alone.
    page.reload()
    for name in ("a 跳到正文", "button 繁體", "button 适老化"):
        page.keyboard.press("Tab")
        assert focused(page) == name
    page.keyboard.press("Space")
    assert switch(page, "elder").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert switch(page, "elder").get_attribute("aria-pressed") == "false"
    # A navigation section opens with Enter and closes with Space: in the menu (the columns above the
    # page take its place on wide screens).
    page.set_viewport_size({"width": 600, "height": 900})
    page.click('.md-header label[for="__drawer"]')
    page.focus("#__nav_4_label")
    assert "政府信息公开目录（下级栏目）" in focused(page)
    page.keyboard.press("Enter")
    assert page.is_checked("#__nav_4")
    page.keyboard.press("Space")
    assert not page.is_checked("#__nav_4")
    page.context.close()


def test_small_screen_menu_opens_by_keyboard(served_example, browser):
    page = browser.page(viewport={"width": 600, "height": 900})
    page.goto(served_example.base + "/bszn/")
    for _ in range(8):
        page.keyboard.press("Tab")
        if focused(page) == "label 导航菜单":
            break
    page.keyboard.press("Enter")
    assert page.is_checked("#__drawer")
    page.context.close()
