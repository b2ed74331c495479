"""The pages of one partnership that combine every app: its page, create/edit, archiving.

They sit above partnerships, governance and evaluations because they show what those apps
hold together (the page shows the afweging and the evaluation plan) or change it through a
process that re-plans (editing, archiving). The afweging and the kadernota round are in
`dossiers/governance_views.py` for the same reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views import View
from django.views.generic import DetailView

from evaluations.archiving import archive
from evaluations.sections import evaluations_section
from governance.sections import governance_section
from partnerships.models import Participation, Partnership
from partnerships.recent_changes import recent_changes
from samenwerkingswijzer.views import ObjectPermissionRequiredMixin

from .editor import EditConflict, PartnershipEditor

RECENT_CHANGES_ON_PAGE = 5


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
        add_row = request.POST.get("add_row")
        editor = PartnershipEditor(
            request.user, self.get_partnership(), data=request.POST, add_row=add_row
        )
        if editor.added_row:
            # "Nog een ... toevoegen": show the page again with one more row, save nothing.
            return self.render_editor(editor)
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
