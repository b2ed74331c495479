"""What the partnership page shows of governance: effective tier, advice, decisions."""

from typing import Any

from partnerships.models import Partnership


def governance_section(partnership: Partnership) -> dict[str, Any]:
    """Context for templates/governance/includes/partnership_section.html."""
    return {
        "latest_assessment": partnership.assessments.select_related("assessed_by").first(),
        "tier_decisions": list(partnership.tier_decisions.all()[:5]),
    }
