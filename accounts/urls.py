"""The account pages of our own; the rest of /accounts/ is django.contrib.auth.urls."""

from django.urls import path

from . import oidc, sign_in
from .password_reset import RateLimitedPasswordResetView

urlpatterns = [
    path("password_reset/", RateLimitedPasswordResetView.as_view(), name="password_reset"),
    # Signing in: local password and/or the organisation's OpenID Connect provider.
    path("login/", sign_in.LoginView.as_view(), name="login"),
    path("logout/", oidc.LogoutView.as_view(), name="logout"),
    path("oidc/authenticate/", oidc.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    path(
        "tweestapsverificatie/instellen/",
        sign_in.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path("tweestapsverificatie/", sign_in.TwoFactorVerifyView.as_view(), name="two_factor_verify"),
]
