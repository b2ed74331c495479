"""The edit page of a partnership: the form and its four formsets, saved together.

They are validated together and saved in one transaction. Two people may edit the same
partnership: the page carries the record as the user read it, and saving merges three ways
(samenwerkingswijzer/merging.py). What only a colleague changed in the meantime stays, what
only the user changed is written, and what both changed differently is shown as a conflict to
decide, with the user's input kept. A row a colleague deleted is shown as deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.forms.models import BaseInlineFormSet
from django.forms.utils import ErrorDict
from django.http import QueryDict

from evaluations.replanning import replan
from partnerships.forms import (
    BaseParticipationFormSet,
    ContributionFormSet,
    DecisionFormSet,
    FinancialPositionFormSet,
    ParticipationFormSet,
    PartnershipForm,
)
from partnerships.models import Partnership
from samenwerkingswijzer.editing import ErrorLink, field_error_links, form_data
from samenwerkingswijzer.fields import AMOUNT_HELP
from samenwerkingswijzer.formatting import display_value
from samenwerkingswijzer.merging import (
    CONFLICT,
    THEIRS,
    UNKNOWN,
    Conflict,
    Record,
    merge_value,
    normalise,
    stored_values,
)

CONFLICT_MESSAGE = (
    "Iemand anders heeft dit samenwerkingsverband intussen gewijzigd. Uw wijzigingen zijn "
    "nog niet opgeslagen. Wat alleen uw collega veranderde, staat nu in het formulier; uw "
    "eigen wijzigingen staan er ook nog in. Kies hieronder bij elk punt dat u allebei "
    "veranderde welke waarde blijft, en sla dan opnieuw op."
)
CHOOSE = "Kies welke waarde blijft."
CLASH_MESSAGE = (
    "Uw wijzigingen botsen met wat een collega net opsloeg (bijvoorbeeld dezelfde bijdrage "
    "twee keer). Er is niets opgeslagen. Bekijk het formulier en sla opnieuw op."
)
PLANNING_FACTS = ("start_date", "end_date", "evaluation_lead_months", "status")
# No page offers more rows than this per section; a larger count in a post is cut off.
MAX_ROWS = 200


@dataclass(frozen=True)
class FormsetSection:
    """How the form page presents one formset."""

    prefix: str
    title: str
    row_title: str
    help_text: str
    add_label: str  # the button that adds a row without saving


FORMSET_SECTIONS = (
    FormsetSection(
        "participations",
        "Partners",
        "Partner",
        "De organisaties die meedoen, met hun rol en hun aandeel (verdeelsleutel of "
        "stemverhouding). De aandelen tellen samen op tot hooguit 100%.",
        "Nog een partner toevoegen",
    ),
    FormsetSection(
        "contributions",
        "Bijdragen per jaar",
        "Bijdrage",
        "Wat de gemeente per jaar inbrengt. Vul het werkelijke bedrag in zodra het bekend is. "
        + AMOUNT_HELP,
        "Nog een bijdrage toevoegen",
    ),
    FormsetSection(
        "financial_positions",
        "Financiële positie (verbonden partij)",
        "Financiële positie",
        "Alleen voor een verbonden partij: de cijfers die de paragraaf verbonden partijen "
        "vraagt (BBV artikel 15). " + AMOUNT_HELP,
        "Nog een financiële positie toevoegen",
    ),
    FormsetSection(
        "decisions",
        "Besluiten",
        "Besluit",
        "Besluiten van raad, college of het bestuur van de samenwerking.",
        "Nog een besluit toevoegen",
    ),
)


class EditConflict(Exception):
    """Both the user and a colleague changed the same value; nothing was saved."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(CONFLICT_MESSAGE)
        self.conflicts = conflicts


@dataclass
class _Merge:
    """The outcome of merging the user's form with the stored record."""

    take_theirs: set[str] = field(default_factory=set)
    rows_take_theirs: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    drop_forms: list[Any] = field(default_factory=list)
    undelete_forms: list[Any] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


