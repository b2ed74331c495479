"""The reports page and the PDF downloads. Every PDF is rendered by reports.documents.

Year documents are made by a worker (reports/tasks.py): the page starts a job, the job's page
shows its progress, and the finished file is kept for the register as it was.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from accounts.models import User
from reports.dossier_cache import dossier_response

from .documents import (
    YEAR_DOCUMENTS,
    RenderedDocument,
    dossier_queryset,
    render_dossier,
)
from .forms import AdoptionForm, YearForm
from .models import DocumentAdoption, DocumentJob
from .tasks import current_jobs, request_document

# Seconds between the automatic refreshes of a job's page while the document is being made.
REFRESH_SECONDS = 5


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
        jobs = current_jobs(year)
        documents = [
            {
                "slug": d.slug,
                "title": d.title,
                "description": d.description,
                "url": reverse("reports:document", args=[d.slug, year]),
                "start_url": reverse("reports:start_document", args=[d.slug, year]),
                "job": jobs.get(d.slug),
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


def see_other(url: str) -> HttpResponseRedirect:
    """After a POST, and for a document that is not made yet: go and look there (303)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def year_document_or_404(document: str, year: int) -> None:
    if document not in YEAR_DOCUMENTS or not 1900 <= year <= 2100:
        raise Http404("Dit document bestaat niet.")


def job_file_response(job: DocumentJob) -> FileResponse:
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


class YearDocumentView(PermissionRequiredMixin, View):
    """The document for the register as it is now: the file when it is made, else its job."""

    permission_required = "reports.view_reports"

    def get(self, request: HttpRequest, document: str, year: int) -> HttpResponseBase:
        year_document_or_404(document, year)
        job = current_jobs(year).get(document)
        if job is not None and job.is_done:
            return job_file_response(job)
        if job is not None:
            return see_other(job.get_absolute_url())
        return see_other(f"{reverse('reports:index')}?year={year}#{document}")


class StartDocumentView(PermissionRequiredMixin, View):
    """Ask for a year document: a worker makes it, the job's page follows its progress."""

    permission_required = "reports.view_reports"

    def post(self, request: HttpRequest, document: str, year: int) -> HttpResponse:
        year_document_or_404(document, year)
        user = request.user if isinstance(request.user, User) else None
        job = request_document(document, year, user)
        return see_other(job.get_absolute_url())


class DocumentJobView(PermissionRequiredMixin, DetailView):  # type: ignore[type-arg]
    """How far a document is, its download when it is ready, or why it failed."""

    permission_required = "reports.view_reports"
    model = DocumentJob
    template_name = "reports/document_job.html"
    context_object_name = "job"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        job: DocumentJob = self.object
        current = current_jobs(job.year).get(job.document)
        # Refreshing by itself is the reader's choice (WCAG 2.2.1): off until they turn it on.
        auto_refresh = job.is_pending and self.request.GET.get("verversen") == "aan"
        return super().get_context_data(
            title=YEAR_DOCUMENTS[job.document].title,
            refresh_seconds=REFRESH_SECONDS,
            auto_refresh=auto_refresh,
            outdated=job.is_done and (current is None or current.pk != job.pk),
            start_url=reverse("reports:start_document", args=[job.document, job.year]),
            **kwargs,
        )


class DocumentJobFileView(PermissionRequiredMixin, View):
    """The finished PDF of a job; nothing before it is complete."""

    permission_required = "reports.view_reports"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = get_object_or_404(DocumentJob, pk=pk)
        if not job.is_done:
            return see_other(job.get_absolute_url())
        return job_file_response(job)


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
