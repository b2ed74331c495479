"""Names sorted as people read them: "BNG Bank" after "Belastingsamenwerking", "Émile" next
to "Emile", on SQLite and on PostgreSQL alike.

`NameOrder("name")` is the ordering expression for a name column. PostgreSQL sorts it with
its ICU root collation (`und-x-icu`), which ignores case and accents before it looks at
them. SQLite has no such collation, so each SQLite connection gets a function `name_sort_key`
(`register_sqlite_functions`, connected in partnerships/apps.py) that folds case and strips
accents in Python; other databases fall back to LOWER().

A function cannot be indexed on SQLite without making every write from a connection that
lacks it fail (the sqlite3 shell, the backup check's `PRAGMA integrity_check`). A large
table therefore stores `sort_key(name)` in a column of its own and names it:
`NameOrder("name", key="name_key")` sorts by that column on SQLite and by the collation
elsewhere, so one `models.Index(NameOrder(...))` is an index on the column on SQLite and on
`name COLLATE "und-x-icu"` on PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from typing import Any, overload

from django.db.models import CharField, Func

ICU_COLLATION = "und-x-icu"
SQLITE_FUNCTION = "name_sort_key"


@overload
def sort_key(text: str) -> str: ...
@overload
def sort_key(text: None) -> None: ...
def sort_key(text: str | None) -> str | None:
    """A name without case and accents: "Émile" and "emile" get the same key."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class NameOrder(Func):
    """Order by `expression` ignoring case and accents (use `.asc()` / `.desc()`).

    `key`: the column that stores `sort_key(expression)`, used on SQLite instead of the
    function (see above)."""

    function = "LOWER"
    output_field = CharField()

    def __init__(self, expression: Any, *, key: str | None = None) -> None:
        super().__init__(expression, *([key] if key else []))

    def _name_only(self) -> NameOrder:
        clone = self.copy()
        clone.set_source_expressions(self.get_source_expressions()[:1])
        return clone

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra: Any,
    ) -> Any:
        return Func.as_sql(
            self._name_only(), compiler, connection, function, template, arg_joiner, **extra
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        expressions = self.get_source_expressions()
        if len(expressions) > 1:
            return compiler.compile(expressions[1])
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template=f'%(expressions)s COLLATE "{ICU_COLLATION}"',
            **extra,
        )


def register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On each new SQLite connection: the function that NameOrder sorts by."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, sort_key, deterministic=True)
