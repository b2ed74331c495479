"""Users and their roles (lezer, accounthouder, beheerder)."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class Role(models.TextChoices):
    """The three roles of DESIGN.md 2; each is a Django group of the same name."""

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
