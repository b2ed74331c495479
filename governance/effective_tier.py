"""The effective tier of a partnership (DESIGN.md 3), kept on Partnership.tier.

Its latest kadernota decision, else its latest assessment's chosen tier, else none.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partnerships.models import Partnership

from .models import Assessment, TierDecision
from .signals import tier_changed


def effective_tier(partnership_id: int) -> tuple[str, int | None]:
    """(tier, year of the kadernota that fixed it), from the decisions and assessments."""
    decision = TierDecision.objects.filter(partnership_id=partnership_id).order_by("-year").first()
    if decision:
        return decision.tier, decision.year
    assessment = Assessment.objects.filter(partnership_id=partnership_id).first()
    if assessment:
        return assessment.chosen_tier, None
    return "", None


def refresh_effective_tier(partnership_id: int) -> bool:
    """Store the effective tier; True when it changed, which sends `tier_changed`."""
    partnership = Partnership.objects.filter(pk=partnership_id).first()
    if partnership is None:
        return False
    tier, year = effective_tier(partnership_id)
    if (partnership.tier, partnership.tier_decided_year) == (tier, year):
        return False
    previous = partnership.tier
    partnership.tier, partnership.tier_decided_year = tier, year
    # A model save (not queryset.update) so that the partnership's history shows the change.
    partnership.save(update_fields=["tier", "tier_decided_year", "updated_at"])
    tier_changed.send(sender=Partnership, partnership=partnership, previous_tier=previous)
    return True


@receiver(post_save, sender=Assessment)
@receiver(post_save, sender=TierDecision)
def _refresh_after_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures: the fixture holds the partnership's tier itself
        return
    refresh_effective_tier(instance.partnership_id)


@receiver(post_delete, sender=Assessment)
@receiver(post_delete, sender=TierDecision)
def _refresh_after_delete(sender: Any, instance: Any, origin: Any = None, **kwargs: Any) -> None:
    # When the partnership itself is deleted its rows go with it: there is nothing to refresh.
    if isinstance(origin, Partnership) or (
        isinstance(origin, QuerySet) and origin.model is Partnership
    ):
        return
    refresh_effective_tier(instance.partnership_id)
