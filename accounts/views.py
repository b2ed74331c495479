"""Account pages: the lockout and CSRF pages, and the beheerder's pages for people."""

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from . import people
from .forms import UserForm
from .models import Role, User


def lockout(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page a visitor sees when too many logins failed (called by django-axes)."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    return render(
        request,
        "accounts/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form post (CSRF_FAILURE_VIEW): a Dutch page in the site's layout.

    The reason is for the log only; Django has already logged it.
    """
    return render(request, "403_csrf.html", status=403)


class BeheerMixin(PermissionRequiredMixin):
    permission_required = "accounts.manage_users"


class BeheerIndexView(BeheerMixin, TemplateView):
    """Everything the beheerder keeps, on one page: people here, lists in the admin."""

    template_name = "accounts/beheer_index.html"


class UserListView(BeheerMixin, ListView):  # type: ignore[type-arg]
    """Every account, active or not, with its roles."""

    template_name = "accounts/user_list.html"
    context_object_name = "users"

    def get_queryset(self) -> QuerySet[User]:
        return User.objects.prefetch_related("groups").order_by(
            "-is_active", "first_name", "last_name", "username"
        )


class UserCreateView(BeheerMixin, FormView):  # type: ignore[type-arg]
    template_name = "accounts/user_form.html"
    form_class = UserForm

    def form_valid(self, form: UserForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            user = people.create_user(
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=data["roles"],
            )
        except IntegrityError:
            # A colleague created the same username a moment ago.
            form.add_error("username", "Deze gebruikersnaam is al in gebruik. Kies een andere.")
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{user} is aangemaakt. Stuur de link om een wachtwoord te kiezen, dan kan "
            f"{user.first_name} inloggen.",
        )
        return redirect("beheer:user_update", pk=user.pk)


class UserUpdateView(BeheerMixin, FormView):  # type: ignore[type-arg]
    """A colleague's details and roles, and the buttons for a password link and deactivating."""

    template_name = "accounts/user_form.html"
    form_class = UserForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.object, roles=people.roles_of(self.object))
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            partnership_count=self.object.account_partnerships.count()
            + self.object.deputy_partnerships.count(),
        )
        return context

    def form_valid(self, form: UserForm) -> HttpResponse:
        roles = set(form.cleaned_data["roles"])
        if self.object == self.request.user and Role.BEHEERDER not in roles:
            form.add_error(
                "roles",
                "U kunt uw eigen rol beheerder niet afnemen. Vraag dat aan een andere beheerder.",
            )
            return self.form_invalid(form)
        with transaction.atomic():
            if form.has_changed():
                form.save()
            given, taken = people.set_roles(self.object, roles)
        changes = [f"rol {r.label.lower()} gegeven" for r in sorted(given)]
        changes += [f"rol {r.label.lower()} afgenomen" for r in sorted(taken)]
        if form.changed_data and set(form.changed_data) != {"roles"}:
            changes.insert(0, "gegevens bijgewerkt")
        if changes:
            messages.success(self.request, f"{self.object}: {', '.join(changes)}.")
        else:
            messages.info(self.request, "Er was niets veranderd; niets opgeslagen.")
        return redirect("beheer:user_update", pk=self.object.pk)


class UserDeactivateView(BeheerMixin, View):
    """Ask first (how many partnerships they still hold), then deactivate."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.object = get_object_or_404(User, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(
            request,
            "accounts/user_deactivate.html",
            {
                "object": self.object,
                "partnership_count": self.object.account_partnerships.count()
                + self.object.deputy_partnerships.count(),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if self.object == request.user:
            messages.error(
                request, "U kunt uzelf niet deactiveren. Vraag dat aan een andere beheerder."
            )
        elif not self.object.is_active:
            messages.info(request, f"{self.object} was al gedeactiveerd.")
        else:
            people.deactivate(self.object)
            messages.success(
                request,
                f"{self.object} is gedeactiveerd en overal uitgelogd. Naam en geschiedenis "
                "blijven bewaard.",
            )
        return redirect("beheer:user_update", pk=self.object.pk)


class UserActivateView(BeheerMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = get_object_or_404(User, pk=pk)
        if not user.is_active:
            people.reactivate(user)
            messages.success(request, f"{user} kan weer inloggen.")
        return redirect("beheer:user_update", pk=user.pk)


class UserPasswordLinkView(BeheerMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = get_object_or_404(User, pk=pk)
        if not user.is_active:
            messages.error(request, "Een gedeactiveerde gebruiker kan geen wachtwoord kiezen.")
        elif not user.email:
            messages.error(request, "Vul eerst een e-mailadres in; daarheen gaat de link.")
        else:
            people.send_password_link(user, request)
            messages.success(
                request, f"De link om een wachtwoord te kiezen is gestuurd naar {user.email}."
            )
        return redirect("beheer:user_update", pk=user.pk)
