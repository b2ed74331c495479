"""Re-plan a partnership's evaluations whenever its planning facts change (DESIGN.md 4.2)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_init, post_save

from governance.signals import tier_changed
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


def replan_after_tier_change(sender: Any, partnership: Partnership, **kwargs: Any) -> None:
    """governance's `tier_changed`: the effective tier moved."""
    # governance saves the partnership first; when that save already re-planned, stop here.
    if getattr(partnership, _SNAPSHOT, None) == _loaded_facts(partnership):
        return
    setattr(partnership, _SNAPSHOT, _loaded_facts(partnership))
    sync_evaluations(Partnership.objects.filter(pk=partnership.pk))


def connect() -> None:
    post_init.connect(remember_planning_facts, sender=Partnership, dispatch_uid="eval_facts")
    post_save.connect(replan_changed_partnership, sender=Partnership, dispatch_uid="eval_replan")
    tier_changed.connect(replan_after_tier_change, dispatch_uid="eval_tier_changed")
