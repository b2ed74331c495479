"""The beheerder adds a colleague, makes them accounthouder, deactivates them and hands over
their partnerships, in a real browser without script, as in production: two-factor
authentication is required, so both log in with a code from an app they first set up. The
colleague's open session ends, and the audit log in the browser shows each step."""

import base64

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, Page, expect

from accounts.models import Role, User
from partnerships.models import Partnership
from tests.factories import PartnershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "wachtwoord-voor-tests"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORT = {"width": 1366, "height": 900}
# A wrong locator fails after this instead of waiting for Playwright's 30 seconds.
TIMEOUT_MS = 15_000


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    # What production has (DEBUG off); the test settings leave it off.
    settings.REQUIRE_TWO_FACTOR = True


def no_script_page(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return context, page


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def code_from_app(secret: str) -> str:
    """What an authenticator app shows for the secret typed into it (RFC 6238)."""
    text = "".join(secret.split())
    return f"{totp(base64.b32decode(text + '=' * (-len(text) % 8))):06d}"


def set_up_two_factor(browser: Browser, page: Page) -> None:
    """The enrolment a local beheerder or accounthouder meets right after the password."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    secret = page.locator("#geheime-sleutel").inner_text()
    page.get_by_label("Typ de code van 6 cijfers die de app nu laat zien").fill(
        code_from_app(secret)
    )
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie is ingesteld")
    expect(page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")).to_have_count(10)
    assert_accessible(browser, page)
    page.get_by_role("link", name="Ik heb de codes bewaard, ga verder").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def assert_accessible(browser: Browser, page: Page, *, rules_off: tuple[str, ...] = ()) -> None:
    """axe-core on the page as the browser without script shows it.

    axe is a script that waits on timers, and a page with script off never runs them: axe.run
    there waits forever. So a second window, with script on, gets this page's HTML at the same
    address (its style sheets load from the server as usual) and axe reads that.
    """
    html, url = page.content(), page.url
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORT, bypass_csp=True)
    try:
        checker = context.new_page()
        checker.set_default_timeout(TIMEOUT_MS)
        checker.route(
            lambda address: address == url,
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        checker.goto(url)
        options = {
            "runOnly": {"type": "tag", "values": WCAG_AA},
            "rules": {rule: {"enabled": False} for rule in rules_off},
        }
        results = Axe().run(checker, options=options)
    finally:
        context.close()
    assert results.violations_count == 0, results.generate_report()


def test_beheerder_walks_a_colleague_from_new_to_handed_over(browser: Browser, live_server):
    UserFactory(
        username="e2e-beheerder",
        first_name="Bea",
        last_name="Beheer",
        role=Role.BEHEERDER,
        is_staff=True,
    )
    successor = UserFactory(
        username="e2e-opvolger", first_name="Olga", last_name="Opvolger", role=Role.ACCOUNTHOUDER
    )
    context, page = no_script_page(browser)
    log_in(page, live_server, "e2e-beheerder")
    assert_accessible(browser, page)
    set_up_two_factor(browser, page)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Nieuwe gebruiker").first.click()
    page.get_by_label("Voornaam").fill("Pieter")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("E-mailadres").fill("p.devries@gemeente.example")
    page.get_by_label("Gebruikersnaam").fill("pdevries")
    page.get_by_role("button", name="Gebruiker aanmaken").click()
    expect(page.get_by_text("Pieter de Vries is aangemaakt.")).to_be_visible()
    assert_accessible(browser, page)

    page.get_by_label("Accounthouder", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Pieter de Vries: rol accounthouder gegeven.")).to_be_visible()

    # The colleague has chosen a password and works in the register, in a browser of their own.
    colleague = User.objects.get(username="pdevries")
    colleague.set_password(PASSWORD)
    colleague.save(update_fields=["password"])
    PartnershipFactory(name="Regionale brandweer", account_holder=colleague)
    PartnershipFactory(name="Jeugdzorg in de regio", account_holder=colleague)
    their_context, theirs = no_script_page(browser)
    log_in(theirs, live_server, "pdevries")
    set_up_two_factor(browser, theirs)
    expect(theirs.get_by_role("link", name="Regionale brandweer").first).to_be_visible()

    page.get_by_role("link", name="Deactiveren").click()
    expect(page.get_by_text("heeft nog 2 samenwerkingsverbanden")).to_be_visible()
    assert_accessible(browser, page)
    page.get_by_role("button", name="Ja, deactiveren").click()
    expect(page.get_by_text("is gedeactiveerd en overal uitgelogd")).to_be_visible()
    theirs.reload()
    expect(theirs.get_by_role("heading", name="Inloggen")).to_be_visible()
    their_context.close()

    page.get_by_role("link", name="Draag ze over").click()
    page.locator("#id_leaving").select_option(label="Pieter de Vries")
    page.locator("#id_successor").select_option(label=str(successor))
    page.get_by_role("button", name="Bekijk wat er verandert").click()
    expect(page.get_by_text("2 samenwerkingsverbanden gaan van Pieter de Vries")).to_be_visible()
    assert_accessible(browser, page)
    page.get_by_role("button", name="Ja, draag 2 samenwerkingsverbanden over").click()
    expect(page.get_by_text("zijn overgedragen aan Olga Opvolger")).to_be_visible()
    assert Partnership.objects.filter(account_holder=successor).count() == 2

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("link", name="Auditlog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Selecteer auditregel om te bekijken")
    page.locator("#searchbar").fill("Pieter de Vries")
    page.get_by_role("button", name="Zoeken").click()
    lines = page.locator("#result_list tbody tr")
    for step in (
        "Pieter de Vries (pdevries): gebruiker aangemaakt",
        "Pieter de Vries (pdevries): rol accounthouder gegeven",
        "Pieter de Vries (pdevries): gedeactiveerd",
        "Regionale brandweer: overgedragen van Pieter de Vries aan Olga Opvolger",
        "Jeugdzorg in de regio: overgedragen van Pieter de Vries aan Olga Opvolger",
    ):
        line = lines.filter(has_text=step)
        expect(line).to_have_count(1)
        expect(line).to_contain_text("e2e-beheerder")
    # The colleague's own second factor is there too, under their name.
    expect(lines.filter(has_text="authenticator-app (Pieter de Vries)")).to_contain_text("pdevries")
    # The audit log is Django's admin: its filter links are 20 px high, below WCAG 2.2's
    # 24 px targets. That is Django's style sheet, not ours; every other rule holds.
    assert_accessible(browser, page, rules_off=("target-size",))
    context.close()
