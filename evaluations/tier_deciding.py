"""Recording the kadernota's tier decisions: store them, then the tier and the plan follow.

Called by the kadernota round, the admin and the demo loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from governance.kadernota import TierDecisionValues
from governance.models import TierDecision

from .replanning import tier_facts_changed


@transaction.atomic
def record_tier_decisions(
    year: int, decisions: Mapping[int, TierDecisionValues], user: Any
) -> list[TierDecision]:
    """Store the decisions of `year` (partnership id -> values) and re-plan those partnerships."""
    stored = []
    for partnership_id, values in decisions.items():
        decision, _ = TierDecision.objects.update_or_create(
            partnership_id=partnership_id,
            year=year,
            defaults={**values, "decided_by": user},
        )
        stored.append(decision)
    if stored:
        tier_facts_changed(decisions.keys())
    return stored


@transaction.atomic
def delete_tier_decision(decision: TierDecision) -> None:
    """Remove a decision (beheerder, admin); the tier falls back to what is left."""
    partnership_id = decision.partnership_id
    decision.delete()
    tier_facts_changed([partnership_id])
