"""Year documents are made by a worker: started on the reports page, followed, kept per version."""

import pytest
from django.urls import reverse
from django_q.exceptions import TimeoutException
from django_q.models import OrmQ

from reports import tasks
from reports.models import DocumentJob
from reports.tasks import ATTEMPTS, make_document
from tests.factories import ContributionFactory, UserFactory

from .conftest import YEAR
from .pdfread import read_pdf


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def renders(monkeypatch):
    """Counts the documents rendered, and renders them for real."""
    made = []
    real = tasks.render_year_document

    def counting(slug, year, **kwargs):
        made.append((slug, year))
        return real(slug, year, **kwargs)

    monkeypatch.setattr(tasks, "render_year_document", counting)
    return made


def start(client, slug="verbonden-partijen", year=YEAR):
    return client.post(reverse("reports:start_document", args=[slug, year]))


def test_starting_a_document_queues_it_and_renders_nothing_in_the_request(
    lezer_client, register, renders, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = start(lezer_client)
    job = DocumentJob.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("reports:document_job", args=[job.pk])
    assert job.status == DocumentJob.Status.QUEUED
    assert not job.file
    assert renders == []
    assert not media.exists() or not any(media.rglob("*.pdf"))
    assert OrmQ.objects.count() == 1  # one task waits for a worker

    page = lezer_client.get(response["Location"]).content.decode()
    assert "In de wachtrij" in page
    assert "Ververs deze pagina" in page
    assert "downloaden" not in page
    # Refreshing by itself is the reader's choice (WCAG 2.2.1), and works without script.
    assert "http-equiv" not in page
    assert "Laat deze pagina elke 5 seconden vanzelf verversen" in page
    page = lezer_client.get(response["Location"], {"verversen": "aan"}).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Stop met vanzelf verversen" in page


@pytest.mark.pdf
def test_the_worker_makes_the_file_and_the_page_offers_it(lezer_client, register, renders):
    start(lezer_client)
    job = DocumentJob.objects.get()
    make_document(job.pk)

    job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE
    assert job.attempts == 1
    assert job.total > 0
    assert job.done == job.total
    page = lezer_client.get(job.get_absolute_url()).content.decode()
    assert "Het document is klaar." in page
    assert "http-equiv" not in page
    download = lezer_client.get(reverse("reports:document_job_file", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="paragraaf-verbonden-partijen-{YEAR}.pdf"' in download["Content-Disposition"]
    pdf = b"".join(download.streaming_content)
    assert "Veiligheidsregio Testland" in read_pdf(pdf).text()


@pytest.mark.pdf
def test_progress_of_a_renderer_that_reports_it_is_shown(lezer_client, register, monkeypatch):
    real = tasks.render_year_document

    def reporting(slug, year, *, progress=None):
        progress(0, 4)
        progress(4, 4)
        return real(slug, year)

    seen = []

    def watching(slug, year, *, progress=None):
        def spy(done, total):
            progress(done, total)
            seen.append(DocumentJob.objects.values_list("done", "total").get())

        return reporting(slug, year, progress=spy)

    monkeypatch.setattr(tasks, "render_year_document", watching)
    start(lezer_client)
    make_document(DocumentJob.objects.get().pk)
    assert seen == [(0, 4), (4, 4)]


@pytest.mark.pdf
def test_asking_again_serves_the_finished_document_without_rendering(
    lezer_client, beheerder_client, register, renders
):
    start(lezer_client)
    make_document(DocumentJob.objects.get().pk)

    again = start(beheerder_client)
    assert DocumentJob.objects.count() == 1
    assert again["Location"] == DocumentJob.objects.get().get_absolute_url()
    direct = beheerder_client.get(reverse("reports:document", args=["verbonden-partijen", YEAR]))
    assert direct.status_code == 200
    assert direct["Content-Type"] == "application/pdf"
    index = beheerder_client.get(reverse("reports:index"), {"year": YEAR}).content.decode()
    assert "Paragraaf verbonden partijen 2026 downloaden (PDF" in index
    assert renders == [("verbonden-partijen", YEAR)]


@pytest.mark.pdf
def test_a_change_to_the_register_makes_the_next_request_render_anew(
    lezer_client, register, renders
):
    start(lezer_client)
    first = DocumentJob.objects.get()
    make_document(first.pk)

    ContributionFactory(partnership=register["veiligheid"], year=YEAR - 7)
    document_url = reverse("reports:document", args=["verbonden-partijen", YEAR])
    assert lezer_client.get(document_url).status_code == 303  # the old file is not offered
    assert (
        "Het register is daarna gewijzigd"
        in lezer_client.get(first.get_absolute_url()).content.decode()
    )
    start(lezer_client)
    second = DocumentJob.objects.exclude(pk=first.pk).get()
    make_document(second.pk)
    assert len(renders) == 2
    assert lezer_client.get(document_url).status_code == 200


@pytest.mark.pdf
def test_a_deletion_changes_the_data_version_too(lezer_client, register, renders):
    start(lezer_client)
    make_document(DocumentJob.objects.get().pk)
    register["veiligheid"].contributions.first().delete()
    start(lezer_client)
    assert DocumentJob.objects.count() == 2


def test_a_failing_document_is_retried_a_few_times_then_says_so_in_dutch(
    lezer_client, register, monkeypatch, media
):
    attempts = []

    def broken(slug, year, **kwargs):
        attempts.append(slug)
        raise RuntimeError("WeasyPrint viel om")

    monkeypatch.setattr(tasks, "render_year_document", broken)
    start(lezer_client)
    job = DocumentJob.objects.get()
    make_document(job.pk)
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.QUEUED
    assert "opnieuw geprobeerd" in lezer_client.get(job.get_absolute_url()).content.decode()

    for _ in range(ATTEMPTS + 2):  # the worker hands the task back each time
        make_document(job.pk)
    job.refresh_from_db()
    assert len(attempts) == ATTEMPTS
    assert job.status == DocumentJob.Status.FAILED
    assert not job.file
    assert not any(media.rglob("*.pdf"))

    page = lezer_client.get(job.get_absolute_url()).content.decode()
    assert f"Het maken van dit document is {ATTEMPTS} keer mislukt." in page
    assert "http-equiv" not in page
    assert "Opnieuw proberen" in page
    index = lezer_client.get(reverse("reports:index"), {"year": YEAR}).content.decode()
    assert f"{ATTEMPTS} keer mislukt" in index
    file_url = reverse("reports:document_job_file", args=[job.pk])
    assert lezer_client.get(file_url).status_code == 303
    document_url = reverse("reports:document", args=["verbonden-partijen", YEAR])
    assert lezer_client.get(document_url).status_code == 303


def test_a_document_stopped_for_taking_too_long_is_counted_and_retried(
    lezer_client, register, monkeypatch
):
    def too_long(slug, year, **kwargs):
        raise TimeoutException("Task exceeded maximum timeout value (1800 seconds)")

    monkeypatch.setattr(tasks, "render_year_document", too_long)
    start(lezer_client)
    job = DocumentJob.objects.get()
    for _ in range(ATTEMPTS):
        with pytest.raises(TimeoutException):  # the worker must still see it stopped
            make_document(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (DocumentJob.Status.FAILED, ATTEMPTS)
    assert "keer mislukt" in lezer_client.get(job.get_absolute_url()).content.decode()


def test_a_failure_while_storing_leaves_no_file(lezer_client, register, monkeypatch, media):
    def database_gone(job, filename):
        raise OSError("database weg")

    # The file is already moved into place when marking the job done fails.
    monkeypatch.setattr(tasks, "_mark_done", database_gone)
    start(lezer_client)
    job = DocumentJob.objects.get()
    make_document(job.pk)
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.QUEUED
    assert not job.file
    assert list(media.rglob("*")) == [media / "documenten", media / "documenten" / "2026"]


@pytest.mark.pdf
def test_retrying_a_failed_document_starts_from_the_beginning(lezer_client, register, renders):
    start(lezer_client)
    job = DocumentJob.objects.get()
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJob.Status.FAILED, attempts=ATTEMPTS, error="mislukt"
    )
    start(lezer_client)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (DocumentJob.Status.QUEUED, 0, "")
    make_document(job.pk)
    job.refresh_from_db()
    assert job.status == DocumentJob.Status.DONE


def test_a_user_without_role_can_neither_start_nor_download(client, register, renders):
    lezer = UserFactory(username="zonder_rol")
    client.force_login(lezer)
    assert start(client).status_code == 403
    assert DocumentJob.objects.count() == 0


def test_the_index_shows_a_running_document_with_its_progress(lezer_client, register):
    start(lezer_client)
    job = DocumentJob.objects.get()
    DocumentJob.objects.filter(pk=job.pk).update(status=DocumentJob.Status.RUNNING, done=3, total=7)
    index = lezer_client.get(reverse("reports:index"), {"year": YEAR}).content.decode()
    assert "Wordt gemaakt: 3 van 7 samenwerkingsverbanden verwerkt" in index
    page = lezer_client.get(job.get_absolute_url()).content.decode()
    assert "3 van 7 samenwerkingsverbanden verwerkt (43%)" in page


def test_unknown_document_cannot_be_started(lezer_client, db):
    assert start(lezer_client, slug="begroting").status_code == 404
    assert start(lezer_client, year=1066).status_code == 404


def test_the_index_asks_a_fixed_number_of_queries(
    lezer_client, register, django_assert_max_num_queries
):
    for slug in ("kadernota", "jaarrekening", "verbonden-partijen"):
        start(lezer_client, slug=slug)
    with django_assert_max_num_queries(12):
        lezer_client.get(reverse("reports:index"), {"year": YEAR})
