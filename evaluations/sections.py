"""What the partnership page shows of evaluations."""

from typing import Any

from django.utils import timezone

from partnerships.models import Partnership


def evaluations_section(partnership: Partnership) -> dict[str, Any]:
    """Context for templates/evaluations/includes/partnership_section.html."""
    return {
        "partnership": partnership,
        "evaluations": list(partnership.evaluations.order_by("due_date", "pk")),
        "today": timezone.localdate(),
        # A beëindigd partnership gets no new evaluations, not even by hand (docs/rulebook.md).
        "accepts_new": not partnership.is_archived,
    }
