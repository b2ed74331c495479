"""New partnerships are written in bulk: the same history, audit log, slugs and plan as a save
by the edit page would give, and a number of queries per row that does not grow."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditAction, AuditEvent, Role
from evaluations.models import Evaluation
from imports import register
from imports.register import Outcome, import_register
from imports.spreadsheet import read_book
from partnerships.models import Contribution, Participation, Partnership
from samenwerkingswijzer.sorting import sort_key
from tests.factories import PartnershipFactory, PolicyDomainFactory, UserFactory

from .helpers import register_row, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    PolicyDomainFactory(name="Veiligheid")
    return UserFactory(username="ah", email="ah@gemeente.example", role=Role.ACCOUNTHOUDER)


def book_of(count: int) -> bytes:
    rows = [register_row(n) for n in range(1, count + 1)]
    partners = [
        [f"Samenwerking {n:02d}", f"Gemeente {n % 3}", "Gemeente", "Deelnemer", 50]
        for n in range(1, count + 1)
    ]
    contributions = [
        [f"Samenwerking {n:02d}", 2026, "Financieel", "1.250,50", None, None, None]
        for n in range(1, count + 1)
    ]
    return workbook(rows, partners, contributions)


def run(user, content: bytes, name: str = "register.xlsx"):
    return import_register(read_book(name, content), user, name, save=True)


def test_every_new_row_has_its_history_and_audit_events_as_a_save_would(beheerder, reference):
    report = run(beheerder, book_of(3))

    assert report.counts["nieuw"] == 3
    for model in (Partnership, Participation, Contribution):
        assert model.objects.count() == 3
        for record in model.history.all():
            assert record.history_type == "+"
            assert record.history_user == beheerder
            assert record.history_change_reason == "Import uit register.xlsx"
    created = AuditEvent.objects.filter(action=AuditAction.CREATE, actor=beheerder)
    assert sorted(created.values_list("object_type", flat=True)) == [
        *["partnerships.contribution"] * 3,
        *["partnerships.participation"] * 3,
        *["partnerships.partnership"] * 3,
    ]
    first = Partnership.objects.get(name="Samenwerking 01")
    assert created.filter(object_type="partnerships.partnership", object_id=str(first.pk)).exists()
    assert first.contributions.get().budgeted == 1250.50
    assert Evaluation.objects.filter(partnership=first).exists()


def test_names_that_make_the_same_slug_each_get_their_own(beheerder, reference):
    PartnershipFactory(name="GGD Zuid-Limburg", slug="ggd-zuid-limburg")
    rows = [register_row(1, Naam="GGD Zuid Limburg"), register_row(2, Naam="GGD zuid-limburg!")]

    run(beheerder, workbook(rows))

    slugs = sorted(Partnership.objects.values_list("slug", flat=True))
    assert slugs == ["ggd-zuid-limburg", "ggd-zuid-limburg-2", "ggd-zuid-limburg-3"]


def test_a_large_file_is_written_in_batches_and_every_row_arrives(beheerder, reference):
    with mock.patch.object(register, "BULK", 4):
        report = run(beheerder, book_of(10))

    assert report.counts["nieuw"] == 10
    assert Participation.objects.count() == Contribution.objects.count() == 10
    assert {r.partnership_id for r in report.rows} == set(
        Partnership.objects.values_list("pk", flat=True)
    )


def test_queries_per_row_do_not_grow_with_the_file(beheerder, reference):
    def queries(count: int) -> int:
        Partnership.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            assert run(beheerder, book_of(count)).counts["nieuw"] == count
        return len(captured)

    queries(3)  # creates the organisations the next runs find
    ten, twenty = queries(10), queries(20)
    # Reading the row's references and its savepoint; everything else is per batch.
    assert (twenty - ten) / 10 <= 8


def test_the_same_file_again_writes_nothing(beheerder, reference):
    content = book_of(5)
    run(beheerder, content)
    events = AuditEvent.objects.count()

    report = run(beheerder, content)

    assert report.counts["ongewijzigd"] == 5
    assert Outcome.NEW not in {row.outcome for row in report.rows}
    # Only the import itself is recorded.
    assert AuditEvent.objects.count() == events + 1


def test_imported_partnerships_get_the_key_the_tables_sort_on(beheerder, reference):
    run(beheerder, book_of(3))

    for partnership in Partnership.objects.all():
        assert partnership.name_key == sort_key(partnership.name) != ""
