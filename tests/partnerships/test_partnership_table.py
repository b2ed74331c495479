"""The internal register table: filters, sorting, exports and a fixed query budget."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.tiers import Tier
from tests.factories import ContributionFactory, ParticipationFactory, PartnershipFactory

from .helpers import html

LIST_URL = reverse("partnerships:partnership_list")


def names_in(response):
    return [row.record.name for row in response.context["table"].paginated_rows]


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_lezer_sees_every_partnership_but_no_create_button(lezer_client):
    PartnershipFactory(name="Veiligheidsregio Hollands Midden")
    PartnershipFactory(name="Concept-netwerk", unpublished=True)

    response = lezer_client.get(LIST_URL)

    assert sorted(names_in(response)) == ["Concept-netwerk", "Veiligheidsregio Hollands Midden"]
    assert "Nieuw samenwerkingsverband" not in html(response)


def test_accounthouder_sees_create_button(accounthouder_client):
    assert "Nieuw samenwerkingsverband" in html(accounthouder_client.get(LIST_URL))


def test_table_shows_tier_with_its_source_and_this_years_contribution(lezer_client):
    year = timezone.localdate().year
    partnership = PartnershipFactory(
        name="GGD Hollands Midden", tier=Tier.POLITIEK_BELANGRIJK, tier_decided_year=year
    )
    ContributionFactory(partnership=partnership, year=year, budgeted=Decimal("1250000.50"))
    ContributionFactory(partnership=partnership, year=year - 1, budgeted=Decimal("999"))

    page = html(lezer_client.get(LIST_URL))

    assert f"Financiële bijdrage {year} (begroot)" in page
    assert "€\xa01.250.000,50" in page
    assert "Politiek belangrijk" in page
    assert f"vastgesteld bij kadernota {year}" in page


def test_free_text_search_finds_partner_names(lezer_client):
    match = PartnershipFactory(name="Omgevingsdienst West-Holland")
    ParticipationFactory(partnership=match, organisation__name="Gemeente Katwijk")
    PartnershipFactory(name="Bibliotheek aan den Rijn")

    response = lezer_client.get(LIST_URL, {"q": "katwijk"})

    assert names_in(response) == ["Omgevingsdienst West-Holland"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"tier": Tier.POLITIEK_ZEER_BELANGRIJK.value}, ["Zeer belangrijk"]),
        ({"tier": "geen"}, ["Nog niet afgewogen"]),
        ({"legal_form": "bv"}, ["Zeer belangrijk"]),
        ({"is_verbonden_partij": "true"}, ["Zeer belangrijk"]),
        ({"status": "beeindigd"}, ["Nog niet afgewogen"]),
    ],
)
def test_filters_narrow_the_table(lezer_client, query, expected):
    PartnershipFactory(
        name="Zeer belangrijk",
        tier=Tier.POLITIEK_ZEER_BELANGRIJK,
        legal_form="bv",
        is_verbonden_partij=True,
    )
    PartnershipFactory(name="Nog niet afgewogen", archived=True)

    assert names_in(lezer_client.get(LIST_URL, query)) == expected


def test_my_partnerships_filter_shows_own_and_deputy_partnerships(
    accounthouder, accounthouder_client
):
    PartnershipFactory(name="Als accounthouder", account_holder=accounthouder)
    PartnershipFactory(name="Als plaatsvervanger", deputy=accounthouder)
    PartnershipFactory(name="Van een ander")

    response = accounthouder_client.get(LIST_URL, {"mine": "on"})

    assert names_in(response) == ["Als accounthouder", "Als plaatsvervanger"]


def test_sorting_by_tier_follows_importance_not_the_alphabet(lezer_client):
    PartnershipFactory(name="A", tier=Tier.AMBTELIJK_BELANGRIJK)
    PartnershipFactory(name="B", tier=Tier.POLITIEK_ZEER_BELANGRIJK)
    PartnershipFactory(name="C", tier=Tier.BESTUURLIJK_BELANGRIJK)

    assert names_in(lezer_client.get(LIST_URL, {"sort": "tier"})) == ["B", "C", "A"]
    assert names_in(lezer_client.get(LIST_URL, {"sort": "-tier"})) == ["A", "C", "B"]


def test_table_is_paginated_at_fifty_rows(lezer_client):
    PartnershipFactory.create_batch(51)

    first = lezer_client.get(LIST_URL)
    second = lezer_client.get(LIST_URL, {"page": 2})

    assert len(names_in(first)) == 50
    assert len(names_in(second)) == 1
    assert 'rel="next">Volgende<span class="visually-hidden"> pagina</span>' in html(first)
    assert 'rel="next"' not in html(second)


def test_csv_export_contains_all_filtered_rows_and_neutralises_formulas(lezer_client):
    PartnershipFactory(name='=HYPERLINK("http://kwaad.example","klik")', legal_form="nv")
    PartnershipFactory.create_batch(55, legal_form="nv")
    PartnershipFactory(name="Niet gefilterd", legal_form="stichting")

    # The table's export is the full register export of the imports app (every column).
    response = lezer_client.get(LIST_URL, {"legal_form": "nv", "export": "csv"}, follow=True)

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    names = [row[1] for row in rows[1:]]
    assert response["Content-Disposition"].endswith('.csv"')
    assert rows[0][:3] == ["Id", "Naam", "Opgave"]
    assert len(names) == 56, "every filtered row, not only the first page"
    assert "Niet gefilterd" not in names
    assert '\'=HYPERLINK("http://kwaad.example","klik")' in names
    assert not any(name.startswith("=") for name in names)


def test_xlsx_export_contains_filtered_rows_as_plain_text(lezer_client):
    PartnershipFactory(name="=1+1", legal_form="nv", tier=Tier.POLITIEK_BELANGRIJK)
    PartnershipFactory(name="Niet gefilterd", legal_form="stichting")

    response = lezer_client.get(LIST_URL, {"legal_form": "nv", "export": "xlsx"}, follow=True)

    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Samenwerkingsverbanden"]
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["'=1+1"]
    assert rows[1][rows[0].index("Belangrijkheid")] == "Politiek belangrijk"


def _register_of(size):
    year = timezone.localdate().year
    for _ in range(size):
        partnership = PartnershipFactory(tier=Tier.BESTUURLIJK_BELANGRIJK)
        ParticipationFactory.create_batch(2, partnership=partnership)
        ContributionFactory(partnership=partnership, year=year)
        ContributionFactory(partnership=partnership, year=year + 1)


@pytest.mark.parametrize("query", [{}, {"q": "samen", "sort": "-tier"}, {"export": "csv"}])
def test_table_runs_the_same_number_of_queries_for_3_and_30_rows(lezer_client, query):
    _register_of(3)
    with CaptureQueriesContext(connection) as few:
        response = lezer_client.get(LIST_URL, query, follow=True)
        assert response.status_code == 200
        b"".join(response)
    _register_of(27)
    with CaptureQueriesContext(connection) as many:
        response = lezer_client.get(LIST_URL, query, follow=True)
        assert response.status_code == 200
        b"".join(response)

    assert len(many) == len(few)
