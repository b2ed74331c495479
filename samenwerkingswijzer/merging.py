"""Three-way merge of an edit page: what the user read, what is stored now, what they send.

An edit page carries a signed copy of the record as the user read it (the base). On saving,
each field and each row is compared three ways: a value only the user changed is theirs to
write, a value only a colleague changed since is kept, and a value both changed differently
is a conflict the user must decide. Nothing anyone saved is lost silently.

A record here is plain data: `fields` maps a field name to a value, `rows` maps a section
(a formset prefix) to its rows by primary key, each a mapping of field name to value. Values
are normalised (`normalise`) so that a form's cleaned value and a stored value compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from django.core import signing
from django.db import models

Values = dict[str, Any]
Rows = dict[str, dict[str, Values]]  # section -> row pk (as text) -> field -> value
_SALT = "samenwerkingswijzer.merging"


@dataclass
class Record:
    fields: Values = field(default_factory=dict)
    rows: Rows = field(default_factory=dict)
    # Conflicts shown to the user, who must choose for each before the next save.
    pending: list[str] = field(default_factory=list)

    def dumps(self) -> str:
        data = {"f": self.fields, "r": self.rows, "p": self.pending}
        return signing.dumps(data, salt=_SALT, compress=True)

    @classmethod
    def loads(cls, text: str) -> Record | None:
        """The record from the page, or None when it is missing or was tampered with."""
        try:
            data = signing.loads(text, salt=_SALT)
        except signing.BadSignature:
            return None
        return cls(fields=data["f"], rows=data["r"], pending=data.get("p", []))


# The base value of a page that carried no (valid) base: it equals nothing, so every value
# the user and the stored record disagree on becomes a conflict.
UNKNOWN = object()


def normalise(value: Any) -> Any:
    """One comparable, JSON-safe form of a field value (form input or stored)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    if value == "":
        return None
    return value


def stored_values(instance: models.Model, names: list[str]) -> Values:
    opts = instance._meta
    fields = {name: cast("models.Field[Any, Any]", opts.get_field(name)) for name in names}
    return {name: normalise(f.value_from_object(instance)) for name, f in fields.items()}


@dataclass(frozen=True)
class Conflict:
    """A value that both the user and a colleague changed, each differently."""

    key: str  # the name of the choice field on the page: keep-<key>
    label: str
    mine: str
    theirs: str


MINE, THEIRS, CONFLICT = "mine", "theirs", "conflict"


def merge_value(base: Any, theirs: Any, mine: Any, choice: str | None = None) -> str:
    """Which value a three-way merge keeps: MINE, THEIRS, or CONFLICT for the user to
    decide. `choice` is the user's decision on a conflict shown before."""
    if mine == theirs or (mine == base and base is not UNKNOWN):
        return THEIRS
    if theirs == base:
        return THEIRS if choice == THEIRS else MINE
    if choice in (MINE, THEIRS):
        return choice
    return CONFLICT
