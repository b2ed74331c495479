"""The yearly kadernota round: every active partnership with last decision, advice and change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, Prefetch, Subquery

from partnerships.models import Partnership

from .models import Assessment, TierDecision
from .tiers import Tier


@dataclass
class KadernotaRow:
    partnership: Partnership
    previous: TierDecision | None  # the latest decision before this year
    current: TierDecision | None  # this year's decision, once recorded
    advice: str  # the latest assessment's chosen tier ("" without an assessment)
    advised_by_kader: str  # the kader's own advice, when the accounthouder chose otherwise
    advice_date: date | None

    @property
    def advice_label(self) -> str:
        return Tier(self.advice).label if self.advice else ""

    @property
    def change(self) -> str:
        """Whether the advice differs from the last decided tier, in words."""
        if not self.advice:
            return "Nog geen advies"
        if not self.previous:
            return "Eerste besluit"
        if self.previous.tier == self.advice:
            return "Nee"
        return f"Ja: van {Tier(self.previous.tier).label.lower()} naar {self.advice_label.lower()}"

    @property
    def changed(self) -> bool:
        return bool(self.advice and self.previous and self.previous.tier != self.advice)

    def initial(self) -> dict[str, Any]:
        """This year's decision if recorded, else the advice with last year's texts."""
        source = self.current or self.previous
        return {
            "partnership": self.partnership.pk,
            "tier": self.current.tier if self.current else self.advice,
            "political_topics": source.political_topics if source else "",
            "mandate": source.mandate if source else "",
            "motivation": self.current.motivation if self.current else "",
        }


def kadernota_rows(year: int) -> list[KadernotaRow]:
    """One row per active partnership, in two queries whatever their number."""
    latest = Assessment.objects.filter(partnership=OuterRef("pk")).order_by(
        "-assessed_on", "-created_at"
    )
    partnerships = (
        Partnership.objects.active()
        .annotate(
            advice=Subquery(latest.values("chosen_tier")[:1]),
            advised_by_kader=Subquery(latest.values("advised_tier")[:1]),
            advice_date=Subquery(latest.values("assessed_on")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "tier_decisions",
                queryset=TierDecision.objects.filter(year__lte=year).order_by("-year"),
                to_attr="decisions_until_year",
            )
        )
        .order_by("name")
    )
    rows = []
    for partnership in partnerships:
        decisions = partnership.decisions_until_year  # type: ignore[attr-defined]
        current = decisions[0] if decisions and decisions[0].year == year else None
        earlier = [d for d in decisions if d.year < year]
        advice = partnership.advice or ""  # type: ignore[attr-defined]
        kader_advice = partnership.advised_by_kader or ""  # type: ignore[attr-defined]
        rows.append(
            KadernotaRow(
                partnership=partnership,
                previous=earlier[0] if earlier else None,
                current=current,
                advice=advice,
                advised_by_kader=kader_advice if kader_advice != advice else "",
                advice_date=partnership.advice_date,  # type: ignore[attr-defined]
            )
        )
    return rows
