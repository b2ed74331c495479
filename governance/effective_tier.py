"""The effective tier of a partnership, kept on Partnership.tier.

Its latest kadernota decision, else its latest assessment's chosen tier, else none (see
docs/rulebook.md). Only the system derives it, so it is written with a targeted
`QuerySet.update()` of its two columns and never by saving the whole row: a form saved at the
same moment cannot revert it, and it cannot revert the form. Callers are the processes in
`evaluations/` that change the facts (through `evaluations.replanning.replan`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from partnerships.models import Partnership

from .models import Assessment, TierDecision

TIER_CHANGE_REASON = "Belangrijkheid bijgewerkt"


def effective_tier(partnership_id: int) -> tuple[str, int | None]:
    """(tier, year of the kadernota that fixed it), from the decisions and assessments."""
    return effective_tiers([partnership_id]).get(partnership_id, ("", None))


def effective_tiers(
    partnership_ids: Iterable[int] | None = None,
) -> dict[int, tuple[str, int | None]]:
    """The effective tier of each partnership (default: all), in two queries."""
    decisions = TierDecision.objects.order_by("partnership_id", "-year")
    assessments = Assessment.objects.order_by("partnership_id", "-assessed_on", "-created_at")
    ids: list[int] | None = None if partnership_ids is None else list(partnership_ids)
    if ids is not None:
        decisions = decisions.filter(partnership_id__in=ids)
        assessments = assessments.filter(partnership_id__in=ids)
    tiers: dict[int, tuple[str, int | None]] = {}
    for pid, tier in assessments.values_list("partnership_id", "chosen_tier"):
        tiers.setdefault(pid, (tier, None))
    decided: set[int] = set()
    for pid, tier, year in decisions.values_list("partnership_id", "tier", "year"):
        if pid not in decided:
            decided.add(pid)
            tiers[pid] = (tier, year)
    return tiers


@transaction.atomic
def store_effective_tiers(partnership_ids: Iterable[int] | None = None) -> list[int]:
    """Store the effective tier of those partnerships (default: all); return the ids whose
    stored tier changed. The change is also written to each partnership's history."""
    queryset = Partnership.objects.all()
    if partnership_ids is not None:
        queryset = queryset.filter(pk__in=list(partnership_ids))
    stored = {
        pk: (tier, year)
        for pk, tier, year in queryset.values_list("pk", "tier", "tier_decided_year")
    }
    if not stored:
        return []
    wanted = effective_tiers(None if partnership_ids is None else stored)
    changed: dict[tuple[str, int | None], list[int]] = {}
    for pk, current in stored.items():
        target = wanted.get(pk, ("", None))
        if target != current:
            changed.setdefault(target, []).append(pk)
    for (tier, year), pks in changed.items():
        Partnership.objects.filter(pk__in=pks).update(tier=tier, tier_decided_year=year)
    changed_ids = sorted(pk for pks in changed.values() for pk in pks)
    if changed_ids:
        # Re-read the rows as they are now, so the history shows the real state.
        Partnership.history.bulk_history_create(
            list(Partnership.objects.filter(pk__in=changed_ids)),
            update=True,
            default_change_reason=TIER_CHANGE_REASON,
        )
    return changed_ids
