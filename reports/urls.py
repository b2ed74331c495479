from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("rapportages/", views.ReportIndexView.as_view(), name="index"),
    path("rapportages/vaststelling/", views.RecordAdoptionView.as_view(), name="record_adoption"),
    path(
        "rapportages/<slug:document>/<int:year>.pdf",
        views.YearDocumentView.as_view(),
        name="document",
    ),
    path(
        "rapportages/<slug:document>/<int:year>/maken/",
        views.StartDocumentView.as_view(),
        name="start_document",
    ),
    path(
        "rapportages/documenten/<int:pk>/",
        views.DocumentJobView.as_view(),
        name="document_job",
    ),
    path(
        "rapportages/documenten/<int:pk>/document.pdf",
        views.DocumentJobFileView.as_view(),
        name="document_job_file",
    ),
    path(
        "samenwerkingsverbanden/<int:pk>/dossier.pdf",
        views.PartnershipDossierView.as_view(),
        name="partnership_dossier",
    ),
]
