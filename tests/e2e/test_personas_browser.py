"""Each persona walks its main task on the demo register, on a phone (390×844) and on a laptop
(1366×900): no page scrolls sideways and axe-core finds no WCAG 2.x A/AA violation on any page
on the way, the internal pages included."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from demo.loader import DEMO_PASSWORD

from .conftest import page_problems

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = [
    pytest.param({"width": 390, "height": 844}, id="phone"),
    pytest.param({"width": 1366, "height": 900}, id="laptop"),
]
OWN_PARTNERSHIP = "Governance Zorg en Veiligheid Zuid-Limburg"  # accounthouder's, in the demo


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    # Two-factor sign-in has tests of its own; here the walks start at the signed-in pages.
    # The live server runs in this process, so the setting reaches it.
    settings.REQUIRE_TWO_FACTOR = False
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", "--with-users", stdout=None)


class Walk:
    """Checks every page the persona passes and remembers what is wrong, so one run reports
    every page that overflows or fails axe, not only the first."""

    def __init__(self, page: Page, live_server) -> None:
        self.page = page
        self.url = live_server.url
        self.problems: list[str] = []

    def check(self) -> None:
        # After a click the heading can be there before the page's own stylesheet is.
        self.page.wait_for_load_state()
        self.problems += page_problems(self.page)

    def goto(self, path: str) -> None:
        self.page.goto(self.url + path)
        self.check()

    def log_in(self, username: str) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Inloggen").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Dashboard")
        self.check()

    def follow(self, name: str | re.Pattern[str], heading: str | re.Pattern[str]) -> None:
        self.page.get_by_role("main").get_by_role("link", name=name).first.click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        self.check()


@pytest.fixture(params=VIEWPORTS)
def walk(request, page: Page, live_server, demo) -> Walk:
    page.set_viewport_size(request.param)
    return Walk(page, live_server)


def test_inwoner_reads_the_overview_a_partnership_and_the_open_data(walk: Walk):
    walk.goto("/")
    expect(walk.page.get_by_role("heading", level=1)).to_contain_text("Samenwerkingsverbanden")
    walk.follow("GGD Zuid Limburg", "GGD Zuid Limburg")
    walk.goto("/open-data/")
    expect(walk.page.get_by_role("heading", level=1)).to_contain_text("Open data")

    assert not walk.problems, "\n".join(walk.problems)


def test_lezer_reads_the_register_a_partnership_its_history_and_the_evaluation_agenda(
    walk: Walk,
):
    walk.log_in("lezer")
    walk.goto("/intern/samenwerkingsverbanden/")
    expect(walk.page.get_by_role("heading", level=1)).to_have_text("Samenwerkingsverbanden")
    walk.follow(OWN_PARTNERSHIP, OWN_PARTNERSHIP)  # its history holds long values
    walk.follow("Bekijk de hele geschiedenis", f"Geschiedenis van {OWN_PARTNERSHIP}")
    walk.goto("/intern/evaluaties/")
    expect(walk.page.get_by_role("heading", level=1)).to_have_text("Evaluaties")

    assert not walk.problems, "\n".join(walk.problems)


def test_accounthouder_edits_an_own_partnership_and_opens_its_evaluation(walk: Walk):
    page = walk.page
    walk.log_in("accounthouder")
    walk.follow(OWN_PARTNERSHIP, OWN_PARTNERSHIP)
    walk.follow("Bewerken", f"{OWN_PARTNERSHIP} bewerken")

    # A new partner row comes without saving and takes the cursor.
    page.get_by_role("button", name="Nog een partner toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{OWN_PARTNERSHIP} bewerken")
    expect(page.locator("select[autofocus]")).to_be_focused()
    walk.check()

    goals = "Zorg en veiligheid sluiten in de hele regio op elkaar aan."
    page.get_by_label("Doelen").fill(goals)
    # Enter in a text box saves, as before the add-row buttons came.
    page.locator("input[name=name]").press("Enter")
    saved = f"Het samenwerkingsverband {OWN_PARTNERSHIP} is opgeslagen."
    expect(page.get_by_text(saved)).to_be_visible()
    expect(page.get_by_text(goals)).to_be_visible()
    walk.check()

    walk.follow("Evaluatie eerste jaar", "Evaluatie eerste jaar")

    assert not walk.problems, "\n".join(walk.problems)


def test_beheerder_opens_the_kadernota_round_the_reports_and_the_beheer_pages(walk: Walk):
    walk.log_in("beheerder")
    walk.page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name=re.compile("^Kadernota")
    ).click()
    expect(walk.page.get_by_role("button", name="Besluiten vastleggen")).to_be_visible()
    walk.check()
    walk.goto("/intern/rapportages/")
    expect(walk.page.get_by_role("heading", level=1)).to_have_text("Rapportages")
    walk.goto("/intern/beheer/")
    walk.follow("Gebruikers", "Gebruikers")
    walk.follow("Nieuwe gebruiker", "Nieuwe gebruiker")
    walk.goto("/intern/beheer/")
    walk.follow("Organisaties", "Organisaties")
    walk.goto("/intern/beheer/")
    walk.follow("Samenwerkingsverbanden overdragen", "Samenwerkingsverbanden overdragen")
    walk.goto("/intern/beheer/")
    walk.follow("Twee dubbele organisaties samenvoegen", "Organisaties samenvoegen")
    # A completed evaluation: reopening asks to confirm first.
    walk.goto("/intern/samenwerkingsverbanden/")
    walk.follow(OWN_PARTNERSHIP, OWN_PARTNERSHIP)
    walk.follow("Evaluatie eerste jaar", "Evaluatie eerste jaar")
    walk.follow("Heropenen", "Evaluatie eerste jaar heropenen")
    expect(walk.page.get_by_role("button", name="Ja, heropenen")).to_be_visible()

    assert not walk.problems, "\n".join(walk.problems)
