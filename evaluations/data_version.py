"""The register's data version: it changes with every write a whole-register file can show.

Files made from the whole register (the open data) are made once per data version and then
served from the cache. The version is read from the tables themselves, in two small queries
at every request, so that no code that writes has to remember to clear a cache:

- per table, the highest history id (django-simple-history writes a row for every save and
  every delete, cascades included, also for the targeted update of the effective tier in
  `governance.effective_tier.store_effective_tiers` and the bulk writes of `evaluations.sync`);
- per table, the number of rows and the highest id, for what is written without history
  (the benchmark's `seed_bulk`, a restored backup, a delete by hand);
- the rows of the two reference lists without history (policy domains and budget
  programmes, whose names are printed): a few dozen rows.

Left out on purpose, so that they do not make the files anew: assessments (they reach the
public only through the effective tier, and a tier that changes is written to the
partnership's history), reminders, evaluation answers, users and the afwegingskader.
"""

from __future__ import annotations

import functools
import hashlib

from django.db import connection, models

from governance.models import TierDecision
from partnerships.models import (
    BudgetProgramme,
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
    PolicyDomain,
)

from .models import Evaluation

# Every table with a history whose rows a whole-register file shows.
REGISTER_TABLES: tuple[type[models.Model], ...] = (
    Partnership,
    Participation,
    Organisation,
    Contribution,
    FinancialPosition,
    Decision,
    TierDecision,
    Evaluation,
)


def _table_sql(model: type[models.Model]) -> list[str]:
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(str(model._meta.pk.column))  # type: ignore[union-attr]
    history = model.history.model  # type: ignore[attr-defined]
    history_table = quote(history._meta.db_table)
    history_pk = quote(str(history._meta.pk.column))
    return [
        f"(SELECT COUNT(*) FROM {table})",  # noqa: S608 (table names from the models, quoted)
        f"(SELECT MAX({pk}) FROM {table})",  # noqa: S608
        f"(SELECT MAX({history_pk}) FROM {history_table})",  # noqa: S608
    ]


@functools.cache
def _figures_sql(vendor: str) -> str:
    # Written once per database kind: reaching each model's history model builds a manager
    # anew, a third of the time of a request served from the cache.
    return "SELECT " + ", ".join(sql for model in REGISTER_TABLES for sql in _table_sql(model))


def register_version() -> str:
    """A short hash that changes whenever a table of the register changes (see above)."""
    with connection.cursor() as cursor:
        cursor.execute(_figures_sql(connection.vendor))
        figures = cursor.fetchone()
    references = (
        list(PolicyDomain.objects.order_by("pk").values_list("pk", "name")),
        list(BudgetProgramme.objects.order_by("pk").values_list("pk", "number", "name")),
    )
    return hashlib.sha256(repr((figures, references)).encode()).hexdigest()[:32]
