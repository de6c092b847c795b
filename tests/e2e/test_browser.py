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

    # Two values of the year facet: ORed, so the result grows back.
    years = page.locator("#facet-year + ul .facet-value")
    assert years.count() >= 2
    first_label = years.nth(0).locator(".facet-label").inner_text()
    first_count = int(years.nth(0).locator(".count").inner_text())
    years.nth(0).click()
    page.wait_for_url(re.compile(r"year="))
    assert f"共 {first_count} 件" in page.locator(".results-count").inner_text()
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
