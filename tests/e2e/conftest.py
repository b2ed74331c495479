"""Browser tests: pytest-playwright drives the system Chromium against the live test server.

Nothing is downloaded: Chromium comes from the system's packages (apt), axe-core from the
axe-playwright-python package. The live server runs on pytest-django's transactional database,
so data made in a test is visible to the browser.
"""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_next_to_playwrights_event_loop():
    # Playwright's sync API runs an event loop in this thread; Django would then refuse
    # the factories' database calls. Only the browser tests need this.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected by the test; a Content-Security-Policy must not block it.
    return {**browser_context_args, "locale": "nl-NL", "bypass_csp": True}


@pytest.fixture
def demo_register(transactional_db):
    """A small published register, with one hidden partnership, as an inwoner would find it."""
    from datetime import date
    from decimal import Decimal

    from evaluations.models import Advice, EvaluationKind
    from partnerships.choices import LegalForm, OrganisationKind, ParticipationRole
    from partnerships.tiers import Tier
    from tests.factories import (
        ContributionFactory,
        DecisionFactory,
        EvaluationFactory,
        OrganisationFactory,
        ParticipationFactory,
        PartnershipFactory,
        PolicyDomainFactory,
        TierDecisionFactory,
        UserFactory,
    )

    beheerder = UserFactory(username="e2e-beheerder")
    holder = UserFactory(username="e2e-accounthouder")
    veiligheid = PolicyDomainFactory(name="Veiligheid")
    specs = [
        (
            "GGD Zuid Limburg",
            LegalForm.OPENBAAR_LICHAAM,
            Tier.POLITIEK_ZEER_BELANGRIJK,
            ["Gemeente Heerlen", "Gemeente Sittard-Geleen"],
        ),
        (
            "Governance Zorg en Veiligheid Zuid-Limburg",
            LegalForm.OVEREENKOMST,
            Tier.POLITIEK_BELANGRIJK,
            ["Gemeente Stein", "Politie Limburg", "Openbaar Ministerie"],
        ),
        ("Stroomlijn", LegalForm.BV, Tier.POLITIEK_BELANGRIJK, ["Gemeente Dordrecht"]),
        (
            "Verbindend Leiden",
            LegalForm.OVEREENKOMST,
            Tier.BESTUURLIJK_BELANGRIJK,
            ["Provincie Limburg", "Waterschap Limburg", "Gemeente Beesel"],
        ),
        (
            "Regionaal netwerk duurzaamheid",
            LegalForm.NETWERK,
            Tier.AMBTELIJK_BELANGRIJK,
            ["Gemeente Venlo"],
        ),
    ]
    made = {}
    for name, legal_form, tier, partners in specs:
        partnership = PartnershipFactory(
            name=name,
            legal_form=legal_form,
            policy_domain=veiligheid,
            account_holder=holder,
            is_verbonden_partij=legal_form in (LegalForm.OPENBAAR_LICHAAM, LegalForm.BV),
            start_date=date(2021, 12, 1),
            end_date=date(2027, 12, 31),
        )
        for n, partner in enumerate(partners):
            ParticipationFactory(
                partnership=partnership,
                organisation=OrganisationFactory(name=partner, kind=OrganisationKind.GEMEENTE),
                role=ParticipationRole.PENVOERDER if n == 0 else ParticipationRole.DEELNEMER,
            )
        for year in (2025, 2026):
            ContributionFactory(
                partnership=partnership,
                year=year,
                budgeted=Decimal("125000.00"),
                actual=Decimal("119500.00") if year == 2025 else None,
            )
        TierDecisionFactory(
            partnership=partnership,
            year=2026,
            tier=tier,
            political_topics="Betaalbaarheid en de rol van de raad.",
            decided_by=beheerder,
        )
        DecisionFactory(partnership=partnership, title=f"Deelname aan {name}")
        EvaluationFactory(
            partnership=partnership,
            completed=True,
            published=True,
            kind=EvaluationKind.VOLLEDIG,
            advice=Advice.VOORTZETTEN,
        )
        made[name] = partnership
    made["hidden"] = PartnershipFactory(name="Nog niet openbaar", unpublished=True)
    return made


WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def page_problems(page) -> list[str]:
    """What a user would notice on the open page: a page that scrolls sideways, or an axe-core
    WCAG 2.x A/AA violation. Empty when the page is fine."""
    from axe_playwright_python.sync_playwright import Axe

    where = page.url.split("/", 3)[-1]
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    if width > viewport:
        problems.append(f"/{where}: {width} px wide in a {viewport} px window")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    if results.violations_count:
        problems.append(f"/{where}: {results.generate_report()}")
    return problems
