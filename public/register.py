"""The published register: querysets that load published records and public fields only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

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
    "status",
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
    """The open-data rows, each with its contribution in `year` as `contribution`; their
    related rows come from `open_data_lists`."""
    return cast(PartnershipQuerySet, published_partnerships()).with_contribution(year)


def open_data_lists(*names: str) -> dict[str, QuerySet[Any]]:
    """The related rows of the open-data files as plain values, by list name, each in the
    order the public page shows them: only public fields, only published evaluations."""
    lists: dict[str, QuerySet[Any]] = {
        "participations": participations().values(
            "partnership_id",
            *(name for name in PUBLIC_FIELDS["participation"] if name != "organisation"),
            *(f"organisation__{name}" for name in PUBLIC_FIELDS["organisation"]),
        ),
        "contributions": contributions().values("partnership_id", *PUBLIC_FIELDS["contribution"]),
        "financial_positions": financial_positions().values(
            "partnership_id", *PUBLIC_FIELDS["financialposition"]
        ),
        "tier_decisions": tier_decisions().values("partnership_id", *PUBLIC_FIELDS["tierdecision"]),
        "evaluations": published_evaluations().values(
            "partnership_id", *PUBLIC_FIELDS["evaluation"]
        ),
        "decisions": decisions().values("partnership_id", *PUBLIC_FIELDS["decision"]),
    }
    return {name: lists[name] for name in names}


def financial_positions() -> QuerySet[FinancialPosition]:
    return FinancialPosition.objects.only(*_only("financialposition", "partnership")).order_by(
        "-year"
    )


def tier_decisions() -> QuerySet[TierDecision]:
    return TierDecision.objects.only(*_only("tierdecision", "partnership")).order_by("-year")


def published_evaluations() -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(published=True)
        .only(*_only("evaluation", "partnership"))
        .order_by("-completed_on", "-due_date")
    )


def decisions() -> QuerySet[Decision]:
    return Decision.objects.only(*_only("decision", "partnership")).order_by("-date")


def detail_partnerships() -> QuerySet[Partnership]:
    """What the public page of one partnership needs, in a fixed number of queries."""
    return published_partnerships().prefetch_related(
        Prefetch("participations", queryset=participations()),
        Prefetch("contributions", queryset=contributions()),
        Prefetch("financial_positions", queryset=financial_positions()),
        Prefetch("decisions", queryset=decisions()),
        Prefetch("tier_decisions", queryset=tier_decisions(), to_attr="public_tier_decisions"),
        Prefetch("evaluations", queryset=published_evaluations(), to_attr="published_evaluations"),
    )


def current_year() -> int:
    return date.today().year
