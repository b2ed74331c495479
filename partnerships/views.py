"""The internal register pages: table, partnership page, create/edit, archive, organisations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView

from evaluations.archiving import archive
from evaluations.sections import evaluations_section
from governance.sections import governance_section
from samenwerkingswijzer.views import FilteredTableView, ObjectPermissionRequiredMixin

from .editor import EditConflict, PartnershipEditor
from .filtersets import OrganisationFilterSet, PartnershipFilterSet
from .forms import OrganisationForm
from .history import partnership_history
from .models import Organisation, Participation, Partnership
from .recent_changes import recent_changes
from .tables import OrganisationTable, PartnershipTable, partnership_table_queryset

RECENT_CHANGES_ON_PAGE = 5


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


def partnership_page_queryset() -> QuerySet[Partnership]:
    return Partnership.objects.select_related(
        "policy_domain", "budget_programme", "account_holder", "deputy"
    ).prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("organisation")),
        "contributions",
        "financial_positions",
        "decisions",
    )


class PartnershipDetailView(PermissionRequiredMixin, DetailView):
    """Everything about one partnership, internal notes and its latest changes included."""

    permission_required = "partnerships.view_internal"
    template_name = "partnerships/partnership_detail.html"

    def get_queryset(self) -> QuerySet[Partnership]:
        return partnership_page_queryset()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        partnership = self.object
        context.update(
            governance=governance_section(partnership),
            evaluations_section=evaluations_section(partnership),
            # The full history, field by field, has its own page: it costs five queries.
            history=recent_changes(partnership, RECENT_CHANGES_ON_PAGE),
        )
        return context


class PartnershipHistoryView(PermissionRequiredMixin, DetailView):
    """The full change history of one partnership."""

    permission_required = "partnerships.view_internal"
    template_name = "partnerships/partnership_history.html"
    model = Partnership

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["history"] = partnership_history(self.object)
        return context


class PartnershipEditorView(View):
    """Shared by create and edit: one form, four formsets, one transaction."""

    template_name = "partnerships/partnership_form.html"

    def get_partnership(self) -> Partnership | None:
        return None

    def render_editor(self, editor: PartnershipEditor, status: int = 200) -> HttpResponse:
        context = {
            "editor": editor,
            "form": editor.form,
            "partnership": editor.instance if not editor.is_new else None,
            "error_summary": editor.error_summary() if editor.form.is_bound else [],
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_editor(PartnershipEditor(request.user, self.get_partnership()))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        editor = PartnershipEditor(request.user, self.get_partnership(), data=request.POST)
        if not editor.is_valid():
            return self.render_editor(editor)
        try:
            partnership = editor.save()
        except EditConflict as conflict:
            editor.show_conflict(conflict)
            return self.render_editor(editor, status=409)
        verb = "toegevoegd" if editor.is_new else "opgeslagen"
        messages.success(request, f"Het samenwerkingsverband {partnership} is {verb}.")
        if editor.kept_from_colleague:
            kept = ", ".join(editor.kept_from_colleague)
            messages.info(
                request,
                "Een collega had intussen ook iets gewijzigd. "
                f"Die wijzigingen zijn bewaard: {kept}.",
            )
        return HttpResponseRedirect(partnership.get_absolute_url())


class PartnershipCreateView(PermissionRequiredMixin, PartnershipEditorView):
    permission_required = "partnerships.add_partnership"


class PartnershipUpdateView(ObjectPermissionRequiredMixin, PartnershipEditorView):
    permission_required = "partnerships.change_partnership"

    def get_object(self) -> Partnership:
        if not hasattr(self, "_partnership"):
            self._partnership = get_object_or_404(
                Partnership.objects.select_related("account_holder", "deputy"),
                pk=self.kwargs["pk"],
            )
        return self._partnership

    def get_partnership(self) -> Partnership:
        return self.get_object()


class PartnershipArchiveView(ObjectPermissionRequiredMixin, DetailView):
    """Archiving (beëindigen) instead of deleting: the record and its history remain."""

    permission_required = "partnerships.archive_partnership"
    model = Partnership
    template_name = "partnerships/partnership_confirm_archive.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        partnership = archive(self.get_object())
        messages.success(request, f"Het samenwerkingsverband {partnership} is gearchiveerd.")
        return HttpResponseRedirect(partnership.get_absolute_url())


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
