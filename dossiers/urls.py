from django.urls import path

from . import governance_views, views

app_name = "dossiers"

urlpatterns = [
    path(
        "samenwerkingsverbanden/nieuw/",
        views.PartnershipCreateView.as_view(),
        name="partnership_create",
    ),
    path(
        "samenwerkingsverbanden/<int:pk>/",
        views.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(
        "samenwerkingsverbanden/<int:pk>/bewerken/",
        views.PartnershipUpdateView.as_view(),
        name="partnership_update",
    ),
    path(
        "samenwerkingsverbanden/<int:pk>/archiveren/",
        views.PartnershipArchiveView.as_view(),
        name="partnership_archive",
    ),
    path(
        "samenwerkingsverbanden/<int:pk>/afweging/",
        governance_views.AssessmentView.as_view(),
        name="assessment",
    ),
    path("kadernota/<int:year>/", governance_views.KadernotaView.as_view(), name="kadernota"),
]
