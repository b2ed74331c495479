"""Re-plan a partnership's evaluations whenever its planning facts change (DESIGN.md 4.2)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_init, post_save

from partnerships.models import Partnership

from .sync import PLANNING_FIELDS, sync_evaluations

_SNAPSHOT = "_evaluation_planning_facts"


def _loaded_facts(instance: Partnership) -> dict[str, Any]:
    # Read __dict__, not the attributes: a deferred field must not cost a query.
    return {f: instance.__dict__[f] for f in PLANNING_FIELDS if f in instance.__dict__}


def remember_planning_facts(sender: Any, instance: Partnership, **kwargs: Any) -> None:
    setattr(instance, _SNAPSHOT, _loaded_facts(instance))


def replan_changed_partnership(
    sender: Any,
    instance: Partnership,
    created: bool,
    update_fields: frozenset[str] | None = None,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    """After a save that moved the tier, looptijd or status, bring the plan up to date."""
    if raw:  # loading fixtures: the fixture holds the evaluations it wants
        return
    if update_fields is not None and not set(update_fields) & set(PLANNING_FIELDS):
        return
    before = getattr(instance, _SNAPSHOT, {})
    now = _loaded_facts(instance)
    setattr(instance, _SNAPSHOT, now)
    if created or any(before.get(f) != value for f, value in now.items()):
        sync_evaluations(Partnership.objects.filter(pk=instance.pk))


def replan_partnership_of(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """For governance's signals: the effective tier may have moved."""
    if kwargs.get("raw"):
        return
    partnership = kwargs.get("partnership") or getattr(instance, "partnership", instance)
    if partnership is not None and partnership.pk is not None:
        sync_evaluations(Partnership.objects.filter(pk=partnership.pk))


def connect() -> None:
    post_init.connect(remember_planning_facts, sender=Partnership, dispatch_uid="eval_facts")
    post_save.connect(replan_changed_partnership, sender=Partnership, dispatch_uid="eval_replan")
    try:
        from governance.signals import tier_changed
    except ImportError:
        # Until governance sends tier_changed, follow the records the tier comes from.
        from governance.models import Assessment, TierDecision

        for model in (TierDecision, Assessment):
            post_save.connect(replan_partnership_of, sender=model, dispatch_uid=f"eval_{model}")
    else:
        tier_changed.connect(replan_partnership_of, dispatch_uid="eval_tier_changed")
