"""Amounts, percentages and dates are read the way Dutch people type them, in every form.

One test per form that takes an amount, a share or a date; the rules themselves
(samenwerkingswijzer/formatting.py) are tested in tests/test_formatting.py.
"""

from datetime import date
from decimal import Decimal

import pytest

from evaluations.forms import EvaluationOutcomeForm, MilestoneForm
from partnerships.forms import (
    ContributionForm,
    DecisionForm,
    FinancialPositionForm,
    ParticipationForm,
    PartnershipForm,
)
from reports.forms import AdoptionForm
from tests.factories import EvaluationFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def contribution_form(budgeted: str, actual: str = "") -> ContributionForm:
    return ContributionForm(
        {"year": "2027", "kind": "financieel", "budgeted": budgeted, "actual": actual}
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("125.000", Decimal("125000")),
        ("125.000,50", Decimal("125000.50")),
        ("€ 125.000,50", Decimal("125000.50")),
        ("€125.000,50", Decimal("125000.50")),
        ("125000.50", Decimal("125000.50")),
        ("125000", Decimal("125000")),
        ("1.250.000", Decimal("1250000")),
        ("125,-", Decimal("125")),
    ],
)
def test_a_contribution_reads_the_amount_as_typed_the_dutch_way(typed, stored):
    form = contribution_form(typed)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budgeted"] == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("honderd", "Vul een bedrag in, bijvoorbeeld 125.000,50 of 125000."),
        ("125,000.50", "Vul een bedrag in, bijvoorbeeld 125.000,50 of 125000."),
        ("12,345", "Een bedrag heeft hoogstens 2 cijfers achter de komma"),
        ("1.000.000.000.000.000", "Dit bedrag is te groot"),
        ("-5", "Vul een bedrag van 0 of meer in."),
    ],
)
def test_a_contribution_says_in_dutch_what_it_cannot_read(typed, message):
    form = contribution_form(typed)
    assert not form.is_valid()
    assert form.errors["budgeted"][0].startswith(message)


def test_a_contribution_shows_its_stored_amount_the_dutch_way_in_a_text_box():
    partnership = PartnershipFactory()
    contribution = partnership.contributions.create(
        year=2027, kind="financieel", budgeted=Decimal("125000.50"), actual=Decimal("99000")
    )
    form = ContributionForm(instance=contribution)
    budgeted, actual = str(form["budgeted"]), str(form["actual"])
    assert 'value="125.000,50"' in budgeted
    assert 'value="99.000"' in actual
    # A text box with the decimal keyboard: a number input refuses the thousands dot.
    assert 'type="text"' in budgeted
    assert 'inputmode="decimal"' in budgeted