class PartnershipEditor:
    """The partnership form with its formsets, validated together and saved atomically."""

    formset_classes: dict[str, type[BaseInlineFormSet[Any, Any, Any]]] = {
        "participations": ParticipationFormSet,
        "contributions": ContributionFormSet,
        "financial_positions": FinancialPositionFormSet,
        "decisions": DecisionFormSet,
    }

    def __init__(
        self,
        user: Any,
        instance: Partnership | None = None,
        data: Any = None,
        add_row: str | None = None,
    ) -> None:
        self.user = user
        self.instance = instance or Partnership()
        self.is_new = self.instance.pk is None
        self.conflicts: list[Conflict] = []
        self.kept_from_colleague: list[str] = []
        # Rows of the user's form that a colleague deleted meanwhile: (prefix, index) -> pk.
        self.vanished: dict[tuple[str, int], str] = {}
        self.base: Record | None = None
        if data is not None and not self.is_new:
            self.base = Record.loads(data.get("base", ""))
            data = self._vanished_rows_as_new(data)
        if not self.is_new:
            # Fewer empty rows when editing: the page stays short.
            self.formset_classes = {
                prefix: _with_extra(cls, 1) for prefix, cls in self.formset_classes.items()
            }
        self.added_row = add_row in self.formset_classes and data is not None
        if self.added_row:
            data = self._with_one_more_row(data, cast(str, add_row))
        self.form = PartnershipForm(data, instance=self.instance, user=user)
        self.formsets = {
            prefix: cls(data, instance=self.instance, prefix=prefix)
            for prefix, cls in self.formset_classes.items()
        }
        if self.added_row:
            self._show_without_checking(cast(str, add_row))
        for (prefix, index), pk in self.vanished.items():
            self.formsets[prefix].forms[index].vanished_pk = pk  # type: ignore[attr-defined]
        if data is None and not self.is_new:
            self.form.initial["base"] = self.record_of(self.instance).dumps()

    def _with_one_more_row(self, data: Any, prefix: str) -> Any:
        """The posted data with one more (empty) row in a formset, unless it is full."""
        formset = self.formset_classes[prefix](data, instance=self.instance, prefix=prefix)
        if not formset.can_add_row:  # type: ignore[attr-defined]
            return data
        total = formset.total_form_count()
        data = data.copy()
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        # The new row shows its defaults, as an empty row of a fresh page does; a bound row
        # without values would show none, and a browser posts a select's first option.
        for key, value in form_data(formset.empty_form).items():
            key = key.replace("__prefix__", str(total))
            data.setlist(key, value if isinstance(value, list) else [value])
        return data

    def _show_without_checking(self, prefix: str) -> None:
        """Show the typed values as they are: adding a row checks and saves nothing."""
        # Django checks a bound form when its errors are first asked for; none are, now.
        for formset in self.formsets.values():
            unchecked = cast(Any, formset)
            unchecked._errors = []
            unchecked._non_form_errors = formset.error_class()
            for form in formset.forms:
                form._errors = ErrorDict()
        cast(Any, self.form)._errors = ErrorDict()
        new = self.formsets[prefix].forms[-1]
        if new.instance.pk is None:
            # The browser puts the cursor in the new row, so the user types on there.
            new.visible_fields()[0].field.widget.attrs["autofocus"] = True

    def sections(self) -> list[tuple[FormsetSection, BaseInlineFormSet[Any, Any, Any]]]:
        return [(section, self.formsets[section.prefix]) for section in FORMSET_SECTIONS]

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [fs.is_valid() for fs in self.formsets.values()]
        return all(results)

    # The record as the user's page knows it ---------------------------------------------

    @property
    def field_names(self) -> list[str]:
        return [name for name in self.form.fields if name != "base"]

    def row_field_names(self, prefix: str) -> list[str]:
        # The fields of the stored row; not the form's helpers such as a new organisation.
        form_class = self.formsets[prefix].form
        stored = form_class._meta.fields  # type: ignore[attr-defined]
        return [n for n in form_class.base_fields if n in stored and n != "partnership"]

    def stored_rows(self, partnership: Partnership) -> dict[str, dict[str, Model]]:
        return {
            prefix: {
                str(row.pk): row
                for row in _manager(formset).filter(partnership=partnership).order_by("pk")
            }
            for prefix, formset in self.formsets.items()
        }

    def record_of(
        self, partnership: Partnership, rows: dict[str, dict[str, Model]] | None = None
    ) -> Record:
        rows = self.stored_rows(partnership) if rows is None else rows
        return Record(
            fields=stored_values(partnership, self.field_names),
            rows={
                prefix: {
                    pk: stored_values(row, self.row_field_names(prefix))
                    for pk, row in by_pk.items()
                }
                for prefix, by_pk in rows.items()
            },
        )

    def _vanished_rows_as_new(self, data: Any) -> Any:
        """Rows of the form whose record a colleague deleted become new rows, so they are
        shown as deleted instead of failing as an invalid choice."""
        live = {
            prefix: {
                str(pk)
                for pk in _manager(formset_class)
                .filter(partnership=self.instance)
                .values_list("pk", flat=True)
            }
            for prefix, formset_class in self.formset_classes.items()
        }
        rebuilt = QueryDict(mutable=True)
        rebuilt.update(data)
        changed = False
        for prefix in self.formset_classes:
            rows = _posted_rows(data, prefix)
            initial = _count(data, f"{prefix}-INITIAL_FORMS", len(rows))
            kept = [row for row in rows[:initial] if row.get("id", [""])[0] in live[prefix]]
            gone = [row for row in rows[:initial] if row.get("id", [""])[0] not in live[prefix]]
            new = rows[initial:]
            # A row shown as deleted after a conflict comes back without id, marked.
            marked = [row for row in new if row.get("vanished", [""])[0]]
            if not gone and not marked:
                continue
            changed = True
            new = [row for row in new if row not in marked]
            for row in gone:
                row["vanished"] = [row.pop("id", [""])[0]]
            for number, row in enumerate(gone + marked, start=len(kept)):
                self.vanished[(prefix, number)] = row["vanished"][0]
            _write_rows(rebuilt, prefix, kept + gone + marked + new, initial=len(kept))
        return rebuilt if changed else data

    def _mine(self, form: forms.BaseForm, names: list[str]) -> dict[str, Any]:
        return {name: normalise(form.cleaned_data.get(name)) for name in names}

    # Merging and saving -----------------------------------------------------------------

    def _merge(self, theirs: Record) -> _Merge:
        base = self.base or Record()
        pending = set(base.pending)
        data = self.form.data
        result = _Merge()

        def decide(key: str, label: str, b: Any, t: Any, m: Any, show: Any) -> str:
            choice = data.get(f"keep-{key}") or None
            outcome = merge_value(b, t, m, choice)
            if outcome != CONFLICT and key in pending and choice is None:
                outcome = CONFLICT  # shown before: the user must say which value stays
            if outcome == CONFLICT:
                result.conflicts.append(Conflict(key, label, show(m), show(t)))
            return outcome

        for name in self.field_names:
            b = base.fields.get(name, UNKNOWN) if self.base else UNKNOWN
            t, m = theirs.fields[name], normalise(self.form.cleaned_data.get(name))
            label = str(self.form.fields[name].label)
            model_field = Partnership._meta.get_field(name)
            outcome = decide(f"f-{name}", label, b, t, m, partial(display_value, model_field))
            if outcome == THEIRS and t != m:
                result.take_theirs.add(name)
                self.kept_from_colleague.append(label)

        for section, formset in self.sections():
            prefix, names = section.prefix, self.row_field_names(section.prefix)
            base_rows = base.rows.get(prefix, {})
            model = _model(formset)
            for index, form in enumerate(formset.forms):
                if (
                    not getattr(form, "cleaned_data", None)
                    and index >= formset.initial_form_count()
                ):
                    continue
                deleted = _marked_deleted(form)
                title = f"{section.row_title} {index + 1}"
                vanished_pk = self.vanished.get((prefix, index))
                if vanished_pk is not None:
                    mine = self._mine(form, names)
                    b_row = base_rows.get(vanished_pk, UNKNOWN) if self.base else UNKNOWN
                    if deleted or mine == b_row:
                        result.drop_forms.append(form)
                        continue
                    outcome = decide(
                        f"r-{prefix}-{vanished_pk}",
                        f"{title} (door uw collega verwijderd)",
                        b_row,
                        None,
                        mine,
                        lambda v: "verwijderd" if v is None else "uw wijziging bewaren",
                    )
                    if outcome == THEIRS:
                        result.drop_forms.append(form)
                    continue
                if index >= formset.initial_form_count():
                    continue  # a new row: the user's alone
                pk = str(form.instance.pk)
                b_row = base_rows.get(pk, UNKNOWN) if self.base else UNKNOWN
                if pk not in theirs.rows[prefix]:
                    # A colleague deleted it while this request ran.
                    if deleted or self._mine(form, names) == b_row:
                        result.drop_forms.append(form)
                    else:
                        result.conflicts.append(
                            Conflict(
                                f"r-{prefix}-{pk}",
                                f"{title} (door uw collega verwijderd)",
                                "uw wijziging bewaren",
                                "verwijderd",
                            )
                        )
                    continue
                t_row = theirs.rows[prefix][pk]
                if deleted:
                    outcome = decide(
                        f"r-{prefix}-{pk}",
                        f"{title} (door u verwijderd, door uw collega gewijzigd)",
                        b_row,
                        t_row,
                        None,
                        lambda v: "verwijderen" if v is None else "de rij van uw collega bewaren",
                    )
                    if outcome == THEIRS:
                        result.undelete_forms.append(form)
                    continue
                mine = self._mine(form, names)
                for name in names:
                    b = b_row.get(name, UNKNOWN) if isinstance(b_row, dict) else UNKNOWN
                    model_field = model._meta.get_field(name)
                    outcome = decide(
                        f"r-{prefix}-{pk}-{name}",
                        f"{title}, {form.fields[name].label}",
                        b,
                        t_row[name],
                        mine[name],
                        partial(display_value, model_field),
                    )
                    if outcome == THEIRS and t_row[name] != mine[name]:
                        result.rows_take_theirs.setdefault((prefix, index), set()).add(name)
                        self.kept_from_colleague.append(f"{title}, {form.fields[name].label}")
        return result

    def _apply(
        self, merge: _Merge, current: Partnership, rows: dict[str, dict[str, Model]]
    ) -> None:
        """Write the colleague's values into the user's objects where the merge keeps them."""
        for name in merge.take_theirs:
            attname = _attname(Partnership, name)
            setattr(self.instance, attname, getattr(current, attname))
        for (prefix, index), names in merge.rows_take_theirs.items():
            form = self.formsets[prefix].forms[index]
            stored = rows[prefix][str(form.instance.pk)]
            for name in names:
                attname = _attname(type(stored), name)
                setattr(form.instance, attname, getattr(stored, attname))
        for form in merge.drop_forms:
            form.cleaned_data["DELETE"] = True
        for form in merge.undelete_forms:
            form.cleaned_data["DELETE"] = False
            stored = rows[str(form.prefix).rsplit("-", 1)[0]][str(form.instance.pk)]
            for model_field in stored._meta.concrete_fields:
                setattr(form.instance, model_field.attname, getattr(stored, model_field.attname))
        for formset in self.formsets.values():
            # The formset remembers which rows it deletes; the merge changed that.
            formset.__dict__.pop("_deleted_form_indexes", None)

    def save(self) -> Partnership:
        """Save everything or nothing; raise EditConflict when the user must decide."""
        try:
            with transaction.atomic():
                return self._save()
        except IntegrityError as error:
            # Rows that clash with a colleague's rows saved a moment ago (a unique year).
            raise EditConflict([]) from error

    def _save(self) -> Partnership:
        before: dict[str, Any] = {}
        if not self.is_new:
            # Take the row's write lock first, then read what is stored now.
            Partnership.objects.filter(pk=self.instance.pk).update(version=F("version") + 1)
            current = Partnership.objects.get(pk=self.instance.pk)
            rows = self.stored_rows(current)
            merge = self._merge(self.record_of(current, rows))
            if merge.conflicts:
                raise EditConflict(merge.conflicts)
            self._apply(merge, current, rows)
            before = {name: getattr(current, name) for name in PLANNING_FACTS}
        elif "account_holder" not in self.form.fields:
            # An accounthouder who creates a partnership holds it.
            self.instance.account_holder = self.user
        partnership = self.form.save(commit=False)
        if self.is_new:
            partnership.save()
        else:
            partnership.save(update_fields=[*self.field_names, "updated_at"])
        participations = cast(BaseParticipationFormSet, self.formsets["participations"])
        participations.create_new_organisations(
            self.user, f"Toegevoegd als partner bij {partnership.name}"
        )
        for formset in self.formsets.values():
            formset.instance = partnership
            formset.save()
        if self.is_new or any(getattr(partnership, n) != v for n, v in before.items()):
            replan([partnership.pk])
        return partnership

    def show_conflict(self, error: EditConflict) -> None:
        """Show what is stored now with the user's own changes on top, and the conflicts."""
        if error.conflicts:
            current = Partnership.objects.get(pk=self.instance.pk)
            data = self._rebased_data(current, error.conflicts)
            self.__init__(self.user, current, data=data)  # type: ignore[misc]
            self.is_valid()
            self.conflicts = error.conflicts
        if not error.conflicts:
            # The conflicts have their own panel on the page; a clash has only this message.
            self.form.add_error(None, CLASH_MESSAGE)

    def _rebased_data(self, current: Partnership, conflicts: list[Conflict]) -> QueryDict:
        """The form data of the stored record, with every value the user changed on top."""
        base = self.base
        fresh = PartnershipEditor(self.user, current)
        data = QueryDict(mutable=True)
        for key, value in form_data(fresh.form).items():
            data.setlist(key, value if isinstance(value, list) else [value])
        for name in self.field_names:
            mine = normalise(self.form.cleaned_data.get(name))
            if base is None or mine != base.fields.get(name, UNKNOWN):
                _copy_posted(self.form.data, name, data, name)
        for prefix, formset in self.formsets.items():
            names = self.row_field_names(prefix)
            base_rows = base.rows.get(prefix, {}) if base else {}
            stored = [form for form in fresh.formsets[prefix].forms if form.instance.pk]
            rows = [_as_rows(form_data(form)) for form in stored]
            position = {str(form.instance.pk): n for n, form in enumerate(stored)}
            added = []
            for index, form in enumerate(formset.forms):
                posted = _posted_row(self.form.data, f"{prefix}-{index}")
                if not getattr(form, "cleaned_data", None):
                    continue
                vanished = self.vanished.get((prefix, index))
                if vanished is not None:
                    if not _marked_deleted(form):
                        added.append({**posted, "vanished": [vanished]})
                    continue
                if index >= formset.initial_form_count():
                    if form.has_changed():
                        added.append({k: v for k, v in posted.items() if k != "id"})
                    continue
                pk = str(form.instance.pk)
                if pk not in position:
                    continue
                row = rows[position[pk]]
                base_row = base_rows.get(pk, {})
                mine = self._mine(form, names)
                for name in names:
                    if base is None or mine[name] != base_row.get(name, UNKNOWN):
                        row.pop(name, None)
                        if name in posted:
                            row[name] = posted[name]
                if _marked_deleted(form):
                    row["DELETE"] = ["on"]
            _write_rows(data, prefix, rows + added, initial=len(rows))
        record = self.record_of(current)
        record.pending = [conflict.key for conflict in conflicts]
        data["base"] = record.dumps()
        for conflict in conflicts:
            if choice := self.form.data.get(f"keep-{conflict.key}"):
                data[f"keep-{conflict.key}"] = choice
        return data

    def error_summary(self) -> list[ErrorLink]:
        links = [
            ErrorLink("formulier", "Samenwerkingsverband", str(message))
            for message in self.form.non_field_errors()
            if str(message) not in (CONFLICT_MESSAGE, CLASH_MESSAGE)
        ]
        links += [ErrorLink(f"keep-{c.key}", c.label, CHOOSE) for c in self.conflicts]
        links += field_error_links(self.form)
        for section, formset in self.sections():
            links += [
                ErrorLink(f"sectie-{section.prefix}", section.title, str(message))
                for message in formset.non_form_errors()
            ]
            for number, form in enumerate(formset.forms, start=1):
                title = f"{section.row_title} {number}"
                links += [
                    ErrorLink(f"{section.prefix}-{number}", title, str(message))
                    for message in form.non_field_errors()
                ]
                links += field_error_links(form, prefix=f"{title}, ")
        return links


