"""Importing the register: every row through the edit page's own forms, in one transaction.

The preview and the import run the same code: every row is validated and saved, each in a
savepoint; a preview then rolls the whole transaction back, an import keeps it. A row that
fails (its own cells, one of its partners or contributions, or the save itself) is rolled
back to its savepoint, so a partnership is never saved in part. Everything valid is saved.

Rows are matched on the Id column of an export, else on the name. A row that would change
nothing is not saved at all, so importing an unchanged export writes no history.

New partnerships, with their partners and contributions, are validated row by row as above
and then written in bulk, a few hundred rows at a time, history and audit log included: a
municipality's first import is thousands of new rows. Should the database still refuse such
a batch (a name saved by someone else in the meantime), the batch is rolled back and done
again row by row, each new partnership written on its own, so only the row at fault is
refused.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import partial
from typing import Any, cast

from django import forms
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.forms.models import model_to_dict
from simple_history.utils import bulk_create_with_history

from accounts import audit
from accounts.models import AuditAction, AuditResult
from dossiers.editor import PLANNING_FACTS
from evaluations.replanning import replan
from partnerships.forms import (
    ContributionFormSet,
    OrganisationForm,
    ParticipationFormSet,
    PartnershipForm,
)
from partnerships.models import Contribution, Organisation, Participation, Partnership
from samenwerkingswijzer.formatting import display_value, euro

from .columns import CONTRIBUTIONS, PARTNERS, REGISTER, Sheet
from .spreadsheet import Book, SheetRows, is_formula, unneutralised
from .values import Lookups, cell_text, read_cell

FORMULA = "Hier staat een formule. De import leest geen formules: zet de waarde zelf in de cel."
DUPLICATE = (
    "Dit samenwerkingsverband staat ook in rij {rows}. Houd één rij per samenwerkingsverband."
)
NO_SUCH_ID = "Er is geen samenwerkingsverband met id {id}. Laat het id leeg voor een nieuw."
SAME_NAME = (
    "Er zijn meer samenwerkingsverbanden met de naam {name}. Vul de kolom Id in (die staat in "
    "een export)."
)
NO_PARTNERSHIP = (
    "Er staat geen samenwerkingsverband {name} op het blad {sheet}. Gebruik de naam precies "
    "zoals in de kolom Naam."
)
SAVE_FAILED = (
    "Deze rij kon niet worden opgeslagen, ook niet voor een deel. Controleer de partners en "
    "bijdragen (bijvoorbeeld dezelfde organisatie of hetzelfde jaar twee keer)."
)
TOO_MANY_PARTS = "Hoogstens 200 regels per samenwerkingsverband op het blad {sheet}."
MAX_PARTS = 200
REASON = "Import uit {file_name}"
# New partnerships held before they are written together: bounds the memory of a large file.
BULK = 500


class Outcome(StrEnum):
    NEW = "nieuw"
    CHANGED = "gewijzigd"
    UNCHANGED = "ongewijzigd"
    REFUSED = "geweigerd"


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowResult:
    row: int
    name: str
    outcome: Outcome = Outcome.UNCHANGED
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    partnership_id: int | None = None


@dataclass
class ImportReport:
    file_name: str
    rows: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows of no partnership
    ignored_headers: list[str] = field(default_factory=list)
    saved: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome.value: self.count(outcome) for outcome in Outcome}

    @property
    def refused(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome is Outcome.REFUSED]

    def summary(self) -> str:
        return ", ".join(f"{n} {label}" for label, n in self.counts.items())


@dataclass
class _New:
    """A new partnership that passed every check, with its partners and contributions."""

    result: RowResult
    partnership: Partnership
    parts: list[Participation | Contribution]


class _Refused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("refused")
        self.problems = problems


def import_register(book: Book, user: Any, file_name: str, *, save: bool) -> ImportReport:
    """Validate every row; with `save`, keep what is valid and re-plan once at the end."""
    report = ImportReport(file_name)
    for sheet_rows in (book.register, book.partners, book.contributions):
        if sheet_rows is not None:
            report.ignored_headers += [
                f"{sheet_rows.sheet.title}: {header}" for header in sheet_rows.ignored_headers
            ]
    with transaction.atomic():
        if save:
            _one_import_at_a_time()
        run = _Run(book, user, file_name, report)
        run.all_rows()
        if save:
            if run.to_replan:
                replan(sorted(run.to_replan))
            audit.record(
                AuditAction.UPDATE,
                AuditResult.SUCCESS,
                object_type="imports.register",
                object_repr=f"Import uit {file_name}: {report.summary()}",
                actor=user,
                actor_name=user.get_username(),
            )
            report.saved = True
        else:
            transaction.set_rollback(True)
    return report


# Any number, the same on every app server: the key of the lock below.
IMPORT_LOCK = 0x53574931


def _one_import_at_a_time() -> None:
    """Two imports at once (two beheerders, or a double click) would each find the names free
    and both add the same partnerships. The second waits for the first to commit and then
    finds its rows: on PostgreSQL by a lock held until the transaction ends; SQLite takes
    its write lock when the transaction begins already (BEGIN IMMEDIATE, see the settings)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


