"""Security plumbing shared by the whole site: client address, login lockout, secure headers."""

import ipaddress
from collections.abc import Callable
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse

# No inline script or style anywhere (a house rule), so the policy can stay this strict.
CONTENT_SECURITY_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}


def content_security_policy() -> str:
    return "; ".join(f"{name} {value}" for name, value in CONTENT_SECURITY_POLICY.items())


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, for the login lockout and the audit log.

    Each proxy appends the address it was connected from to X-Forwarded-For, so behind
    TRUSTED_PROXY_COUNT proxies of our own the visitor is that many entries from the right;
    everything left of it came from the visitor and can be forged. With no trusted proxy
    (the default) only the connection's own address counts.
    """
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if hops:
            # Fewer entries than proxies: the request skipped an outer proxy, and the first
            # entry is what our innermost proxy saw.
            candidate = hops[-min(trusted, len(hops))]
            if _is_ip_address(candidate):
                return candidate
    return str(request.META.get("REMOTE_ADDR") or "")


def _is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped when there is no request to judge.

    Every login through the web passes a request. `authenticate()` without one only comes
    from code (the test client's `login()`, a shell), which axes would otherwise refuse.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]


class SecureHeadersMiddleware:
    """Adds the Content-Security-Policy that Django 5.2 does not set by itself.

    nosniff, Referrer-Policy, HSTS and X-Frame-Options come from Django's own middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
