"""The published register: querysets that load published records and public fields only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from django.db.models import Case, Prefetch, QuerySet, Value, When

from evaluations.models import Evaluation
from governance.models import TierDecision
from partnerships.choices import ParticipationRole
from partnerships.models import (
    Contribution,
    Decision,
    FinancialPosition,
    Participation,
    Partnership,
    PartnershipQuerySet,
)

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
        .with_contribution(year, name="contribution_this_year", default=Decimal("0"))
    )


def open_data_partnerships(year: int) -> QuerySet[Partnership]:
    """The open-data rows, each with its contribution in `year` as `contribution`."""
    return cast(PartnershipQuerySet, open_data_rows()).with_contribution(year)


def open_data_rows() -> QuerySet[Partnership]:
    """The published register with every public related row, for the open-data files.

    The same rows as the public page, so that the files hold what the page shows.
    """
    return detail_partnerships()


def financial_positions() -> QuerySet[FinancialPosition]:
    return FinancialPosition.objects.only(*_only("financialposition", "partnership")).order_by(
        "-year"
    )


def detail_partnerships() -> QuerySet[Partnership]:
    """What the public page of one partnership needs, in a fixed number of queries."""
    return published_partnerships().prefetch_related(
        Prefetch("participations", queryset=participations()),
        Prefetch("contributions", queryset=contributions()),
        Prefetch("financial_positions", queryset=financial_positions()),
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
