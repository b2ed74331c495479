"""The kadernota round: last decision, latest advice, and the beheerder's decisions."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import TierDecision
from governance.sections import governance_section
from governance.tiers import Tier
from tests.factories import AssessmentFactory, PartnershipFactory, TierDecisionFactory

pytestmark = pytest.mark.django_db

URL = reverse("governance:kadernota", args=[2026])


def management(total):
    return {"form-TOTAL_FORMS": str(total), "form-INITIAL_FORMS": str(total)}


def row(index, partnership, tier, **fields):
    data = {f"form-{index}-partnership": str(partnership.pk), f"form-{index}-tier": tier}
    data.update({f"form-{index}-{name}": value for name, value in fields.items()})
    return data


@pytest.fixture
def round_2026(framework_v1):
    """Two active partnerships with advice and one archived, as the beheerder finds them."""
    alpha = PartnershipFactory(name="Alpha GGD")
    TierDecisionFactory(
        partnership=alpha,
        year=2025,
        tier=Tier.BESTUURLIJK_BELANGRIJK,
        political_topics="De kosten van de jeugdgezondheidszorg.",
    )
    AssessmentFactory(
        partnership=alpha, framework=framework_v1, chosen_tier=Tier.POLITIEK_BELANGRIJK
    )
    beta = PartnershipFactory(name="Beta Netwerk")
    AssessmentFactory(partnership=beta, framework=framework_v1)
    PartnershipFactory(name="Gamma Gestopt", archived=True)
    return alpha, beta


def test_every_active_partnership_shows_last_decision_advice_and_change(lezer_client, round_2026):
    page = lezer_client.get(URL).content.decode()
    assert "Alpha GGD" in page
    assert "Beta Netwerk" in page
    assert "Gamma Gestopt" not in page
    assert "Bestuurlijk belangrijk (2025)" in page
    assert "Ja: van bestuurlijk belangrijk naar politiek belangrijk" in page
    assert "Eerste besluit" in page


def test_lezer_reads_but_cannot_decide(lezer_client, round_2026):
    page = lezer_client.get(URL).content.decode()
    assert "Alleen de beheerder legt de besluiten vast." in page
    assert "Besluiten vastleggen" not in page
    assert lezer_client.post(URL, management(0)).status_code == 403


def test_accounthouder_cannot_decide(accounthouder_client, round_2026):
    assert accounthouder_client.post(URL, management(0)).status_code == 403


def test_beheerder_form_starts_from_the_advice_and_last_years_texts(beheerder_client, round_2026):
    page = beheerder_client.get(URL).content.decode()
    assert re.search(r'<option value="politiek_belangrijk" selected>', page)
    assert "De kosten van de jeugdgezondheidszorg." in page


def test_beheerder_completes_the_round_and_pages_show_it(beheerder_client, beheerder, round_2026):
    """Done when 4: the partnership page says "vastgesteld bij kadernota 2026"."""
    alpha, beta = round_2026
    data = {
        **management(2),
        **row(
            0,
            alpha,
            Tier.POLITIEK_BELANGRIJK,
            political_topics="Kosten",
            mandate="Binnen de begroting",
        ),
        **row(1, beta, Tier.BESTUURLIJK_BELANGRIJK),
    }
    response = beheerder_client.post(URL, data, follow=True)
    assert "Kadernota 2026: 2 besluit(en) vastgelegd." in response.content.decode()
    decision = TierDecision.objects.get(partnership=alpha, year=2026)
    assert (decision.tier, decision.mandate, decision.decided_by) == (
        Tier.POLITIEK_BELANGRIJK,
        "Binnen de begroting",
        beheerder,
    )
    alpha.refresh_from_db()
    assert alpha.tier_source == "vastgesteld bij kadernota 2026"
    section = render_to_string(
        "governance/includes/partnership_section.html",
        {"partnership": alpha, "governance": governance_section(alpha)},
    )
    assert "vastgesteld bij kadernota 2026" in section
    assert "Binnen de begroting" in section

    detail = beheerder_client.get(alpha.get_absolute_url()).content.decode()
    assert "vastgesteld bij kadernota 2026" in detail
    listed = beheerder_client.get(
        reverse("partnerships:partnership_list"), {"tier": Tier.POLITIEK_BELANGRIJK}
    ).content.decode()
    assert "Alpha GGD" in listed
    assert "Beta Netwerk" not in listed


def test_a_decision_that_differs_from_the_advice_needs_a_motivation(beheerder_client, round_2026):
    alpha, beta = round_2026
    data = {
        **management(2),
        **row(0, alpha, Tier.AMBTELIJK_BELANGRIJK),
        **row(1, beta, Tier.BESTUURLIJK_BELANGRIJK),
    }
    page = beheerder_client.post(URL, data).content.decode()
    assert "Deze belangrijkheid wijkt af van het advies. Schrijf op waarom." in page
    assert "Er is niets vastgelegd." in page
    assert not TierDecision.objects.filter(year=2026).exists()  # not even Beta's valid row

    data["form-0-motivation"] = "De raad vindt de risico's klein."
    beheerder_client.post(URL, data)
    decision = TierDecision.objects.get(partnership=alpha, year=2026)
    assert decision.motivation == "De raad vindt de risico's klein."


def test_unchanged_rows_are_not_stored_again(beheerder_client, round_2026):
    alpha, beta = round_2026
    TierDecisionFactory(partnership=beta, year=2026, tier=Tier.BESTUURLIJK_BELANGRIJK)
    data = {
        **management(2),
        **row(0, alpha, ""),
        **row(1, beta, Tier.BESTUURLIJK_BELANGRIJK),
    }
    response = beheerder_client.post(URL, data, follow=True)
    assert "er was niets veranderd" in response.content.decode()


def test_a_recorded_decision_cannot_be_emptied(beheerder_client, round_2026):
    alpha, beta = round_2026
    TierDecisionFactory(partnership=beta, year=2026, tier=Tier.BESTUURLIJK_BELANGRIJK)
    data = {**management(2), **row(0, alpha, ""), **row(1, beta, "")}
    page = beheerder_client.post(URL, data).content.decode()
    assert "Dit besluit is al vastgelegd. Kies een belangrijkheid." in page
    assert TierDecision.objects.filter(partnership=beta, year=2026).exists()


def test_a_list_that_changed_meanwhile_is_refused(beheerder_client, round_2026):
    alpha, _beta = round_2026
    data = {**management(1), **row(0, alpha, Tier.POLITIEK_BELANGRIJK)}
    page = beheerder_client.post(URL, data, follow=True).content.decode()
    assert "De lijst van samenwerkingsverbanden is intussen veranderd." in page
    assert not TierDecision.objects.filter(year=2026).exists()


def test_a_year_out_of_range_is_not_found(lezer_client):
    assert lezer_client.get(reverse("governance:kadernota", args=[1850])).status_code == 404


def test_nav_links_to_this_years_kadernota(lezer_client):
    page = lezer_client.get(URL).content.decode()
    assert re.search(r'href="/intern/kadernota/\d{4}/"[^>]*>Kadernota \d{4}</a>', page)


@pytest.mark.parametrize("count", [2, 30])
@pytest.mark.parametrize(
    ("client_name", "budget"),
    # The lezer costs two permission lookups more: the rules say no, then Django's own backend.
    [("lezer_client", 10), ("beheerder_client", 8)],
)
def test_page_runs_a_fixed_number_of_queries(
    request, framework_v1, beheerder, accounthouder, count, client_name, budget
):
    client = request.getfixturevalue(client_name)
    for _ in range(count):
        partnership = PartnershipFactory(account_holder=accounthouder)
        TierDecisionFactory(partnership=partnership, year=2025, decided_by=beheerder)
        AssessmentFactory(
            partnership=partnership, framework=framework_v1, assessed_by=accounthouder
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == count
    assert len(queries) == budget
