"""The kadernota round: last decision, latest advice, and the decisions the beheerder makes."""

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from governance.kadernota import PAGE_SIZE
from governance.models import TierDecision
from governance.sections import governance_section
from partnerships.tiers import Tier
from tests.factories import AssessmentFactory, PartnershipFactory, TierDecisionFactory
from tests.html_page import attr, find, find_all, parse, text
from tests.page_forms import form_data

pytestmark = pytest.mark.django_db

URL = reverse("dossiers:kadernota", args=[2026])
# Counting the round and storing the counts in the cache (a table): the count, then the
# cache's own queries (its size, a savepoint, the key, the write, the release).
COUNT_AND_STORE = 6


def round_form(client, url=URL):
    """The round's form as the page shows it, and the form prefix of each partnership."""
    page = client.get(url).content.decode()
    data = form_data(page, "form-TOTAL_FORMS")
    prefixes = {
        int(value): key.removesuffix("-partnership")
        for key, value in data.items()
        if key.endswith("-partnership") and not key.startswith("initial-")
    }
    return data, prefixes


def change(data, prefixes, row_of, **fields):
    for name, value in fields.items():
        data[f"{prefixes[row_of.pk]}-{name}"] = value


def row_names(page: str) -> list[str]:
    """The partnership named in each row of the round, top to bottom."""
    rows = find_all(parse(page), "th", scope="row", class_="col-name")
    return [text(find(row, "a")) for row in rows]


def shown_messages(response):
    return [str(m.message) for m in get_messages(response.wsgi_request)]


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
    AssessmentFactory(
        partnership=beta, framework=framework_v1, chosen_tier=Tier.BESTUURLIJK_BELANGRIJK
    )
    PartnershipFactory(name="Gamma Gestopt", archived=True)
    return alpha, beta


def test_every_active_partnership_shows_last_decision_advice_and_change(lezer_client, round_2026):
    page = lezer_client.get(URL).content.decode()
    assert "Alpha GGD" in page
    assert "Beta Netwerk" in page
    assert "Gamma Gestopt" not in page
    assert "Bestuurlijk belangrijk (2025)" in page
    assert "Anders dan vorig besluit" in page
    assert "Geen (eerste besluit)" in page
    assert "Stand: 0 van 2 vastgesteld voor 2026" in page


def test_lezer_reads_but_cannot_decide(lezer_client, round_2026):
    page = lezer_client.get(URL).content.decode()
    assert "Alleen de beheerder legt de besluiten vast." in page
    assert "Besluiten vastleggen" not in page
    assert lezer_client.post(URL, {"form-TOTAL_FORMS": "0"}).status_code == 403


def test_accounthouder_cannot_decide(accounthouder_client, round_2026):
    assert accounthouder_client.post(URL, {"form-TOTAL_FORMS": "0"}).status_code == 403


def test_an_undecided_row_starts_empty_with_the_advice_marked_and_last_years_texts(
    beheerder_client, round_2026
):
    alpha, _beta = round_2026
    data, prefixes = round_form(beheerder_client)
    assert data[f"{prefixes[alpha.pk]}-tier"] == ""
    assert data[f"{prefixes[alpha.pk]}-political_topics"] == (
        "De kosten van de jeugdgezondheidszorg."
    )
    page = beheerder_client.get(URL).content.decode()
    assertInHTML('<option value="politiek_belangrijk">Politiek belangrijk (advies)</option>', page)
    assert "Besluit 2026 voor Alpha GGD" in page  # a label for each row's input


def test_saving_the_untouched_round_records_nothing(beheerder_client, round_2026):
    data, _prefixes = round_form(beheerder_client)
    response = beheerder_client.post(URL, data)
    assert response.status_code == 302
    assert shown_messages(response) == ["Kadernota 2026: u heeft niets veranderd."]
    assert not TierDecision.objects.filter(year=2026).exists()


