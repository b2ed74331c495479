"""Handing every partnership of a leaving accounthouder to a colleague, in one step.

A targeted update of the two user columns, as governance/effective_tier.py writes the tier:
no full save, so a form saved at the same moment cannot revert it. The version goes up, so
an edit page a colleague has open sees the change, and each partnership's history gets a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, AuditResult

from .models import Partnership


@dataclass(frozen=True)
class Handover:
    """What a handover from one user to another would change."""

    as_account_holder: list[Partnership]
    as_deputy: list[Partnership]

    @property
    def count(self) -> int:
        return len({p.pk for p in [*self.as_account_holder, *self.as_deputy]})


def handover_of(leaving: Any) -> Handover:
    partnerships = list(
        Partnership.objects.filter(Q(account_holder=leaving) | Q(deputy=leaving)).order_by("name")
    )
    return Handover(
        as_account_holder=[p for p in partnerships if p.account_holder_id == leaving.pk],
        as_deputy=[p for p in partnerships if p.deputy_id == leaving.pk],
    )


def change_reason(leaving: Any, successor: Any) -> str:
    return f"Overgedragen van {leaving} aan {successor}"


@transaction.atomic
def reassign_partnerships(leaving: Any, successor: Any, by: Any = None) -> list[int]:
    """Make `successor` accounthouder (and deputy) wherever `leaving` was; returns the ids.

    Nobody ends up accounthouder and deputy of the same partnership: where the successor was
    the deputy and becomes accounthouder, the deputy place is emptied.
    """
    if leaving.pk == successor.pk:
        raise ValueError("Kies twee verschillende personen.")
    # Lock the rows, so a colleague's save waits instead of interleaving.
    rows = Partnership.objects.select_for_update().filter(
        Q(account_holder=leaving) | Q(deputy=leaving)
    )
    held = list(rows.filter(account_holder=leaving).values_list("pk", flat=True))
    deputised = list(rows.filter(deputy=leaving).values_list("pk", flat=True))
    ids = sorted(set(held) | set(deputised))
    if not ids:
        return []
    now = timezone.now()
    bump = {"version": F("version") + 1, "updated_at": now}
    Partnership.objects.filter(pk__in=held, deputy=successor).update(deputy=None)
    Partnership.objects.filter(pk__in=held).update(account_holder=successor, **bump)
    Partnership.objects.filter(pk__in=deputised).exclude(account_holder=successor).update(
        deputy=successor, **bump
    )
    Partnership.objects.filter(pk__in=deputised, account_holder=successor).exclude(
        pk__in=held
    ).update(deputy=None, **bump)
    changed = list(Partnership.objects.filter(pk__in=ids).order_by("pk"))
    reason = change_reason(leaving, successor)
    # Re-read rows as they are now, so the history shows the real state.
    Partnership.history.bulk_history_create(
        changed, update=True, default_user=by, default_change_reason=reason, default_date=now
    )
    for partnership in changed:
        audit.record(
            AuditAction.UPDATE,
            AuditResult.SUCCESS,
            object_type=audit.object_type_of(Partnership),
            object_id=partnership.pk,
            object_repr=f"{partnership}: {reason[0].lower()}{reason[1:]}",
        )
    return ids
