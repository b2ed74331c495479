"""The beheerder's import pages, the template download and the full register export."""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from partnerships.filtersets import PartnershipFilterSet

from .columns import SHEETS
from .export import book_rows, register_queryset, template_rows
from .forms import UploadForm
from .models import PendingImport
from .register import import_register
from .spreadsheet import FileRefused, csv_lines, read_book, write_xlsx
from .values import allowed_values

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The export is written to a temporary file that spills to disk beyond this size.
SPOOL_BYTES = 4 * 1024 * 1024


def _xlsx_response(rows: dict[str, Any], file_name: str, *, documentation: bool) -> FileResponse:
    # FileResponse closes the file once it is sent.
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    write_xlsx(target, rows, documentation=documentation)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=file_name, content_type=XLSX)


class ImportView(PermissionRequiredMixin, View):
    """Upload a file; it is kept on the server and the preview opens."""

    permission_required = "imports.import_register"
    template_name = "imports/import_start.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(UploadForm())

    def page(self, form: UploadForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "sheets": [
                (sheet, [(column, allowed_values(sheet, column)) for column in sheet.columns])
                for sheet in SHEETS
            ],
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        content = form.cleaned_data["file"].read()
        try:
            read_book(form.file_name(), content)
        except FileRefused as refused:
            form.add_error("file", str(refused))
            return self.page(form)
        pending = PendingImport.keep(request.user, form.file_name(), content)
        return redirect("imports:preview", token=pending.token)


class PreviewView(PermissionRequiredMixin, View):
    """What the file would do, row by row; the confirmation imports it."""

    permission_required = "imports.import_register"
    template_name = "imports/import_preview.html"

    def pending(self, token: str) -> PendingImport:
        pending = PendingImport.of(self.request.user, token)
        if pending is None:
            raise Http404("Dit bestand is niet (meer) in afwachting. Lees het opnieuw in.")
        return pending

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        pending = self.pending(token)
        book = read_book(pending.file_name, bytes(pending.content))
        report = import_register(book, request.user, pending.file_name, save=False)
        return render(request, self.template_name, {"report": report, "token": token})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        pending = self.pending(token)
        book = read_book(pending.file_name, bytes(pending.content))
        report = import_register(book, request.user, pending.file_name, save=True)
        pending.delete()
        return render(request, "imports/import_done.html", {"report": report})


class TemplateView(PermissionRequiredMixin, View):
    """The empty register with an example row and a sheet that explains every column."""

    permission_required = "imports.import_register"

    def get(self, request: HttpRequest) -> HttpResponseBase:
        return _xlsx_response(
            template_rows(), "sjabloon-samenwerkingsverbanden.xlsx", documentation=True
        )


class RegisterExportView(PermissionRequiredMixin, View):
    """Every column of the filtered register: XLSX with three sheets, or CSV of the first."""

    permission_required = "partnerships.view_internal"

    def get(self, request: HttpRequest, export_format: str) -> HttpResponseBase:
        if export_format not in ("xlsx", "csv"):
            raise Http404("Alleen xlsx en csv.")
        year = timezone.localdate().year
        filterset = PartnershipFilterSet(
            request.GET or None, queryset=register_queryset(year), request=request
        )
        partnerships = filterset.qs.order_by("name", "pk")
        name = f"samenwerkingsverbanden-{timezone.localdate():%Y-%m-%d}"
        if export_format == "xlsx":
            return _xlsx_response(book_rows(partnerships), f"{name}.xlsx", documentation=True)
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in csv_lines(book_rows(partnerships)[SHEETS[0].title])),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
