"""The register export: every column, typed cells, and the same figures as the page."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from imports.columns import CONTRIBUTIONS, PARTNERS, REGISTER, Kind
from partnerships.choices import Motive
from partnerships.models import Partnership
from partnerships.tiers import Tier
from tests.factories import (
    ContributionFactory,
    ParticipationFactory,
    PartnershipFactory,
    UserFactory,
)

from .helpers import open_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
AMOUNTS = ("154500.00", "125000.50", "99999.99", "1234.56", "7.05")


@pytest.fixture
def register():
    for n, amount in enumerate(AMOUNTS):
        partnership = PartnershipFactory(name=f"Register {n}", end_date=date(2030, 12, 31))
        ContributionFactory(partnership=partnership, budgeted=Decimal(amount), actual=Decimal(1))
        ContributionFactory(partnership=partnership, year=2027, budgeted=Decimal(5))
        ParticipationFactory(partnership=partnership, share=Decimal("12.50"))
    return Partnership.objects.all()


def export(client, kind: str, query: str = "") -> bytes:
    response = client.get(reverse("imports:register_export", args=[kind]) + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_table_export_links_lead_to_the_full_register(lezer_client, register):
    response = lezer_client.get(reverse("partnerships:partnership_list") + "?export=xlsx&q=x")
    assert response["Location"] == reverse("imports:register_export", args=["xlsx"]) + "?q=x"


def test_every_amount_is_a_number_and_every_date_a_date(lezer_client, register):
    book = open_xlsx(export(lezer_client, "xlsx"))
    assert book.sheetnames == ["Samenwerkingsverbanden", "Partners", "Bijdragen", "Toelichting"]
    for sheet in (REGISTER, PARTNERS, CONTRIBUTIONS):
        worksheet = book[sheet.title]
        assert worksheet.freeze_panes == "A2"
        assert [cell.value for cell in worksheet[1]] == sheet.headers
        assert worksheet.column_dimensions["A"].width == sheet.columns[0].width
        rows = list(worksheet.iter_rows(min_row=2))
        assert rows
        for index, column in enumerate(sheet.columns):
            cells = [row[index] for row in rows if row[index].value is not None]
            if column.kind is Kind.MONEY:
                assert cells, column.header
                assert all(isinstance(c.value, int | float) for c in cells), column.header
                assert all("€" in c.number_format for c in cells), column.header
            if column.kind is Kind.DATE:
                assert cells, column.header
                assert all(isinstance(c.value, datetime) for c in cells), column.header
                assert all(c.number_format == "DD-MM-YYYY" for c in cells)
            if column.kind is Kind.PERCENT:
                assert all(isinstance(c.value, int | float) for c in cells)
    names = [row[1].value for row in book["Samenwerkingsverbanden"].iter_rows(min_row=2)]
    assert names == [f"Register {n}" for n in range(len(AMOUNTS))]


def test_the_csv_is_for_dutch_excel(lezer_client, register):
    content = export(lezer_client, "csv")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == REGISTER.headers
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Bijdrage dit jaar (€)"] == "154500,00"
    assert re.fullmatch(r"\d\d-\d\d-\d{4}", first["Startdatum"])


def test_the_csv_row_says_every_choice_in_words_and_never_runs_a_formula(lezer_client):
    holder = UserFactory(username="accounthouder-csv")
    partnership = PartnershipFactory(
        name="=HYPERLINK(1)",
        motives=[Motive.EFFICIENCY, Motive.HORIZON],
        account_holder=holder,
        deputy=None,
        tier=Tier.POLITIEK_BELANGRIJK,
        internal_notes="@SUM(A1)",
    )
    ParticipationFactory(partnership=partnership)

    rows = list(
        csv.reader(io.StringIO(export(lezer_client, "csv").decode("utf-8-sig")), delimiter=";")
    )
    (row,) = (dict(zip(rows[0], values, strict=True)) for values in rows[1:])

    assert row["Naam"] == "'=HYPERLINK(1)"
    assert row["Interne notities"] == "'@SUM(A1)"
    assert row["Motieven"] == "Efficiënter werken; De horizon verruimen"
    assert row["Juridische vorm"] == "Samenwerkingsovereenkomst"
    assert row["Accounthouder"] == "accounthouder-csv"
    assert row["Plaatsvervangend accounthouder"] == ""
    assert row["Belangrijkheid"] == "Politiek belangrijk"
    assert row["Openbaar gepubliceerd"] == "ja"
    assert row["Id"] == str(partnership.pk)


def test_the_export_follows_the_table_filters(lezer_client, register):
    # A word no other row holds: the search also reads descriptions and partner names, which
    # the factories fill with numbered words.
    Partnership.objects.filter(name="Register 3").update(name="Register Zuiderzeewerken")
    book = open_xlsx(export(lezer_client, "xlsx", "?q=Zuiderzeewerken"))
    names = [row[1].value for row in book["Samenwerkingsverbanden"].iter_rows(min_row=2)]
    assert names == ["Register Zuiderzeewerken"]
    assert {row[0].value for row in book["Bijdragen"].iter_rows(min_row=2)} == {
        "Register Zuiderzeewerken"
    }


def test_the_export_takes_the_same_queries_for_5_and_for_15_rows(
    lezer_client, register, django_assert_max_num_queries
):
    export(lezer_client, "xlsx")
    for n in range(10):
        ContributionFactory(partnership=PartnershipFactory(name=f"Meer {n}"))
    with django_assert_max_num_queries(12):
        export(lezer_client, "xlsx")
    with django_assert_max_num_queries(8):
        export(lezer_client, "csv")


def page_total(client) -> Decimal:
    html = client.get(reverse("partnerships:partnership_list")).content.decode()
    shown = re.findall(r'class="money"[^>]*>\s*€\s*([\d.,-]+)\s*<', html.replace("\xa0", " "))
    assert len(shown) == len(AMOUNTS)
    return sum((Decimal(s.replace(".", "").replace(",", ".")) for s in shown), Decimal(0))


@pytest.mark.slow
def test_libreoffice_sums_the_column_to_the_figures_of_the_page(lezer_client, register, tmp_path):
    if SOFFICE is None:
        print("LibreOffice (soffice) is niet geïnstalleerd: apt-get install libreoffice-calc-nogui")
    assert SOFFICE is not None, "LibreOffice is nodig voor deze test (libreoffice-calc-nogui)"
    book = open_xlsx(export(lezer_client, "xlsx"))
    sheet = book["Samenwerkingsverbanden"]
    column = REGISTER.headers.index("Bijdrage dit jaar (€)") + 1
    letter = sheet.cell(row=1, column=column).column_letter
    total_row = len(AMOUNTS) + 3
    sheet.cell(row=total_row, column=column, value=f"=SUM({letter}2:{letter}{total_row - 2})")
    for extra in book.sheetnames[1:]:
        del book[extra]
    source = tmp_path / "register.xlsx"
    book.save(source)
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):59,34,76,1",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = Path(tmp_path / "register.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    figure = rows[total_row - 1][column - 1]
    assert spreadsheet_number(figure) == page_total(lezer_client) == sum(map(Decimal, AMOUNTS))


def spreadsheet_number(text: str) -> Decimal:
    """A figure as LibreOffice writes it: "€ 388.234,10" in a Dutch locale, "388234.1" else."""
    digits = re.sub(r"[^\d,.-]", "", text)
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".")
    return Decimal(digits)