class _Run:
    def __init__(self, book: Book, user: Any, file_name: str, report: ImportReport) -> None:
        self.book, self.user, self.report = book, user, report
        self.reason = REASON.format(file_name=file_name)[:100]
        self.lookups = Lookups()
        self.to_replan: set[int] = set()
        self.created_organisations: list[str] = []
        self.new: list[_New] = []
        self.known: dict[tuple[str, str], Any] = {}
        ids = list(Partnership.objects.values_list("pk", "name"))
        self.known_ids = {pk for pk, _ in ids}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for pk, name in ids:
            self.by_name[name.strip().lower()].append(pk)
        self.partners = self._children(book.partners)
        self.contributions = self._children(book.contributions)

    def _children(
        self, sheet_rows: SheetRows | None
    ) -> dict[str, list[tuple[int, dict[str, Any]]]]:
        children: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        if sheet_rows is None:
            return children
        names = {
            cell_text(unneutralised(values.get("Naam"))).lower()
            for _, values in self.book.register.rows
        }
        for number, values in sheet_rows.rows:
            key = cell_text(unneutralised(values.get(PARTNERS.columns[0].header))).lower()
            if key not in names:
                self.report.problems.append(
                    Problem(
                        sheet_rows.sheet.title,
                        number,
                        PARTNERS.columns[0].header,
                        NO_PARTNERSHIP.format(
                            name=cell_text(values.get(PARTNERS.columns[0].header)),
                            sheet=REGISTER.title,
                        ),
                    )
                )
                continue
            children[key].append((number, values))
        return children

    def all_rows(self) -> None:
        rows = self.book.register.rows
        keys: dict[str, list[int]] = defaultdict(list)
        for number, values in rows:
            keys[self._key(values)].append(number)
        for start in range(0, len(rows), BULK):
            chunk = rows[start : start + BULK]
            kept = (len(self.report.rows), dict(self.lookups.organisations), set(self.to_replan))
            try:
                with transaction.atomic():
                    for number, values in chunk:
                        self._one(number, values, keys, in_bulk=True)
                    self._write_new()
            except (IntegrityError, DatabaseError):
                # The database refused a batch that passed every check: do it again row by
                # row, each in its own savepoint, so that only the row at fault is refused.
                del self.report.rows[kept[0] :]
                self.lookups.organisations, self.to_replan, self.new = kept[1], kept[2], []
                self.known.clear()
                for number, values in chunk:
                    self._one(number, values, keys, in_bulk=False)

    def _one(
        self, number: int, values: dict[str, Any], keys: dict[str, list[int]], *, in_bulk: bool
    ) -> None:
        name = cell_text(unneutralised(values.get("Naam")))
        result = RowResult(number, name)
        self.report.rows.append(result)
        others = [n for n in keys[self._key(values)] if n != number]
        try:
            if others:
                raise _Refused(
                    [
                        Problem(
                            REGISTER.title,
                            number,
                            "Naam",
                            DUPLICATE.format(rows=", ".join(map(str, others))),
                        )
                    ]
                )
            self.created_organisations = []
            with transaction.atomic():
                self._row(number, values, result)
                if not in_bulk:
                    self._write_new()
        except _Refused as refused:
            self._forget_created()
            result.outcome = Outcome.REFUSED
            result.problems = refused.problems
            result.changes = []
        except (IntegrityError, DatabaseError):
            if in_bulk:
                raise
            self._forget_created()
            _save_failed(result)

    def _write_new(self) -> None:
        new, self.new = self.new, []
        if not new:
            return
        partnerships = [item.partnership for item in new]
        Partnership.give_free_slugs(partnerships)
        self._bulk(partnerships, Partnership)
        for model in (Participation, Contribution):
            parts = []
            for item in new:
                for part in item.parts:
                    if isinstance(part, model):
                        part.partnership = item.partnership
                        parts.append(part)
            self._bulk(parts, model)
        for item in new:
            item.result.partnership_id = item.partnership.pk
            self.to_replan.add(item.partnership.pk)

    def _bulk(self, rows: list[Any], model: Any) -> None:
        # Rows written in bulk send no signals: their history and audit events are written
        # here, as a save would have.
        saved = bulk_create_with_history(
            rows, model, default_user=self.user, default_change_reason=self.reason
        )
        audit.record_created(saved, actor=self.user)

    def _forget_created(self) -> None:
        # The organisations this row created were rolled back with it.
        for name in self.created_organisations:
            self.lookups.organisations.pop(name, None)
        if self.created_organisations:
            self.known.clear()

    def _key(self, values: dict[str, Any]) -> str:
        identifier = cell_text(values.get("Id"))
        if identifier:
            return f"id:{identifier}"
        pk = self._single_name_match(values)
        if pk is not None:
            return f"id:{pk}"
        return "name:" + cell_text(unneutralised(values.get("Naam"))).lower()

    def _single_name_match(self, values: dict[str, Any]) -> int | None:
        found = self.by_name.get(cell_text(unneutralised(values.get("Naam"))).lower(), [])
        return found[0] if len(found) == 1 else None

    # One partnership ---------------------------------------------------------------------

    def _cells(
        self, sheet: Sheet, number: int, values: dict[str, Any], problems: list[Problem]
    ) -> dict[str, Any]:
        """The filled cells of a row as form values, by field; problems for unreadable ones."""
        read: dict[str, Any] = {}
        for column in sheet.columns:
            if column.header not in values or not column.field or not column.importable:
                continue
            value = values[column.header]
            if is_formula(value):
                problems.append(Problem(sheet.title, number, column.header, FORMULA))
                continue
            value = unneutralised(value)
            if value is None or (isinstance(value, str) and value.strip() == ""):
                read[column.field] = None
                continue
            try:
                read[column.field] = read_cell(sheet, column, value, self.lookups)
            except ValueError as error:
                problems.append(Problem(sheet.title, number, column.header, str(error)))
        return read

    def _instance(self, number: int, values: dict[str, Any]) -> Partnership | None:
        identifier = cell_text(values.get("Id"))
        if identifier:
            if not identifier.isdigit() or int(identifier) not in self.known_ids:
                raise _Refused(
                    [Problem(REGISTER.title, number, "Id", NO_SUCH_ID.format(id=identifier))]
                )
            return self._load(int(identifier))
        name = cell_text(unneutralised(values.get("Naam")))
        found = self.by_name.get(name.lower(), [])
        if len(found) > 1:
            raise _Refused([Problem(REGISTER.title, number, "Naam", SAME_NAME.format(name=name))])
        return self._load(found[0]) if found else None

    def _load(self, pk: int) -> Partnership:
        return Partnership.objects.select_related("account_holder", "deputy").get(pk=pk)

    def _row(self, number: int, values: dict[str, Any], result: RowResult) -> None:
        problems: list[Problem] = []
        instance = self._instance(number, values)
        cells = self._cells(REGISTER, number, values, problems)
        cells.pop("id", None)
        form = self._partnership_form(instance, cells)
        key = result.name.lower()
        partners = (
            self._formset(PARTNERS, instance, self.partners.get(key, []), problems)
            if self.book.partners is not None
            else None
        )
        contributions = (
            self._formset(CONTRIBUTIONS, instance, self.contributions.get(key, []), problems)
            if self.book.contributions is not None
            else None
        )
        found = []
        if not form.is_valid():
            found += _form_problems(REGISTER, number, form)
        for formset in (partners, contributions):
            if formset is not None:
                found += formset.check()
        # A cell that could not be read has its message; the form's "required" adds nothing.
        unreadable = {(p.sheet, p.row, p.column) for p in problems}
        problems += [p for p in found if (p.sheet, p.row, p.column) not in unreadable]
        if problems:
            raise _Refused(problems)

        changed_fields = [name for name in form.changed_data if name != "base"]
        changed_parts = [fs for fs in (partners, contributions) if fs is not None and fs.changed]
        if instance is None:
            result.outcome = Outcome.NEW
            parts = [row for formset in changed_parts for row in formset.new_rows()]
            self.new.append(_New(result, form.save(commit=False), parts))
            return
        if changed_fields or changed_parts:
            result.outcome = Outcome.CHANGED
            result.changes = [_field_change(form, name) for name in changed_fields]
            result.changes += [fs.change() for fs in changed_parts]
        else:
            result.partnership_id = instance.pk
            return
        partnership = self._save(form, instance, changed_fields)
        result.partnership_id = partnership.pk
        for formset in changed_parts:
            formset.save(partnership, self.user, self.reason)

    def _partnership_form(self, instance: Partnership | None, cells: dict[str, Any]) -> Any:
        target = instance or Partnership()
        data = dict(model_to_dict(target))
        for name, value in cells.items():
            if value is None and instance is None:
                # An empty cell of a new partnership: the model's default (status actief,
                # evaluate three months before the end).
                default = cast(Any, Partnership._meta.get_field(name)).get_default()
                value = default if default not in (None, "") else None
            data[name] = _same_text(value, getattr(instance, name, None)) if instance else value
        form = PartnershipForm(data=data, instance=target, user=self.user)
        _remember_choices(form, self.known)
        return form

    def _save(self, form: Any, instance: Partnership, changed_fields: list[str]) -> Partnership:
        if not changed_fields:
            return instance
        Partnership.objects.filter(pk=instance.pk).update(version=F("version") + 1)
        partnership = self._save_one(form.save(commit=False))
        if any(name in PLANNING_FACTS for name in changed_fields):
            self.to_replan.add(partnership.pk)
        return partnership

    def _save_one(self, row: Any) -> Any:
        row._change_reason = self.reason
        row._history_user = self.user
        row.save()
        return row

    def _formset(
        self,
        sheet: Sheet,
        instance: Partnership | None,
        rows: list[tuple[int, dict[str, Any]]],
        problems: list[Problem],
    ) -> _Parts:
        parts = _Parts(sheet, instance, self.known)
        if len(rows) > MAX_PARTS:
            problems.append(
                Problem(
                    sheet.title, rows[MAX_PARTS][0], "", TOO_MANY_PARTS.format(sheet=sheet.title)
                )
            )
            return parts
        for number, values in rows:
            cells = self._cells(sheet, number, values, problems)
            if sheet is PARTNERS:
                organisation = self._organisation(number, cells, problems)
                if organisation is None:
                    continue
                cells["organisation"] = organisation
                cells.pop("organisation_kind", None)
                cells["role"] = (
                    cells.get("role") or Participation._meta.get_field("role").get_default()
                )
            else:
                cells["kind"] = (
                    cells.get("kind") or Contribution._meta.get_field("kind").get_default()
                )
            parts.add(number, cells)
        return parts

    def _organisation(
        self, number: int, cells: dict[str, Any], problems: list[Problem]
    ) -> int | None:
        name = cells.get("organisation")
        if not name:
            return None  # the form says it is required
        pk = self.lookups.organisations.get(str(name).lower())
        if pk is not None:
            return pk
        form = OrganisationForm(
            data={
                "name": name,
                "kind": cells.get("organisation_kind") or "overig",
                "place": "",
                "website": "",
            }
        )
        if not form.is_valid():
            for field_name, errors in form.errors.items():
                header = "Soort organisatie" if field_name == "kind" else "Organisatie"
                problems += [Problem(PARTNERS.title, number, header, str(e)) for e in errors]
            return None
        organisation = form.save(commit=False)
        organisation._change_reason = self.reason
        organisation._history_user = self.user
        organisation.save()
        self.lookups.organisations[organisation.name.lower()] = organisation.pk
        self.created_organisations.append(organisation.name.lower())
        return int(organisation.pk)


