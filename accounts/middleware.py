"""Middleware for sessions with an absolute lifetime, and for the audit log."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from . import audit
from .models import AuditAction, AuditResult
from .signals import LOGIN_TIME_KEY

GetResponse = Callable[[HttpRequest], HttpResponse]


def session_has_expired(login_time: object, now: float, lifetime: int) -> bool:
    """A session without a valid login time counts as expired: fail closed."""
    if not isinstance(login_time, int | float):
        return True
    return now - login_time >= lifetime


class SessionLifetimeMiddleware:
    """Logs a user out a fixed time after login, however active they are (ASVS 7.3.2).

    Inactivity is handled by Django itself (SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST); this adds the absolute limit.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and session_has_expired(
            request.session.get(LOGIN_TIME_KEY), time.time(), settings.SESSION_ABSOLUTE_LIFETIME
        ):
            logout(request)
        return self.get_response(request)


class AuditMiddleware:
    """Makes the request known to the audit signal handlers and logs refused access."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = audit.current_request.set(request)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                # The path without the query string, which may carry search terms or tokens.
                audit.record(
                    AuditAction.ACCESS_DENIED,
                    AuditResult.DENIED,
                    object_type="pagina",
                    object_id=request.path,
                    object_repr=f"{request.method} {request.path}",
                    request=request,
                )
        finally:
            audit.current_request.reset(token)
        return response
