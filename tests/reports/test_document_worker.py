"""Real processes: django-q2's worker makes a document, and another app process serves it.

Each test commits its data (transactional_db), so processes started here see the same
database; they get the same MEDIA_ROOT through the environment.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from reports.models import DocumentJob
from reports.tasks import make_document

from .conftest import YEAR
from .pdfread import read_pdf

# Real processes against one database: with the other tests of several processes, in make test.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.concurrency,
]

ROOT = Path(settings.BASE_DIR)


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def process_env(media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(media),
        "ALLOWED_HOSTS": "testserver",
    }


# A second app process: asks for the document as the lezer and reports what it got. It must
# not render: a render there would print RENDERED.
OTHER_APP = """
import django, sys
django.setup()
from unittest import mock
from django.test import Client
from accounts.models import User
import reports.tasks

def refuse(*args, **kwargs):
    print("RENDERED")
    raise AssertionError("rendered in the second process")

with mock.patch.object(reports.tasks, "render_year_document", refuse):
    client = Client()
    client.force_login(User.objects.get(username=sys.argv[1]))
    response = client.get(sys.argv[2])
    body = b"".join(response.streaming_content) if response.streaming else response.content
    print(response.status_code, response["Content-Type"], len(body))
    sys.stdout.flush()
    sys.stdout.buffer.write(body[:4])
"""


def test_one_process_renders_and_another_serves_the_finished_document(
    lezer_client, lezer, register, media
):
    lezer_client.post(reverse("reports:start_document", args=["verbonden-partijen", YEAR]))
    job = DocumentJob.objects.get()
    make_document(job.pk)
    job.refresh_from_db()
    size = job.file.size

    url = reverse("reports:document", args=["verbonden-partijen", YEAR])
    other = subprocess.run(
        [sys.executable, "-c", OTHER_APP, lezer.username, url],
        cwd=ROOT,
        env={**process_env(media), "DJANGO_SETTINGS_MODULE": "samenwerkingswijzer.settings"},
        capture_output=True,
        timeout=120,
        check=False,
    )
    out = other.stdout.decode(errors="replace")
    assert other.returncode == 0, other.stderr.decode()[-2000:]
    assert "RENDERED" not in out
    assert out.startswith(f"200 application/pdf {size}")
    assert out.endswith("%PDF")
    assert DocumentJob.objects.count() == 1


def test_the_framework_worker_makes_the_document_in_its_own_process(
    lezer_client, register, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lezer_client.post(reverse("reports:start_document", args=["verbonden-partijen", YEAR]))
    job = DocumentJob.objects.get()
    assert job.status == DocumentJob.Status.QUEUED

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=process_env(media),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the cluster and its workers stop together
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if not job.is_pending:
                break
            time.sleep(1)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            _, errors = worker.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            _, errors = worker.communicate()

    assert job.status == DocumentJob.Status.DONE, errors.decode()[-3000:]
    assert job.done == job.total > 0
    page = lezer_client.get(job.get_absolute_url()).content.decode()
    assert "Het document is klaar." in page
    download = lezer_client.get(reverse("reports:document_job_file", args=[job.pk]))
    assert "Veiligheidsregio Testland" in read_pdf(b"".join(download.streaming_content)).text()
