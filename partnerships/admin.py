"""Django admin for the beheerder: the register models with their change history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "legal_form", "tier", "status", "account_holder", "published"]
    list_filter = ["status", "tier", "legal_form", "is_verbonden_partij", "published"]
    search_fields = ["name", "description", "participations__organisation__name"]
    list_select_related = ["account_holder"]
    autocomplete_fields = ["account_holder", "deputy"]
    readonly_fields = ["slug", "tier", "tier_decided_year", "created_at", "updated_at"]
    inlines = [ParticipationInline, ContributionInline, FinancialPositionInline, DecisionInline]


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
