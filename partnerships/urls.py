from django.urls import path

from . import maintenance, views

app_name = "partnerships"

# A partnership's own page, its edit page and archiving are in dossiers/urls.py.
urlpatterns = [
    path("samenwerkingsverbanden/", views.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "samenwerkingsverbanden/<int:pk>/geschiedenis/",
        views.PartnershipHistoryView.as_view(),
        name="partnership_history",
    ),
    path("organisaties/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisaties/nieuw/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path(
        "organisaties/<int:pk>/bewerken/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path("beheer/overdragen/", maintenance.ReassignView.as_view(), name="reassign"),
    path(
        "beheer/organisaties-samenvoegen/",
        maintenance.OrganisationMergeView.as_view(),
        name="organisation_merge",
    ),
]
