"""An uploaded register file kept between the preview and the confirmation."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# A preview left open longer than this must be uploaded again.
KEPT_FOR = timedelta(hours=2)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PendingImport(models.Model):
    """The file as uploaded, on the server, under a random token, for the user who sent it.

    Kept in the database rather than on disk, so every app server behind the load balancer
    finds it; the confirmation reads this copy, never data sent back by the browser.
    """

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    file_name = models.CharField("bestandsnaam", max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "import in afwachting"
        verbose_name_plural = "imports in afwachting"

    def __str__(self) -> str:
        return self.file_name

    @classmethod
    def keep(cls, user: object, file_name: str, content: bytes) -> PendingImport:
        cls.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
        return cls.objects.create(user=user, file_name=file_name[:255], content=content)

    @classmethod
    def of(cls, user: object, token: str) -> PendingImport | None:
        return cls.objects.filter(
            token=token, user=user, created_at__gte=timezone.now() - KEPT_FOR
        ).first()
