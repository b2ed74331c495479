"""Signal handlers: the audit log of logins and register changes, and ending sessions."""

import time
from typing import Any

from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone
from simple_history.models import HistoricalChanges

from . import audit
from .models import AuditAction, AuditResult, User

# The apps whose data is the register (docs/rulebook.md); users and groups are added below.
REGISTER_APPS = ("partnerships", "governance", "evaluations", "reports")
LOGIN_TIME_KEY = "login_time"


def audited_models() -> list[type[models.Model]]:
    register = [
        model
        for app_label in REGISTER_APPS
        for model in apps.get_app_config(app_label).get_models()
        # simple_history's own rows are the field-level history, not register data.
        if not issubclass(model, HistoricalChanges)
    ]
    return [*register, User, Group]


def _on_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    update_fields = kwargs.get("update_fields")
    if kwargs.get("raw") or (update_fields is not None and set(update_fields) == {"last_login"}):
        # Fixture loading, and the last-login stamp (the login itself is logged).
        return
    audit.record_change(AuditAction.CREATE if created else AuditAction.UPDATE, instance)


def _on_delete(sender: Any, instance: models.Model, **kwargs: Any) -> None:
    audit.record_change(AuditAction.DELETE, instance)


def _on_roles_changed(
    sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any
) -> None:
    # Group membership and permissions are privileged changes (BIO 5.18.01).
    if action in ("post_add", "post_remove", "post_clear"):
        audit.record_change(AuditAction.UPDATE, instance)


def _record_session_event(action: AuditAction, request: HttpRequest, user: User) -> None:
    audit.record(
        action,
        AuditResult.SUCCESS,
        object_type=audit.object_type_of(User),
        object_id=user.pk,
        object_repr=user.get_username(),
        request=request,
        actor=user,
        actor_name=user.get_username(),
    )


def _on_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    request.session[LOGIN_TIME_KEY] = int(time.time())
    _record_session_event(AuditAction.LOGIN, request, user)


def _on_logout(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        _record_session_event(AuditAction.LOGOUT, request, user)


def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the username: Django has already masked the password in `credentials`.
    username = str(credentials.get(User.USERNAME_FIELD) or "")
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    locked_out = getattr(request, "axes_locked_out", False)
    audit.record(
        AuditAction.LOGIN_FAILED,
        AuditResult.LOCKED_OUT if locked_out else AuditResult.FAILURE,
        object_type=audit.object_type_of(User),
        object_id=user.pk if user else "",
        object_repr=username or "(geen naam)",
        request=request,
        actor=user,
        actor_name=username or audit.ANONYMOUS,
    )


def end_sessions_of(user: User) -> int:
    """Delete every live session of the user; returns how many there were."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def _on_user_saved(sender: type[User], instance: User, **kwargs: Any) -> None:
    # A disabled account must lose access at once, not when its sessions time out.
    if not instance.is_active and not kwargs.get("raw"):
        end_sessions_of(instance)


def connect() -> None:
    for model in audited_models():
        uid = f"audit:{model._meta.label_lower}"
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_on_roles_changed, sender=through, dispatch_uid=f"audit:{through}")
    post_save.connect(_on_user_saved, sender=User, dispatch_uid="end_sessions_of_disabled_user")
    user_logged_in.connect(_on_login, dispatch_uid="audit:login")
    user_logged_out.connect(_on_logout, dispatch_uid="audit:logout")
    user_login_failed.connect(_on_login_failed, dispatch_uid="audit:login_failed")
