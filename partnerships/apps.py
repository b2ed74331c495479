from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Samenwerkingsverbanden"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from samenwerkingswijzer.sorting import register_sqlite_functions

        # Before any query: NameOrder needs its function on every SQLite connection.
        connection_created.connect(register_sqlite_functions, dispatch_uid="name_sort_key")
