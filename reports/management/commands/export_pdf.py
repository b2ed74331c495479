"""Write one of the PDF documents to a file, for scheduled jobs (cron, a task runner)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnerships.models import Partnership
from reports.documents import (
    DOCUMENT_CHOICES,
    DOSSIER,
    dossier_queryset,
    render_dossier,
    render_year_document,
    today,
)
from samenwerkingswijzer.pdf import PDF_ARCHIVE, PDF_UA


class Command(BaseCommand):
    help = "Schrijf een PDF-document (kadernota, jaarrekening, ...) naar een bestand."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("document", choices=DOCUMENT_CHOICES)
        parser.add_argument("--year", type=int, help="Het jaar (standaard: dit jaar).")
        parser.add_argument("--partnership", type=int, help="Id van het samenwerkingsverband.")
        parser.add_argument(
            "--public", action="store_true", help="Openbare versie van het dossier."
        )
        parser.add_argument(
            "--archive",
            action="store_true",
            help="Archiefversie (PDF/A-3a) in plaats van PDF/UA-1.",
        )
        parser.add_argument("-o", "--output", required=True, type=Path, help="Doelbestand.")

    def handle(self, *args: Any, **options: Any) -> None:
        variant = PDF_ARCHIVE if options["archive"] else PDF_UA
        if options["document"] == DOSSIER:
            if options["partnership"] is None:
                raise CommandError("Geef met --partnership het id van het samenwerkingsverband.")
            public = options["public"]
            try:
                partnership = dossier_queryset(public=public).get(pk=options["partnership"])
            except Partnership.DoesNotExist:
                which = "gepubliceerd samenwerkingsverband" if public else "samenwerkingsverband"
                raise CommandError(f"Geen {which} met id {options['partnership']}.") from None
            document = render_dossier(partnership, public=public, variant=variant)
        else:
            year = options["year"] or today().year
            document = render_year_document(options["document"], year, variant=variant)
        output: Path = options["output"]
        if not output.parent.is_dir():
            raise CommandError(f"De map {output.parent} bestaat niet.")
        output.write_bytes(document.content)
        self.stdout.write(f"{output} geschreven ({len(document.content):,} bytes).")