def _marked_deleted(form: Any) -> bool:
    return bool(form.cleaned_data.get("DELETE"))


def _model(formset: Any) -> type[Model]:
    return cast(type[Model], formset.model)


def _manager(formset: Any) -> Any:
    return _model(formset)._default_manager


def _attname(model: type[Model], name: str) -> str:
    return cast(Any, model._meta.get_field(name)).attname


def _count(data: Any, key: str, default: int) -> int:
    try:
        return max(0, min(int(data.get(key, default)), MAX_ROWS))
    except (TypeError, ValueError):
        return default


def _posted_row(data: Any, prefix: str) -> dict[str, list[str]]:
    """The posted values of one formset row, by field name."""
    start = f"{prefix}-"
    return {key[len(start) :]: data.getlist(key) for key in data if key.startswith(start)}


def _posted_rows(data: Any, prefix: str) -> list[dict[str, list[str]]]:
    total = _count(data, f"{prefix}-TOTAL_FORMS", 0)
    return [_posted_row(data, f"{prefix}-{index}") for index in range(total)]


def _as_rows(flat: dict[str, Any]) -> dict[str, list[str]]:
    """form_data() of one row form (keys with the row's prefix) as posted values by name."""
    return {
        key.rsplit("-", 1)[-1]: value if isinstance(value, list) else [value]
        for key, value in flat.items()
    }


def _write_rows(
    data: QueryDict, prefix: str, rows: list[dict[str, list[str]]], initial: int
) -> None:
    """Replace the rows of a formset in `data` by `rows`, the first `initial` of them stored."""
    for key in [
        k for k in data if k.startswith(f"{prefix}-") and k[len(prefix) + 1 :][:1].isdigit()
    ]:
        del data[key]
    for index, row in enumerate(rows):
        for name, values in row.items():
            data.setlist(f"{prefix}-{index}-{name}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(initial)


def _copy_posted(source: Any, source_key: str, target: QueryDict, target_key: str) -> None:
    target.pop(target_key, None)
    if source_key in source:
        target.setlist(target_key, source.getlist(source_key))


def _with_extra(
    formset_class: type[BaseInlineFormSet[Any, Any, Any]], extra: int
) -> type[BaseInlineFormSet[Any, Any, Any]]:
    return type(formset_class.__name__, (formset_class,), {"extra": extra})
