"""Users and their roles (lezer, accounthouder, beheerder)."""

import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Role(models.TextChoices):
    """The three roles (see accounts/rules.py); each is a Django group of the same name."""

    LEZER = "lezer", "Lezer"
    ACCOUNTHOUDER = "accounthouder", "Accounthouder"
    BEHEERDER = "beheerder", "Beheerder"


class User(AbstractUser):
    """A civil servant, member of the griffie or college, or functioneel beheerder."""

    calendar_token = models.CharField(
        "token agenda-abonnement", max_length=64, default=new_calendar_token, unique=True
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return f"/admin/accounts/user/{self.pk}/change/"

    def has_role(self, role: Role) -> bool:
        if self.is_superuser:
            return True
        # One query per request at most: group names are cached on the instance.
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return role.value in self._role_names

    @property
    def is_beheerder(self) -> bool:
        return self.has_role(Role.BEHEERDER)

    @property
    def is_accounthouder(self) -> bool:
        return self.has_role(Role.ACCOUNTHOUDER)

    @property
    def is_lezer(self) -> bool:
        return self.has_role(Role.LEZER)

    @property
    def can_read_internal(self) -> bool:
        return self.is_beheerder or self.is_accounthouder or self.is_lezer

    def renew_calendar_token(self) -> None:
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])


class AuditAction(models.TextChoices):
    LOGIN = "login", "Ingelogd"
    LOGOUT = "logout", "Uitgelogd"
    LOGIN_FAILED = "login_failed", "Inloggen mislukt"
    ACCESS_DENIED = "access_denied", "Toegang geweigerd"
    CREATE = "create", "Aangemaakt"
    UPDATE = "update", "Gewijzigd"
    DELETE = "delete", "Verwijderd"


class AuditResult(models.TextChoices):
    SUCCESS = "success", "Gelukt"
    FAILURE = "failure", "Mislukt"
    LOCKED_OUT = "locked_out", "Geblokkeerd"
    DENIED = "denied", "Geweigerd"


AUDIT_LOG_IS_APPEND_ONLY = "Het auditlog kan niet worden gewijzigd."


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    # Deleting a user still sets `actor` to NULL: that goes through the base manager.
    def update(self, **kwargs: Any) -> int:
        raise PermissionError(AUDIT_LOG_IS_APPEND_ONLY)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(AUDIT_LOG_IS_APPEND_ONLY)


class AuditEvent(models.Model):
    """One security-relevant event: who did what to which object, when, from where, result.

    Append-only (BIO 8.15.01 fields); values of fields are never stored, so no secrets.
    """

    # Stored in UTC like every time here; pages show it in TIME_ZONE, so the label names no zone.
    time = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name="gebruiker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the user is deleted, and the attempted name for a failed login.
    actor_name = models.CharField("naam gebruiker", max_length=150)
    action = models.CharField("handeling", max_length=20, choices=AuditAction.choices)
    object_type = models.CharField("soort object", max_length=100)
    object_id = models.CharField("id object", max_length=255, blank=True)
    object_repr = models.CharField("object", max_length=200)
    result = models.CharField("resultaat", max_length=20, choices=AuditResult.choices)
    origin = models.CharField(
        "herkomst", max_length=64, help_text="IP-adres, of 'systeem' buiten een webverzoek."
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        ordering = ["-time", "-pk"]

    def __str__(self) -> str:
        action = self.get_action_display()
        return f"{self.time:%Y-%m-%d %H:%M} {self.actor_name}: {action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError(AUDIT_LOG_IS_APPEND_ONLY)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/admin/accounts/auditevent/{self.pk}/change/"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(AUDIT_LOG_IS_APPEND_ONLY)
