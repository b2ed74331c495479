"""The register as it stood in a year: each partnership's tier, whether it ran, its figures.

Every document about a year Y (the kadernota, the jaarrekening, the paragraaf verbonden
partijen, the lange termijn agenda) reads the register through this module, so that a
document of a past year shows that year and not today's state. Y is a calendar year,
1 January to 31 December.

**Tier in Y**, the first that exists of:

1. the tier raad and college fixed at the kadernota of Y (the TierDecision of year Y);
2. the latest tier fixed before Y (a decision holds until the next one);
3. the advice valid at the end of Y: the chosen tier of the latest assessment dated on or
   before 31 December of Y (latest date first, then the latest recorded);
4. none ("nog niet afgewogen").

Decisions of later years and assessments dated after Y do not count. This is the rule of
the stored effective tier (`governance/effective_tier.py`, `Partnership.tier`) applied to
what was known in Y; the two differ only when a later year has been decided already.

**Runs in Y**: some day of Y lies within the partnership's looptijd, that is it starts on
or before 31 December of Y and ends on or after 1 January of Y. Its end is:

- its end date, when it is not beëindigd (none: open-ended);
- when it is beëindigd: the end date, or the day its status became beëindigd (read from its
  change history: the last change to beëindigd), whichever came first. A partnership that
  was beëindigd from its first recorded version and has no end date ran at an unknown time:
  it counts in no year. Give it an end date to have it in the documents of earlier years.

A partnership in voorbereiding counts from its planned start date. Which partnerships are a
verbonden partij, their legal form and their names are read as they are now.

**Figures of Y**: the contribution of Y as `Partnership.objects.with_contribution` defines
it (budgeted money, kind financieel) and its actual amount; personele inzet and in natura
apart, never added to the money; and the FinancialPosition of Y.

Whatever the number of partnerships, `partnerships_in_year` runs one query for the
partnerships plus one per kind of related row asked for, and `tiers_in_year` one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.utils import timezone

from partnerships.choices import ContributionKind, Status
from partnerships.models import (
    Contribution,
    FinancialPosition,
    Partnership,
    PartnershipQuerySet,
)
from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import NOT_ASSESSED, tier_label

from .models import Assessment, TierDecision


@dataclass(frozen=True)
class TierInYear:
    """A partnership's tier in a year and where it comes from."""

    tier: str  # a Tier value, "" when not assessed
    decided_year: int | None  # the kadernota that fixed it; None for an advice

    @property
    def enum(self) -> Tier | None:
        return Tier(self.tier) if self.tier else None

    @property
    def label(self) -> str:
        return tier_label(self.enum)

    @property
    def rank(self) -> int:
        return Tier(self.tier).rank if self.tier else len(Tier) + 1

    @property
    def source(self) -> str:
        """Where the tier comes from, in the words the pages use (`Partnership.tier_source`)."""
        if not self.tier:
            return NOT_ASSESSED.lower()
        if self.decided_year:
            return f"vastgesteld bij kadernota {self.decided_year}"
        return "advies, nog niet vastgesteld"


@dataclass(frozen=True)
class YearFigures:
    """What the municipality put in during a year, and the verbonden partij's BBV figures."""

    year: int
    contribution: Decimal | None  # budgeted money (kind financieel): the one definition
    contribution_actual: Decimal | None
    personnel: Contribution | None  # personele inzet, shown apart
    in_kind: Contribution | None  # in natura, shown apart
    position: FinancialPosition | None


@dataclass(frozen=True)
class PartnershipInYear:
    """One partnership as it stood in `year`."""

    partnership: Partnership
    year: int
    tier: TierInYear
    previous_tier: TierInYear  # its tier in the year before
    decision: TierDecision | None  # the decision of the kadernota of `year` itself
    figures: YearFigures
    previous_figures: YearFigures  # the year before (without a financial position)

    @property
    def pk(self) -> int:
        return self.partnership.pk


def first_day(year: int) -> date:
    return date(year, 1, 1)


def last_day(year: int) -> date:
    return date(year, 12, 31)


def _start_of(year: int) -> datetime:
    """Midnight at the start of 1 January, in the municipality's time zone."""
    return timezone.make_aware(datetime(year, 1, 1))


def with_tier_in_year(
    queryset: QuerySet[Partnership], year: int, *, prefix: str = "year"
) -> QuerySet[Partnership]:
    """Annotate `<prefix>_decided_tier`, `<prefix>_decided_year` and `<prefix>_advice`."""
    decided = TierDecision.objects.filter(partnership=OuterRef("pk"), year__lte=year).order_by(
        "-year"
    )
    advice = Assessment.objects.filter(
        partnership=OuterRef("pk"), assessed_on__lte=last_day(year)
    ).order_by("-assessed_on", "-created_at")
    return queryset.annotate(
        **{
            f"{prefix}_decided_tier": Subquery(decided.values("tier")[:1]),
            f"{prefix}_decided_year": Subquery(decided.values("year")[:1]),
            f"{prefix}_advice": Subquery(advice.values("chosen_tier")[:1]),
        }
    )


def tier_of(partnership: Partnership, *, prefix: str = "year") -> TierInYear:
    """The tier read from the annotations of `with_tier_in_year`."""
    decided = getattr(partnership, f"{prefix}_decided_tier")
    if decided:
        return TierInYear(decided, getattr(partnership, f"{prefix}_decided_year"))
    return TierInYear(getattr(partnership, f"{prefix}_advice") or "", None)