def _remember_choices(form: Any, known: dict[tuple[str, str], Any]) -> None:
    """Rows name the same few organisations, policy domains and people: each select of the
    forms looks a value up once per import instead of once per row. A value it refuses is
    not remembered, so every row that has it gets the form's own message."""
    for name, choice in form.fields.items():
        if type(choice) is forms.ModelChoiceField:
            choice.to_python = partial(_known_choice, choice, known, name)  # type: ignore[method-assign]


def _known_choice(
    field: forms.ModelChoiceField[Any], known: dict[tuple[str, str], Any], name: str, value: Any
) -> Any:
    if value in field.empty_values:
        return None
    key = (name, str(value))
    if key not in known:
        known[key] = forms.ModelChoiceField.to_python(field, value)
    return known[key]


def _save_failed(result: RowResult) -> None:
    result.outcome = Outcome.REFUSED
    result.problems = [Problem(REGISTER.title, result.row, "", SAVE_FAILED)]
    result.changes = []
    result.partnership_id = None


def _same_text(value: Any, stored: Any) -> Any:
    """A text read back that differs from the stored one only in its line endings is the same."""
    if (
        isinstance(value, str)
        and isinstance(stored, str)
        and value.replace("\r\n", "\n").strip() == stored.replace("\r\n", "\n").strip()
    ):
        return stored
    return value