def test_beheerder_completes_the_round_and_pages_show_it(beheerder_client, beheerder, round_2026):
    alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    change(data, prefixes, alpha, tier=Tier.POLITIEK_BELANGRIJK, mandate="Binnen de begroting")
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK)
    response = beheerder_client.post(URL, data, follow=True)
    recorded = find(parse(response), "div", class_="alert-success")
    assert text(recorded).startswith("Vastgelegd voor kadernota 2026:")
    assert "Alpha GGD (politiek belangrijk)" in text(recorded)
    assert attr(find(recorded, "a", string="Alpha GGD"), "href") == alpha.get_absolute_url()
    decision = TierDecision.objects.get(partnership=alpha, year=2026)
    assert (decision.tier, decision.political_topics, decision.mandate, decision.decided_by) == (
        Tier.POLITIEK_BELANGRIJK,
        "De kosten van de jeugdgezondheidszorg.",
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


def test_an_invalid_row_blocks_only_itself(beheerder_client, round_2026):
    alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    change(data, prefixes, alpha, tier=Tier.AMBTELIJK_BELANGRIJK)  # deviates, no motivation
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK)
    response = beheerder_client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert TierDecision.objects.get(partnership=beta, year=2026).tier == Tier.BESTUURLIJK_BELANGRIJK
    assert not TierDecision.objects.filter(partnership=alpha, year=2026).exists()
    tree = parse(page)
    messages = text(find(tree, "div", class_="messages"))
    assert "Vastgelegd voor kadernota 2026: Beta Netwerk (bestuurlijk belangrijk)" in messages
    assert "Niet vastgelegd: Alpha GGD." in messages
    # The error is in Alpha's row, which keeps what the beheerder chose.
    alpha_row = find(tree, "tr", id=f"rij-{alpha.pk}")
    beta_row = find(tree, "tr", id=f"rij-{beta.pk}")
    assert text(find(alpha_row, "p", class_="round-error")) == (
        "Dit besluit wijkt af van het advies. Schrijf op waarom."
    )
    chosen = find_all(alpha_row, "option", selected=True)
    assert [attr(option, "value") for option in chosen] == [Tier.AMBTELIJK_BELANGRIJK]
    assert not find_all(beta_row, class_="round-error")

    # Correcting the one row records it; Beta, now stored, is not recorded again.
    data = form_data(page, "form-TOTAL_FORMS")
    change(data, prefixes, alpha, motivation="De raad vindt de risico's klein.")
    response = beheerder_client.post(URL, data)
    (message,) = (parse(shown) for shown in shown_messages(response))
    assert text(message) == "Vastgelegd voor kadernota 2026: Alpha GGD (ambtelijk belangrijk)."
    assert attr(find(message, "a", string="Alpha GGD"), "href") == alpha.get_absolute_url()
    decision = TierDecision.objects.get(partnership=alpha, year=2026)
    assert decision.motivation == "De raad vindt de risico's klein."


def test_a_decided_row_is_recorded_again_only_when_a_value_changes(beheerder_client, round_2026):
    alpha, beta = round_2026
    TierDecisionFactory(
        partnership=beta, year=2026, tier=Tier.BESTUURLIJK_BELANGRIJK, mandate="Oud"
    )
    data, prefixes = round_form(beheerder_client)
    assert data[f"{prefixes[beta.pk]}-tier"] == Tier.BESTUURLIJK_BELANGRIJK
    response = beheerder_client.post(URL, data)
    assert shown_messages(response) == ["Kadernota 2026: u heeft niets veranderd."]

    change(data, prefixes, beta, mandate="Nieuw")
    response = beheerder_client.post(URL, data)
    recorded = parse(shown_messages(response)[-1])
    assert "Beta Netwerk (bestuurlijk belangrijk)" in text(recorded)
    assert find(recorded, "a", string="Beta Netwerk")
    assert TierDecision.objects.get(partnership=beta, year=2026).mandate == "Nieuw"
    assert not TierDecision.objects.filter(partnership=alpha, year=2026).exists()


