from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .models import AuditEvent, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "email", "is_active")
    list_filter = ("groups", "is_active", "is_staff")

    # The beheerder keeps people on the pages under /intern/beheer/ (roles, deactivating,
    # the password link, all in the audit log); the admin's user pages stay for superusers.
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if not self.has_view_permission(request) and request.user.has_perm("accounts.manage_users"):
            return redirect("beheer:user_list")
        return super().changelist_view(request, extra_context)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        if not self.has_add_permission(request) and request.user.has_perm("accounts.manage_users"):
            return redirect("beheer:user_create")
        return super().add_view(request, form_url, extra_context)


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
