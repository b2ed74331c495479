"""The dashboard /intern/: what needs attention, counts per tier, contributions as a chart."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.charts import bar_chart
from evaluations.dashboard import CHART_YEARS, LIST_LIMIT, ContributionYear, every_year
from evaluations.planning import add_months
from governance.effective_tier import store_effective_tiers
from governance.models import Framework
from partnerships.choices import Status
from partnerships.tiers import Tier
from tests.conftest import FROZEN_TODAY
from tests.factories import (
    AssessmentFactory,
    ContributionFactory,
    EvaluationFactory,
    PartnershipFactory,
)
from tests.html_page import attr, find, find_all, parse, text

# Days are counted from a fixed today (tests/conftest.py), so no run falls across midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

URL = reverse("evaluations:dashboard")
TODAY = FROZEN_TODAY


def test_accounthouder_sees_own_due_evaluations_first_and_overdue_in_words(
    accounthouder_client, own_partnership
):
    EvaluationFactory(title="Van een collega", due_date=TODAY - timedelta(days=20))
    EvaluationFactory(
        title="Mijn evaluatie", partnership=own_partnership, due_date=TODAY + timedelta(days=30)
    )
    EvaluationFactory(title="Pas later", due_date=TODAY + timedelta(days=61))
    EvaluationFactory(title="Al klaar", due_date=TODAY - timedelta(days=5), completed=True)
    response = accounthouder_client.get(URL)
    rows = response.context["dashboard"].due_evaluations
    assert [e.title for e in rows] == ["Mijn evaluatie", "Van een collega"]
    page = response.content.decode()
    assert page.index("Mijn evaluatie") < page.index("Van een collega")
    assert len(find_all(parse(page), "strong", string="Verlopen")) == 1
    assert "Pas later" not in page


def test_my_partnerships_and_looptijden_ending_with_the_last_day_to_give_notice(
    accounthouder_client, accounthouder
):
    ending = PartnershipFactory(
        name="Bijna klaar",
        account_holder=accounthouder,
        start_date=date(2020, 1, 1),
        end_date=TODAY + timedelta(days=200),
        notice_period_months=6,
    )
    PartnershipFactory(name="Loopt nog lang", end_date=TODAY + timedelta(days=800))
    response = accounthouder_client.get(URL)
    dashboard = response.context["dashboard"]
    assert [p.name for p in dashboard.my_partnerships] == ["Bijna klaar"]
    assert [row.partnership for row in dashboard.ending] == [ending]
    # Six months' notice: notice must be given six months before the end date.
    assert dashboard.ending[0].notice_by == add_months(ending.end_date, -6)
    page = response.content.decode()
    ending_section = page[page.index('id="kop-einde"') : page.index('id="kop-afweging"')]
    assert "Bijna klaar" in ending_section
    assert "6 maanden" in ending_section
    assert "Loopt nog lang" not in ending_section


def test_partnerships_without_a_recent_assessment_and_counts_per_tier(lezer_client):
    framework = Framework.objects.get(version=1)
    for name, days_ago in (("Vers afgewogen", 30), ("Lang geleden", 400)):
        AssessmentFactory(
            partnership=PartnershipFactory(name=name, tier=Tier.AMBTELIJK_BELANGRIJK),
            framework=framework,
            assessed_on=TODAY - timedelta(days=days_ago),
            advised_tier=Tier.AMBTELIJK_BELANGRIJK,
            chosen_tier=Tier.AMBTELIJK_BELANGRIJK,
        )
    PartnershipFactory(name="Nooit afgewogen")
    PartnershipFactory(name="Beëindigd", status=Status.BEEINDIGD)
    dashboard = lezer_client.get(URL).context["dashboard"]
    assert [p.name for p in dashboard.unassessed] == ["Lang geleden", "Nooit afgewogen"]
    counts = {row.label: row.count for row in dashboard.tier_counts}
    assert counts["Ambtelijk belangrijk"] == 2
    assert counts["Nog niet afgewogen"] == 1
    assert counts["Politiek zeer belangrijk"] == 0


def test_contributions_chart_reads_without_colour_and_matches_the_table(lezer_client):
    partnership = PartnershipFactory()
    ContributionFactory(partnership=partnership, year=2025, budgeted=Decimal("1250000.00"))
    ContributionFactory(partnership=partnership, year=2026, budgeted=Decimal("1500000.00"))
    ContributionFactory(year=2026, budgeted=Decimal("500000.00"))
    page = parse(lezer_client.get(URL))
    section = find(page, "section", aria_labelledby="kop-bijdragen")
    svg = find(section, "svg", role="img")
    assert text(find(svg, "title")) == "Begrote financiële bijdragen per jaar"
    assert text(find(svg, "desc")) == "2025: €\xa01.250.000; 2026: €\xa02.000.000"
    # Each bar carries its year and amount as text; the table below says the same.
    assert [text(label) for label in find_all(svg, "text")] == [
        "2025",
        "€\xa01.250.000",
        "2026",
        "€\xa02.000.000",
    ]
    rows = find_all(find(section, "table"), "tr")[1:]
    assert [text(row) for row in rows] == [
        "2025 €\xa01.250.000 Nog niet bekend",
        "2026 €\xa02.000.000 Nog niet bekend",
    ]


def test_a_year_without_contributions_stays_on_the_axis_as_zero(lezer_client):
    ContributionFactory(year=2023, budgeted=Decimal("1000.00"), actual=Decimal("900.00"))
    ContributionFactory(year=2026, budgeted=Decimal("2000.00"))
    page = parse(lezer_client.get(URL))
    section = find(page, "section", aria_labelledby="kop-bijdragen")
    svg = find(section, "svg", role="img")

    assert [text(label) for label in find_all(svg, "text")] == [
        "2023",
        "€\xa01.000",
        "2024",
        "€\xa00",
        "2025",
        "€\xa00",
        "2026",
        "€\xa02.000",
    ]
    assert text(find(svg, "desc")) == (
        "2023: €\xa01.000; 2024: €\xa00; 2025: €\xa00; 2026: €\xa02.000"
    )
    rows = find_all(find(section, "table"), "tr")[1:]
    assert [text(row) for row in rows] == [
        "2023 €\xa01.000 €\xa0900",
        "2024 €\xa00 €\xa00",
        "2025 €\xa00 €\xa00",
        "2026 €\xa02.000 Nog niet bekend",
    ]


def test_the_chart_shows_at_most_the_last_ten_years():
    years = every_year(
        [ContributionYear(2000, Decimal(1), None), ContributionYear(2026, Decimal(2), None)]
    )

    assert [c.year for c in years] == list(range(2026 - CHART_YEARS + 1, 2027))
    assert years[-1].budgeted == Decimal(2)
    assert all(c.budgeted == 0 for c in years[:-1])


def test_bar_lengths_follow_the_amounts():
    chart = bar_chart([("2025", Decimal(500)), ("2026", Decimal(1000)), ("2027", Decimal(0))])
    short, long, empty = chart.bars
    assert long.width == 2 * short.width
    assert empty.width == 0
    assert empty.amount_text == "€\xa00"


def make_rows(n: int) -> None:
    for i in range(n):
        partnership = PartnershipFactory(
            end_date=TODAY + timedelta(days=100 + i), notice_period_months=3
        )
        EvaluationFactory(partnership=partnership, due_date=TODAY + timedelta(days=i % 50))
        ContributionFactory(partnership=partnership, year=2020 + i % 8)


def test_dashboard_runs_the_same_number_of_queries_for_few_and_many_rows(
    accounthouder_client, own_partnership, count_queries
):
    make_rows(2)
    # The first visit after a change counts the register and keeps the figures in the cache.
    few_counted = count_queries(accounthouder_client, URL)
    few = count_queries(accounthouder_client, URL)
    make_rows(30)
    many_counted = count_queries(accounthouder_client, URL)
    many = count_queries(accounthouder_client, URL)
    assert few_counted == many_counted <= 23
    assert few == many <= 13


def test_long_lists_show_their_first_rows_the_total_and_a_link_to_the_rest(
    accounthouder, accounthouder_client
):
    for i in range(LIST_LIMIT + 5):
        PartnershipFactory(
            name=f"Verband {i:02d}",
            account_holder=accounthouder,
            end_date=TODAY + timedelta(days=100 + i),
        )

    page = accounthouder_client.get(URL)
    html = page.content.decode()
    dashboard = page.context["dashboard"]

    assert len(dashboard.my_partnerships) == len(dashboard.ending) == LIST_LIMIT
    assert dashboard.my_total == dashboard.ending_total == LIST_LIMIT + 5
    assert f"van {LIST_LIMIT + 5} samenwerkingsverbanden. De eerste {LIST_LIMIT}:" in html
    assert f"{LIST_LIMIT + 5} samenwerkingsverbanden, de eerste {LIST_LIMIT} staan hier" in html
    rest = find(
        parse(html), "a", string=f"Al uw {LIST_LIMIT + 5} samenwerkingsverbanden in de tabel"
    )
    table = accounthouder_client.get(attr(rest, "href").split("#")[0])
    assert table.context["table"].paginator.count == LIST_LIMIT + 5
    ending = find(
        parse(html),
        "a",
        string="Alle samenwerkingsverbanden die binnen 12 maanden eindigen, in de tabel",
    )
    table = accounthouder_client.get(attr(ending, "href").split("#")[0])
    assert table.context["table"].paginator.count == LIST_LIMIT + 5


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302


def test_the_figures_over_the_register_follow_every_edit_at_once(lezer_client):
    """The counts are kept in the cache, but never shown stale: each edit shows right away."""

    def figures():
        dashboard = lezer_client.get(URL).context["dashboard"]
        counts = {row.label: row.count for row in dashboard.tier_counts}
        budgeted = {row.year: row.budgeted for row in dashboard.contributions}
        return dashboard.unassessed_total, counts["Ambtelijk belangrijk"], budgeted

    partnership = PartnershipFactory(name="Regionale Uitvoeringsdienst")
    contribution = ContributionFactory(
        partnership=partnership, year=2026, budgeted=Decimal("1000.00")
    )
    assert figures() == (1, 0, {2026: Decimal("1000.00")})
    assert figures() == (1, 0, {2026: Decimal("1000.00")})  # from the cache

    contribution.budgeted = Decimal("3000.00")
    contribution.save()
    assert figures() == (1, 0, {2026: Decimal("3000.00")})

    AssessmentFactory(
        partnership=partnership,
        framework=Framework.objects.get(version=1),
        assessed_on=TODAY - timedelta(days=1),
        advised_tier=Tier.AMBTELIJK_BELANGRIJK,
        chosen_tier=Tier.AMBTELIJK_BELANGRIJK,
    )
    # The effective tier is written with a targeted update (governance/effective_tier.py).
    store_effective_tiers([partnership.pk])
    assert figures() == (0, 1, {2026: Decimal("3000.00")})

    partnership.status = Status.BEEINDIGD
    partnership.save()
    assert figures() == (0, 0, {2026: Decimal("3000.00")})

    contribution.delete()
    assert figures()[2] == {}
