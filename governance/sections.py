"""What the partnership page shows of governance: effective tier, advice, decisions, regime."""

from typing import Any

from partnerships.models import Partnership

from .models import TierRegime
from .regime import partnership_regime


def governance_section(partnership: Partnership) -> dict[str, Any]:
    """Context for templates/governance/includes/partnership_section.html.

    Three queries, whatever the number of decisions, when the caller has selected the
    partnership's account_holder and deputy (the regime names them).
    """
    tier_regime = TierRegime.objects.filter(tier=partnership.tier).first()
    return {
        "latest_assessment": partnership.assessments.select_related(
            "assessed_by", "framework"
        ).first(),
        "tier_decisions": list(partnership.tier_decisions.select_related("decided_by")[:5]),
        "regime": partnership_regime(partnership, tier_regime, internal=True),
    }
