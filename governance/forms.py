"""The afweging (answers → advice → choice) and the kadernota round (one row per partnership)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from partnerships.tiers import TIER_CHOICES, Tier
from samenwerkingswijzer.validators import TEXT_LENGTH, validate_lines

from .kadernota import PAGE_SIZE, KadernotaRow, TierDecisionValues, kadernota_rows
from .scoring import Answers, Kader, Outcome, Prefilled, evaluate

YES_NO = [("ja", "Ja"), ("nee", "Nee")]
RADIO = forms.RadioSelect(attrs={"class": "form-check-input"})

LIST_CHANGED = (
    "De lijst van samenwerkingsverbanden is intussen veranderd. Er is niets vastgelegd. "
    "Vul de besluiten opnieuw in."
)
DEVIATION_NEEDS_MOTIVATION = (
    "U kiest een andere belangrijkheid dan het advies. Schrijf op waarom (de motivering)."
)
# The kadernota round, per row.
DECISION_FIELDS = ("tier", "political_topics", "mandate", "motivation")
DECISION_CHOICES = [("", "Nog geen besluit"), *TIER_CHOICES]
DEVIATION_NEEDS_MOTIVATION_ROW = "Dit besluit wijkt af van het advies. Schrijf op waarom."
ALREADY_DECIDED = "Dit besluit is al vastgelegd. Kies een belangrijkheid."
CHOOSE_A_TIER = (
    "Kies een belangrijkheid om dit besluit vast te leggen, of zet de teksten terug als u nog "
    "geen besluit neemt."
)
CHANGED_MEANWHILE = (
    "Iemand anders heeft dit besluit intussen veranderd; hieronder ziet u wat nu is vastgelegd. "
    "Uw invoer staat er nog. Kijk die na en leg opnieuw vast."
)
ENDED_MEANWHILE = "Dit samenwerkingsverband is intussen beëindigd. Er is geen besluit vastgelegd."


class AssessmentForm(forms.Form):
    """The questions of one kader version; after a preview also the tier the user chooses."""

    chosen_tier = forms.TypedChoiceField(
        label="Welke belangrijkheid kiest u?",
        choices=TIER_CHOICES,
        coerce=Tier,
        required=False,
        widget=RADIO,
    )
    motivation = forms.CharField(
        label="Motivering",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht als u een andere belangrijkheid kiest dan het advies.",
    )
    # The advice the user saw: if new answers change it, they see the new advice first.
    previewed_tier = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        kader: Kader,
        *args: Any,
        prefills: dict[str, Prefilled[int] | Prefilled[bool]] | None = None,
        confirming: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kader = kader
        self.prefills = prefills or {}
        self.confirming = confirming
        self.outcome: Outcome | None = None
        self.advice_changed = False
        for criterion in kader.criteria:
            self.fields[criterion.code] = forms.TypedChoiceField(
                label=f"{criterion.code}. {criterion.text}",
                choices=[(o.points, o.label) for o in criterion.options],
                coerce=int,
                widget=RADIO,
                help_text=criterion.help_text,
                error_messages={"required": f"Kies een antwoord bij {criterion.code}."},
            )
        for qualifier in kader.qualifiers:
            self.fields[qualifier.code] = forms.TypedChoiceField(
                label=f"{qualifier.code}. {qualifier.text}",
                choices=YES_NO,
                coerce=lambda value: value == "ja",
                widget=RADIO,
                help_text=qualifier.help_text,
                error_messages={"required": f"Kies ja of nee bij {qualifier.code}."},
            )
        for code, prefilled in self.prefills.items():
            value = prefilled.value
            self.initial[code] = ("ja" if value else "nee") if isinstance(value, bool) else value

    def question_fields(
        self,
    ) -> list[tuple[forms.BoundField, Prefilled[int] | Prefilled[bool] | None]]:
        codes = [c.code for c in self.kader.criteria] + [q.code for q in self.kader.qualifiers]
        return [(self[code], self.prefills.get(code)) for code in codes]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        criteria = {c.code: data.get(c.code) for c in self.kader.criteria}
        qualifiers = {q.code: data.get(q.code) for q in self.kader.qualifiers}
        if None in criteria.values() or None in qualifiers.values():
            return data  # the fields have their own messages
        self.outcome = evaluate(
            self.kader,
            Answers(
                criteria={k: int(v) for k, v in criteria.items() if v is not None},
                qualifiers={k: bool(v) for k, v in qualifiers.items()},
            ),
        )
        if not self.confirming:
            return data
        if data.get("previewed_tier") != self.outcome.tier:
            self.advice_changed = True
            raise forms.ValidationError(
                "Het advies is veranderd door uw antwoorden. Kijk het nieuwe advies na en "
                "leg daarna de afweging vast."
            )
        chosen = data.get("chosen_tier")
        if not chosen:
            self.add_error("chosen_tier", "Kies de belangrijkheid.")
        elif chosen != self.outcome.tier and not data.get("motivation", "").strip():
            self.add_error("motivation", DEVIATION_NEEDS_MOTIVATION)
        return data

    def assessment_values(self) -> dict[str, Any]:
        """What `evaluations.assessing.record_assessment` stores besides the outcome."""
        return {
            "criterion_answers": {c.code: self.cleaned_data[c.code] for c in self.kader.criteria},
            "qualifier_answers": {q.code: self.cleaned_data[q.code] for q in self.kader.qualifiers},
            "chosen_tier": self.cleaned_data["chosen_tier"],
            "motivation": self.cleaned_data["motivation"],
        }


def html_attributes(attrs: dict[str, Any]) -> SafeString:
    """The attributes as Django's widgets/attrs.html writes them, in the same order."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


