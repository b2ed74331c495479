"""Import a register file (XLSX or CSV) from the command line, as the import page does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts import audit
from imports.register import import_register
from imports.spreadsheet import FileRefused, read_book


class Command(BaseCommand):
    help = "Lees een register in uit een XLSX- of CSV-bestand (zoals de importpagina)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user",
            required=True,
            help="gebruikersnaam van de beheerder die in de geschiedenis komt te staan",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen laten zien wat er zou veranderen"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None or not user.has_perm("imports.import_register"):
            raise CommandError(f"{options['user']} is geen beheerder.")
        try:
            book = read_book(path.name, path.read_bytes())
        except FileRefused as refused:
            raise CommandError(str(refused)) from refused
        except OSError as error:
            raise CommandError(f"{path} kan niet worden gelezen: {error}") from error
        with audit.acting_as(user):
            report = import_register(book, user, path.name, save=not options["dry_run"])
        for problem in report.problems:
            self.stdout.write(
                f"blad {problem.sheet}, rij {problem.row}, {problem.column}: {problem.message}"
            )
        for row in report.rows:
            if row.problems:
                for problem in row.problems:
                    place = f"blad {problem.sheet}, rij {problem.row}"
                    column = f", kolom {problem.column}" if problem.column else ""
                    self.stdout.write(f"{place}{column}: {problem.message}")
            for change in row.changes:
                self.stdout.write(
                    f"rij {row.row} {row.name}: {change.label}: {change.old} → {change.new}"
                )
        done = "Opgeslagen" if report.saved else "Proef, niets opgeslagen"
        self.stdout.write(f"{done}: {report.summary()}.")
