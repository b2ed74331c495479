"""The published register: querysets that load published records and public fields only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from evaluations.models import Evaluation
from governance.models import TierDecision
from governance.tiers import Tier
from partnerships.choices import ContributionKind, ParticipationRole
from partnerships.models import Contribution, Decision, Participation, Partnership

from .fields import PUBLIC_FIELDS


def _only(model_key: str, *extra: str) -> tuple[str, ...]:
    return (*PUBLIC_FIELDS[model_key], *extra)


def participations() -> QuerySet[Participation]:
    organisation_fields = [f"organisation__{name}" for name in PUBLIC_FIELDS["organisation"]]
    return (
        Participation.objects.select_related("organisation")
        .only(*_only("participation", "partnership"), *organisation_fields)
        # The penvoerder first: the partner to contact; then alphabetically.
        .order_by(
            Case(When(role=ParticipationRole.PENVOERDER, then=Value(0)), default=Value(1)),
            "organisation__name",
        )
    )


def contributions() -> QuerySet[Contribution]:
    return Contribution.objects.only(*_only("contribution", "partnership")).order_by(
        "-year", "kind"
    )


def financial_contribution_in(year: int) -> Subquery:
    """The municipality's budgeted financial contribution in `year`, as a subquery.

    A subquery, not a join, so that the partner-name search cannot multiply the sum.
    """
    totals = (
        Contribution.objects.filter(
            partnership=OuterRef("pk"), year=year, kind=ContributionKind.FINANCIEEL
        )
        .values("partnership")
        .annotate(total=Sum("budgeted"))
        .values("total")
    )
    return Subquery(totals, output_field=DecimalField(max_digits=14, decimal_places=2))


def tier_rank() -> Case:
    """Sort the tiers from most to least important; 'not weighed' last."""
    return Case(
        *(When(tier=tier.value, then=Value(tier.rank)) for tier in Tier),
        default=Value(len(Tier) + 1),
        output_field=IntegerField(),
    )


def published_partnerships() -> QuerySet[Partnership]:
    """Every published partnership with its public fields and reference lists."""
    return (
        Partnership.objects.published()
        .select_related("policy_domain", "budget_programme")
        .only(
            *PUBLIC_FIELDS["partnership"],
            "policy_domain__name",
            "budget_programme__name",
            "budget_programme__number",
        )
    )


OVERVIEW_FIELDS = (
    "name",
    "slug",
    "policy_domain__name",
    "legal_form",
    "tier",
    "start_date",
    "end_date",
)


def overview_partnerships(year: int) -> QuerySet[Partnership]:
    """The rows of the public overview, with this year's contribution in one query.

    Only the columns shown are loaded: sorting 5,000 rows carries every selected column.
    `published IN (true)` rather than `published = true`, which Django writes as a bare
    column that SQLite cannot look up in the (published, name) index: with the index the
    default sort by name reads only the page instead of sorting the whole register.
    """
    return (
        Partnership.objects.filter(published__in=[True])
        .select_related("policy_domain")
        .only(*OVERVIEW_FIELDS)
        .annotate(
            contribution_this_year=Coalesce(
                financial_contribution_in(year),
                Value(Decimal("0")),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            ),
            tier_order=tier_rank(),
        )
    )


def open_data_partnerships() -> QuerySet[Partnership]:
    """The published register with partners and contributions, for the open-data files."""
    return published_partnerships().prefetch_related(
        Prefetch("participations", queryset=participations()),
        Prefetch("contributions", queryset=contributions()),
    )


def detail_partnerships() -> QuerySet[Partnership]:
    """What the public page of one partnership needs, in a fixed number of queries."""
    return published_partnerships().prefetch_related(
        Prefetch("participations", queryset=participations()),
        Prefetch("contributions", queryset=contributions()),
        Prefetch(
            "decisions",
            queryset=Decision.objects.only(*_only("decision", "partnership")).order_by("-date"),
        ),
        Prefetch(
            "tier_decisions",
            queryset=TierDecision.objects.only(*_only("tierdecision", "partnership")).order_by(
                "-year"
            ),
            to_attr="public_tier_decisions",
        ),
        Prefetch(
            "evaluations",
            queryset=Evaluation.objects.filter(published=True)
            .only(*_only("evaluation", "partnership"))
            .order_by("-completed_on", "-due_date"),
            to_attr="published_evaluations",
        ),
    )


def current_year() -> int:
    return date.today().year
