from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    # Until the internal dossier can live under /intern/samenwerkingsverbanden/<id>/.
    path(
        "dossier/<int:pk>.pdf",
        views.PartnershipDossierView.as_view(),
        name="partnership_dossier",
    ),
    path("<slug:document>/<int:year>.pdf", views.YearDocumentView.as_view(), name="document"),
]
