"""Django admin for the beheerder: the register models with their change history."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import F
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from evaluations.replanning import replan

from .choices import Motive
from .models import (
    BudgetProgramme,
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    Partnership,
    PolicyDomain,
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


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "place"]
    list_filter = ["kind"]
    search_fields = ["name", "place"]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "organisation", "role", "share"]
    list_select_related = ["partnership", "organisation"]
    search_fields = ["partnership__name", "organisation__name"]


@admin.register(Contribution)
class ContributionAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "year", "kind", "budgeted", "actual"]
    list_filter = ["year", "kind"]
    list_select_related = ["partnership"]
    search_fields = ["partnership__name", "budget_line"]


@admin.register(FinancialPosition)
class FinancialPositionAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "year", "equity_end", "debt_end", "result"]
    list_filter = ["year"]
    list_select_related = ["partnership"]
    search_fields = ["partnership__name"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "date", "body", "reference", "title"]
    list_filter = ["body"]
    list_select_related = ["partnership"]
    search_fields = ["partnership__name", "title", "reference"]


@admin.register(PolicyDomain)
class PolicyDomainAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(BudgetProgramme)
class BudgetProgrammeAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    search_fields = ["name"]
