"""The beheerder has a year document made, in a real browser without script: the job's page
shows it queued, with a link to refresh, then offers the download; axe-core finds nothing."""

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
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", "--with-users", stdout=None)


def log_in(page: Page, live_server) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def axe_violations(page: Page, url: str) -> tuple[int, str]:
    # axe-core is a script: it runs in a second window with script on, on the same page.
    page.goto(url)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return results.violations_count, results.generate_report()


def test_beheerder_starts_a_document_follows_it_and_downloads_it(
    browser: Browser, page: Page, live_server, demo
):
    from reports.models import DocumentJob
    from reports.tasks import make_document

    context = browser.new_context(java_script_enabled=False, locale="nl-NL", accept_downloads=True)
    no_script = context.new_page()
    log_in(no_script, live_server)
    log_in(page, live_server)
    no_script.goto(f"{live_server.url}/intern/rapportages/?year={YEAR}")

    no_script.get_by_role(
        "button", name=f"Maak het document voor Paragraaf verbonden partijen {YEAR}"
    ).click()
    expect(no_script.get_by_role("heading", level=1)).to_have_text(
        f"Paragraaf verbonden partijen {YEAR}"
    )
    expect(no_script.get_by_role("status")).to_contain_text("In de wachtrij")
    expect(no_script.get_by_role("link", name="Ververs deze pagina")).to_be_visible()
    count, report = axe_violations(page, no_script.url)
    assert count == 0, report

    make_document(DocumentJob.objects.get().pk)  # what the worker does meanwhile
    no_script.get_by_role("link", name="Ververs deze pagina").click()
    expect(no_script.get_by_role("status")).to_have_text("Het document is klaar.")
    count, report = axe_violations(page, no_script.url)
    assert count == 0, report
    with no_script.expect_download() as download:
        no_script.get_by_role(
            "link", name=f"Paragraaf verbonden partijen {YEAR} downloaden"
        ).click()
    assert download.value.suggested_filename == f"paragraaf-verbonden-partijen-{YEAR}.pdf"
    context.close()
