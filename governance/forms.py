"""The afweging (answers → advice → choice) and the kadernota round (one row per partnership)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db import transaction

from evaluations.assessing import record_assessment
from evaluations.tier_deciding import record_tier_decisions
from partnerships.models import Partnership
from samenwerkingswijzer.validators import TEXT_LENGTH, validate_lines

from .models import Assessment, Framework, TierDecision
from .scoring import Answers, Kader, Outcome, Prefilled, evaluate
from .tiers import TIER_CHOICES, Tier

YES_NO = [("ja", "Ja"), ("nee", "Nee")]
RADIO = forms.RadioSelect(attrs={"class": "form-check-input"})

LIST_CHANGED = (
    "De lijst van samenwerkingsverbanden is intussen veranderd. Er is niets vastgelegd. "
    "Vul de besluiten opnieuw in."
)
DEVIATION_NEEDS_MOTIVATION = (
    "U kiest een andere belangrijkheid dan het advies. Schrijf op waarom (de motivering)."
)


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

    def save(self, partnership: Partnership, framework: Framework, user: Any) -> Assessment:
        assert self.outcome is not None
        return record_assessment(
            partnership,
            framework,
            self.outcome,
            criterion_answers={c.code: self.cleaned_data[c.code] for c in self.kader.criteria},
            qualifier_answers={q.code: self.cleaned_data[q.code] for q in self.kader.qualifiers},
            chosen_tier=self.cleaned_data["chosen_tier"],
            motivation=self.cleaned_data["motivation"],
            user=user,
        )


class TierDecisionRowForm(forms.Form):
    """This year's decision for one partnership of the kadernota round."""

    partnership = forms.IntegerField(widget=forms.HiddenInput)
    tier = forms.ChoiceField(
        label="Belangrijkheid",
        choices=[("", "Nog geen besluit"), *TIER_CHOICES],
        required=False,
    )
    political_topics = forms.CharField(
        label="Politiek relevante onderwerpen",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    mandate = forms.CharField(
        label="Mandaat van het college",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    motivation = forms.CharField(
        label="Motivering afwijking van het advies",
        required=False,
        max_length=TEXT_LENGTH,
        validators=[validate_lines],
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, row: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row = row

    def clean_partnership(self) -> int:
        value: int = self.cleaned_data["partnership"]
        if value != self.row.partnership.pk:
            raise forms.ValidationError(LIST_CHANGED)
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        tier = data.get("tier")
        if not tier:
            if self.row.current:
                self.add_error("tier", "Dit besluit is al vastgelegd. Kies een belangrijkheid.")
            return data
        advice = self.row.advice
        if advice and tier != advice and not data.get("motivation", "").strip():
            self.add_error(
                "motivation",
                "Deze belangrijkheid wijkt af van het advies. Schrijf op waarom.",
            )
        return data

    def decision_values(self) -> dict[str, str] | None:
        """The values to store, or None when this row records nothing (new)."""
        if not self.cleaned_data.get("tier"):
            return None
        return {
            "tier": self.cleaned_data["tier"],
            "political_topics": self.cleaned_data["political_topics"].strip(),
            "mandate": self.cleaned_data["mandate"].strip(),
            "motivation": self.cleaned_data["motivation"].strip()
            if self.cleaned_data["tier"] != self.row.advice
            else "",
        }


class BaseTierDecisionFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        self.rows = rows
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs["row"] = self.rows[index] if index is not None and index < len(self.rows) else None
        return kwargs

    def clean(self) -> None:
        if self.total_form_count() != len(self.rows):
            raise forms.ValidationError(LIST_CHANGED)

    @transaction.atomic
    def save(self, year: int, user: Any) -> int:
        """Store the new and changed decisions; returns how many were stored."""
        changed: dict[int, Any] = {}
        for form in self.forms:
            values = form.decision_values()
            current: TierDecision | None = form.row.current
            if values is None:
                continue
            if current and all(getattr(current, k) == v for k, v in values.items()):
                continue
            changed[form.row.partnership.pk] = values
        return len(record_tier_decisions(year, changed, user))


TierDecisionFormSet = cast(
    type[BaseTierDecisionFormSet],
    forms.formset_factory(
        TierDecisionRowForm, formset=BaseTierDecisionFormSet, extra=0, max_num=1000
    ),
)
