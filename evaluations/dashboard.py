"""What the internal start page (/intern/) shows: what needs the user's attention.

A fixed number of queries, however large the register: each block is one query (or a
query and its count), and the lists are capped, with a link to the full table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, Sum, When
from django.db.models import Value as V

from governance.models import Assessment
from partnerships.models import Contribution, Partnership
from partnerships.tiers import Tier
from samenwerkingswijzer.formatting import NOT_ASSESSED

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


def build_dashboard(user: Any, today: date) -> Dashboard:
    active = Partnership.objects.active()
    mine = Partnership.objects.of_user(user)
    my_partnerships = list(
        mine.only("name", "tier", "tier_decided_year", "status", "end_date").order_by("name")[
            :LIST_LIMIT
        ]
    )
    my_total = mine.count()

    # Everyone sees every evaluation that needs attention; the user's own come first.
    due = (
        Evaluation.objects.open()
        .filter(due_date__lte=today + SHOWN_DUE_WITHIN)
        .select_related("partnership")
    )
    due_evaluations = list(
        due.annotate(is_mine=is_mine(user)).order_by("-is_mine", "due_date", "pk")[:LIST_LIMIT]
    )
    due_total = due.count()

    ending_until = add_months(today, ENDING_WITHIN_MONTHS)
    ending_qs = active.filter(end_date__gte=today, end_date__lte=ending_until)
    ending = [
        EndingPartnership(
            p,
            add_months(p.end_date, -p.notice_period_months)
            if p.end_date and p.notice_period_months
            else None,
        )
        for p in ending_qs.select_related("account_holder").order_by("end_date", "name")[
            :LIST_LIMIT
        ]
    ]
    ending_total = ending_qs.count()

    recent_assessment = Assessment.objects.filter(
        partnership=OuterRef("pk"),
        assessed_on__gt=add_months(today, -ASSESSMENT_VALID_MONTHS),
    )
    unassessed_qs = active.filter(~Exists(recent_assessment)).select_related("account_holder")
    unassessed = list(unassessed_qs.order_by("name")[:LIST_LIMIT])
    unassessed_total = unassessed_qs.count()

    counts = dict(active.order_by().values_list("tier").annotate(n=Count("pk")))
    tier_counts = [TierCount(tier.label, counts.get(tier.value, 0)) for tier in Tier]
    tier_counts.append(TierCount(NOT_ASSESSED, counts.get("", 0)))

    per_year = (
        Contribution.objects.financial()
        .order_by()
        .values("year")
        .annotate(budgeted=Sum("budgeted"), actual=Sum("actual"))
        .order_by("-year")[:CHART_YEARS]
    )
    contributions = every_year(
        [ContributionYear(r["year"], r["budgeted"], r["actual"]) for r in per_year]
    )
    chart = bar_chart([(str(c.year), c.budgeted) for c in contributions])

    return Dashboard(
        my_partnerships=my_partnerships,
        my_total=my_total,
        due_evaluations=due_evaluations,
        due_total=due_total,
        ending=ending,
        ending_total=ending_total,
        ending_until=ending_until,
        unassessed=unassessed,
        unassessed_total=unassessed_total,
        tier_counts=tier_counts,
        contributions=contributions,
        chart=chart,
        today=today,
    )
