"""Admin for the beheerder: kader versions (copy, activate), regimes, assessments, decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .framework import activate, frameworks_with_parts, new_version_from
from .models import (
    Assessment,
    Criterion,
    Framework,
    Qualifier,
    TierDecision,
    TierRegime,
    TierRule,
)


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
        return obj is not None and (obj.is_active or obj.assessments.exists())

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


class TierRuleInline(FrozenWhenUsedInline):
    model = TierRule
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


@admin.register(Assessment)
class AssessmentAdmin(RulePermissionMixin, SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ["partnership", "assessed_on", "framework", "advised_tier", "chosen_tier"]
    list_filter = ["framework", "chosen_tier"]
    list_select_related = ["partnership", "framework"]
    search_fields = ["partnership__name"]
    raw_id_fields = ["partnership", "assessed_by"]


@admin.register(TierDecision)
class TierDecisionAdmin(RulePermissionMixin, SimpleHistoryAdmin):  # type: ignore[type-arg]
    rule = "governance.decide_tiers"
    list_display = ["partnership", "year", "tier"]
    list_filter = ["year", "tier"]
    list_select_related = ["partnership"]
    search_fields = ["partnership__name"]
    raw_id_fields = ["partnership", "decided_by"]