def test_a_recorded_decision_cannot_be_emptied(beheerder_client, round_2026):
    _alpha, beta = round_2026
    TierDecisionFactory(partnership=beta, year=2026, tier=Tier.BESTUURLIJK_BELANGRIJK)
    data, prefixes = round_form(beheerder_client)
    change(data, prefixes, beta, tier="")
    page = beheerder_client.post(URL, data).content.decode()
    assert "Dit besluit is al vastgelegd. Kies een belangrijkheid." in page
    assert TierDecision.objects.filter(partnership=beta, year=2026).exists()


def test_texts_without_a_tier_ask_for_the_tier(beheerder_client, round_2026):
    _alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    change(data, prefixes, beta, political_topics="De begroting")
    page = beheerder_client.post(URL, data).content.decode()
    assert "Kies een belangrijkheid om dit besluit vast te leggen" in page
    assert not TierDecision.objects.filter(year=2026).exists()


def test_a_decision_made_meanwhile_is_not_overwritten_unseen(
    beheerder_client, beheerder, round_2026
):
    alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    # Someone else decides Alpha after this page was shown.
    TierDecisionFactory(partnership=alpha, year=2026, tier=Tier.POLITIEK_BELANGRIJK)
    change(data, prefixes, alpha, tier=Tier.POLITIEK_BELANGRIJK, mandate="Mijn mandaat")
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK)
    page = beheerder_client.post(URL, data).content.decode()
    assert "Iemand anders heeft dit besluit intussen veranderd" in page
    assert TierDecision.objects.get(partnership=alpha, year=2026).mandate == ""
    assert TierDecision.objects.filter(partnership=beta, year=2026).exists()
    # Posting the page again, after looking, records the beheerder's input.
    beheerder_client.post(URL, form_data(page, "form-TOTAL_FORMS"))
    assert TierDecision.objects.get(partnership=alpha, year=2026).mandate == "Mijn mandaat"


def test_an_untouched_row_decided_meanwhile_blocks_nothing(beheerder_client, round_2026):
    alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    TierDecisionFactory(partnership=alpha, year=2026, tier=Tier.AMBTELIJK_BELANGRIJK)
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK)
    response = beheerder_client.post(URL, data)
    assert response.status_code == 302
    assert TierDecision.objects.get(partnership=alpha, year=2026).tier == Tier.AMBTELIJK_BELANGRIJK


def test_a_partnership_added_meanwhile_does_not_shift_the_rows(
    beheerder_client, framework_v1, round_2026
):
    _alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    PartnershipFactory(name="Aaa Eerst")  # sorts before every posted row
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK)
    assert beheerder_client.post(URL, data).status_code == 302
    assert list(TierDecision.objects.filter(year=2026).values_list("partnership", flat=True)) == [
        beta.pk
    ]


def test_a_partnership_ended_meanwhile_says_so_on_its_row(beheerder_client, round_2026):
    alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    type(alpha).objects.filter(pk=alpha.pk).update(status="beeindigd")
    change(data, prefixes, alpha, tier=Tier.POLITIEK_BELANGRIJK)
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK)
    page = beheerder_client.post(URL, data).content.decode()
    assert "Dit samenwerkingsverband is intussen beëindigd." in page
    assert list(TierDecision.objects.filter(year=2026).values_list("partnership", flat=True)) == [
        beta.pk
    ]


def test_a_page_that_does_not_add_up_records_nothing(beheerder_client, round_2026):
    alpha, beta = round_2026
    data, prefixes = round_form(beheerder_client)
    change(data, prefixes, beta, tier=Tier.BESTUURLIJK_BELANGRIJK, partnership=str(alpha.pk))
    response = beheerder_client.post(URL, data, follow=True)
    assert "De lijst van samenwerkingsverbanden is intussen veranderd." in response.content.decode()
    assert not TierDecision.objects.filter(year=2026).exists()


