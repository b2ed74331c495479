"""The account pages of our own; the rest of /accounts/ is django.contrib.auth.urls."""

from django.urls import path

from .password_reset import RateLimitedPasswordResetView

urlpatterns = [
    path("password_reset/", RateLimitedPasswordResetView.as_view(), name="password_reset"),
]
