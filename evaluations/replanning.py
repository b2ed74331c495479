"""Keep the stored effective tier and the evaluation plan in step with the facts.

Every process that changes a planning fact calls one of these after its own write, in the
same transaction, instead of relying on signals, so the follow-on effect is visible where it
happens: `tier_facts_changed` after an assessment or a kadernota decision, `replan` after a
change of looptijd, status, a completed evaluation or the P&C calendar. The rules themselves
are in docs/rulebook.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from governance.effective_tier import store_effective_tiers
from partnerships.models import Partnership

from .sync import SyncResult, sync_evaluations


def replan(partnership_ids: Iterable[int] | None = None, today: date | None = None) -> SyncResult:
    """Bring the evaluation plan of those partnerships (default: all) in line with the rules."""
    queryset = (
        None
        if partnership_ids is None
        else Partnership.objects.filter(pk__in=list(partnership_ids))
    )
    return sync_evaluations(queryset, today=today)


@transaction.atomic
def tier_facts_changed(partnership_ids: Iterable[int], today: date | None = None) -> SyncResult:
    """After an assessment or a decision: store the effective tier, then re-plan."""
    ids = list(partnership_ids)
    store_effective_tiers(ids)
    return replan(ids, today=today)