# The round shows 50 rows of four inputs. Django renders each widget, and each option of a
# list, with templates of its own: more than half of the page's time. These widgets write
# the same HTML in Python (tests/governance/test_round_widgets.py compares them).


class RoundSelect(forms.Select):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (option["value"], html_attributes(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            html_attributes(widget["attrs"]),
            options,
        )


class RoundTextarea(forms.Textarea):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            html_attributes(widget["attrs"]),
            widget["value"] or "",
        )


class RoundHiddenInput(forms.HiddenInput):
    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            html_attributes(widget["attrs"]),
        )


class TierDecisionRowForm(forms.Form):
    """This year's decision for one partnership of the kadernota round.

    A row records something only when the beheerder changed it. The values shown are posted
    back as hidden initial values: an untouched row is skipped before validation
    (`empty_permitted`), so it never records anything and never blocks another row.
    """

    partnership = forms.IntegerField(widget=RoundHiddenInput)
    tier = forms.ChoiceField(
        label="Besluit",
        choices=DECISION_CHOICES,
        required=False,
        show_hidden_initial=True,
        widget=RoundSelect(attrs={"class": "form-select form-select-sm"}),
    )
    political_topics = forms.CharField(
        label="Politiek relevante onderwerpen",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        show_hidden_initial=True,
        widget=RoundTextarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )
    mandate = forms.CharField(
        label="Mandaat van het college",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        show_hidden_initial=True,
        widget=RoundTextarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )
    motivation = forms.CharField(
        label="Motivering: waarom anders dan het advies?",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        show_hidden_initial=True,
        widget=RoundTextarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )

    def __init__(self, *args: Any, row: KadernotaRow | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        if row is not None:
            # Taking over the advice is one choice in the list; a recorded decision cannot be
            # emptied, so its list has no "Nog geen besluit".
            cast(forms.ChoiceField, self.fields["tier"]).choices = [
                (value, f"{label} (advies)" if value and value == row.advised_tier else label)
                for value, label in DECISION_CHOICES
                if value or not row.current
            ]

    def has_changed(self) -> bool:
        return any(name != "partnership" for name in self.changed_data)

    def clean_partnership(self) -> int:
        value: int = self.cleaned_data["partnership"]
        if self.row is None or value != self.row.partnership.pk:
            raise forms.ValidationError(LIST_CHANGED)
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        row = self.row
        if row is None:
            return data
        if not row.in_round:
            raise forms.ValidationError(ENDED_MEANWHILE)
        if self.seen_values() != self.stored_values():
            self.add_error(None, CHANGED_MEANWHILE)
        tier = data.get("tier")
        if not tier:
            self.add_error("tier", ALREADY_DECIDED if row.current else CHOOSE_A_TIER)
        elif (
            row.advised_tier and tier != row.advised_tier and not _text(data.get("motivation", ""))
        ):
            self.add_error("motivation", DEVIATION_NEEDS_MOTIVATION_ROW)
        return data

    def seen_values(self) -> dict[str, str]:
        """The values the page showed (posted back as hidden initial values)."""
        return {
            name: _text(self.data.get(self[name].html_initial_name) or "")
            for name in DECISION_FIELDS
        }

    def stored_values(self) -> dict[str, str]:
        """The values this row starts from now: the stored decision or last year's texts."""
        return {name: _text(str(self.initial.get(name) or "")) for name in DECISION_FIELDS}

    def decision_values(self) -> TierDecisionValues | None:
        """The decision to store: None for a row the beheerder left alone or left as stored."""
        if self.row is None or not self.has_changed() or not self.cleaned_data.get("tier"):
            return None
        tier = self.cleaned_data["tier"]
        values = TierDecisionValues(
            tier=tier,
            political_topics=_text(self.cleaned_data["political_topics"]),
            mandate=_text(self.cleaned_data["mandate"]),
            motivation=_text(self.cleaned_data["motivation"])
            if tier != self.row.advised_tier
            else "",
        )
        current = self.row.current
        if current and all(getattr(current, name) == value for name, value in values.items()):
            return None
        return values


class BaseTierDecisionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    """One page of the kadernota round.

    Each posted form finds its row by the partnership it names, not by its place, so a page
    stays valid when partnerships are added or decided meanwhile. Valid changed rows are
    stored even when another row has an error: a row blocks only itself.
    """

    def __init__(
        self, data: Any = None, *args: Any, rows: list[KadernotaRow], **kwargs: Any
    ) -> None:
        self.rows = rows
        self.rows_by_id = {row.partnership.pk: row for row in rows}
        super().__init__(data, *args, **kwargs)

    @classmethod
    def posted_ids(cls, data: Any) -> list[int]:
        """The partnerships a posted page names, at most a page full."""
        prefix = cls.get_default_prefix()
        try:
            total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), cls.absolute_max)
        except (TypeError, ValueError):
            return []
        ids = (_posted_pk(data, f"{prefix}-{index}") for index in range(max(total, 0)))
        return [pk for pk in ids if pk is not None]

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        row = self.row_for(index)
        kwargs.update(row=row, empty_permitted=True)
        if row is not None:
            kwargs["initial"] = row.initial()
        return kwargs

    def row_for(self, index: int | None) -> KadernotaRow | None:
        if index is None:
            return None
        if not self.is_bound:
            return self.rows[index] if index < len(self.rows) else None
        return self.rows_by_id.get(_posted_pk(self.data, self.add_prefix(index)) or 0)

    def clean(self) -> None:
        named = [form.row.partnership.pk for form in self.forms if form.row is not None]
        if len(named) != len(self.forms) or len(set(named)) != len(named):
            raise forms.ValidationError(LIST_CHANGED)

    def changed_decisions(self) -> dict[int, TierDecisionValues]:
        """The valid rows the beheerder changed (partnership id -> values), for
        `evaluations.tier_deciding.record_tier_decisions`; a page that does not add up, none."""
        if self.non_form_errors():
            return {}
        return {
            form.row.partnership.pk: values
            for form in self.forms
            if form.is_valid() and (values := form.decision_values())
        }

    @property
    def invalid_forms(self) -> list[TierDecisionRowForm]:
        return [form for form in self.forms if not form.is_valid()]

    def rows_in_order(self) -> list[KadernotaRow]:
        """The row of each form, in the order of the forms (after `clean`, none missing)."""
        return [form.row for form in self.forms if form.row is not None]

    def after_save(self, year: int) -> BaseTierDecisionFormSet:
        """The page again after `save`: the rows with errors as the user left them, every
        other row as it is stored now (so a stale untouched row cannot overwrite anything)."""
        rows = kadernota_rows(year, ids=[row.partnership.pk for row in self.rows_in_order()])
        fresh = {row.partnership.pk: row.initial() for row in rows}
        data = dict(self.data.items())
        for form in self.forms:
            if form.row is None or not form.is_valid():
                continue
            for name in DECISION_FIELDS:
                value = fresh[form.row.partnership.pk][name]
                data[form.add_prefix(name)] = value
                data[form.add_initial_prefix(name)] = value
        formset = type(self)(data, rows=rows)
        formset.is_valid()  # shows the remaining rows' errors again
        return formset


TierDecisionFormSet = cast(
    type[BaseTierDecisionFormSet],
    forms.formset_factory(
        TierDecisionRowForm,
        formset=BaseTierDecisionFormSet,
        extra=0,
        max_num=PAGE_SIZE,
        absolute_max=PAGE_SIZE,
        validate_max=True,
    ),
)


def _text(value: str) -> str:
    # Browsers post line ends as CRLF; stored texts and comparisons use LF.
    return value.replace("\r\n", "\n").strip()


def _posted_pk(data: Any, form_prefix: str) -> int | None:
    try:
        return int(data.get(f"{form_prefix}-partnership", ""))
    except (TypeError, ValueError):
        return None