def _form_problems(sheet: Sheet, number: int, form: Any) -> list[Problem]:
    headers = {column.field: column.header for column in sheet.columns}
    return [
        Problem(sheet.title, number, headers.get(name, ""), str(message))
        for name, messages in form.errors.items()
        for message in messages
    ]


def _field_change(form: Any, name: str) -> Change:
    model_field = Partnership._meta.get_field(name)
    old = form.initial.get(name)
    new = form.cleaned_data.get(name)
    if hasattr(new, "pk"):
        new = new.pk
    header = next((c.header for c in REGISTER.columns if c.field == name), name)
    return Change(header, display_value(model_field, old), display_value(model_field, new))


def _comparable(value: Any) -> str:
    """Values as compared: 40, 40.0 and 40.00 are the same share or amount."""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return f"{Decimal(str(value)):.2f}"
    return "" if value is None else str(value)


# Partners and contributions: the edit page's formsets ------------------------------------


def _no_shared_choices(formset_class: Any) -> Any:
    # The page builds each select's choices once for all rows; an import renders no selects.
    # It may send as many rows as the sheet has (MAX_PARTS).
    return type(
        formset_class.__name__, (formset_class,), {"shared_choice_fields": (), "extra": MAX_PARTS}
    )


FORMSETS = {
    PARTNERS.title: (_no_shared_choices(ParticipationFormSet), "participations", ("organisation",)),
    CONTRIBUTIONS.title: (
        _no_shared_choices(ContributionFormSet),
        "contributions",
        ("year", "kind"),
    ),
}
COMPARED = {
    PARTNERS.title: ("organisation", "role", "share"),
    CONTRIBUTIONS.title: ("year", "kind", "budgeted", "actual", "budget_line", "note"),
}


