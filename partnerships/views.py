"""The internal register pages: the table, a partnership's change history, organisations.

A partnership's own page, its create/edit page and archiving show or change what the other
apps hold (the tier, the evaluation plan), so they live in the top layer: `dossiers/views.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import CreateView, DetailView, UpdateView

from samenwerkingswijzer.views import FilteredTableView, ObjectPermissionRequiredMixin

from .filtersets import OrganisationFilterSet, PartnershipFilterSet
from .forms import OrganisationForm
from .history import partnership_history
from .models import Organisation, Partnership
from .tables import OrganisationTable, PartnershipTable, partnership_table_queryset


class PartnershipListView(PermissionRequiredMixin, FilteredTableView):
    """The whole register: filter, sort, page through and export it."""

    permission_required = "partnerships.view_internal"
    table_class = PartnershipTable
    filterset_class = PartnershipFilterSet
    template_name = "partnerships/partnership_list.html"
    export_name = "samenwerkingsverbanden"

    def get_queryset(self) -> QuerySet[Partnership]:
        return partnership_table_queryset(timezone.localdate().year)

    def get_table_kwargs(self) -> dict[str, Any]:
        return {"year": timezone.localdate().year}

    def create_export(self, export_format: str) -> HttpResponse:
        # The register's export has every column, typed (the imports app writes it), not
        # only the columns of the table.
        query = self.request.GET.copy()
        query.pop(self.export_trigger_param, None)
        url = reverse("imports:register_export", args=[export_format])
        return HttpResponseRedirect(f"{url}?{query.urlencode()}" if query else url)


class PartnershipHistoryView(PermissionRequiredMixin, DetailView):
    """The full change history of one partnership."""

    permission_required = "partnerships.view_internal"
    template_name = "partnerships/partnership_history.html"
    model = Partnership

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = partnership_history(self.object)
        return context


class OrganisationListView(PermissionRequiredMixin, FilteredTableView):
    """Partner organisations, with how many partnerships each takes part in."""

    permission_required = "partnerships.view_internal"
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    template_name = "partnerships/organisation_list.html"
    export_name = "organisaties"

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.annotate(partnership_count=Count("participations"))

    def get_table_kwargs(self) -> dict[str, Any]:
        if self.request.user.has_perm("partnerships.change_organisation"):
            return {}
        return {"exclude": ("edit",)}


class OrganisationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "partnerships.add_organisation"
    model = Organisation
    form_class = OrganisationForm
    success_url = reverse_lazy("partnerships:organisation_list")

    def form_valid(self, form: OrganisationForm) -> HttpResponse:  # type: ignore[override]
        self.object = form.save_unless_taken()
        if self.object is None:
            return self.form_invalid(form)
        messages.success(self.request, f"De organisatie {self.object} is toegevoegd.")
        return HttpResponseRedirect(self.get_success_url())


class OrganisationUpdateView(ObjectPermissionRequiredMixin, UpdateView):
    permission_required = "partnerships.change_organisation"
    model = Organisation
    form_class = OrganisationForm
    success_url = reverse_lazy("partnerships:organisation_list")

    def form_valid(self, form: OrganisationForm) -> HttpResponse:  # type: ignore[override]
        if form.save_unless_taken() is None:
            return self.form_invalid(form)
        messages.success(self.request, f"De organisatie {form.instance} is opgeslagen.")
        return HttpResponseRedirect(self.get_success_url())
