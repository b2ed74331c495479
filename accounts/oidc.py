"""Single sign-on with OpenID Connect (mozilla-django-oidc), configured by the environment.

The provider's endpoints come from `OIDC_OP_*` when set, otherwise from its discovery document
`<OIDC_ISSUER>/.well-known/openid-configuration`, fetched at the first login (not at start-up,
so the app starts while the provider is down) and kept for the life of the process.

At every login the user's roles follow the groups claim through `OIDC_GROUP_ROLES`: a role
whose group is gone is taken away, and a user with no mapped group is refused.
"""

import functools
import logging
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from .models import Role, User

logger = logging.getLogger(__name__)

BACKEND_PATH = "accounts.oidc.OIDCBackend"
REFUSAL_ATTRIBUTE = "oidc_refusal"

NO_MAPPED_GROUP = (
    "U bent wel ingelogd bij uw organisatie, maar u hebt nog geen toegang tot "
    "Samenwerkingswijzer: uw account zit niet in een groep die toegang geeft. "
    "Vraag de functioneel beheerder om u toegang te geven."
)
ACCOUNT_DISABLED = (
    "Uw account in Samenwerkingswijzer is uitgeschakeld. Neem contact op met de functioneel "
    "beheerder als u weer toegang nodig hebt."
)
LOGIN_FAILED = "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw."
PROVIDER_UNREACHABLE = (
    "Het inlogsysteem van uw organisatie is nu niet bereikbaar. Probeer het over een paar "
    "minuten opnieuw."
)

ENDPOINT_SETTINGS = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_LOGOUT_ENDPOINT",
}


class ProviderUnavailable(Exception):
    """The discovery document could not be read."""


@functools.lru_cache(maxsize=8)
def discover(issuer: str) -> dict[str, Any]:
    """The provider's discovery document; a failure is not cached, so the next login retries."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document: dict[str, Any] = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise ProviderUnavailable(f"{url} names another issuer: {document.get('issuer')!r}")
    return document


def endpoint(name: str) -> str:
    """One endpoint URL: the explicit setting, else the discovery document's."""
    explicit: str = getattr(settings, ENDPOINT_SETTINGS[name], "")
    if explicit:
        return explicit
    if not settings.OIDC_ISSUER:
        if name == "end_session_endpoint":
            return ""
        raise ImproperlyConfigured(f"Zet OIDC_ISSUER of {ENDPOINT_SETTINGS[name]}.")
    value = discover(settings.OIDC_ISSUER).get(name, "")
    if not value and name != "end_session_endpoint":
        raise ProviderUnavailable(f"the discovery document has no {name}")
    return str(value)


