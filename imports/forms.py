"""The upload form of the import."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .spreadsheet import MAX_BYTES, NOT_A_SPREADSHEET, TOO_LARGE


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bestand",
        help_text="Een Excel-bestand (.xlsx) of een CSV-bestand (.csv) van hoogstens 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "Kies een bestand.", "empty": "Het bestand is leeg."},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        if PurePath(upload.name or "").suffix.lower() not in (".xlsx", ".csv"):
            raise forms.ValidationError(NOT_A_SPREADSHEET)
        return upload

    def file_name(self) -> str:
        return PurePath(self.cleaned_data["file"].name or "bestand").name
