"""The register's data version: it changes with every write a whole-register file can show.

Files made from the whole register (the open data) are made once per data version and then
served from the cache. The version is read from the tables themselves, in two small queries
at every request, so that no code that writes has to remember to clear a cache:

- per table, the highest history id (django-simple-history writes a row for every save and
  every delete, cascades included, also for the targeted update of the effective tier in
  `governance.effective_tier.store_effective_tiers` and the bulk writes of `evaluations.sync`)
  and the highest id, for rows added without history (the benchmark's `seed_bulk`):
  `samenwerkingswijzer.register_figures.tables_version`, read from the indexes;
- the rows of the two reference lists without history (policy domains and budget
  programmes, whose names are printed): a few dozen rows.

Not caught: a row deleted or changed outside the application (SQL by hand). The number of
rows per table would catch a delete, but counting reads every table on every request.

Left out on purpose, so that they do not make the files anew: assessments (they reach the
public only through the effective tier, and a tier that changes is written to the
partnership's history), reminders, evaluation answers, users and the afwegingskader.
"""

from __future__ import annotations

import hashlib

from django.db import models

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
from samenwerkingswijzer.register_figures import tables_version

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


def register_version() -> str:
    """A short hash that changes whenever a table of the register changes (see above)."""
    figures = tables_version(REGISTER_TABLES)
    references = (
        list(PolicyDomain.objects.order_by("pk").values_list("pk", "name")),
        list(BudgetProgramme.objects.order_by("pk").values_list("pk", "number", "name")),
    )
    return hashlib.sha256(repr((figures, references)).encode()).hexdigest()[:32]