def roles_for_groups(groups: object) -> set[Role]:
    """The roles the configured mapping gives these groups (a claim may be a list or a string)."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return set()
    mapping: dict[str, str] = settings.OIDC_GROUP_ROLES
    return {Role(mapping[group]) for group in groups if isinstance(group, str) and group in mapping}


def set_roles(user: User, roles: set[Role]) -> None:
    """Give exactly these roles; groups that are not roles are left alone."""
    # The role groups come with the migrations; get_or_create only guards a database without.
    wanted = {Group.objects.get_or_create(name=role.value)[0] for role in roles}
    current = set(user.groups.filter(name__in=Role.values))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    if wanted - current:
        user.groups.add(*(wanted - current))
    # The admin is for the beheerder; a superuser made by hand keeps it.
    is_staff = Role.BEHEERDER in roles or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    if hasattr(user, "_role_names"):
        del user._role_names


def logged_in_with_provider(request: HttpRequest) -> bool:
    return bool(request.session.get(BACKEND_SESSION_KEY) == BACKEND_PATH)


class OIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Creates or updates the user from the provider's claims and sets their roles.

    The settings are read at the callback only, so local logins never touch the provider.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce; every other authenticate() call is not ours.
        if request is None or not settings.OIDC_ENABLED or "nonce" not in kwargs:
            return None
        try:
            self.OIDC_OP_TOKEN_ENDPOINT = endpoint("token_endpoint")
            self.OIDC_OP_USER_ENDPOINT = endpoint("userinfo_endpoint")
            self.OIDC_OP_JWKS_ENDPOINT = endpoint("jwks_uri")
        except ProviderUnavailable:
            logger.exception("OpenID Connect provider unavailable")
            setattr(request, REFUSAL_ATTRIBUTE, PROVIDER_UNREACHABLE)
            return None
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except requests.RequestException:
            logger.exception("OpenID Connect token or user info request failed")
            setattr(request, REFUSAL_ATTRIBUTE, PROVIDER_UNREACHABLE)
            return None
        except SuspiciousOperation:
            # A token that fails its signature, nonce or audience check.
            logger.exception("OpenID Connect token refused")
            setattr(request, REFUSAL_ATTRIBUTE, LOGIN_FAILED)
            return None
        return user

    def refuse(self, message: str) -> None:
        setattr(self.request, REFUSAL_ATTRIBUTE, message)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return self.UserModel.objects.filter(username=str(claims[settings.OIDC_USERNAME_CLAIM]))

    @transaction.atomic
    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> User | None:
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            logger.warning("OpenID Connect claims lack %s", settings.OIDC_USERNAME_CLAIM)
            self.refuse(LOGIN_FAILED)
            return None
        roles = roles_for_groups(claims.get(settings.OIDC_GROUPS_CLAIM, []))
        user: User | None = self.filter_users_by_claims(claims).first()
        if user is not None and not user.is_active:
            self.refuse(ACCOUNT_DISABLED)
            return None
        if not roles:
            if user is not None:
                set_roles(user, set())
            self.refuse(NO_MAPPED_GROUP)
            return None
        if user is None:
            user = User(username=str(claims[settings.OIDC_USERNAME_CLAIM]))
            # Signs in through the provider only: no password of ours to guess or reset.
            user.set_unusable_password()
        self.copy_claims(user, claims)
        set_roles(user, roles)
        return user

    def copy_claims(self, user: User, claims: dict[str, Any]) -> None:
        values = {
            "first_name": str(claims.get("given_name") or "")[:150],
            "last_name": str(claims.get("family_name") or "")[:150],
            "email": str(claims.get("email") or "")[:254],
        }
        changed = [name for name, value in values.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, values[name])
        if user._state.adding:
            user.save()
        elif changed:
            user.save(update_fields=changed)


@method_decorator(login_not_required, name="dispatch")
class AuthenticateView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the visitor to the provider's login page."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoint("authorization_endpoint")
        except ProviderUnavailable:
            logger.exception("OpenID Connect provider unavailable")
            messages.error(request, PROVIDER_UNREACHABLE)
            return HttpResponseRedirect(reverse("login"))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        response: HttpResponse = super().get(request)
        return response


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider sends the visitor back here; a refusal is said on the login page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        response: HttpResponse = super().get(request)
        return response

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, getattr(self.request, REFUSAL_ATTRIBUTE, LOGIN_FAILED))
        return HttpResponseRedirect(reverse("login"))


class LogoutView(OIDCLogoutView):  # type: ignore[misc]
    """Logs out here, and at the provider too when the user came from there and it can."""


def provider_logout_url(request: HttpRequest) -> str:
    """Where logging out sends the browser (OIDC_OP_LOGOUT_URL_METHOD)."""
    back = request.build_absolute_uri(settings.LOGOUT_REDIRECT_URL)
    if not logged_in_with_provider(request):
        return back
    try:
        end_session = endpoint("end_session_endpoint")
    except (ProviderUnavailable, ImproperlyConfigured):
        return back
    if not end_session:
        return back
    query = urlencode(
        {
            "post_logout_redirect_uri": back,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            **(
                {"id_token_hint": request.session["oidc_id_token"]}
                if request.session.get("oidc_id_token")
                else {}
            ),
        }
    )
    separator = "&" if "?" in end_session else "?"
    return f"{end_session}{separator}{query}"
