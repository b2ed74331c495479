"""The evaluation agenda /intern/evaluaties/: filters, overdue shown in words, export, budget."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse

from evaluations.models import EvaluationKind, EvaluationStatus
from evaluations.tables import EvaluationTable, agenda_queryset
from partnerships.tiers import Tier
from samenwerkingswijzer.exports import safe_cell
from tests.conftest import FROZEN_TODAY
from tests.factories import EvaluationFactory, PartnershipFactory
from tests.html_page import find_all, parse

# Days are counted from a fixed today (tests/conftest.py), so no run falls across midnight.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

URL = reverse("evaluations:evaluation_list")
TODAY = FROZEN_TODAY


def shown(response) -> list[str]:
    return [row.record.title for row in response.context["table"].page.object_list]


def test_lezer_sees_every_evaluation_with_overdue_said_in_words(lezer_client):
    EvaluationFactory(title="Te laat", due_date=TODAY - timedelta(days=3))
    EvaluationFactory(title="Op tijd", due_date=TODAY + timedelta(days=3))
    response = lezer_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Te laat" in page
    assert "Op tijd" in page
    assert len(find_all(parse(page), "strong", string="Verlopen")) == 1


def test_overdue_filter_shows_open_evaluations_whose_date_has_passed(lezer_client):
    EvaluationFactory(title="Verlopen gepland", due_date=TODAY - timedelta(days=1))
    EvaluationFactory(
        title="Verlopen lopend",
        due_date=TODAY - timedelta(days=30),
        status=EvaluationStatus.IN_UITVOERING,
    )
    EvaluationFactory(
        title="Afgerond na de datum", due_date=TODAY - timedelta(days=9), completed=True
    )
    EvaluationFactory(
        title="Vervallen",
        due_date=TODAY - timedelta(days=9),
        status=EvaluationStatus.VERVALLEN,
        lapse_reason="Samengevoegd",
    )
    EvaluationFactory(title="Nog niet", due_date=TODAY + timedelta(days=1))
    response = lezer_client.get(URL, {"overdue": "on"})
    assert sorted(shown(response)) == ["Verlopen gepland", "Verlopen lopend"]


def test_filters_by_year_kind_status_tier_and_accounthouder(lezer_client, accounthouder):
    mine = PartnershipFactory(account_holder=accounthouder)
    EvaluationFactory(
        title="Mijn mijlpaal",
        partnership=mine,
        kind=EvaluationKind.MIJLPAAL,
        due_date=date(2027, 3, 1),
    )
    # Ambtelijk belangrijk: no rule plans evaluations, so only the ones made here exist.
    assessed = PartnershipFactory(tier=Tier.AMBTELIJK_BELANGRIJK)
    EvaluationFactory(
        title="Andermans tussentijdse",
        partnership=assessed,
        due_date=date(2028, 5, 1),
        completed=True,
    )

    assert shown(lezer_client.get(URL, {"year": 2027})) == ["Mijn mijlpaal"]
    assert shown(lezer_client.get(URL, {"kind": "mijlpaal"})) == ["Mijn mijlpaal"]
    assert shown(lezer_client.get(URL, {"status": "afgerond"})) == ["Andermans tussentijdse"]
    assert shown(lezer_client.get(URL, {"account_holder": accounthouder.pk})) == ["Mijn mijlpaal"]
    by_tier = shown(lezer_client.get(URL, {"tier": Tier.AMBTELIJK_BELANGRIJK.value}))
    assert by_tier == ["Andermans tussentijdse"]
    assert shown(lezer_client.get(URL, {"tier": "geen"})) == ["Mijn mijlpaal"]


def test_csv_export_has_every_filtered_row_in_plain_text(lezer_client):
    EvaluationFactory(title="Te laat", due_date=TODAY - timedelta(days=3))
    EvaluationFactory(title="=HYPERLINK(1)", due_date=TODAY + timedelta(days=3))
    response = lezer_client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the BOM to read UTF-8
    # A semicolon between the columns, as a Dutch Excel expects.
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:5] == [
        "Uiterlijk klaar op",
        "Evaluatie",
        "Samenwerkingsverband",
        "Belangrijkheid",
        "Status",
    ]
    statuses = {row[1]: row[4] for row in rows[1:]}
    assert statuses["Te laat"] == "Gepland, verlopen"
    # A title that looks like a formula is not run by a spreadsheet.
    assert not any(title.startswith("=") for title in statuses)


def test_xlsx_export_downloads(lezer_client):
    EvaluationFactory()
    response = lezer_client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_agenda_runs_the_same_number_of_queries_for_few_and_many_rows(lezer_client, count_queries):
    EvaluationFactory.create_batch(2)
    few = count_queries(lezer_client, URL)
    for _ in range(3):
        partnership = PartnershipFactory()
        EvaluationFactory.create_batch(10, partnership=partnership)
    many = count_queries(lezer_client, URL)
    assert few == many
    assert many <= 10


def test_csv_export_streams_every_row_with_the_same_queries_per_chunk(
    lezer_client, count_queries, monkeypatch
):
    monkeypatch.setattr("samenwerkingswijzer.exports.EXPORT_CHUNK_SIZE", 2)
    EvaluationFactory.create_batch(2)
    few = count_queries(lezer_client, f"{URL}?export=csv")
    EvaluationFactory.create_batch(9, partnership=PartnershipFactory())
    many = count_queries(lezer_client, f"{URL}?export=csv")

    response = lezer_client.get(URL, {"export": "csv", "sort": "-due_date"})
    lines = b"".join(response).decode("utf-8").splitlines()
    assert response.streaming  # never the whole file in memory
    assert response["Content-Disposition"] == 'attachment; filename="evaluaties.csv"'
    assert len(lines) == 1 + 11
    assert few == many


def test_csv_export_holds_exactly_what_the_table_exports(lezer_client):
    # The export reads each column's value_<name> method directly; it must write what
    # django-tables2's own export of the table gives, empty cells and formulas included.
    EvaluationFactory(
        title="=HYPERLINK(1)",
        due_date=TODAY - timedelta(days=2),
        partnership=PartnershipFactory(account_holder=None, tier=""),
    )
    EvaluationFactory(title="", kind=EvaluationKind.VOLLEDIG, rule="")
    EvaluationFactory(partnership=PartnershipFactory(tier=Tier.POLITIEK_BELANGRIJK))

    response = lezer_client.get(URL, {"export": "csv", "sort": "partnership"})
    written = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig")), delimiter=";"))

    header, *values = (
        ["" if value is None else str(safe_cell(value)) for value in row]
        for row in EvaluationTable(agenda_queryset()).as_values()
    )
    assert written[0] == header
    assert sorted(written[1:]) == sorted(values)
    assert len(values) >= 3
    assert [next(row for row in written if row[1].startswith("'="))[i] for i in (1, 3)] == [
        "'=HYPERLINK(1)",
        "",
    ]
