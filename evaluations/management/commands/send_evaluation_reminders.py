"""Daily job: mail each accounthouder about evaluations due within 30 days or overdue."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from evaluations.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Mailt elke accounthouder één keer over evaluaties die binnen 30 dagen klaar moeten "
        "zijn of verlopen zijn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat zou worden verstuurd, verstuur niets."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        reminders = send_reminders(date.today(), dry_run=dry_run)
        verb = "zou mailen" if dry_run else "gemaild"
        for reminder in reminders:
            self.stdout.write(
                f"{reminder.recipient.email}: {len(reminder.items)} evaluatie(s) {verb}"
            )
        self.stdout.write(f"{len(reminders)} accounthouder(s) {verb}.")
