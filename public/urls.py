from django.urls import path

from reports.views import PublicPartnershipDossierView

from . import views

app_name = "public"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path(
        "samenwerkingsverbanden/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(
        "samenwerkingsverbanden/<slug:slug>/dossier.pdf",
        PublicPartnershipDossierView.as_view(),
        name="partnership_dossier",
    ),
    path("open-data/", views.OpenDataView.as_view(), name="open_data"),
    path(
        "open-data/samenwerkingsverbanden.csv",
        views.OpenDataCsvView.as_view(),
        name="open_data_csv",
    ),
    path(
        "open-data/samenwerkingsverbanden.json",
        views.OpenDataJsonView.as_view(),
        name="open_data_json",
    ),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
]
