"""Django admin for the beheerder: the register models with their change history.

The partnership itself is in `dossiers/admin.py`: saving it re-plans its evaluations.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BudgetProgramme,
    Contribution,
    Decision,
    FinancialPosition,
    Organisation,
    Participation,
    PolicyDomain,
)


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
