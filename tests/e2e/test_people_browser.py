"""The beheerder adds a colleague, makes them accounthouder, deactivates them and hands over
their partnerships, in a real browser without script; the colleague's open session ends."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from accounts.models import Role, User
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "wachtwoord-voor-tests"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def log_in(page: Page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def test_beheerder_walks_a_colleague_from_new_to_handed_over(browser: Browser, live_server):
    UserFactory(username="e2e-beheerder", first_name="Bea", last_name="Beheer", role=Role.BEHEERDER)
    successor = UserFactory(
        username="e2e-opvolger", first_name="Olga", last_name="Opvolger", role=Role.ACCOUNTHOUDER
    )
    options = {"java_script_enabled": False, "locale": "nl-NL"}
    page = browser.new_context(**options).new_page()
    log_in(page, live_server, "e2e-beheerder", PASSWORD)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Nieuwe gebruiker").first.click()
    page.get_by_label("Voornaam").fill("Pieter")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("E-mailadres").fill("p.devries@gemeente.example")
    page.get_by_label("Gebruikersnaam").fill("pdevries")
    page.get_by_role("button", name="Gebruiker aanmaken").click()
    expect(page.get_by_text("Pieter de Vries is aangemaakt.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Accounthouder", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Pieter de Vries: rol accounthouder gegeven.")).to_be_visible()

    # The colleague has chosen a password and works in the register.
    colleague = User.objects.get(username="pdevries")
    colleague.set_password(PASSWORD)
    colleague.save(update_fields=["password"])
    PartnershipFactory.create_batch(2, account_holder=colleague)
    theirs = browser.new_context(**options).new_page()
    log_in(theirs, live_server, "pdevries", PASSWORD)
    expect(theirs.get_by_role("heading", name="Dashboard")).to_be_visible()

    page.get_by_role("link", name="Deactiveren").click()
    expect(page.get_by_text("heeft nog 2 samenwerkingsverband(en)")).to_be_visible()
    page.get_by_role("button", name="Ja, deactiveren").click()
    expect(page.get_by_text("is gedeactiveerd en overal uitgelogd")).to_be_visible()
    theirs.reload()
    expect(theirs.get_by_role("heading", name="Inloggen")).to_be_visible()

    page.get_by_role("link", name="Draag ze over").click()
    page.locator("#id_leaving").select_option(label="Pieter de Vries")
    page.locator("#id_successor").select_option(label=str(successor))
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    expect(page.get_by_text("2 samenwerkingsverband(en) gaan van Pieter de Vries")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, draag 2 samenwerkingsverband(en) over").click()
    expect(page.get_by_text("zijn overgedragen aan Olga Opvolger")).to_be_visible()
    assert Partnership.objects.filter(account_holder=successor).count() == 2