class _Parts:
    """A partnership's partners (or contributions) as the file has them, as a bound formset."""

    def __init__(
        self, sheet: Sheet, instance: Partnership | None, known: dict[tuple[str, str], Any]
    ) -> None:
        self.sheet, self.known = sheet, known
        self.formset_class, self.related, self.match = FORMSETS[sheet.title]
        self.compared = COMPARED[sheet.title]
        self.stored = list(getattr(instance, self.related).all()) if instance else []
        self.instance = instance
        self.rows: list[tuple[int, dict[str, Any]]] = []
        self.formset: Any = None

    def add(self, number: int, cells: dict[str, Any]) -> None:
        self.rows.append((number, cells))

    def _stored_value(self, row: Any, name: str) -> Any:
        return getattr(row, f"{name}_id") if name == "organisation" else getattr(row, name)

    def _wanted(self, cells: dict[str, Any], name: str) -> Any:
        value = cells.get(name)
        return "" if value is None and name in ("budget_line", "note") else value

    @property
    def changed(self) -> bool:
        stored = sorted(
            tuple(_comparable(self._stored_value(r, n)) for n in self.compared) for r in self.stored
        )
        wanted = sorted(
            tuple(_comparable(self._wanted(c, n)) for n in self.compared) for _, c in self.rows
        )
        return stored != wanted

    def check(self) -> list[Problem]:
        """Bind the edit page's formset to the file's rows; its problems, by sheet row."""
        if not self.changed:
            return []
        prefix = "rows"
        data: dict[str, Any] = {}
        by_key = {tuple(self._stored_value(r, n) for n in self.match): r for r in self.stored}
        initial: list[tuple[int, dict[str, Any], Any]] = []
        new: list[tuple[int, dict[str, Any], Any]] = []
        for number, cells in self.rows:
            stored = by_key.pop(tuple(cells.get(n) for n in self.match), None)
            (initial if stored is not None else new).append((number, cells, stored))
        gone = list(by_key.values())
        forms: list[tuple[int | None, dict[str, Any] | None, Any]] = [
            *initial,
            *((None, None, row) for row in gone),
            *new,
        ]
        numbers: list[int | None] = []
        for index, (row_number, row_cells, stored) in enumerate(forms):
            numbers.append(row_number)
            if stored is not None:
                data[f"{prefix}-{index}-id"] = stored.pk
            if row_cells is None:
                data[f"{prefix}-{index}-DELETE"] = "on"
                for name in self.compared:
                    value = self._stored_value(stored, name)
                    data[f"{prefix}-{index}-{name}"] = "" if value is None else value
                continue
            for name in self.compared:
                value = self._wanted(row_cells, name)
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
        data[f"{prefix}-TOTAL_FORMS"] = len(forms)
        data[f"{prefix}-INITIAL_FORMS"] = len(initial) + len(gone)
        target = self.instance or Partnership()
        self.formset = self.formset_class(data, instance=target, prefix=prefix)
        for form in self.formset.forms:
            _remember_choices(form, self.known)
        problems: list[Problem] = []
        if self.formset.is_valid():
            return problems
        headers = {c.field: c.header for c in self.sheet.columns}
        for form, row_number in zip(self.formset.forms, numbers, strict=True):
            for name, messages in form.errors.items():
                problems += [
                    Problem(self.sheet.title, row_number or 0, headers.get(name, ""), str(m))
                    for m in messages
                ]
        problems += [
            Problem(self.sheet.title, self.rows[0][0] if self.rows else 0, "", str(m))
            for m in self.formset.non_form_errors()
        ]
        return problems

    def new_rows(self) -> list[Any]:
        """The rows of a new partnership, unsaved: it has no stored ones to change or delete."""
        return list(self.formset.save(commit=False))

    def save(self, partnership: Partnership, user: Any, reason: str) -> None:
        self.formset.instance = partnership
        for row in self.formset.save(commit=False):
            row._change_reason = reason
            row._history_user = user
            row.save()
        for row in self.formset.deleted_objects:
            row._change_reason = reason
            row._history_user = user
            row.delete()

    def change(self) -> Change:
        return Change(
            self.sheet.title,
            "; ".join(self._describe(r) for r in self.stored) or "(leeg)",
            "; ".join(self._describe_cells(c) for _, c in self.rows) or "(leeg)",
        )

    def _describe(self, row: Any) -> str:
        if self.sheet is PARTNERS:
            share = f", {row.share:.2f} %".replace(".", ",") if row.share is not None else ""
            return f"{row.organisation} ({row.get_role_display().lower()}{share})"
        return f"{row.year} {row.get_kind_display().lower()}: {euro(row.budgeted)}"

    def _describe_cells(self, cells: dict[str, Any]) -> str:
        model = self.formset_class.model
        row = model(**{n: self._wanted(cells, n) for n in self.compared if n != "organisation"})
        if self.sheet is PARTNERS:
            row.organisation = Organisation.objects.get(pk=cells["organisation"])
        return self._describe(row)