def tiers_in_year(year: int, partnership_ids: Iterable[int]) -> dict[int, TierInYear]:
    """The tier in `year` of each of those partnerships, in one query."""
    rows = with_tier_in_year(
        Partnership.objects.filter(pk__in=list(partnership_ids)).only("pk"), year
    )
    return {p.pk: tier_of(p) for p in rows}


def _archived_at() -> Case:
    """When the status last became beëindigd, from the history (None if unknown)."""
    history = Partnership.history.model  # type: ignore[attr-defined]
    ended = Q(status=Status.BEEINDIGD)
    reopened_later = history.objects.filter(
        id=OuterRef("id"), history_date__gt=OuterRef("history_date")
    ).exclude(ended)
    open_before = history.objects.filter(
        id=OuterRef("id"), history_date__lt=OuterRef("history_date")
    ).exclude(ended)
    change = (
        history.objects.filter(ended, id=OuterRef("pk"))
        .filter(~Exists(reopened_later), Exists(open_before))
        .order_by("history_date")
        .values("history_date")[:1]
    )
    # Only beëindigd partnerships need the history; the others skip the subquery.
    return Case(When(ended, then=Subquery(change)), default=None)


def runs_in_year(year: int) -> Q:
    """Partnerships whose looptijd has a day in `year` (needs the `archived_at` annotation)."""
    begin = first_day(year)
    not_ended = Q(end_date__isnull=True) | Q(end_date__gte=begin)
    archived_in_or_after = Q(archived_at__isnull=True) | Q(archived_at__gte=_start_of(year))
    known_end = Q(end_date__isnull=False) | Q(archived_at__isnull=False)
    return Q(start_date__lte=last_day(year)) & (
        (~Q(status=Status.BEEINDIGD) & not_ended)
        | (Q(status=Status.BEEINDIGD) & not_ended & archived_in_or_after & known_end)
    )


def partnerships_in_year(
    year: int,
    queryset: QuerySet[Partnership] | None = None,
    *,
    figures: bool = False,
    positions: bool = False,
    decision: bool = False,
) -> QuerySet[Partnership]:
    """Those of `queryset` (default: all) that ran in `year`, with their tier and contribution
    in `year` and in the year before annotated. `figures` prefetches the contributions of both
    years, `positions` the financial position of `year`, `decision` the decision of `year`.

    Read the rows with `in_year`. Filter on the tier in `year` with `tier_in_year_filter`.
    """
    base = cast(PartnershipQuerySet, Partnership.objects.all() if queryset is None else queryset)
    result = with_tier_in_year(
        with_tier_in_year(
            base.annotate(archived_at=_archived_at()).with_contribution(
                year, name="year_contribution"
            ),
            year,
        ),
        year - 1,
        prefix="previous",
    ).filter(runs_in_year(year))
    if figures:
        result = (
            cast(PartnershipQuerySet, result)
            .with_contribution(year - 1, name="previous_contribution")
            .prefetch_related(
                Prefetch(
                    "contributions",
                    queryset=Contribution.objects.filter(year__in=[year, year - 1]),
                    to_attr="as_of_contributions",
                )
            )
        )
    if positions:
        result = result.prefetch_related(
            Prefetch(
                "financial_positions",
                queryset=FinancialPosition.objects.filter(year=year),
                to_attr="as_of_positions",
            )
        )
    if decision:
        result = result.prefetch_related(
            Prefetch(
                "tier_decisions",
                queryset=TierDecision.objects.filter(year=year),
                to_attr="as_of_decisions",
            )
        )
    return result


def tier_in_year_filter(tiers: Iterable[Tier]) -> Q:
    """On `partnerships_in_year`: the tier in that year is one of `tiers`."""
    values = [t.value for t in tiers]
    return Q(year_decided_tier__in=values) | Q(
        year_decided_tier__isnull=True, year_advice__in=values
    )


def in_year(partnership: Partnership, year: int) -> PartnershipInYear:
    """A row of `partnerships_in_year(year, ...)` read as the partnership stood in `year`."""
    contributions: list[Contribution] = getattr(partnership, "as_of_contributions", [])
    positions: list[FinancialPosition] = getattr(partnership, "as_of_positions", [])
    decisions: list[TierDecision] = getattr(partnership, "as_of_decisions", [])
    return PartnershipInYear(
        partnership=partnership,
        year=year,
        tier=tier_of(partnership),
        previous_tier=tier_of(partnership, prefix="previous"),
        decision=decisions[0] if decisions else None,
        figures=_figures(
            year,
            partnership.year_contribution,  # type: ignore[attr-defined]
            contributions,
            positions[0] if positions else None,
        ),
        previous_figures=_figures(
            year - 1,
            getattr(partnership, "previous_contribution", None),
            contributions,
            None,
        ),
    )


def _figures(
    year: int,
    contribution: Decimal | None,
    contributions: list[Contribution],
    position: FinancialPosition | None,
) -> YearFigures:
    by_kind = {c.kind: c for c in contributions if c.year == year}
    money = by_kind.get(ContributionKind.FINANCIEEL)
    return YearFigures(
        year=year,
        contribution=contribution,
        contribution_actual=money.actual if money else None,
        personnel=by_kind.get(ContributionKind.PERSONEEL),
        in_kind=by_kind.get(ContributionKind.IN_NATURA),
        position=position,
    )
