from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("evaluaties/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path(
        "evaluaties/plannen/<int:partnership_pk>/",
        views.EvaluationCreateView.as_view(),
        name="evaluation_create",
    ),
    path("evaluaties/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path(
        "evaluaties/<int:pk>/starten/",
        views.EvaluationStartView.as_view(),
        name="evaluation_start",
    ),
    path(
        "evaluaties/<int:pk>/invullen/",
        views.EvaluationUpdateView.as_view(),
        name="evaluation_update",
    ),
    path(
        "evaluaties/<int:pk>/afronden/",
        views.EvaluationCompleteView.as_view(),
        name="evaluation_complete",
    ),
    path(
        "evaluaties/<int:pk>/heropenen/",
        views.EvaluationReopenView.as_view(),
        name="evaluation_reopen",
    ),
    path(
        "evaluaties/<int:pk>/laten-vervallen/",
        views.EvaluationLapseView.as_view(),
        name="evaluation_lapse",
    ),
    path("agenda/", views.CalendarSubscriptionView.as_view(), name="calendar_subscription"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