def test_the_round_is_paginated_and_filtered_by_status(beheerder_client, framework_v1):
    partnerships = [PartnershipFactory(name=f"Verband {n:03}") for n in range(PAGE_SIZE + 5)]
    TierDecisionFactory(partnership=partnerships[0], year=2026)
    first = beheerder_client.get(URL).content.decode()
    assert len(row_names(first)) == PAGE_SIZE
    assert "Stand: 1 van 55 vastgesteld voor 2026" in first
    assert "Nog geen besluit (54)" in first
    assert "Vastgesteld (1)" in first
    second = beheerder_client.get(URL, {"page": 2}).content.decode()
    assert row_names(second)[-1] == "Verband 054"
    assert len(row_names(second)) == 5
    decided = beheerder_client.get(URL, {"status": "vastgesteld"}).content.decode()
    assert row_names(decided) == ["Verband 000"]

    # A change on the second page is recorded from there, and the page comes back.
    full_page, _prefixes = round_form(beheerder_client)
    assert len(full_page) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS  # a page can always be saved
    data, prefixes = round_form(beheerder_client, f"{URL}?page=2")
    assert len(prefixes) == 5
    change(data, prefixes, partnerships[-1], tier=Tier.AMBTELIJK_BELANGRIJK)
    response = beheerder_client.post(f"{URL}?page=2", data)
    assert response.url == f"{URL}?page=2"
    assert TierDecision.objects.filter(year=2026).count() == 2


def test_a_page_that_is_too_long_is_refused(beheerder_client, round_2026):
    data, _prefixes = round_form(beheerder_client)
    data["form-TOTAL_FORMS"] = str(PAGE_SIZE + 1)
    response = beheerder_client.post(URL, data, follow=True)
    assert "De lijst van samenwerkingsverbanden is intussen veranderd." in response.content.decode()


def test_a_year_out_of_range_is_not_found(lezer_client):
    assert lezer_client.get(reverse("dossiers:kadernota", args=[1850])).status_code == 404


def test_nav_links_to_this_years_kadernota(lezer_client, frozen_today):
    nav = find(parse(lezer_client.get(URL)), "nav", aria_label="Hoofdmenu")
    link = find(nav, "a", string=f"Kadernota {frozen_today.year}")
    assert attr(link, "href") == f"/intern/kadernota/{frozen_today.year}/"


@pytest.mark.parametrize("count", [2, 30])
@pytest.mark.parametrize(
    ("client_name", "budget"),
    # The lezer costs two permission lookups more: the rules say no, then Django's own backend.
    [("lezer_client", 12), ("beheerder_client", 10)],
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
    # The first visit after a change counts the round and keeps the counts in the cache.
    with CaptureQueriesContext(connection) as counting:
        client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(row_names(response.content.decode())) == count
    assert len(queries) == budget
    assert len(counting) == budget + COUNT_AND_STORE


def test_the_counts_of_the_round_follow_every_decision_and_afweging_at_once(
    beheerder_client, beheerder, framework_v1
):
    """The counts are kept in the cache, but never shown stale."""

    def counts():
        counts = beheerder_client.get(URL).context["counts"]
        advised = {row.tier: row.advised for row in counts.per_tier}
        return counts.total, counts.decided, advised[Tier.POLITIEK_BELANGRIJK]

    partnership = PartnershipFactory(name="Veiligheidsregio")
    assert counts() == (1, 0, 0)
    assert counts() == (1, 0, 0)  # from the cache

    AssessmentFactory(
        partnership=partnership, framework=framework_v1, chosen_tier=Tier.POLITIEK_BELANGRIJK
    )
    assert counts() == (1, 0, 1)
    decision = TierDecisionFactory(
        partnership=partnership, year=2026, tier=Tier.POLITIEK_BELANGRIJK, decided_by=beheerder
    )
    assert counts() == (1, 1, 1)
    decision.delete()
    assert counts() == (1, 0, 1)
    PartnershipFactory(name="Omgevingsdienst")
    assert counts() == (2, 0, 1)