def test_a_financial_position_reads_a_loss_and_shows_it_back():
    form = FinancialPositionForm(
        {"year": "2026", "equity_begin": "€ 1.250.000", "result": "€ -1.250,50"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["equity_begin"] == Decimal("1250000")
    assert form.cleaned_data["result"] == Decimal("-1250.50")
    shown = FinancialPositionForm(initial={"result": Decimal("-1250.50")})
    assert 'value="-1.250,50"' in str(shown["result"])


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("12,5", Decimal("12.5")), ("12,5 %", Decimal("12.5")), ("12.5", Decimal("12.5"))],
)
def test_a_partner_share_reads_a_comma_and_a_percent_sign(typed, stored):
    organisation = OrganisationFactory()
    form = ParticipationForm(
        {"organisation": str(organisation.pk), "role": "deelnemer", "share": typed}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["share"] == stored


def test_a_partner_share_shows_a_comma_and_refuses_words():
    shown = ParticipationForm(initial={"share": Decimal("12.50")})
    assert 'value="12,5"' in str(shown["share"])
    form = ParticipationForm({"role": "deelnemer", "share": "de helft"})
    assert not form.is_valid()
    assert form.errors["share"] == ["Vul een percentage in, bijvoorbeeld 12,5."]


@pytest.mark.parametrize("typed", ["1-4-2027", "01-04-2027", "2027-04-01", "1 april 2027"])
def test_a_decision_reads_the_date_the_dutch_way(typed):
    form = DecisionForm({"body": "raad", "date": typed, "title": "Besluit"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == date(2027, 4, 1)


def test_the_partnership_form_reads_the_looptijd_the_dutch_way(accounthouder):
    partnership = PartnershipFactory()
    form = PartnershipForm(instance=partnership, user=accounthouder)
    # The date picker works on phones without JavaScript; it carries the ISO date.
    assert 'type="date"' in str(form["start_date"])
    data = {name: form[name].value() for name in form.fields}
    data.update(start_date="1-4-2027", end_date="31-12-2030", motives=[])
    bound = PartnershipForm(
        {k: v for k, v in data.items() if v is not None}, instance=partnership, user=accounthouder
    )
    bound.is_valid()
    assert "start_date" not in bound.errors
    assert "end_date" not in bound.errors
    assert bound.cleaned_data["start_date"] == date(2027, 4, 1)
    assert bound.cleaned_data["end_date"] == date(2030, 12, 31)
    wrong = PartnershipForm({"start_date": "1-4-27"}, instance=partnership, user=accounthouder)
    assert wrong.errors["start_date"] == [
        "Vul een datum in als dag-maand-jaar, bijvoorbeeld 1-4-2027."
    ]


def test_a_milestone_reads_the_date_the_dutch_way_and_says_when_a_day_does_not_exist():
    partnership = PartnershipFactory(start_date=date(2020, 1, 1))
    form = MilestoneForm(
        {"kind": "mijlpaal", "title": "Eerste jaar", "due_date": "1-4-2027"},
        partnership=partnership,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due_date"] == date(2027, 4, 1)
    wrong = MilestoneForm(
        {"kind": "mijlpaal", "title": "Eerste jaar", "due_date": "31-2-2027"},
        partnership=partnership,
    )
    assert wrong.errors["due_date"] == [
        "Deze datum bestaat niet: 31-2-2027. Vul een datum in als dag-maand-jaar, "
        "bijvoorbeeld 1-4-2027."
    ]


def test_an_evaluation_outcome_reads_the_raad_date_the_dutch_way():
    evaluation = EvaluationFactory(on_council_agenda=True)
    form = EvaluationOutcomeForm(
        {"council_agenda_date": "01-04-2027", "version": evaluation.version},
        instance=evaluation,
    )
    form.is_valid()
    assert "council_agenda_date" not in form.errors
    assert form.cleaned_data["council_agenda_date"] == date(2027, 4, 1)


def test_an_adoption_reads_the_date_the_dutch_way(frozen_today):
    form = AdoptionForm(
        {"document": "kadernota", "year": str(frozen_today.year), "adopted_on": "2-6-2026"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["adopted_on"] == date(2026, 6, 2)
    wrong = AdoptionForm({"document": "kadernota", "year": "2026", "adopted_on": "juni"})
    assert wrong.errors["adopted_on"] == [
        "Vul een datum in als dag-maand-jaar, bijvoorbeeld 1-4-2027."
    ]


def test_typing_125_000_50_on_the_edit_page_stores_it_and_the_page_shows_it_in_euros(
    accounthouder, accounthouder_client, own_partnership
):
    from django.urls import reverse

    from tests.partnerships.helpers import editor_data

    data = editor_data(accounthouder, own_partnership)
    data.update(
        {
            "contributions-0-year": "2027",
            "contributions-0-kind": "financieel",
            "contributions-0-budgeted": "125.000,50",
            "contributions-0-actual": "125.000",
        }
    )
    url = reverse("dossiers:partnership_update", args=[own_partnership.pk])
    response = accounthouder_client.post(url, data)
    assert response.status_code == 302
    contribution = own_partnership.contributions.get(year=2027)
    assert (contribution.budgeted, contribution.actual) == (Decimal("125000.50"), Decimal("125000"))
    page = accounthouder_client.get(own_partnership.get_absolute_url()).content.decode()
    assert f"€{NBSP}125.000,50" in page
    form = accounthouder_client.get(url).content.decode()
    assert 'value="125.000,50"' in form
