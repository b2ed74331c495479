"""Several worker processes writing to one SQLite file wait for each other instead of failing.

Each process sets Django up against the same migrated file database, as gunicorn workers do,
and runs read-modify-write transactions on one hot row plus inserts.
"""

import multiprocessing
import os
import sqlite3
import traceback
from contextlib import closing
from pathlib import Path

import pytest

from .conftest import copy_test_database_to

pytestmark = pytest.mark.concurrency

WORKERS = 4
WRITES_PER_WORKER = 40


def database_url(path: Path) -> str:
    return f"sqlite:///{path}"


def write_concurrently(url: str, worker: int, start, errors) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "samenwerkingswijzer.settings"
    import django

    django.setup()
    from django.db import transaction

    from partnerships.models import Organisation

    if worker == 0:
        # The hot row every worker reads and increments; the others wait at the barrier.
        Organisation.objects.create(name="Teller", place="0")
    start.wait()
    for n in range(WRITES_PER_WORKER):
        try:
            with transaction.atomic():
                counter = Organisation.objects.get(name="Teller")
                counter.place = str(int(counter.place) + 1)
                counter.save(update_fields=["place"])
                Organisation.objects.create(name=f"Werker {worker} schrijft {n}", place="x")
        except Exception:
            errors.put(traceback.format_exc())


def test_concurrent_writes_on_sqlite_neither_fail_nor_get_lost(transactional_db, tmp_path):
    path = tmp_path / "workers.sqlite3"
    copy_test_database_to(path)
    url = database_url(path)

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WORKERS)
    errors = context.Queue()
    workers = [
        context.Process(target=write_concurrently, args=(url, worker, start, errors))
        for worker in range(WORKERS)
    ]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=300)
    failures = []
    while not errors.empty():
        failures.append(errors.get())

    assert failures == []
    assert [process.exitcode for process in workers] == [0] * WORKERS

    with closing(sqlite3.connect(path)) as db:
        (counter,) = db.execute(
            "SELECT place FROM partnerships_organisation WHERE name = 'Teller'"
        ).fetchone()
        (written,) = db.execute(
            "SELECT count(*) FROM partnerships_organisation WHERE name LIKE 'Werker %'"
        ).fetchone()
    assert int(counter) == WORKERS * WRITES_PER_WORKER
    assert written == WORKERS * WRITES_PER_WORKER
