from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, EvaluationQuestion, PlanningCalendar, ReminderLog


@admin.register(PlanningCalendar)
class PlanningCalendarAdmin(admin.ModelAdmin):
    """The beheerder keeps the P&C dates; a missing year falls back to the defaults."""

    list_display = ["year", "kadernota_date", "jaarrekening_date", "begroting_date"]


@admin.register(EvaluationQuestion)
class EvaluationQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "kind", "due_date", "status", "rule_key"]
    list_filter = ["status", "kind", "rule"]
    list_select_related = ["partnership"]
    search_fields = ["partnership__name", "title"]
    readonly_fields = ["rule", "rule_key", "completed_by"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "recipient", "reason", "sent_at"]
    list_select_related = ["evaluation__partnership", "recipient"]
