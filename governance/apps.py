from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Afwegingskader en belangrijkheid"

    def ready(self) -> None:
        from . import effective_tier  # noqa: F401  (connects its receivers)
