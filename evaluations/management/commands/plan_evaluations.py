"""Daily job: bring every partnership's evaluation plan up to date (docs/rulebook.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from evaluations.replanning import replan


class Command(BaseCommand):
    help = "Plant de evaluaties van alle samenwerkingsverbanden volgens de regels E1-E4."

    def handle(self, *args: Any, **options: Any) -> None:
        result = replan()
        self.stdout.write(
            f"{result.created} gepland, {result.updated} verschoven, {result.lapsed} vervallen."
        )
