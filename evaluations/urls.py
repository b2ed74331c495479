from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("evaluaties/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation_detail"),
]
