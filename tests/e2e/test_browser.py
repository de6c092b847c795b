"""End to end in a real headless Chromium (Debian's package, driven by Playwright) against a live
server holding the twelve samples: search from the home page, select two facet values, open a
reply, see the highlight and the figures table. Screenshots at desktop and phone widths go to
artifacts/e2e/."""

import os
import re
from pathlib import Path

import pytest

from replies.ingest.pipeline import ingest
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "artifacts" / "e2e"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API keeps an event loop in this thread; the ORM calls made here (fixtures,
# assertions) are ordinary blocking calls, which Django would otherwise refuse inside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is not at {CHROMIUM}: `make test` installs Debian's package")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def archive(live_server, transactional_db):
    summary = ingest([str(SAMPLES)])
    assert summary.counts["created"] == 12, summary.failures
    return live_server.url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_select_two_facets_open_a_reply(browser, archive, viewport):
    name = "desktop" if viewport is DESKTOP else "phone"
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    page.goto(archive + "/")
    page.screenshot(path=ARTIFACTS / f"home-{name}.png", full_page=True)

    # Search from the home page's box, with the keyboard.
    page.get_by_label("检索答复全文、文号或提案号").fill("企业")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    count = page.locator(".results-count")
    total = int(re.search(r"共 (\d+) 件", count.inner_text()).group(1))
    assert total >= 2

    # On a phone the filters wait in a drawer above the results.
    if viewport is PHONE:
        page.locator(".filters-toggle").click()
    # Two values of the year facet: ORed, so the result grows back.
    years = page.locator("#facet-year + ul .facet-value")
    assert years.count() >= 2
    first_label = years.nth(0).locator(".facet-label").inner_text()
    first_count = int(years.nth(0).locator(".count").inner_text())
    years.nth(0).click()
    page.wait_for_url(re.compile(r"year="))
    assert f"共 {first_count} 件" in page.locator(".results-count").inner_text()
    if viewport is PHONE:
        page.locator(".filters-toggle").click()
    years = page.locator("#facet-year + ul .facet-value")
    second = years.filter(has_not=page.locator(".selected")).filter(has_not_text=first_label).first
    second_count = int(second.locator(".count").inner_text())
    second.click()
    page.wait_for_url(re.compile(r"year=\d+.*year=\d+"))
    assert f"共 {first_count + second_count} 件" in page.locator(".results-count").inner_text()
    chips = page.locator(".chips .chip")
    assert chips.count() == 2
    page.screenshot(path=ARTIFACTS / f"search-{name}.png", full_page=True)

    # Open the first result: the query's terms are marked, the figures are a table.
    page.locator(".result h3 a").first.click()
    page.wait_for_url(re.compile(r"/replies/\d+/\?q="))
    marks = page.locator(".full-text mark")
    assert marks.count() >= 1
    assert marks.first.inner_text() == "企业"
    rows = page.locator("table.metrics tbody tr")
    assert rows.count() >= 1
    first_row = rows.first.locator("td")
    assert first_row.nth(1).inner_text().strip()  # a value
    # The sentence a figure came from opens on demand.
    rows.first.locator("summary").click()
    assert rows.first.locator("details span").is_visible()
    page.screenshot(path=ARTIFACTS / f"reply-{name}.png", full_page=True)
    page.close()


def test_keyboard_reaches_the_search_box_first(browser, archive):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(archive + "/search/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_statistics_charts_render_in_the_browser(browser, archive):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(archive + "/stats/")
    charts = page.locator("svg.chart-svg")
    assert charts.count() == 7
    box = charts.first.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.chart-svg rect").count() >= 3
    page.screenshot(path=ARTIFACTS / "stats-desktop.png", full_page=True)
    page.close()


def more_departments(count: int) -> None:
    """Replies from `count` more units, so that the unit list is long enough to need its box."""
    from replies import search
    from replies.models import Reply
    from tests.factories import DepartmentFactory, ReplyFactory

    for n in range(count):
        ReplyFactory(department=DepartmentFactory(name=f"测试县第{n}局"))
    search.index_replies(Reply.objects.with_related())


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_page_filters_fold_on_a_phone_and_long_lists_have_a_box(browser, archive, viewport):
    name = "desktop" if viewport is DESKTOP else "phone"
    more_departments(14)
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    page.goto(archive + "/search/")
    drawer = page.locator("#facets")
    results = page.locator("#results-title")
    if viewport is PHONE:
        # Folded: the results start on the first screen, not after a long block of filters.
        assert drawer.get_attribute("open") is None
        assert results.bounding_box()["y"] < viewport["height"]
        page.screenshot(path=ARTIFACTS / f"search-drawer-closed-{name}.png", full_page=True)
        page.locator(".filters-toggle").click()
    assert drawer.get_attribute("open") is not None
    # Years first, then types, places (provinces folded), units with their own search box.
    headings = page.locator(".facet h3").all_inner_texts()
    assert headings[:5] == ["年份", "答复类型", "提案或建议", "地区", "答复单位"]
    assert page.locator(".facet-group[open]").count() == 0
    box = page.locator(".facet[data-filterable] .facet-filter")
    assert box.count() >= 1
    units = page.locator('.facet[data-filterable="答复单位"] li')
    box.last.fill("测试县第1")
    visible = [u for u in units.all() if u.is_visible()]
    assert 1 <= len(visible) <= 6 and all("测试县第1" in u.inner_text() for u in visible)
    page.screenshot(path=ARTIFACTS / f"search-filters-{name}.png", full_page=True)
    page.close()


def test_the_results_are_a_few_tab_presses_away(browser, archive):
    page = browser.new_page(viewport=DESKTOP, locale="zh-CN")
    page.goto(archive + "/search/?q=企业")
    presses = 0
    while page.evaluate("document.activeElement.textContent") != "跳到结果" and presses < 30:
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= 10, presses
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-title"
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_reply_page_reads_the_letter_first_and_marks_whose_figures(browser, archive, viewport):
    from tests.factories import MetricFactory, ReplyFactory

    name = "desktop" if viewport is DESKTOP else "phone"
    reply = ReplyFactory(
        text="答复如下：\n" + "。".join(f"第{n}项投入资金{n}万元" for n in range(12))
    )
    for n in range(12):
        MetricFactory(reply=reply, label="投入资金", value=n + 1, offset=10 + n)
    MetricFactory(reply=reply, label="骑手", value=5, unit="万人", kind="count", source="proposal")
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    page.goto(archive + reply.get_absolute_url())
    text_top = page.locator("#text-title").bounding_box()["y"]
    assert text_top < page.locator("#metrics-title").bounding_box()["y"]
    assert text_top < viewport["height"]  # the letter starts on the first screen
    rows = page.locator("table.metrics tbody tr")
    assert rows.count() == 12 and page.locator(".from-proposal").count() == 0
    page.screenshot(path=ARTIFACTS / f"reply-figures-{name}.png", full_page=True)
    page.get_by_text("同时列出提案原文中提出人所述的 1 条").click()
    assert page.locator("table.metrics tbody tr").count() == 13
    assert "提案（提出人所述）" in page.locator(".from-proposal").inner_text()
    page.close()


def test_statistics_stay_readable_on_a_phone_and_bars_link_to_their_search(browser, archive):
    page = browser.new_page(viewport=PHONE, locale="zh-CN")
    page.goto(archive + "/stats/")
    chart = page.locator("#replies-by-county svg.chart-svg")
    scale = chart.bounding_box()["width"] / 720
    assert 13 * scale >= 11, f"chart text at {13 * scale:.1f}px"
    page.screenshot(path=ARTIFACTS / "stats-phone.png", full_page=True)
    link = page.locator("#replies-by-county svg a").first
    href = link.get_attribute("href")
    assert href.startswith("/search/?county=")
    page.goto(archive + href)
    assert re.search(r"共 \d+ 件", page.locator(".results-count").inner_text())
    page.close()
