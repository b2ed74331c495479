"""The yearly kadernota round: every active partnership with last decision, advice and change.

The round is shown and saved a page at a time, so one request handles a bounded number of
rows whatever the size of the register.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from django.db.models import (
    Count,
    Exists,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from partnerships.models import Partnership
from partnerships.tiers import Tier
from samenwerkingswijzer.register_figures import cached_figures

from .models import Assessment, TierDecision

PAGE_SIZE = 50

# The status filter of the round: ?status=<key>.
UNDECIDED, DECIDED = "open", "vastgesteld"
STATUS_LABELS = {"": "Alle", UNDECIDED: "Nog geen besluit", DECIDED: "Vastgesteld"}


class TierDecisionValues(TypedDict):
    """One row of the kadernota round as the beheerder decided it."""

    tier: str
    political_topics: str
    mandate: str
    motivation: str


@dataclass
class KadernotaRow:
    partnership: Partnership
    previous: TierDecision | None  # the latest decision before this year
    current: TierDecision | None  # this year's decision, once recorded
    # The latest afweging's outcome: the tier the accounthouder chose there is the advice to
    # the raad ("" without an afweging).
    advised_tier: str
    advised_by_kader: str  # the kader's own advice, when the accounthouder chose otherwise
    assessed_on: date | None
    in_round: bool = True  # False once the partnership has ended

    @property
    def advised_tier_label(self) -> str:
        return Tier(self.advised_tier).label if self.advised_tier else ""

    @property
    def change(self) -> str:
        """Whether the advice differs from the last decided tier, in words."""
        if not self.advised_tier:
            return "Nog geen advies"
        if not self.previous:
            return "Eerste besluit"
        if self.previous.tier == self.advised_tier:
            return "Nee"
        before = Tier(self.previous.tier).label.lower()
        return f"Ja: van {before} naar {self.advised_tier_label.lower()}"

    @property
    def changed(self) -> bool:
        return bool(self.advised_tier and self.previous and self.previous.tier != self.advised_tier)

    def initial(self) -> dict[str, Any]:
        """This year's decision if recorded; else no tier yet, with last year's texts.

        The tier starts empty: only a tier the beheerder chooses becomes a decision.
        """
        source = self.current or self.previous
        return {
            "partnership": self.partnership.pk,
            "tier": self.current.tier if self.current else "",
            "political_topics": source.political_topics if source else "",
            "mandate": source.mandate if source else "",
            "motivation": self.current.motivation if self.current else "",
        }


def _latest_assessment() -> QuerySet[Assessment]:
    return Assessment.objects.filter(partnership=OuterRef("pk")).order_by(
        "-assessed_on", "-created_at"
    )


def _with_row_facts(queryset: QuerySet[Partnership], year: int) -> QuerySet[Partnership]:
    """The latest advice and the decisions up to `year`, for building rows."""
    latest = _latest_assessment()
    return queryset.annotate(
        advised_tier=Subquery(latest.values("chosen_tier")[:1]),
        advised_by_kader=Subquery(latest.values("advised_tier")[:1]),
        assessed_on=Subquery(latest.values("assessed_on")[:1]),
    ).prefetch_related(
        Prefetch(
            "tier_decisions",
            queryset=TierDecision.objects.filter(year__lte=year).order_by("-year"),
            to_attr="decisions_until_year",
        )
    )


def round_partnerships(year: int, status: str = "") -> QuerySet[Partnership]:
    """The active partnerships of the round by name, optionally only the (un)decided ones;
    a page of it goes to `kadernota_rows`."""
    queryset = Partnership.objects.active().order_by("name", "pk")
    decided = Exists(TierDecision.objects.filter(partnership=OuterRef("pk"), year=year))
    if status == UNDECIDED:
        queryset = queryset.filter(~decided)
    elif status == DECIDED:
        queryset = queryset.filter(decided)
    return _with_row_facts(queryset, year)


@dataclass(frozen=True)
class TierCount:
    tier: Tier
    advised: int
    decided: int


@dataclass(frozen=True)
class RoundCounts:
    total: int
    decided: int
    per_tier: list[TierCount]

    @property
    def undecided(self) -> int:
        return self.total - self.decided

    def for_status(self, status: str) -> int:
        return {UNDECIDED: self.undecided, DECIDED: self.decided}.get(status, self.total)


def round_counts(year: int) -> RoundCounts:
    """How many partnerships are decided, and the advice and decisions per tier.

    One query over the whole register, kept in the cache while the partnerships, the
    afwegingen and the decisions stay the same (samenwerkingswijzer/register_figures.py).

    Grouped by (advice, this year's decision): the latest afweging is looked up once per
    partnership and the decision joined, instead of a subquery in every count's filter,
    which cost a lookup per partnership per count (and on PostgreSQL a JIT compile of all
    of them).
    """

    def count() -> list[tuple[str | None, str | None, int]]:
        return list(
            Partnership.objects.active()
            .annotate(
                # One decision per partnership per year (one_tier_decision_per_year).
                current=FilteredRelation("tier_decisions", condition=Q(tier_decisions__year=year)),
                advised_tier=Subquery(_latest_assessment().values("chosen_tier")[:1]),
            )
            .order_by()
            .values_list("advised_tier", "current__tier")
            .annotate(n=Count("pk"))
        )

    groups = cached_figures(
        f"kadernota-{year}", timezone.localdate(), (Partnership, Assessment, TierDecision), count
    )
    advised: Counter[str] = Counter()
    decided: Counter[str] = Counter()
    for advice, decision, n in groups:
        advised[advice or ""] += n
        if decision:
            decided[decision] += n
    return RoundCounts(
        total=sum(advised.values()),
        decided=sum(decided.values()),
        per_tier=[TierCount(tier, advised[tier.value], decided[tier.value]) for tier in Tier],
    )


def kadernota_rows(
    year: int,
    partnerships: Iterable[Partnership] | None = None,
    *,
    ids: Iterable[int] | None = None,
) -> list[KadernotaRow]:
    """One row per partnership, in two queries whatever their number.

    Default: every active partnership. `partnerships` is (a page of) `round_partnerships`;
    `ids` are the rows a posted page holds, ended partnerships included, so that a row
    that ended meanwhile can say so.
    """
    if partnerships is None:
        partnerships = (
            round_partnerships(year)
            if ids is None
            else _with_row_facts(
                Partnership.objects.filter(pk__in=list(ids)).order_by("name", "pk"), year
            )
        )
    rows = []
    for partnership in partnerships:
        decisions = partnership.decisions_until_year  # type: ignore[attr-defined]
        current = decisions[0] if decisions and decisions[0].year == year else None
        earlier = [d for d in decisions if d.year < year]
        advice = partnership.advised_tier or ""  # type: ignore[attr-defined]
        kader_advice = partnership.advised_by_kader or ""  # type: ignore[attr-defined]
        rows.append(
            KadernotaRow(
                partnership=partnership,
                previous=earlier[0] if earlier else None,
                current=current,
                advised_tier=advice,
                advised_by_kader=kader_advice if kader_advice != advice else "",
                assessed_on=partnership.assessed_on,  # type: ignore[attr-defined]
                in_round=not partnership.is_archived,
            )
        )
    return rows
