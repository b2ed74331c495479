"""What the public page of a partnership shows, prepared so the template holds no logic."""

from __future__ import annotations

from functools import cached_property

from evaluations.models import Evaluation
from governance.models import TierDecision
from partnerships.choices import ADDED_VALUE_IN_PLAIN_WORDS, AddedValuePerspective
from partnerships.models import (
    Contribution,
    Decision,
    FinancialPosition,
    Participation,
    Partnership,
)


class PublicPartnershipPage:
    """A published partnership as the public page shows it; reads only prefetched data."""

    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership

    @cached_property
    def latest_tier_decision(self) -> TierDecision | None:
        decisions: list[TierDecision] = self.partnership.public_tier_decisions  # type: ignore[attr-defined]
        return decisions[0] if decisions else None

    @cached_property
    def participations(self) -> list[Participation]:
        return list(self.partnership.participations.all())

    @cached_property
    def contributions(self) -> list[Contribution]:
        """Newest year first, as the prefetch orders them."""
        return list(self.partnership.contributions.all())

    @cached_property
    def financial_positions(self) -> list[FinancialPosition]:
        """Newest year first; only a verbonden partij reports these figures (BBV art. 15)."""
        if not self.partnership.is_verbonden_partij:
            return []
        return list(self.partnership.financial_positions.all())

    @cached_property
    def evaluations(self) -> list[Evaluation]:
        return list(self.partnership.published_evaluations)  # type: ignore[attr-defined]

    @property
    def added_value_in_words(self) -> str:
        perspective = self.partnership.added_value_perspective
        return ADDED_VALUE_IN_PLAIN_WORDS[AddedValuePerspective(perspective)] if perspective else ""

    @cached_property
    def decisions(self) -> list[Decision]:
        return list(self.partnership.decisions.all())
