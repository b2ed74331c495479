"""The import pages keep the file on the server for its own user; the command does the same."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, Role
from imports.models import PendingImport
from imports.parsing import parse_amount, parse_date
from partnerships.models import Partnership
from tests.factories import PolicyDomainFactory, UserFactory

from .helpers import register_row, upload, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    PolicyDomainFactory(name="Veiligheid")
    return UserFactory(username="ah", email="ah@gemeente.example", role=Role.ACCOUNTHOUDER)


def test_another_beheerder_cannot_open_or_confirm_my_pending_file(beheerder_client, reference):
    response = beheerder_client.post(
        reverse("imports:start"), {"file": upload(workbook([register_row(1)]))}
    )
    url = response["Location"]
    colleague = Client()
    colleague.force_login(UserFactory(username="collega", role=Role.BEHEERDER))
    assert colleague.get(url).status_code == 404
    assert colleague.post(url).status_code == 404
    assert not Partnership.objects.exists()
    page = beheerder_client.get(url).content.decode()
    assert "alles wat goed is opgeslagen; rijen met een probleem worden overgeslagen" in page
    assert "Er is nog niets opgeslagen" in page
    beheerder_client.post(url)
    assert Partnership.objects.count() == 1
    assert not PendingImport.objects.exists()
    # The same confirmation again finds nothing to import.
    assert beheerder_client.post(url).status_code == 404


def test_the_start_page_says_what_happens_to_refused_rows(beheerder_client):
    page = beheerder_client.get(reverse("imports:start")).content.decode()
    assert "Alles wat goed is wordt opgeslagen; rijen met een probleem worden overgeslagen" in page
    assert "Aandeel (%)" in page


def test_the_command_with_dry_run_saves_nothing_then_imports(beheerder, reference, tmp_path):
    path = tmp_path / "leverancier.xlsx"
    path.write_bytes(workbook([register_row(1), register_row(2, Startdatum="ooit")]))
    out = []

    class Out:
        def write(self, text: str) -> None:
            out.append(text)

        def flush(self) -> None: ...

    call_command("import_register", str(path), user="beheerder", dry_run=True, stdout=Out())
    assert not Partnership.objects.exists()
    text = "".join(out)
    assert "blad Samenwerkingsverbanden, rij 3, kolom Startdatum: Vul een datum in" in text
    assert "Proef, niets opgeslagen: 1 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 geweigerd." in text
    call_command("import_register", str(path), user="beheerder", stdout=Out())
    record = Partnership.history.get()
    assert record.history_change_reason == "Import uit leverancier.xlsx"
    with pytest.raises(CommandError, match="geen beheerder"):
        call_command("import_register", str(path), user="ah")


def test_the_command_records_every_change_as_the_named_users(beheerder, reference, tmp_path):
    path = tmp_path / "leverancier.xlsx"
    partners = [["Samenwerking 01", "Nieuwe Partner", "Gemeente", "Deelnemer", 10]]
    path.write_bytes(workbook([register_row(1)], partners, []))

    before = AuditEvent.objects.order_by("pk").last()

    call_command("import_register", str(path), user="beheerder", stdout=io.StringIO())

    events = AuditEvent.objects.filter(pk__gt=before.pk if before else 0)
    assert set(events.values_list("object_type", flat=True)) >= {
        "partnerships.organisation",
        "partnerships.partnership",
        "partnerships.participation",
    }
    assert set(events.values_list("actor_name", flat=True)) == {"beheerder"}


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("125.000", "125000"),
        ("125.000,50", "125000.50"),
        ("€ 1.234,56", "1234.56"),
        ("154500.00", "154500.00"),
        (130000, "130000"),
        (12.5, "12.5"),
    ],
)
def test_dutch_amounts(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["12,5,0", "veel", "1.23.456"])
def test_unreadable_amounts(text):
    with pytest.raises(ValueError, match="Vul een bedrag in"):
        parse_amount(text)


@pytest.mark.parametrize("text", ["1-4-2027", "01-04-2027", "2027-04-01", "1/4/2027"])
def test_dutch_dates(text):
    assert parse_date(text).isoformat() == "2027-04-01"


@pytest.mark.parametrize("text", ["31-2-2027", "april", "1-4-27"])
def test_unreadable_dates(text):
    with pytest.raises(ValueError, match=r"Vul een datum in zoals 1-4-2027\."):
        parse_date(text)
