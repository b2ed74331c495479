from argparse import ArgumentParser

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Laadt het demoregister (fixtures/demo_register.json); demogebruikers als DEBUG aan staat."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Maak de demogebruikers (met bekende wachtwoorden) ook aan als DEBUG uit staat.",
        )
        parser.add_argument(
            "--without-users", action="store_true", help="Maak geen demogebruikers aan."
        )

    def handle(self, *args: object, **options: bool) -> None:
        if options["with_users"] and options["without_users"]:
            raise CommandError("Kies --with-users of --without-users, niet allebei.")
        create_users = settings.DEBUG or options["with_users"]
        if options["without_users"]:
            create_users = False
        if not settings.DEBUG and not options["with_users"] and not options["without_users"]:
            raise CommandError(
                "DEBUG staat uit: demogebruikers hebben bekende wachtwoorden. Gebruik "
                "--without-users voor alleen de gegevens, of --with-users als u het echt wilt."
            )
        report = load_demo(create_users=create_users)
        self.stdout.write(self.style.SUCCESS(report))
