"""Requesting a new password by e-mail, rate-limited per address and per e-mail address.

The page answers the same for every request: known or unknown address, or over the limit.
So it never tells who has an account, and a limit cannot be probed either.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from samenwerkingswijzer.security import client_ip


def _counter_key(kind: str, value: str) -> str:
    # Hashed: the cache holds no e-mail addresses, and any value makes a valid key.
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"password-reset:{kind}:{digest}"


def within_limit(kind: str, value: str, limit: int) -> bool:
    """Count one request for `value`; False once more than `limit` came in this window."""
    key = _counter_key(kind, value)
    window = settings.PASSWORD_RESET_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


class RateLimitedPasswordResetView(PasswordResetView):
    """Django's password reset, with the site's own mail text and a limit per hour."""

    form_class = PasswordResetForm
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"

    def get_extra_email_context(self) -> dict[str, Any]:
        # The link is built from SITE_URL, never from the Host header of the request.
        return {
            "site_url": settings.SITE_URL.rstrip("/"),
            "municipality_name": settings.MUNICIPALITY_NAME,
        }

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        # Both counters count every request, also one that the other limit stops.
        address_ok = within_limit(
            "address", client_ip(self.request), settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        )
        email_ok = within_limit("email", email, settings.PASSWORD_RESET_LIMIT_PER_EMAIL)
        if address_ok and email_ok:
            self.extra_email_context = self.get_extra_email_context()
            return super().form_valid(form)
        # Over a limit: no mail, and the same answer as always.
        return HttpResponseRedirect(self.get_success_url())


class _OneUserPasswordForm(PasswordResetForm):
    """The reset form for one chosen user, also one who never had a password."""

    def __init__(self, user: Any) -> None:
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email: str) -> Any:
        return iter([self.user])


def send_password_set_link(user: Any, request: HttpRequest) -> None:
    """Send the user the link of the password reset, with the text for a beheerder's invite."""
    form = _OneUserPasswordForm(user)
    if not form.is_valid():
        raise ValueError("Deze gebruiker heeft geen geldig e-mailadres.")
    form.save(
        request=request,
        subject_template_name="accounts/password_set_subject.txt",
        email_template_name="accounts/password_set_email.txt",
        extra_email_context={
            "site_url": settings.SITE_URL.rstrip("/"),
            "municipality_name": settings.MUNICIPALITY_NAME,
        },
    )
