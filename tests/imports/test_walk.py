"""The beheerder moves a register in: template, 30 rows, two refused, fixed, imported, again."""

from __future__ import annotations

import pytest
from django.urls import reverse
from simple_history.utils import get_history_model_for_model

from accounts.models import AuditEvent, Role
from evaluations.models import Evaluation
from partnerships.models import Contribution, Participation, Partnership
from tests.factories import PolicyDomainFactory, UserFactory

from .helpers import open_xlsx, register_row, upload, workbook

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]


@pytest.fixture
def reference(db):
    PolicyDomainFactory(name="Veiligheid")
    return UserFactory(username="ah", email="ah@gemeente.example", role=Role.ACCOUNTHOUDER)


def thirty(bad: bool) -> bytes:
    rows = [register_row(n) for n in range(1, 31)]
    if bad:
        rows[4]["Juridische vorm"] = "Gemeenschappelijke regeling"
        rows[9]["Einddatum"] = "1-1-2019"
    partners = []
    contributions = []
    for n in range(1, 31):
        name = f"Samenwerking {n:02d}"
        partners.append([name, "Gemeente Maastricht", "Gemeente", "Penvoerder of trekker", 60])
        partners.append([name, f"Gemeente Buur {n}", "Gemeente", "Deelnemer", "40"])
        contributions.append([name, 2026, "Financieel", "125.000,50", None, "Programma 1", None])
        contributions.append([name, 2027, "Financieel", 130000, None, "Programma 1", None])
    return workbook(rows, partners, contributions)


def preview(client, content: bytes, name: str = "register.xlsx"):
    response = client.post(reverse("imports:start"), {"file": upload(content, name)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]), response["Location"]


def test_the_template_documents_every_column_with_an_example(beheerder_client, reference):
    response = beheerder_client.get(reverse("imports:template"))
    book = open_xlsx(b"".join(response.streaming_content))
    assert book.sheetnames == ["Samenwerkingsverbanden", "Partners", "Bijdragen", "Toelichting"]
    headers = [cell.value for cell in book["Samenwerkingsverbanden"][1]]
    assert headers[:3] == ["Id", "Naam", "Opgave"]
    example = [cell.value for cell in book["Samenwerkingsverbanden"][2]]
    assert example[1] == "Veiligheidsregio Zuid-Limburg"
    documented = {(row[0].value, row[1].value) for row in book["Toelichting"].iter_rows(min_row=2)}
    assert ("Partners", "Aandeel (%)") in documented
    assert ("Samenwerkingsverbanden", "Juridische vorm") in documented
    assert book["Bijdragen"]["D2"].value == 125000.5


def test_thirty_partnerships_two_refused_fixed_then_imported_once(beheerder_client, reference):
    page, _ = preview(beheerder_client, thirty(bad=True))
    text = page.content.decode()
    assert "2 rijen worden overgeslagen" in text
    assert "Rij 6, kolom Juridische vorm: Selecteer een geldige keuze." in text
    assert "Rij 11, kolom Einddatum: De einddatum ligt voor de startdatum." in text
    assert "Er is nog niets opgeslagen" in text
    assert Partnership.objects.count() == 0

    page, url = preview(beheerder_client, thirty(bad=False))
    assert "28 nieuw" not in page.content.decode()
    assert "30 nieuw" in page.content.decode()
    done = beheerder_client.post(url)
    assert "Opgeslagen: 30 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd" in done.content.decode()

    assert Partnership.objects.count() == 30
    assert Participation.objects.count() == 60
    assert Contribution.objects.count() == 60
    first = Partnership.objects.get(name="Samenwerking 01")
    assert first.account_holder == reference
    assert first.contributions.get(year=2026).budgeted == pytest.approx(125000.50)
    assert {p.share for p in first.participations.all()} == {60, 40}
    planned = set(Evaluation.objects.values_list("partnership_id", flat=True))
    assert planned == set(Partnership.objects.values_list("pk", flat=True))
    record = Partnership.history.filter(id=first.pk).get()
    assert record.history_change_reason == "Import uit register.xlsx"
    assert record.history_user.username == "beheerder"
    assert AuditEvent.objects.filter(object_type="imports.register").get().object_repr == (
        "Import uit register.xlsx: 30 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 geweigerd"
    )

    history_rows = _history_rows()
    page, url = preview(beheerder_client, thirty(bad=False))
    assert "30 ongewijzigd" in page.content.decode()
    beheerder_client.post(url)
    assert Partnership.objects.count() == 30
    assert _history_rows() == history_rows


def test_an_export_read_back_changes_nothing(beheerder_client, reference):
    page, url = preview(beheerder_client, thirty(bad=False))
    beheerder_client.post(url)
    history_rows = _history_rows()
    export = beheerder_client.get(reverse("imports:register_export", args=["xlsx"]))
    content = b"".join(export.streaming_content)
    page, url = preview(beheerder_client, content, "export.xlsx")
    assert "30 ongewijzigd" in page.content.decode(), page.content.decode()
    beheerder_client.post(url)
    assert _history_rows() == history_rows

    csv = beheerder_client.get(reverse("imports:register_export", args=["csv"]))
    page, url = preview(beheerder_client, b"".join(csv.streaming_content), "export.csv")
    assert "30 ongewijzigd" in page.content.decode(), page.content.decode()


def _history_rows() -> int:
    return sum(
        get_history_model_for_model(model).objects.count()
        for model in (Partnership, Participation, Contribution)
    )
