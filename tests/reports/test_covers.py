"""Covers say what is true: "Concept" with the moment a document was made, "Vastgesteld" only
when a beheerder recorded that the raad adopted that document of that year."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from reports.documents import YEAR_DOCUMENTS, dossier_queryset, render_dossier, today
from reports.documents import render_year_document as render
from reports.models import AdoptableDocument, DocumentAdoption

from .conftest import YEAR
from .pdfread import read_pdf

CONCEPT = re.compile(r"Concept, gemaakt op \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}")


def cover(content: bytes) -> str:
    return " ".join(read_pdf(content).pages[0].split())


def test_every_year_document_can_be_recorded_as_adopted():
    assert set(AdoptableDocument.values) == set(YEAR_DOCUMENTS)


@pytest.mark.pdf
@pytest.mark.parametrize("slug", list(YEAR_DOCUMENTS))
def test_a_document_nobody_adopted_is_a_concept_with_the_moment_it_was_made(register, slug):
    pdf = read_pdf(render(slug, YEAR).content)

    assert CONCEPT.search(" ".join(pdf.pages[0].split()))
    for text in pdf.pages:
        assert "Vastgesteld door de raad" not in text
        assert not re.search(r"Status\s+Vastgesteld", text)
    # The running footer of every page repeats the status, so a loose page is a concept too.
    footer = re.compile(r"· Concept \d{2}-\d{2}-\d{4} \d{2}:\d{2}\s+pagina \d+")
    assert all(footer.search(text) for text in pdf.pages[1:])


@pytest.mark.pdf
def test_an_adopted_document_says_so_with_the_date_and_only_for_that_year(register, beheerder):
    DocumentAdoption.objects.create(
        document="verbonden-partijen",
        year=YEAR,
        adopted_on=date(YEAR, 7, 12),
        reference="RB-2026-041",
        recorded_by=beheerder,
    )

    adopted = cover(render("verbonden-partijen", YEAR).content)
    assert f"Vastgesteld door de raad op 12 juli {YEAR}" in adopted
    assert "RB-2026-041" in adopted
    assert "Gemaakt op" in adopted
    assert "Concept" not in adopted
    # Another year, or another document of the same year: still a concept.
    assert CONCEPT.search(cover(render("verbonden-partijen", YEAR - 1).content))
    assert CONCEPT.search(cover(render("kadernota", YEAR).content))


@pytest.mark.pdf
def test_a_dossier_shows_the_register_as_it_stands_and_which_version_it_is(register):
    partnership = dossier_queryset(public=True).get(pk=register["veiligheid"].pk)

    text = cover(render_dossier(partnership, public=True).content)

    assert re.search(r"Stand van \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}", text)
    assert "Openbare versie" in text
    assert "Vastgesteld" not in text


def adoption_data(**changes):
    data = {
        "document": "kadernota",
        "year": str(YEAR),
        "adopted_on": f"{YEAR}-07-03",
        "reference": "RB-2026-017",
    }
    return {**data, **changes}


@pytest.mark.pdf
def test_beheerder_records_an_adoption_and_the_cover_and_reports_page_follow(
    beheerder_client, beheerder, register
):
    url = reverse("reports:record_adoption")
    form = beheerder_client.get(url, {"document": "kadernota", "year": YEAR})
    assert form.status_code == 200
    assert "Vastgesteld door de raad op" in form.content.decode()

    response = beheerder_client.post(url, adoption_data())

    assert response.status_code == 302
    adoption = DocumentAdoption.objects.get(document="kadernota", year=YEAR)
    assert adoption.recorded_by == beheerder
    assert adoption.history.count() == 1
    assert AuditEvent.objects.filter(
        object_type="reports.documentadoption", object_id=str(adoption.pk), action="create"
    ).exists()
    page = beheerder_client.get(response["Location"]).content.decode()
    assert f"Vastgesteld door de raad op 3 juli {YEAR}" in page
    assert f"Vastgesteld door de raad op 3 juli {YEAR}" in cover(render("kadernota", YEAR).content)


def test_recording_again_corrects_the_date_and_keeps_the_history(beheerder_client, db):
    url = reverse("reports:record_adoption")
    beheerder_client.post(url, adoption_data())

    beheerder_client.post(url, adoption_data(adopted_on=f"{YEAR}-07-10"))

    adoption = DocumentAdoption.objects.get(document="kadernota", year=YEAR)
    assert adoption.adopted_on == date(YEAR, 7, 10)
    assert adoption.history.count() == 2


def test_an_adoption_in_the_future_is_refused_with_a_clear_message(beheerder_client, db):
    tomorrow = today() + timedelta(days=1)

    response = beheerder_client.post(
        reverse("reports:record_adoption"), adoption_data(adopted_on=tomorrow.isoformat())
    )

    assert response.status_code == 200
    assert "kan niet in de toekomst liggen" in response.content.decode()
    assert not DocumentAdoption.objects.exists()


def test_only_the_beheerder_sees_the_way_to_record_an_adoption(
    lezer_client, accounthouder_client, beheerder_client, db
):
    for client in (lezer_client, accounthouder_client):
        assert (
            "Vaststelling vastleggen" not in client.get(reverse("reports:index")).content.decode()
        )
        assert client.post(reverse("reports:record_adoption"), adoption_data()).status_code == 403
    assert (
        "Vaststelling vastleggen" in beheerder_client.get(reverse("reports:index")).content.decode()
    )
    assert not DocumentAdoption.objects.exists()


def test_the_beheerder_also_finds_the_adoptions_in_the_admin(
    beheerder, beheerder_client, lezer_client, db
):
    # A beheerder with access to /admin/ (demo and production accounts have it).
    beheerder.is_staff = True
    beheerder.save(update_fields=["is_staff"])
    url = reverse("admin:reports_documentadoption_changelist")

    assert beheerder_client.get(url).status_code == 200
    assert lezer_client.get(url).status_code != 200
