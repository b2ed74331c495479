"""Two-factor authentication (django-otp, TOTP) for local accounts that can change data.

Who needs it: with REQUIRE_TWO_FACTOR, a user with the role accounthouder or beheerder who
logged in with a password of ours. Users who came through the organisation's provider are
exempt: their provider asks for the second factor. Until such a user has enrolled an app and
entered a code in this session, they may read but not change anything (`TwoFactorMiddleware`).
"""

import base64
from collections.abc import Callable

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditAction, AuditResult, User
from .oidc import logged_in_with_provider

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator-app"
RECOVERY_DEVICE_NAME = "herstelcodes"

# Pages a user who still needs the second factor may post to: logging in and out, and the
# second factor itself.
EXEMPT_URL_NAMES = (
    "login",
    "logout",
    "admin:logout",
    "two_factor_setup",
    "two_factor_verify",
    "oidc_authentication_init",
    "oidc_authentication_callback",
)


def is_required_for(request: HttpRequest) -> bool:
    """Does this session's user need a second factor before changing data?"""
    user = request.user
    if not settings.REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    assert isinstance(user, User)
    if not (user.is_accounthouder or user.is_beheerder):
        return False
    return not logged_in_with_provider(request)


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_step(request: HttpRequest) -> str | None:
    """'setup' or 'verify' while the second factor is still missing, else None."""
    if not is_required_for(request):
        return None
    # django-otp's middleware adds is_verified(); a user just logged in here has not got it yet.
    is_verified = getattr(request.user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    assert isinstance(request.user, User)
    return "verify" if is_enrolled(request.user) else "setup"


def unconfirmed_app_device(user: User) -> TOTPDevice:
    """The app being set up: the same secret until it is confirmed, so a reload keeps the QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG made on the server: no script, no outside request."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return str(image.to_string(encoding="unicode"))


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code from it; returns fresh recovery codes, or None if wrong."""
    if device.confirmed or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    audit.record_change(AuditAction.CREATE, device)
    return new_recovery_codes(device.user)


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record_change(AuditAction.CREATE, device)
    return codes


def record_wrong_code(request: HttpRequest, user: User) -> None:
    """A wrong second factor after a right password: the password may be known to someone."""
    audit.record(
        AuditAction.LOGIN_FAILED,
        AuditResult.FAILURE,
        object_type=audit.object_type_of(User),
        object_id=user.pk,
        object_repr=f"{user.get_username()} (code tweestapsverificatie)",
        request=request,
        actor=user,
        actor_name=user.get_username(),
    )


def matching_device(user: User, token: str) -> TOTPDevice | StaticDevice | None:
    """The app or the recovery codes that accept this code (a recovery code is used up)."""
    token = "".join(token.split())
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, TOTPDevice | StaticDevice) and device.verify_token(token):
                return device
    return None


class TwoFactorMiddleware:
    """Refuses every change (any non-GET request) from a user who still needs the second factor.

    Reading stays possible; base.html shows where to set it up. Runs after django-otp's
    OTPMiddleware, which tells whether this session has been verified.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS") and not self._is_exempt(request):
            step = pending_step(request)
            if step is not None:
                return render(
                    request,
                    "accounts/two_factor_required.html",
                    {"step": step, "next": request.path},
                    status=403,
                )
        return self.get_response(request)

    @staticmethod
    def _is_exempt(request: HttpRequest) -> bool:
        return any(request.path == reverse(name) for name in EXEMPT_URL_NAMES)


def banner(request: HttpRequest) -> dict[str, Callable[[], str | None]]:
    """Context processor: the pending step, for the banner in base.html.

    A callable, so the template asks (one query) only where the banner is drawn.
    """
    return {"two_factor_pending": lambda: pending_step(request)}
