"""Names sorted as people read them: "BNG Bank" after "Belastingsamenwerking", "Émile" next
to "Emile", on SQLite and on PostgreSQL alike.

`NameOrder("name")` is the ordering expression for a name column. PostgreSQL sorts it with
its ICU root collation (`und-x-icu`), which ignores case and accents before it looks at
them. SQLite has no such collation, so each SQLite connection gets a function `name_sort_key`
(`register_sqlite_functions`, connected in partnerships/apps.py) that folds case and strips
accents in Python; other databases fall back to LOWER().
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.models import CharField, Func

ICU_COLLATION = "und-x-icu"
SQLITE_FUNCTION = "name_sort_key"


def sort_key(text: str | None) -> str | None:
    """A name without case and accents: "Émile" and "emile" get the same key."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class NameOrder(Func):
    """Order by `expression` ignoring case and accents (use `.asc()` / `.desc()`)."""

    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template=f'%(expressions)s COLLATE "{ICU_COLLATION}"',
            **extra,
        )


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On each new SQLite connection: the function that NameOrder sorts by."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, sort_key, deterministic=True)
