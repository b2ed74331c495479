"""The beheerder's pages for people, under /intern/beheer/."""

from django.urls import path

from . import views

app_name = "beheer"

urlpatterns = [
    path("", views.BeheerIndexView.as_view(), name="index"),
    path("gebruikers/", views.UserListView.as_view(), name="user_list"),
    path("gebruikers/nieuw/", views.UserCreateView.as_view(), name="user_create"),
    path("gebruikers/<int:pk>/", views.UserUpdateView.as_view(), name="user_update"),
    path(
        "gebruikers/<int:pk>/deactiveren/",
        views.UserDeactivateView.as_view(),
        name="user_deactivate",
    ),
    path("gebruikers/<int:pk>/activeren/", views.UserActivateView.as_view(), name="user_activate"),
    path(
        "gebruikers/<int:pk>/wachtwoordlink/",
        views.UserPasswordLinkView.as_view(),
        name="user_password_link",
    ),
]
