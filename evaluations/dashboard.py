"""What the internal start page (/intern/) shows: what needs the user's attention.

A fixed number of queries, however large the register: each block is one query (or a
query and its count), and the lists are capped, with a link to the full table.

The figures over the whole register (the totals, the counts per tier, the contributions per
year) read every row: they come from the cache while the tables they count stay the same
(samenwerkingswijzer/register_figures.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Sum, When
from django.db.models import Value as V

from governance.models import Assessment
from partnerships.models import Contribution, Partnership
from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import NOT_ASSESSED
from samenwerkingswijzer.register_figures import cached_figures

from .charts import BarChart, bar_chart
from .models import Evaluation
from .planning import add_months

# The dashboard looks further ahead than the reminders (30 days, evaluations/reminders.py).
SHOWN_DUE_WITHIN = timedelta(days=60)
ENDING_WITHIN_MONTHS = 12
ASSESSMENT_VALID_MONTHS = 12
LIST_LIMIT = 25
CHART_YEARS = 10


@dataclass(frozen=True)
class EndingPartnership:
    partnership: Partnership
    # The last day to give notice so that the partnership ends on its end date.
    notice_by: date | None


@dataclass(frozen=True)
class TierCount:
    label: str
    count: int


@dataclass(frozen=True)
class ContributionYear:
    year: int
    budgeted: Decimal
    actual: Decimal | None


@dataclass
class Dashboard:
    my_partnerships: list[Partnership]  # the first LIST_LIMIT, of my_total
    my_total: int
    due_evaluations: Sequence[Evaluation]
    due_total: int
    ending: list[EndingPartnership]  # the first LIST_LIMIT, of ending_total
    ending_total: int
    ending_until: date
    unassessed: list[Partnership]
    unassessed_total: int
    tier_counts: list[TierCount]
    contributions: list[ContributionYear]
    chart: BarChart
    today: date


def is_mine(user: Any) -> Case:
    return Case(
        When(Q(partnership__account_holder=user) | Q(partnership__deputy=user), then=V(True)),
        default=V(False),
        output_field=BooleanField(),
    )


def every_year(found: list[ContributionYear]) -> list[ContributionYear]:
    """The last CHART_YEARS years up to the newest with contributions, oldest first.

    A year in between without contributions stays on the axis with zero: leaving it out
    would put the years on either side next to each other and hide the gap.
    """
    if not found:
        return []
    by_year = {c.year: c for c in found}
    newest = max(by_year)
    oldest = max(min(by_year), newest - CHART_YEARS + 1)
    nothing = Decimal(0)
    return [
        by_year.get(year, ContributionYear(year, nothing, nothing))
        for year in range(oldest, newest + 1)
    ]


@dataclass(frozen=True)
class RegisterFigures:
    """What the dashboard counts over the whole register: the same for every user."""

    due_total: int
    ending_total: int
    unassessed_total: int
    tier_counts: dict[str, int]
    # (year, budgeted, actual) of the newest CHART_YEARS years with contributions.
    per_year: list[tuple[int, Decimal, Decimal | None]]


def due_evaluations_of(today: date) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.open()
        .filter(due_date__lte=today + SHOWN_DUE_WITHIN)
        .select_related("partnership")
    )


def ending_partnerships_of(today: date) -> QuerySet[Partnership]:
    ending_until = add_months(today, ENDING_WITHIN_MONTHS)
    return Partnership.objects.active().filter(end_date__gte=today, end_date__lte=ending_until)


def unassessed_partnerships_of(today: date) -> QuerySet[Partnership]:
    recent_assessment = Assessment.objects.filter(
        partnership=OuterRef("pk"),
        assessed_on__gt=add_months(today, -ASSESSMENT_VALID_MONTHS),
    )
    return Partnership.objects.active().filter(~Exists(recent_assessment))


def count_register(today: date) -> RegisterFigures:
    per_year = (
        Contribution.objects.financial()
        .order_by()
        .values("year")
        .annotate(budgeted=Sum("budgeted"), actual=Sum("actual"))
        .order_by("-year")[:CHART_YEARS]
    )
    counts = Partnership.objects.active().order_by().values_list("tier").annotate(n=Count("pk"))
    return RegisterFigures(
        due_total=due_evaluations_of(today).count(),
        ending_total=ending_partnerships_of(today).count(),
        unassessed_total=unassessed_partnerships_of(today).count(),
        tier_counts=dict(counts),
        per_year=[(r["year"], r["budgeted"], r["actual"]) for r in per_year],
    )


# The tables the figures count: a write to any of them counts anew.
COUNTED = (Partnership, Contribution, Evaluation, Assessment)
# The fields are part of the name: a release that changes them never reads an older entry.
FIGURES_NAME = "dashboard:" + ",".join(f.name for f in fields(RegisterFigures))


def register_figures(today: date) -> RegisterFigures:
    stored = cached_figures(FIGURES_NAME, today, COUNTED, lambda: asdict(count_register(today)))
    return RegisterFigures(**stored)


def build_dashboard(user: Any, today: date) -> Dashboard:
    figures = register_figures(today)
    mine = Partnership.objects.of_user(user)
    my_partnerships = list(
        mine.only("name", "tier", "tier_decided_year", "status", "end_date").order_by("name")[
            :LIST_LIMIT
        ]
    )
    my_total = mine.count()

    # Everyone sees every evaluation that needs attention; the user's own come first. All of
    # them are sorted, so only the columns the list shows: narrow rows sort faster.
    due_evaluations = list(
        due_evaluations_of(today)
        .only("due_date", "title", "kind", "status", "partnership__name")
        .annotate(is_mine=is_mine(user))
        .order_by("-is_mine", "due_date", "pk")[:LIST_LIMIT]
    )

    ending = [
        EndingPartnership(
            p,
            add_months(p.end_date, -p.notice_period_months)
            if p.end_date and p.notice_period_months
            else None,
        )
        for p in ending_partnerships_of(today)
        .select_related("account_holder")
        .order_by("end_date", "name")[:LIST_LIMIT]
    ]
    unassessed = list(
        unassessed_partnerships_of(today)
        .select_related("account_holder")
        .order_by("name")[:LIST_LIMIT]
    )

    counts = figures.tier_counts
    tier_counts = [TierCount(tier.label, counts.get(tier.value, 0)) for tier in Tier]
    tier_counts.append(TierCount(NOT_ASSESSED, counts.get("", 0)))
    contributions = every_year([ContributionYear(*row) for row in figures.per_year])
    chart = bar_chart([(str(c.year), c.budgeted) for c in contributions])

    return Dashboard(
        my_partnerships=my_partnerships,
        my_total=my_total,
        due_evaluations=due_evaluations,
        due_total=figures.due_total,
        ending=ending,
        ending_total=figures.ending_total,
        ending_until=add_months(today, ENDING_WITHIN_MONTHS),
        unassessed=unassessed,
        unassessed_total=figures.unassessed_total,
        tier_counts=tier_counts,
        contributions=contributions,
        chart=chart,
        today=today,
    )
