from django.core.management.base import BaseCommand

from demo.loader import DEMO_PASSWORD, demo_users


class Command(BaseCommand):
    help = "Toont het adres van de site en de demo-inloggegevens."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write("")
        self.stdout.write("Samenwerkingswijzer draait op http://127.0.0.1:8000")
        self.stdout.write("Inloggen: http://127.0.0.1:8000/accounts/login/")
        for user in demo_users():
            self.stdout.write(
                f"  {user['role']:<14} gebruikersnaam {user['username']:<15} "
                f"wachtwoord {DEMO_PASSWORD}"
            )
        self.stdout.write("")
