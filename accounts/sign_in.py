"""The login page (local password and/or the organisation's provider) and the second factor."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View
from django_otp import login as otp_login

from . import two_factor
from .models import User


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(resolve_url(settings.LOGIN_REDIRECT_URL))


class LoginView(auth_views.LoginView):
    """Django's login, plus the provider's button; without LOCAL_LOGIN only the button."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_LOGIN:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["local_login"] = settings.LOCAL_LOGIN
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_login_label"] = settings.OIDC_LOGIN_LABEL
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        step = two_factor.pending_step(self.request)
        if step is None:
            return response
        target = reverse("two_factor_verify" if step == "verify" else "two_factor_setup")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': self.get_success_url()})}")


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class TwoFactorSetupView(LoginRequiredMixin, View):
    """Set up an authenticator app: QR code and secret, a code to confirm, recovery codes once."""

    template_name = "accounts/two_factor_setup.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, TokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        user = self.user(request)
        if two_factor.is_enrolled(user):
            return self.page(request, TokenForm())
        form = TokenForm(request.POST)
        if form.is_valid():
            device = two_factor.unconfirmed_app_device(user)
            token = "".join(form.cleaned_data["token"].split())
            codes = two_factor.confirm_enrolment(device, token)
            if codes is not None:
                otp_login(request, device)
                return render(
                    request,
                    "accounts/two_factor_recovery_codes.html",
                    {"codes": codes, "next": safe_next(request, request.POST.get("next"))},
                )
            form.add_error(
                "token",
                "Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en typ de "
                "code die de app nu laat zien.",
            )
        return self.page(request, form)

    def page(self, request: HttpRequest, form: TokenForm) -> HttpResponse:
        user = self.user(request)
        context: dict[str, Any] = {
            "form": form,
            "next": safe_next(request, request.GET.get("next") or request.POST.get("next")),
            "enrolled": two_factor.is_enrolled(user),
        }
        if not context["enrolled"]:
            device = two_factor.unconfirmed_app_device(user)
            context["qr_code"] = two_factor.qr_code_svg(device)
            context["secret"] = two_factor.secret_text(device)
        return render(request, self.template_name, context)

    @staticmethod
    def user(request: HttpRequest) -> User:
        assert isinstance(request.user, User)
        return request.user


class TwoFactorVerifyView(LoginRequiredMixin, View):
    """After the password: a code from the app, or one recovery code."""

    template_name = "accounts/two_factor_verify.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, TokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        assert isinstance(request.user, User)
        form = TokenForm(request.POST)
        if form.is_valid():
            device = two_factor.matching_device(request.user, form.cleaned_data["token"])
            if device is not None:
                otp_login(request, device)
                if device.name == two_factor.RECOVERY_DEVICE_NAME:
                    messages.warning(
                        request,
                        "U bent ingelogd met een herstelcode. Die code werkt niet nog een keer.",
                    )
                return HttpResponseRedirect(safe_next(request, request.POST.get("next")))
            two_factor.record_wrong_code(request, request.user)
            form.add_error(
                "token",
                "Deze code klopt niet of is al gebruikt. Typ de code die de app nu laat zien, "
                "of een herstelcode. Na een paar foute pogingen moet u steeds langer wachten.",
            )
        return self.page(request, form)

    def page(self, request: HttpRequest, form: TokenForm) -> HttpResponse:
        assert isinstance(request.user, User)
        if not two_factor.is_enrolled(request.user):
            return HttpResponseRedirect(reverse("two_factor_setup"))
        context = {
            "form": form,
            "next": safe_next(request, request.GET.get("next") or request.POST.get("next")),
        }
        return render(request, self.template_name, context)
