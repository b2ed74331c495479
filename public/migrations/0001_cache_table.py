"""The table of the database cache (CACHES in settings), so every `migrate` makes it.

`createcachetable` only creates what is missing and does nothing for other cache backends;
after changing CACHE_URL to another database table, run `manage.py createcachetable`.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
