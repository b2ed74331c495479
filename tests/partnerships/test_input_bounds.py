"""Input is bounded by what the page offers: row counts, text lengths, characters, dates."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.forms import OrganisationForm
from partnerships.models import Partnership
from samenwerkingswijzer.validators import DATE_MESSAGE, LINES_MESSAGE, ONE_LINE_MESSAGE
from tests.factories import ContributionFactory, DecisionFactory

from .helpers import editor_data, new_partnership_data, shows

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("dossiers:partnership_create")
TOO_MANY = "Er zijn meer regels verstuurd dan deze pagina heeft"


@pytest.mark.parametrize(
    "prefix", ["participations", "contributions", "financial_positions", "decisions"]
)
def test_a_tampered_row_count_of_10000_is_refused_with_a_message(
    accounthouder, accounthouder_client, own_partnership, prefix
):
    ContributionFactory(partnership=own_partnership, year=2024)
    url = reverse("dossiers:partnership_update", args=[own_partnership.pk])
    post = editor_data(accounthouder, own_partnership)
    post[f"{prefix}-TOTAL_FORMS"] = "10000"
    before = Partnership.objects.values().get(pk=own_partnership.pk)

    with CaptureQueriesContext(connection) as queries:
        response = accounthouder_client.post(url, post)

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert Partnership.objects.values().get(pk=own_partnership.pk) == before
    # The page renders the rows it offers, not 10,000: the work does not follow the count.
    assert response.content.decode().count(f'name="{prefix}-') < 200
    assert len(queries) < 60


def test_a_new_partnership_with_a_row_count_of_10000_is_refused(
    accounthouder, accounthouder_client
):
    post = new_partnership_data(accounthouder, **{"decisions-TOTAL_FORMS": "10000"})

    response = accounthouder_client.post(CREATE_URL, post)

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert not Partnership.objects.exists()


def test_the_rows_the_page_offers_save_as_usual(
    accounthouder, accounthouder_client, own_partnership
):
    DecisionFactory(partnership=own_partnership)
    url = reverse("dossiers:partnership_update", args=[own_partnership.pk])
    post = editor_data(accounthouder, own_partnership)

    response = accounthouder_client.post(url, post)

    assert response.status_code == 302


def test_a_description_of_1_mb_is_refused_with_the_limit(accounthouder, accounthouder_client):
    post = new_partnership_data(accounthouder, description="a" * 1_000_000)

    response = accounthouder_client.post(CREATE_URL, post)

    assert response.status_code == 200
    assert "niet meer dan 5000 tekens" in response.content.decode()
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Regio\x07nale samenwerking", ONE_LINE_MESSAGE),
        ("name", "Regionale\tsamenwerking", ONE_LINE_MESSAGE),
        ("description", "Eerste regel\x1b", LINES_MESSAGE),
        ("portfolio_holder", "Wet\x0bhouder", ONE_LINE_MESSAGE),
        ("start_date", "9999-01-01", DATE_MESSAGE),
        ("start_date", "1899-12-31", DATE_MESSAGE),
    ],
)
def test_control_characters_and_implausible_dates_are_refused_in_dutch(
    accounthouder, accounthouder_client, field, value, message
):
    response = accounthouder_client.post(
        CREATE_URL, new_partnership_data(accounthouder, **{field: value})
    )

    assert response.status_code == 200
    assert shows(response, message)
    assert not Partnership.objects.exists()


def test_text_of_several_lines_keeps_its_tabs_and_line_ends(accounthouder, accounthouder_client):
    description = "Eerste regel.\r\n\tTweede regel, ingesprongen."

    response = accounthouder_client.post(
        CREATE_URL, new_partnership_data(accounthouder, description=description)
    )

    assert response.status_code == 302
    assert Partnership.objects.get().description == description


@pytest.mark.parametrize(
    ("prefix", "field", "value", "message"),
    [
        ("decisions", "date", "9999-12-31", DATE_MESSAGE),
        ("decisions", "title", "Besluit\x00", "Null-tekens zijn niet toegestaan."),
        ("decisions", "title", "Besluit\x01", ONE_LINE_MESSAGE),
        ("contributions", "year", "2101", "Vul een jaar in tussen 1900 en 2100."),
        ("financial_positions", "year", "1899", "Vul een jaar in tussen 1900 en 2100."),
        ("financial_positions", "risks", "Risico\x02", LINES_MESSAGE),
    ],
)
def test_rows_refuse_implausible_dates_and_control_characters(
    accounthouder, accounthouder_client, prefix, field, value, message
):
    post = new_partnership_data(accounthouder)
    row = {
        "decisions": {"body": "raad", "date": "2024-05-01", "title": "Instemming"},
        "contributions": {"year": "2024", "kind": "financieel", "budgeted": "100"},
        "financial_positions": {"year": "2024"},
    }[prefix]
    post.update({f"{prefix}-0-{name}": v for name, v in row.items()})
    post[f"{prefix}-0-{field}"] = value

    response = accounthouder_client.post(CREATE_URL, post)

    assert response.status_code == 200
    assert shows(response, message)
    assert not Partnership.objects.exists()


def test_an_organisation_name_with_a_control_character_is_refused():
    form = OrganisationForm({"name": "GGD\x1fZuid", "kind": "zorg_welzijn"})

    assert not form.is_valid()
    assert form.errors["name"] == [ONE_LINE_MESSAGE]
