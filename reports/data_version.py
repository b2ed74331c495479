"""The version of the register data that the year documents print.

A finished year document is kept per (document, year, data version) and served again while
the version stays the same. The version moves with every write the documents can show:

- each table a year document reads keeps its history (django-simple-history), and every
  save *and every delete* through the ORM adds a history row, so the highest history id
  moves; cascaded deletes too, because the history's delete signal stops Django from deleting
  them in bulk;
- writes that bypass the history (bulk inserts such as `seed_bulk`) still raise the highest id
  of the table itself;
- the tables without history (tier regimes, the P&C calendar, policy domains) are changed in
  the admin, which logs every change;
- the day: the documents print the date they were made and what is overdue on it.

Not caught: raw SQL, and `QuerySet.update()` without a history row (the app's one derived
field, the effective tier, writes its history rows itself).
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.contrib.admin.models import LogEntry
from django.db import connection
from django.db.models import Model

from evaluations.models import Evaluation, EvaluationAnswer
from governance.models import Assessment, TierDecision
from partnerships.models import (
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
)

from .models import DocumentAdoption

YEAR_DOCUMENT_TABLES: tuple[type[Model], ...] = (
    Partnership,
    Organisation,
    Participation,
    Contribution,
    FinancialPosition,
    Decision,
    Assessment,
    TierDecision,
    Evaluation,
    EvaluationAnswer,
    DocumentAdoption,
)


def _highest_ids() -> tuple[int, ...]:
    """The highest id of each table, its history table and the admin log, in one query."""
    quote = connection.ops.quote_name
    columns: list[tuple[str, str | None]] = [(LogEntry._meta.db_table, LogEntry._meta.pk.column)]
    for model in YEAR_DOCUMENT_TABLES:
        historical = model.history.model  # type: ignore[attr-defined]
        columns.append((model._meta.db_table, model._meta.pk.column))
        columns.append((historical._meta.db_table, historical._meta.pk.column))
    # Table and column names come from the models, quoted: nothing from outside.
    selects = ", ".join(
        f"(SELECT MAX({quote(str(column))}) FROM {quote(table)})"  # noqa: S608
        for table, column in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        row = cursor.fetchone()
    return tuple(value or 0 for value in row)


def year_document_data_version(today: date) -> str:
    """A short fingerprint that changes when anything a year document prints may have changed."""
    state = f"{today.isoformat()}:{':'.join(map(str, _highest_ids()))}"
    return hashlib.sha256(state.encode()).hexdigest()[:32]
