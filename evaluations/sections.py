"""What the partnership page shows of evaluations."""

from typing import Any

from partnerships.models import Partnership


def evaluations_section(partnership: Partnership) -> dict[str, Any]:
    """Context for templates/evaluations/includes/partnership_section.html."""
    return {"evaluations": list(partnership.evaluations.all())}
