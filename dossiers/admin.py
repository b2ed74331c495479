"""Admin pages whose save runs a process that re-plans: partnerships, afwegingen, decisions.

They sit in the top layer for the same reason as the pages in `dossiers/views.py`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import F, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from evaluations.assessing import delete_assessment
from evaluations.replanning import replan, tier_facts_changed
from evaluations.tier_deciding import delete_tier_decision
from governance.admin import RulePermissionMixin
from governance.models import Assessment, TierDecision
from partnerships.choices import Motive
from partnerships.models import (
    Contribution,
    Decision,
    FinancialPosition,
    Participation,
    Partnership,
)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organisation"]


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0


class FinancialPositionInline(admin.StackedInline):
    model = FinancialPosition
    extra = 0


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


STALE_IN_ADMIN = (
    "Iemand anders heeft dit samenwerkingsverband intussen gewijzigd. Er is niets opgeslagen. "
    "Open de pagina opnieuw om de nieuwste gegevens te zien, en breng dan uw wijziging aan."
)


class PartnershipAdminForm(forms.ModelForm):
    """The admin's form carries the version it was opened with, like the edit page."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Stored as a JSON list; shown as the named choices instead of raw JSON.
    motives = forms.MultipleChoiceField(
        label="Motieven",
        choices=Motive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Partnership
        fields = "__all__"  # noqa: DJ007  (the ModelAdmin decides which fields it shows)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is not None:
            # One conditional update: a stale form is refused, and two admins saving at
            # once cannot both pass. The admin saves within the same transaction.
            claimed = Partnership.objects.filter(
                pk=self.instance.pk, version=data.get("opened_version") or 0
            ).update(version=F("version") + 1)
            if not claimed:
                raise forms.ValidationError(STALE_IN_ADMIN)
        return data


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    form = PartnershipAdminForm
    list_display = ["name", "legal_form", "tier", "status", "account_holder", "published"]
    list_filter = ["status", "tier", "legal_form", "is_verbonden_partij", "published"]
    search_fields = ["name", "description", "participations__organisation__name"]
    list_select_related = ["account_holder"]
    autocomplete_fields = ["account_holder", "deputy"]
    readonly_fields = ["slug", "tier", "tier_decided_year", "created_at", "updated_at"]
    inlines = [ParticipationInline, ContributionInline, FinancialPositionInline, DecisionInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The looptijd or status may have changed: the plan follows, as on the edit page.
        replan([form.instance.pk])


@admin.register(Assessment)
class AssessmentAdmin(RulePermissionMixin, SimpleHistoryAdmin):  # type: ignore[type-arg]
    list_display = ["partnership", "assessed_on", "framework", "advised_tier", "chosen_tier"]
    list_filter = ["framework", "chosen_tier"]
    list_select_related = ["partnership", "framework"]
    search_fields = ["partnership__name"]
    raw_id_fields = ["partnership", "assessed_by"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        tier_facts_changed([obj.partnership_id])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_assessment(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        ids = list(queryset.values_list("partnership_id", flat=True))
        super().delete_queryset(request, queryset)
        tier_facts_changed(ids)


@admin.register(TierDecision)
class TierDecisionAdmin(RulePermissionMixin, SimpleHistoryAdmin):  # type: ignore[type-arg]
    rule = "governance.decide_tiers"
    list_display = ["partnership", "year", "tier"]
    list_filter = ["year", "tier"]
    list_select_related = ["partnership"]
    search_fields = ["partnership__name"]
    raw_id_fields = ["partnership", "decided_by"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        tier_facts_changed([obj.partnership_id])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_tier_decision(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        ids = list(queryset.values_list("partnership_id", flat=True))
        super().delete_queryset(request, queryset)
        tier_facts_changed(ids)
