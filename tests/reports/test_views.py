"""Who may open the reports page and download which PDF."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from reports.models import DocumentJob
from reports.tasks import make_document
from tests.factories import PartnershipFactory, UserFactory

from .conftest import MARKERS, YEAR
from .pdfread import read_pdf


def test_anonymous_visitor_is_sent_to_login_for_reports_and_internal_dossier(client, register):
    for url in (
        reverse("reports:index"),
        reverse("reports:document", args=["kadernota", YEAR]),
        reverse("reports:partnership_dossier", args=[register["veiligheid"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_user_without_role_may_not_see_reports(db):
    client = Client()
    client.force_login(UserFactory(username="zonder_rol"))
    assert client.get(reverse("reports:index")).status_code == 403
    assert client.get(reverse("reports:document", args=["kadernota", YEAR])).status_code == 403


@pytest.mark.parametrize("persona", ["lezer_client", "accounthouder_client", "beheerder_client"])
def test_every_role_sees_the_documents_for_the_chosen_year(db, persona, request):
    client = request.getfixturevalue(persona)
    response = client.get(reverse("reports:index"), {"year": YEAR - 1})
    assert response.status_code == 200
    html = response.content.decode()
    for slug in ("kadernota", "jaarrekening", "lange-termijn-agenda", "verbonden-partijen"):
        assert reverse("reports:start_document", args=[slug, YEAR - 1]) in html
    assert f"Documenten over {YEAR - 1}" in html


def test_a_wrong_year_gets_a_dutch_message_and_this_years_documents(lezer_client):
    response = lezer_client.get(reverse("reports:index"), {"year": "1066"})
    assert response.status_code == 200
    assert "Kies een jaar uit de lijst." in response.content.decode()


@pytest.mark.pdf
def test_lezer_downloads_a_year_document_as_pdf(lezer_client, register, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lezer_client.post(reverse("reports:start_document", args=["verbonden-partijen", YEAR]))
    make_document(DocumentJob.objects.get().pk)  # what the worker does
    response = lezer_client.get(reverse("reports:document", args=["verbonden-partijen", YEAR]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="paragraaf-verbonden-partijen-{YEAR}.pdf"' in response["Content-Disposition"]
    assert "Veiligheidsregio Testland" in read_pdf(b"".join(response.streaming_content)).text()


def test_unknown_document_is_not_found(lezer_client):
    assert lezer_client.get("/intern/rapportages/begroting/2026.pdf").status_code == 404


@pytest.mark.pdf
def test_lezer_downloads_the_internal_dossier(lezer_client, register):
    response = lezer_client.get(
        reverse("reports:partnership_dossier", args=[register["veiligheid"].pk])
    )
    assert response.status_code == 200
    assert MARKERS["internal_notes"] in read_pdf(response.content).text()


@pytest.mark.pdf
def test_anyone_downloads_the_public_dossier_without_internal_fields(client, register):
    url = reverse("public:partnership_dossier", args=[register["veiligheid"].slug])
    assert url == f"/samenwerkingsverbanden/{register['veiligheid'].slug}/dossier.pdf"
    response = client.get(url)
    assert response.status_code == 200
    text = read_pdf(response.content).text()
    assert "Veiligheidsregio Testland" in text
    for marker in MARKERS.values():
        assert marker not in text


def test_unpublished_partnership_has_no_public_dossier(client, db):
    hidden = PartnershipFactory(unpublished=True)
    response = client.get(reverse("public:partnership_dossier", args=[hidden.slug]))
    assert response.status_code == 404


@pytest.mark.pdf
def test_export_pdf_writes_each_document_to_a_file(register, tmp_path):
    target = tmp_path / "kadernota.pdf"
    call_command("export_pdf", "kadernota", "--year", str(YEAR), "-o", str(target))
    assert "Veiligheidsregio Testland" in read_pdf(target.read_bytes()).text()

    public = tmp_path / "dossier.pdf"
    pk = register["veiligheid"].pk
    call_command("export_pdf", "dossier", "--partnership", str(pk), "--public", "-o", str(public))
    assert MARKERS["internal_notes"] not in read_pdf(public.read_bytes()).text()


def test_export_pdf_refuses_a_dossier_without_partnership(db, tmp_path):
    with pytest.raises(CommandError, match="--partnership"):
        call_command("export_pdf", "dossier", "-o", str(tmp_path / "x.pdf"))
    hidden = PartnershipFactory(unpublished=True)
    with pytest.raises(CommandError, match="Geen gepubliceerd samenwerkingsverband"):
        call_command(
            "export_pdf",
            "dossier",
            "--partnership",
            str(hidden.pk),
            "--public",
            "-o",
            str(tmp_path / "x.pdf"),
        )
