from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("public.urls")),
    # Before Django's own account pages: ours replaces the password reset request.
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("intern/", include("evaluations.urls")),
    path("intern/", include("partnerships.urls")),
    path("intern/", include("dossiers.urls")),
    path("intern/", include("reports.urls")),
    path("intern/", include("imports.urls")),
    path("intern/beheer/", include("accounts.beheer_urls")),
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
