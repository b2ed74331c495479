from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Gebruikers en rollen"

    def ready(self) -> None:
        from . import signals

        signals.connect()
