"""The beheerder's kadernota round on the demo register, in a real browser without script:
only changed rows are recorded, a wrong row blocks only itself, axe-core finds nothing."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from demo.loader import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
YEAR = date.today().year


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", "--with-users", stdout=None)


def open_round(page: Page, live_server) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/intern/kadernota/{YEAR}/")


def test_beheerder_records_two_rows_and_a_wrong_one_blocks_only_itself(
    browser: Browser, live_server, demo
):
    context = browser.new_context(
        java_script_enabled=False, locale="nl-NL", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    open_round(page, live_server)
    rud = "Regionale Uitvoeringsdienst Zuid-Limburg"
    motivation = page.get_by_label(f"Motivering: waarom anders dan het advies? ({rud})")
    expect(motivation).to_be_hidden()  # asked only for a decision that differs from the advice

    page.get_by_label(
        f"Besluit {YEAR} voor Belastingsamenwerking Gemeenten en Waterschap"
    ).select_option("bestuurlijk_belangrijk")
    page.get_by_label(f"Besluit {YEAR} voor {rud}").select_option("ambtelijk_belangrijk")
    expect(motivation).to_be_visible()
    page.get_by_role("button", name="Besluiten vastleggen").click()

    expect(
        page.get_by_text(f"Vastgelegd voor kadernota {YEAR}: Belastingsamenwerking")
    ).to_be_visible()
    expect(page.get_by_text(f"Niet vastgelegd: {rud}.")).to_be_visible()
    row = page.locator("tr", has=page.get_by_role("link", name=rud))
    expect(row).to_contain_text("Dit besluit wijkt af van het advies. Schrijf op waarom.")
    expect(page.locator(".round-error")).to_have_count(1)

    motivation.fill("Het toezicht ligt vooral bij de provincie.")
    page.get_by_role("button", name="Besluiten vastleggen").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Vastgelegd voor kadernota {YEAR}: {rud} (ambtelijk belangrijk)."
    )
    context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_the_round_fits_the_screen_and_axe_finds_no_violations(
    page: Page, live_server, demo, width
):
    page.set_viewport_size({"width": width, "height": 900})
    open_round(page, live_server)
    expect(page.get_by_role("button", name="Besluiten vastleggen")).to_be_visible()

    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    if width == 1366:
        # One row per partnership: about one screen (900 px) holds ten of them.
        rows = page.locator(".round-table tbody tr")
        height = rows.last.bounding_box()["y"] + rows.last.bounding_box()["height"]
        height -= rows.first.bounding_box()["y"]
        assert height / rows.count() * 10 <= 900
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
