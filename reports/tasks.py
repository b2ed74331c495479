"""Background tasks (django-q2): the year documents, the nightly planning and the reminders.

A year document is asked for with `request_document`: that stores a `DocumentJob` and queues
`make_document`, so the request returns at once and a worker (`manage.py qcluster`) renders.
The periodic tasks are the management commands, on the schedules that migration
`reports/migrations/0003_periodic_tasks.py` puts in django-q2's `Schedule` table.
"""

from __future__ import annotations

import inspect
import logging
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_q.exceptions import TimeoutException
from django_q.tasks import async_task

from accounts.models import User
from partnerships.models import Partnership

from .data_version import year_document_data_version
from .documents import RenderedDocument, render_year_document
from .models import DocumentJob

logger = logging.getLogger(__name__)

# How often a worker tries one document before the page says it failed.
ATTEMPTS: int = settings.DOCUMENT_ATTEMPTS
FAILED_MESSAGE = (
    f"Het maken van dit document is {ATTEMPTS} keer mislukt. Probeer het later opnieuw. "
    "Lukt het dan nog niet, meld het aan de beheerder van de Samenwerkingswijzer."
)
RETRY_MESSAGE = (
    "De vorige poging om dit document te maken is mislukt; het wordt opnieuw geprobeerd."
)
# Progress is written at most this often (seconds): a row update per partnership would cost more
# than the rendering.
PROGRESS_INTERVAL = 1.0


def request_document(slug: str, year: int, user: User | None) -> DocumentJob:
    """The job for this document, year and the register as it is now; queued if it is new.

    Asking twice for the same version finds the same row, so the document is made once. A job
    that failed is queued again from the start.
    """
    version = year_document_data_version(timezone.localdate())
    job, created = DocumentJob.objects.get_or_create(
        document=slug, year=year, data_version=version, defaults={"requested_by": user}
    )
    if created:
        _enqueue(job.pk)
    else:
        again = DocumentJob.objects.filter(pk=job.pk, status=DocumentJob.Status.FAILED).update(
            status=DocumentJob.Status.QUEUED, attempts=0, done=0, error="", requested_by=user
        )
        if again:
            _enqueue(job.pk)
            job.refresh_from_db()
    return job


def current_jobs(year: int) -> dict[str, DocumentJob]:
    """The jobs of this year for the register as it is now, per document."""
    version = year_document_data_version(timezone.localdate())
    return {
        job.document: job for job in DocumentJob.objects.filter(year=year, data_version=version)
    }


def _enqueue(job_id: int) -> None:
    # After the commit: the worker must find the row the request is still writing.
    transaction.on_commit(
        lambda: async_task(make_document, job_id, task_name=f"document-{job_id}-{time.time_ns()}")
    )


def make_document(job_id: int) -> None:
    """The worker's task: render the document of one job and keep it, or say why not."""
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status == DocumentJob.Status.DONE:
            return
        if job.attempts >= ATTEMPTS:
            # A worker died during the last attempt and the task came back: stop here.
            _fail(job)
            return
        job.attempts += 1
        job.status = DocumentJob.Status.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["attempts", "status", "started_at"])
    try:
        rendered = _render(job)
        _keep(job, rendered)
    except (Exception, TimeoutException) as error:
        # django-q2 stops a task past TASK_TIMEOUT with a SystemExit: count that attempt too,
        # or the job would say "running" for ever.
        logger.exception("Document %s %s (job %s) niet gemaakt", job.document, job.year, job.pk)
        if job.attempts < ATTEMPTS:
            DocumentJob.objects.filter(pk=job.pk).update(
                status=DocumentJob.Status.QUEUED, error=RETRY_MESSAGE
            )
            _enqueue(job.pk)
        else:
            _fail(job)
        if isinstance(error, TimeoutException):
            raise


def _fail(job: DocumentJob) -> None:
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJob.Status.FAILED, error=FAILED_MESSAGE, finished_at=timezone.now()
    )


class _Progress:
    """Writes "done of total" on the job, at most once per PROGRESS_INTERVAL and at the end."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < PROGRESS_INTERVAL:
            return
        self.last = now
        DocumentJob.objects.filter(pk=self.job_id).update(done=done, total=total)


def _render(job: DocumentJob) -> RenderedDocument:
    progress = _Progress(job.pk)
    if "progress" in inspect.signature(render_year_document).parameters:
        return render_year_document(job.document, job.year, progress=progress)  # type: ignore[call-arg]
    # A renderer that does not report progress: the start and the end, counted in partnerships.
    total = Partnership.objects.count()
    progress(0, total)
    rendered = render_year_document(job.document, job.year)
    progress(total, total)
    return rendered


class _FinishedFile(File):  # type: ignore[type-arg]
    """A complete file on disk: the storage moves it into place instead of copying it."""

    def temporary_file_path(self) -> str:
        return str(getattr(self.file, "name", ""))


def _keep(job: DocumentJob, rendered: RenderedDocument) -> None:
    """Store the PDF and mark the job done together: a half-written file is never offered.

    The PDF is written next to its destination first and then moved (renamed) into place; the
    row names the file only once it is complete.
    """
    folder = Path(settings.MEDIA_ROOT)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=folder, prefix=".in-de-maak-", suffix=".pdf", delete=False
    ) as handle:
        handle.write(rendered.content)
        temporary = Path(handle.name)
    try:
        with temporary.open("rb") as finished:
            job.file.save(rendered.filename, _FinishedFile(finished), save=False)
        _mark_done(job, rendered.filename)
    except BaseException:
        if job.file:
            job.file.delete(save=False)
        raise
    finally:
        temporary.unlink(missing_ok=True)


def _mark_done(job: DocumentJob, filename: str) -> None:
    DocumentJob.objects.filter(pk=job.pk).update(
        status=DocumentJob.Status.DONE,
        file=job.file.name,
        filename=filename,
        error="",
        finished_at=timezone.now(),
    )


def plan_evaluations() -> None:
    """The nightly planning, as a periodic task."""
    call_command("plan_evaluations")


def send_evaluation_reminders() -> None:
    """The daily reminders, as a periodic task."""
    call_command("send_evaluation_reminders")
