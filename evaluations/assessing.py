"""Recording an afweging: store the assessment, then the effective tier and the plan follow.

Called by the afweging page, the admin and the demo loader (and a future import).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from governance.models import Assessment, Framework
from governance.scoring import Outcome
from partnerships.models import Partnership

from .replanning import tier_facts_changed


@transaction.atomic
def record_assessment(
    partnership: Partnership,
    framework: Framework,
    outcome: Outcome,
    *,
    criterion_answers: Mapping[str, int],
    qualifier_answers: Mapping[str, bool],
    chosen_tier: str,
    motivation: str = "",
    user: Any,
    assessed_on: date | None = None,
) -> Assessment:
    """Store an afweging with the outcome it gave; a motivation is kept only for a deviation."""
    assessment = Assessment.objects.create(
        partnership=partnership,
        framework=framework,
        assessed_on=assessed_on or timezone.localdate(),
        assessed_by=user,
        criterion_answers=dict(criterion_answers),
        qualifier_answers=dict(qualifier_answers),
        score=outcome.score,
        qualifier_count=outcome.qualifier_count,
        matched_rule=outcome.rule,
        explanation=outcome.explanation,
        advised_tier=outcome.tier,
        chosen_tier=chosen_tier,
        motivation=motivation.strip() if chosen_tier != outcome.tier else "",
    )
    tier_facts_changed([partnership.pk])
    return assessment


@transaction.atomic
def delete_assessment(assessment: Assessment) -> None:
    """Remove an afweging (beheerder, admin); the tier falls back to what is left."""
    partnership_id = assessment.partnership_id
    assessment.delete()
    tier_facts_changed([partnership_id])
