"""Adapts Framework rows to the pure kader of governance/scoring.py, and versions the kader."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, QuerySet

from partnerships.choices import LegalForm, Regulation
from partnerships.models import Partnership
from partnerships.tiers import Tier

from .models import Assessment, Criterion, Framework, Prefill, Qualifier, TierRule
from .scoring import (
    Answers,
    CriterionSpec,
    Kader,
    Option,
    Prefilled,
    QualifierSpec,
    RuleSpec,
    kader_problems,
    prefill_k4,
    prefill_q1,
)


def frameworks_with_parts() -> QuerySet[Framework]:
    return Framework.objects.prefetch_related("criteria", "qualifiers", "rules")


def active_framework() -> Framework | None:
    return frameworks_with_parts().filter(is_active=True).first()


def kader_of(framework: Framework) -> Kader:
    """The pure kader of a framework; use frameworks_with_parts() to avoid extra queries."""
    return Kader(
        version=framework.version,
        criteria=tuple(
            CriterionSpec(
                code=c.code,
                text=c.text,
                help_text=c.help_text,
                prefill=c.prefill,
                options=tuple(Option(str(o["label"]), int(o["points"])) for o in c.options),
            )
            for c in framework.criteria.all()
        ),
        qualifiers=tuple(
            QualifierSpec(q.code, q.text, q.short_label, q.help_text, q.prefill)
            for q in framework.qualifiers.all()
        ),
        rules=tuple(
            RuleSpec(
                number=r.order,
                tier=Tier(r.tier),
                min_score=r.min_score,
                min_qualifiers=r.min_qualifiers,
                required_qualifier=r.required_qualifier,
            )
            for r in framework.rules.all()
        ),
    )


def answers_of(assessment: Assessment) -> Answers:
    return Answers(
        criteria={k: int(v) for k, v in assessment.criterion_answers.items()},
        qualifiers={k: bool(v) for k, v in assessment.qualifier_answers.items()},
    )


def prefills_for(
    partnership: Partnership, kader: Kader
) -> dict[str, Prefilled[int] | Prefilled[bool]]:
    """Answers proposed from the facts, per criterion or qualifier code (one query at most)."""
    prefills: dict[str, Prefilled[int] | Prefilled[bool]] = {}
    for criterion in kader.criteria:
        if criterion.prefill == Prefill.CONTRIBUTIONS:
            # K4: the largest contribution of one year (PartnershipQuerySet.with_contribution).
            amounts = partnership.contributions.financial().values_list("year", "budgeted")
            prefills[criterion.code] = prefill_k4(amounts)
    for qualifier in kader.qualifiers:
        if qualifier.prefill == Prefill.LEGAL_ROLE:
            prefills[qualifier.code] = prefill_q1(
                partnership.get_legal_form_display(),
                partnership.legal_form in LegalForm.with_own_body(),
                partnership.regulation == Regulation.RAADSREGELING,
            )
    return prefills


@transaction.atomic
def new_version_from(framework: Framework) -> Framework:
    """Copy a version with its criteria, qualifiers and rules into the next, inactive one."""
    next_version = (Framework.objects.aggregate(Max("version"))["version__max"] or 0) + 1
    copy = Framework.objects.create(
        version=next_version,
        name=framework.name,
        is_active=False,
        notes=f"Gemaakt op basis van versie {framework.version}.",
    )
    Criterion.objects.bulk_create(
        Criterion(
            framework=copy,
            code=c.code,
            text=c.text,
            help_text=c.help_text,
            options=c.options,
            prefill=c.prefill,
            order=c.order,
        )
        for c in framework.criteria.all()
    )
    Qualifier.objects.bulk_create(
        Qualifier(
            framework=copy,
            code=q.code,
            text=q.text,
            short_label=q.short_label,
            help_text=q.help_text,
            prefill=q.prefill,
            order=q.order,
        )
        for q in framework.qualifiers.all()
    )
    TierRule.objects.bulk_create(
        TierRule(
            framework=copy,
            order=r.order,
            min_score=r.min_score,
            min_qualifiers=r.min_qualifiers,
            required_qualifier=r.required_qualifier,
            tier=r.tier,
        )
        for r in framework.rules.all()
    )
    return copy


def activate(framework: Framework) -> list[str]:
    """Make this the version new assessments use; returns the problems that prevent it."""
    problems = kader_problems(kader_of(framework))
    if problems:
        return problems
    with transaction.atomic():
        # The database allows one active version: switch the old one off first.
        Framework.objects.filter(is_active=True).exclude(pk=framework.pk).update(is_active=False)
        Framework.objects.filter(pk=framework.pk).update(is_active=True)
    framework.is_active = True
    return []
