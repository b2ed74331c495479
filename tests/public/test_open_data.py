"""Open data: exactly the published register, public fields only, safe in a spreadsheet."""

import csv
import io
import json
from decimal import Decimal

import pytest
from pytest_django.asserts import assertInHTML

from partnerships.choices import Motive, ParticipationRole
from partnerships.tiers import Tier
from public.opendata import COLUMNS, JSON_ONLY
from tests.factories import (
    ContributionFactory,
    FinancialPositionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

from .conftest import THIS_YEAR

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    """The whole file, streamed or from the cache."""
    return b"".join(response)


def csv_rows(client) -> list[dict[str, str]]:
    response = client.get("/open-data/samenwerkingsverbanden.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def json_records(client) -> list[dict]:
    response = client.get("/open-data/samenwerkingsverbanden.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(body(response))["samenwerkingsverbanden"]


def test_csv_and_json_list_exactly_the_published_partnerships(client):
    published = {PartnershipFactory(name=f"Openbaar {n}").slug for n in range(3)}
    PartnershipFactory(name="Niet gepubliceerd", unpublished=True)
    PartnershipFactory(name="Gearchiveerd maar openbaar", archived=True)
    published.add("gearchiveerd-maar-openbaar")

    assert {row["kenmerk"] for row in csv_rows(client)} == published
    assert {record["kenmerk"] for record in json_records(client)} == published
    assert json.loads(body(client.get("/open-data/samenwerkingsverbanden.json")))["aantal"] == 4


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://kwaad.example","klik")', "+1+2", "-2+3", "@SUM(A1:A2)"]
)
def test_csv_never_runs_a_formula_planted_in_a_name(client, name):
    partnership = PartnershipFactory(name=name, description="=1+1")
    ParticipationFactory(partnership=partnership, organisation=OrganisationFactory(name="=cmd|x"))

    (row,) = csv_rows(client)

    assert row["naam"] == "'" + name
    assert row["opgave"] == "'=1+1"
    assert row["partners"].startswith("'=cmd|x")
    # The JSON keeps the text as it is: no spreadsheet reads it.
    assert json_records(client)[0]["naam"] == name


def test_csv_has_this_years_financial_contribution_in_plain_decimals(client):
    partnership = PartnershipFactory(name="Met geld")
    ContributionFactory(partnership=partnership, year=THIS_YEAR, budgeted=Decimal("1234.5"))
    ContributionFactory(partnership=partnership, year=THIS_YEAR - 1, budgeted=Decimal("99"))

    (row,) = csv_rows(client)
    (record,) = json_records(client)

    assert row["jaar_bijdrage"] == str(THIS_YEAR)
    assert row["bijdrage_begroot_euro"] == "1234.50"
    assert [c["jaar"] for c in record["bijdragen"]] == [THIS_YEAR, THIS_YEAR - 1]
    assert record["bijdragen"][1]["begroot_euro"] == "99.00"


def test_csv_row_of_a_verbonden_partij_names_its_partners_and_latest_figures(client):
    partnership = PartnershipFactory(
        name="Veiligheidsregio",
        verbonden_partij=True,
        motives=[Motive.EFFICIENCY, Motive.HORIZON],
        tier=Tier.POLITIEK_BELANGRIJK,
        tier_decided_year=THIS_YEAR - 1,
    )
    ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Gemeente Zuid"),
        role=ParticipationRole.DEELNEMER,
    )
    ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Gemeente Noord"),
        role=ParticipationRole.PENVOERDER,
    )
    FinancialPositionFactory(partnership=partnership, year=THIS_YEAR - 2, result=Decimal("1"))
    FinancialPositionFactory(partnership=partnership, year=THIS_YEAR - 1, result=Decimal("-250.5"))

    (row,) = csv_rows(client)
    (record,) = json_records(client)

    # The penvoerder first: the partner to contact.
    assert row["partners"] == "Gemeente Noord (penvoerder of trekker); Gemeente Zuid (deelnemer)"
    assert row["motieven"] == "Efficiënter werken; De horizon verruimen"
    assert row["verbonden_partij"] == "ja"
    assert row["bbv_categorie"] == "Gemeenschappelijke regelingen"
    assert row["belangrijkheid"] == "Politiek belangrijk"
    assert row["belangrijkheid_herkomst"] == f"vastgesteld bij kadernota {THIS_YEAR - 1}"
    # The latest year's figures, a negative amount a number still, not a neutralised formula.
    assert row["financiele_positie_jaar"] == str(THIS_YEAR - 1)
    assert row["financieel_resultaat_euro"] == "-250.50"
    assert row["eigen_vermogen_eind_euro"] == "1100000.00"
    assert row["belang_gemeente_begin"] == "3% van de stemmen"
    assert [p["naam"] for p in record["deelnemers"]] == ["Gemeente Noord", "Gemeente Zuid"]
    assert [fp["jaar"] for fp in record["financiele_posities"]] == [THIS_YEAR - 1, THIS_YEAR - 2]
    assert record["financiele_posities"][0]["financieel_resultaat_euro"] == "-250.50"


def test_csv_columns_are_exactly_the_documented_ones(client):
    PartnershipFactory()

    response = client.get("/open-data/samenwerkingsverbanden.csv")
    header = body(response).decode("utf-8")[1:].splitlines()[0].split(";")
    (record,) = json_records(client)

    documented = [column.name for column in COLUMNS]
    assert header == documented
    assert list(record) == documented + [name for name, _ in JSON_ONLY]


def test_open_data_page_explains_every_column(client):
    html = client.get("/open-data/").content.decode()

    for column in COLUMNS:
        assertInHTML(f"<code>{column.name}</code>", html)
        assert column.meaning in html
    assert 'href="/open-data/samenwerkingsverbanden.csv"' in html
    assert 'href="/open-data/samenwerkingsverbanden.json"' in html


def test_csv_is_offered_as_a_download(client):
    response = client.get("/open-data/samenwerkingsverbanden.csv")

    assert response["Content-Disposition"] == 'attachment; filename="samenwerkingsverbanden.csv"'
