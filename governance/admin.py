"""Admin for the beheerder: kader versions (copy, activate) and the regimes.

Afwegingen and tier decisions are in `dossiers/admin.py`: changing them re-plans.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from partnerships.tiers import Tier

from .framework import activate, frameworks_with_parts, new_version_from
from .models import (
    Criterion,
    Framework,
    Qualifier,
    TierRegime,
    TierRule,
)
from .scoring import RuleSpec, rule_problems


class RulePermissionMixin:
    """Admin access follows the rule in accounts/rules.py, not Django's model permissions."""

    rule = "governance.change_framework"

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(self.rule))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class FrozenWhenUsedInline(RulePermissionMixin, admin.TabularInline):  # type: ignore[type-arg]
    """Parts of a version that is in use or was used cannot change: make a new version."""

    extra = 0

    def _frozen(self, obj: Framework | None) -> bool:
        return obj is not None and obj.is_frozen

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._frozen(obj) and self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._frozen(obj) and self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._frozen(obj) and self._allowed(request)


class CriterionInline(FrozenWhenUsedInline):
    model = Criterion
    fields = ["order", "code", "text", "help_text", "options", "prefill"]


class QualifierInline(FrozenWhenUsedInline):
    model = Qualifier
    fields = ["order", "code", "text", "short_label", "help_text", "prefill"]


# Rules that change number are moved this far up first, so renumbering (a rule inserted,
# two swapped) never meets a number another rule still holds in the database.
RENUMBER_OFFSET = 1000


class TierRuleFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """The rules of a version, validated as a whole when the beheerder saves the version:
    numbered 1 to n without gaps or doubles, only the last one without conditions
    (docs/rulebook.md). Unknown qualifiers are checked when the version is activated."""

    def validate_unique(self) -> None:
        # Double numbers are reported by clean() in words; nothing else here is unique.
        return

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        rules = [
            RuleSpec(
                number=form.cleaned_data["order"],
                tier=Tier(form.cleaned_data["tier"]),
                min_score=form.cleaned_data.get("min_score") or 0,
                min_qualifiers=form.cleaned_data.get("min_qualifiers") or 0,
                required_qualifier=form.cleaned_data.get("required_qualifier") or "",
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = rule_problems(sorted(rules, key=lambda rule: rule.number), None)
        if problems:
            raise ValidationError(problems)

    def save_existing_objects(self, commit: bool = True) -> list[Any]:
        if commit:
            deleted = self.deleted_forms
            moving = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk and (form in deleted or "order" in form.changed_data)
            ]
            TierRule.objects.filter(pk__in=moving).update(order=F("order") + RENUMBER_OFFSET)
        return super().save_existing_objects(commit)  # type: ignore[no-any-return]


class TierRuleInline(FrozenWhenUsedInline):
    model = TierRule
    formset = TierRuleFormSet
    fields = ["order", "min_score", "min_qualifiers", "required_qualifier", "tier"]


@admin.register(Framework)
class FrameworkAdmin(RulePermissionMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["version", "name", "is_active", "created_at"]
    readonly_fields = ["version", "is_active", "created_at"]
    fields = ["version", "name", "is_active", "notes", "created_at"]
    inlines = [CriterionInline, QualifierInline, TierRuleInline]
    actions = ["make_new_version", "activate_version"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A version starts as a copy of another, so that nothing is forgotten.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Assessments point at their version (PROTECT); an unused draft may go.
        return self._allowed(request) and obj is not None and not obj.assessments.exists()

    @admin.action(description="Nieuwe versie maken op basis van de gekozen versie")
    def make_new_version(self, request: HttpRequest, queryset: QuerySet[Framework]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één versie.", messages.ERROR)
            return
        source = frameworks_with_parts().get(pk=queryset.get().pk)
        copy = new_version_from(source)
        self.message_user(
            request,
            f"Versie {copy.version} is gemaakt, nog niet in gebruik. "
            "Pas haar aan en activeer haar daarna.",
            messages.SUCCESS,
        )

    @admin.action(description="Activeren: nieuwe afwegingen gebruiken deze versie")
    def activate_version(self, request: HttpRequest, queryset: QuerySet[Framework]) -> None:
        if queryset.count() != 1:
            self.message_user(request, "Kies precies één versie.", messages.ERROR)
            return
        framework = frameworks_with_parts().get(pk=queryset.get().pk)
        problems = activate(framework)
        if problems:
            self.message_user(
                request,
                f"Versie {framework.version} is niet geactiveerd: {' '.join(problems)}",
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            f"Versie {framework.version} is nu in gebruik. Eerdere afwegingen houden hun versie.",
            messages.SUCCESS,
        )


@admin.register(TierRegime)
class TierRegimeAdmin(RulePermissionMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["tier", "risk_analyses_per_year"]
    # The evaluations a tier asks for follow from the planning rules (docs/rulebook.md), not
    # from text kept here; the regime shows them from governance/evaluation_duties.py.
    exclude = ["evaluation"]
