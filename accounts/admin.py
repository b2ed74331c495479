from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from .models import AuditEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "is_active")
    list_filter = ("groups", "is_active", "is_staff")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: the beheerder reads it, nobody changes it."""

    list_display = (
        "time",
        "actor_name",
        "action",
        "object_type",
        "object_repr",
        "result",
        "origin",
    )
    list_filter = ("action", "result", "object_type")
    search_fields = ("actor_name", "object_repr", "object_id", "origin")
    date_hierarchy = "time"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
