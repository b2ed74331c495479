"""Django admin: the raad's adoptions of documents, with their change history."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import DocumentAdoption


@admin.register(DocumentAdoption)
class DocumentAdoptionAdmin(SimpleHistoryAdmin):  # type: ignore[type-arg]
    """Access follows the rule in accounts/rules.py, as the form on the reports page does."""

    list_display = ["document", "year", "adopted_on", "reference", "recorded_by"]
    list_filter = ["document", "year"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm("reports.record_adoption"))

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

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
