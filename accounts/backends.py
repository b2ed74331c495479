"""Local username/password login, which production can switch off (LOCAL_LOGIN=false)."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User


class LocalPasswordBackend(ModelBackend):
    """Django's ModelBackend: passwords only while LOCAL_LOGIN is on; permissions always."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not settings.LOCAL_LOGIN:
            return None
        return super().authenticate(request, username, password, **kwargs)
