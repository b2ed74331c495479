from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("beheer/import/", views.ImportView.as_view(), name="start"),
    path("beheer/import/sjabloon.xlsx", views.TemplateView.as_view(), name="template"),
    path("beheer/import/<str:token>/", views.PreviewView.as_view(), name="preview"),
    path(
        "samenwerkingsverbanden/export.<str:export_format>",
        views.RegisterExportView.as_view(),
        name="register_export",
    ),
]
