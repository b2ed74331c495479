from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluation, EvaluationQuestion, PlanningCalendar, ReminderLog
from .replanning import replan
from .sync import SyncResult


@admin.register(PlanningCalendar)
class PlanningCalendarAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The beheerder keeps the P&C dates; a missing year falls back to the defaults.

    The kadernota and jaarrekening dates are planning facts (docs/rulebook.md): every save or
    delete re-plans all partnerships at once, in the same transaction.
    """

    list_display = ["year", "kadernota_date", "jaarrekening_date", "begroting_date"]

    def _allowed(self, request: HttpRequest) -> bool:
        # One rule for the whole calendar (accounts/rules.py): the beheerder keeps it.
        return bool(request.user.has_perm("evaluations.change_planningcalendar"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def save_model(
        self, request: HttpRequest, obj: PlanningCalendar, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        self._replanned(request, replan())

    def delete_model(self, request: HttpRequest, obj: PlanningCalendar) -> None:
        super().delete_model(request, obj)
        self._replanned(request, replan())

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[PlanningCalendar]) -> None:
        super().delete_queryset(request, queryset)
        self._replanned(request, replan())

    def _replanned(self, request: HttpRequest, result: SyncResult) -> None:
        if result.changed:
            self.message_user(
                request,
                "De evaluaties zijn opnieuw gepland: "
                f"{result.created} gepland, {result.updated} verschoven, "
                f"{result.lapsed} vervallen.",
                messages.INFO,
            )


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
