"""The reports page and the PDF downloads. Every PDF is rendered by reports.documents."""

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import TemplateView

from .documents import (
    YEAR_DOCUMENTS,
    RenderedDocument,
    dossier_queryset,
    render_dossier,
    render_year_document,
)
from .forms import YearForm


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
        documents = [
            {
                "title": d.title,
                "description": d.description,
                "url": reverse("reports:document", args=[d.slug, year]),
            }
            for d in YEAR_DOCUMENTS.values()
        ]
        return super().get_context_data(form=form, year=year, documents=documents, **kwargs)


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
        return pdf_response(render_dossier(partnership, public=True))
