from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path(
        "samenwerkingsverbanden/<int:pk>/afweging/",
        views.AssessmentView.as_view(),
        name="assessment",
    ),
    path("kadernota/<int:year>/", views.KadernotaView.as_view(), name="kadernota"),
]
