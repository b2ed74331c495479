"""Every kind of bad input: a Dutch message at the row and column, and nothing saved in part."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import IntegrityError
from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import Role
from imports import spreadsheet
from imports.register import Outcome, import_register
from imports.spreadsheet import FileRefused, read_book
from partnerships.models import Organisation, Participation, Partnership
from tests.factories import PartnershipFactory, PolicyDomainFactory, UserFactory

from .helpers import REGISTER_HEADERS, register_row, upload, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    PolicyDomainFactory(name="Veiligheid")
    return UserFactory(username="ah", email="ah@gemeente.example", role=Role.ACCOUNTHOUDER)


def run(beheerder, content: bytes, name: str = "register.xlsx", save: bool = False):
    return import_register(read_book(name, content), beheerder, name, save=save)


def problems_of(report, row: int) -> list[str]:
    result = next(r for r in report.rows if r.row == row)
    assert result.outcome is Outcome.REFUSED
    return [f"{p.sheet}/{p.row}/{p.column}: {p.message}" for p in result.problems]


def refused_upload(client, content: bytes, name: str) -> str:
    response = client.post(reverse("imports:start"), {"file": upload(content, name)})
    assert response.status_code == 200
    return response.content.decode()


def test_a_file_that_is_not_a_spreadsheet_is_refused(beheerder_client):
    text = refused_upload(beheerder_client, b"%PDF-1.7 niet een spreadsheet", "register.pdf")
    assert "Dit bestand is geen Excel-bestand (.xlsx) of CSV-bestand (.csv)." in text
    text = refused_upload(beheerder_client, b"PK\x03\x04kapot", "register.xlsx")
    assert "Dit bestand is geen Excel-bestand (.xlsx) of CSV-bestand (.csv)." in text


def test_a_file_over_10_mb_is_refused(beheerder_client):
    text = refused_upload(beheerder_client, b"Naam;Opgave\n" + b"x" * (10 * 1024 * 1024), "r.csv")
    assert "Het bestand is groter dan 10 MB." in text


def test_more_than_10000_rows_is_refused(beheerder, reference):
    lines = ["Naam;Opgave;Aard;Juridische vorm;Startdatum"]
    lines += [f"S{n};O;Netwerk of platform;Convenant;1-1-2020" for n in range(10_001)]
    with pytest.raises(FileRefused, match=r"meer dan 10\.000 rijen"):
        read_book("groot.csv", "\n".join(lines).encode())


def test_a_missing_required_column_is_named(beheerder_client):
    content = workbook([register_row(1)], headers=["Naam", "Aard", "Juridische vorm"])
    text = refused_upload(beheerder_client, content, "register.xlsx")
    assert "Het blad Samenwerkingsverbanden mist de kolommen Opgave, Startdatum." in text


def test_unknown_legal_form_share_over_100_end_before_start_unknown_accounthouder(
    beheerder, reference
):
    rows = [
        register_row(1, **{"Juridische vorm": "Gemeenschappelijke regeling"}),
        register_row(2),
        register_row(3, Startdatum="1-4-2027", Einddatum="31-3-2027"),
        register_row(4, Accounthouder="onbekend@gemeente.example"),
    ]
    partners = [
        ["Samenwerking 02", "Gemeente A", "Gemeente", "Deelnemer", "60,5"],
        ["Samenwerking 02", "Gemeente B", "Gemeente", "Deelnemer", 40],
        ["Samenwerking 01", "Gemeente C", "Gemeente", "Deelnemer", 101],
    ]
    report = run(beheerder, workbook(rows, partners, []))
    assert problems_of(report, 2) == [
        "Samenwerkingsverbanden/2/Juridische vorm: Selecteer een geldige keuze. "
        "Gemeenschappelijke regeling is geen beschikbare keuze.",
        "Partners/4/Aandeel (%): Een aandeel ligt tussen 0 en 100%.",
    ]
    assert problems_of(report, 3) == [
        "Partners/3/Aandeel (%): De aandelen tellen samen op tot 100,5%. Dat mag niet meer "
        "dan 100% zijn."
    ]
    assert problems_of(report, 4) == [
        "Samenwerkingsverbanden/4/Einddatum: De einddatum ligt voor de startdatum."
    ]
    assert problems_of(report, 5) == [
        "Samenwerkingsverbanden/5/Accounthouder: Er is geen gebruiker met e-mailadres of "
        "gebruikersnaam onbekend@gemeente.example."
    ]


def test_dutch_amounts_and_dates_are_read(beheerder, reference):
    rows = [register_row(1, Startdatum="01-04-2021", Einddatum="1-4-2027")]
    contributions = [
        ["Samenwerking 01", 2026, "Financieel", "125.000,50", "€ 1.234,56", None, None],
        ["Samenwerking 01", 2027, "Financieel", "125.000", None, None, None],
    ]
    run(beheerder, workbook(rows, [], contributions), save=True)
    partnership = Partnership.objects.get()
    assert str(partnership.start_date) == "2021-04-01"
    assert str(partnership.end_date) == "2027-04-01"
    amounts = {(c.year, c.budgeted, c.actual) for c in partnership.contributions.all()}
    assert {(y, str(b), str(a)) for y, b, a in amounts} == {
        (2026, "125000.50", "1234.56"),
        (2027, "125000.00", "None"),
    }


def test_an_unreadable_amount_and_date_say_how_to_write_them(beheerder, reference):
    rows = [register_row(1, Startdatum="1 april")]
    contributions = [["Samenwerking 01", 2026, "Financieel", "veel", None, None, None]]
    report = run(beheerder, workbook(rows, [], contributions))
    assert problems_of(report, 2) == [
        "Samenwerkingsverbanden/2/Startdatum: Vul een datum in zoals 1-4-2027.",
        "Bijdragen/2/Begroot (€): Vul een bedrag in zoals 125.000 of 125.000,50.",
    ]


def test_the_same_partnership_in_two_rows_refuses_both(beheerder, reference):
    existing = PartnershipFactory(name="Bestaand")
    rows = [register_row(1), register_row(1), register_row(2, Naam="Bestaand")]
    headers = ["Id", *REGISTER_HEADERS]
    rows.append({**register_row(3, Naam="Anders"), "Id": existing.pk})
    report = run(beheerder, workbook(rows, headers=headers))
    assert problems_of(report, 2) == [
        "Samenwerkingsverbanden/2/Naam: Dit samenwerkingsverband staat ook in rij 3. Houd "
        "één rij per samenwerkingsverband."
    ]
    assert problems_of(report, 3)[0].endswith(
        "staat ook in rij 2. Houd één rij per samenwerkingsverband."
    )
    assert "staat ook in rij 5" in problems_of(report, 4)[0]
    assert "staat ook in rij 4" in problems_of(report, 5)[0]


def test_a_formula_is_refused_and_an_exported_neutralised_text_is_read_back(beheerder, reference):
    rows = [register_row(1, Opgave='=HYPERLINK("http://kwaad.example")'), register_row(2)]
    rows[1]["Bestuurlijk belang"] = "'=geen formule"
    report = run(beheerder, workbook(rows), save=True)
    assert problems_of(report, 2) == [
        "Samenwerkingsverbanden/2/Opgave: Hier staat een formule. De import leest geen "
        "formules: zet de waarde zelf in de cel."
    ]
    assert Partnership.objects.get().bestuurlijk_belang == "=geen formule"


def test_a_row_that_fails_halfway_leaves_nothing_of_that_partnership(beheerder, reference):
    rows = [register_row(1), register_row(2)]
    partners = [
        ["Samenwerking 01", "Nieuwe Organisatie", "Gemeente", "Deelnemer", 10],
        ["Samenwerking 02", "Gemeente B", "Gemeente", "Deelnemer", 10],
    ]
    original = QuerySet.bulk_create

    def fails_for_the_first(self, objs, *args, **kwargs):
        objs = list(objs)
        if self.model is Participation and any(
            row.organisation.name == "Nieuwe Organisatie" for row in objs
        ):
            raise IntegrityError("schijf vol")
        return original(self, objs, *args, **kwargs)

    with mock.patch.object(QuerySet, "bulk_create", fails_for_the_first):
        report = run(beheerder, workbook(rows, partners, []), save=True)
    assert problems_of(report, 2) == [
        "Samenwerkingsverbanden/2/: Deze rij kon niet worden opgeslagen, ook niet voor een "
        "deel. Controleer de partners en bijdragen (bijvoorbeeld dezelfde organisatie of "
        "hetzelfde jaar twee keer)."
    ]
    assert list(Partnership.objects.values_list("name", flat=True)) == ["Samenwerking 02"]
    assert not Organisation.objects.filter(name="Nieuwe Organisatie").exists()
    assert Participation.objects.get().organisation.name == "Gemeente B"


def test_a_partner_row_of_no_partnership_is_reported(beheerder, reference):
    report = run(beheerder, workbook([register_row(1)], [["Bestaat niet", "X", "", "", 1]], []))
    assert [(p.sheet, p.row, p.message) for p in report.problems] == [
        (
            "Partners",
            2,
            "Er staat geen samenwerkingsverband Bestaat niet op het blad Samenwerkingsverbanden. "
            "Gebruik de naam precies zoals in de kolom Naam.",
        )
    ]


def test_the_preview_saves_nothing(beheerder, reference):
    report = run(
        beheerder, workbook([register_row(1)], [["Samenwerking 01", "Nieuw", "", "", 1]], [])
    )
    assert report.count(Outcome.NEW) == 1
    assert not Partnership.objects.exists()
    assert not Organisation.objects.exists()


def test_limits_are_the_promised_ones():
    assert spreadsheet.MAX_BYTES == 10 * 1024 * 1024
    assert spreadsheet.MAX_ROWS == 10_000


def test_an_organisation_made_by_a_refused_row_is_made_again_by_the_next(beheerder, reference):
    rows = [register_row(1, **{"Juridische vorm": "Onbekend"}), register_row(2)]
    partners = [
        ["Samenwerking 01", "Nieuwe Gemeente", "Gemeente", "Deelnemer", 10],
        ["Samenwerking 02", "Nieuwe Gemeente", "Gemeente", "Deelnemer", 10],
        ["Samenwerking 02", "Andere Gemeente", "Gemeente", "Deelnemer", 10],
    ]
    report = run(beheerder, workbook(rows, partners, []), save=True)
    assert [r.outcome for r in report.rows] == [Outcome.REFUSED, Outcome.NEW]
    partnership = Partnership.objects.get()
    assert sorted(p.organisation.name for p in partnership.participations.all()) == [
        "Andere Gemeente",
        "Nieuwe Gemeente",
    ]
