"""The reports page and the PDF downloads. Every PDF is rendered by reports.documents."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.models import User
from reports.dossier_cache import dossier_response

from .documents import (
    YEAR_DOCUMENTS,
    RenderedDocument,
    dossier_queryset,
    render_dossier,
    render_year_document,
)
from .forms import AdoptionForm, YearForm
from .models import DocumentAdoption


def pdf_response(document: RenderedDocument) -> HttpResponse:
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    # Documents hold register data of the moment: never serve one from a cache.
    response["Cache-Control"] = "private, no-store"
    return response


class ReportIndexView(PermissionRequiredMixin, TemplateView):
    """The documents for the college and the raad, with a choice of year."""

    permission_required = "reports.view_reports"
    template_name = "reports/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = YearForm(self.request.GET or None)
        year = form.selected_year()
        adoptions = {a.document: a for a in DocumentAdoption.objects.filter(year=year)}
        documents = [
            {
                "title": d.title,
                "description": d.description,
                "url": reverse("reports:document", args=[d.slug, year]),
                "adoption": adoptions.get(d.slug),
                "record_url": f"{reverse('reports:record_adoption')}?document={d.slug}&year={year}",
            }
            for d in YEAR_DOCUMENTS.values()
        ]
        return super().get_context_data(form=form, year=year, documents=documents, **kwargs)


class RecordAdoptionView(PermissionRequiredMixin, FormView):  # type: ignore[type-arg]
    """The beheerder records that the raad adopted a document: only then its cover says so."""

    permission_required = "reports.record_adoption"
    template_name = "reports/record_adoption.html"
    form_class = AdoptionForm

    def get_initial(self) -> dict[str, Any]:
        return {
            "document": self.request.GET.get("document", ""),
            "year": self.request.GET.get("year", ""),
        }

    def form_valid(self, form: AdoptionForm) -> HttpResponse:
        data = form.cleaned_data
        user = self.request.user
        assert isinstance(user, User)  # the permission check let only a beheerder in
        # Once per document and year: recording it again corrects the date or the reference.
        adoption, _ = DocumentAdoption.objects.update_or_create(
            document=data["document"],
            year=data["year"],
            defaults={
                "adopted_on": data["adopted_on"],
                "reference": data["reference"],
                "recorded_by": user,
            },
        )
        messages.success(self.request, f"Vastgelegd: {adoption}.")
        self.success_url = adoption.get_absolute_url()
        return super().form_valid(form)


class YearDocumentView(PermissionRequiredMixin, View):
    permission_required = "reports.view_reports"

    def get(self, request: HttpRequest, document: str, year: int) -> HttpResponse:
        if document not in YEAR_DOCUMENTS or not 1900 <= year <= 2100:
            raise Http404("Dit document bestaat niet.")
        return pdf_response(render_year_document(document, year))


class PartnershipDossierView(PermissionRequiredMixin, View):
    """The internal dossier: every field, for everyone who may read the register."""

    permission_required = "reports.view_reports"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        partnership = get_object_or_404(dossier_queryset(public=False), pk=pk)
        return pdf_response(render_dossier(partnership, public=False))


@method_decorator(login_not_required, name="dispatch")
class PublicPartnershipDossierView(View):
    """The public dossier of a published partnership: public fields only."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        partnership = get_object_or_404(dossier_queryset(public=True), slug=slug)
        # Rendered once per version of its data, then served from the cache.
        return dossier_response(request, partnership)
