from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("samenwerkingsverbanden/", views.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "samenwerkingsverbanden/<int:pk>/",
        views.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation_list"),
]
