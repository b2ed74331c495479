"""Done when 1 and 2: an inwoner uses the public overview in a real browser; axe-core finds
no WCAG 2.x A/AA violations on the public pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

# serialized_rollback: the roles and the governance regimes come from data migrations; the
# live server's transactional database would otherwise flush them after the first test.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_inwoner_filters_on_a_tier_searches_a_partner_and_opens_a_partnership(
    page: Page, live_server, demo_register
):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samenwerkingsverbanden")
    rows = page.locator("table.public-table tbody tr")
    expect(rows).to_have_count(5)
    expect(page.get_by_text("Nog niet openbaar")).to_have_count(0)

    page.get_by_label("Belangrijkheid", exact=True).select_option(label="Politiek belangrijk")
    page.get_by_role("button", name="Toon resultaten").click()

    expect(page).to_have_url(re.compile(r"[?&]tier=politiek_belangrijk"))
    expect(rows).to_have_count(2)
    expect(page.locator("caption")).to_contain_text("2 samenwerkingsverbanden")

    page.get_by_label("Zoeken", exact=True).fill("Gemeente Stein")
    page.get_by_role("button", name="Toon resultaten").click()

    expect(page).to_have_url(re.compile(r"q=Gemeente\+Stein"))
    expect(page).to_have_url(re.compile(r"tier=politiek_belangrijk"))
    expect(rows).to_have_count(1)

    page.get_by_role("link", name="Governance Zorg en Veiligheid Zuid-Limburg").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Governance Zorg en Veiligheid Zuid-Limburg"
    )
    partners = page.get_by_role("table", name=re.compile("Organisaties die deelnemen"))
    expect(partners).to_contain_text("Gemeente Stein")
    expect(partners).to_contain_text("Penvoerder of trekker")
    expect(page.get_by_text("Betaalbaarheid en de rol van de raad.")).to_be_visible()


def test_bookmarked_filter_url_opens_the_same_selection(page: Page, live_server, demo_register):
    page.goto(live_server.url + "/?tier=politiek_zeer_belangrijk&sort=-name")

    expect(page.locator("table.public-table tbody tr")).to_have_count(1)
    expect(page.get_by_label("Belangrijkheid", exact=True)).to_have_value(
        "politiek_zeer_belangrijk"
    )
    expect(page.get_by_role("link", name="GGD Zuid Limburg")).to_be_visible()


def test_sorting_by_a_column_header_link(page: Page, live_server, demo_register):
    page.goto(live_server.url + "/")

    page.get_by_role("link", name=re.compile("^Belangrijkheid")).click()

    expect(page).to_have_url(re.compile(r"sort=tier"))
    first = page.locator("table.public-table tbody tr").first
    expect(first).to_contain_text("Politiek zeer belangrijk")
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Belangrijkheid")


def test_keyboard_user_skips_to_the_content(page: Page, live_server, demo_register):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile("#inhoud$"))


def test_overview_works_without_javascript(browser, live_server, demo_register):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")

    page.get_by_label("Juridische vorm", exact=True).select_option(
        label="Besloten vennootschap (BV)"
    )
    page.get_by_role("button", name="Toon resultaten").click()

    expect(page.locator("table.public-table tbody tr")).to_have_count(1)
    expect(page.get_by_role("link", name="Stroomlijn")).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", ["/", "/samenwerkingsverbanden/stroomlijn/", "/toegankelijkheid/"])
def test_pages_reflow_on_a_narrow_screen_without_sideways_scrolling(
    browser, live_server, demo_register, path
):
    # 320 CSS pixels wide is what 400% zoom gives on a 1280 pixel screen (WCAG 1.4.10).
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?tier=politiek_belangrijk&q=Gemeente+Stein",
        "/samenwerkingsverbanden/governance-zorg-en-veiligheid-zuid-limburg/",
        "/toegankelijkheid/",
        "/open-data/",
        "/?tier=niet-bestaand",
    ],
)
def test_axe_finds_no_accessibility_violations(page: Page, live_server, demo_register, path):
    page.goto(live_server.url + path)

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})

    assert results.violations_count == 0, results.generate_report()
