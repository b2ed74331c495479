"""Forms of an evaluation: the answers and outcome, lapsing it, planning one by hand (E5).

`evaluations/editor.py` puts the outcome form and the answers together on the edit page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory

from partnerships.models import Partnership
from samenwerkingswijzer.editing import (
    date_input,
)
from samenwerkingswijzer.fields import dutch_formfield
from samenwerkingswijzer.validators import DATE_MESSAGE, is_plausible, validate_lines

from .models import Evaluation, EvaluationAnswer, EvaluationKind, EvaluationStatus
from .planning import milestone_problems
from .sync import facts_of


class EvaluationOutcomeForm(forms.ModelForm):
    """Conclusion, advice, lessons, raad agenda date and the published flag."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Evaluation
        formfield_callback = dutch_formfield
        fields = ["conclusion", "advice", "lessons_learned", "council_agenda_date", "published"]
        widgets = {
            "conclusion": forms.Textarea(attrs={"rows": 4}),
            "lessons_learned": forms.Textarea(attrs={"rows": 3}),
            "council_agenda_date": date_input(),
        }
        help_texts = {
            "conclusion": "Wat is de uitkomst van de evaluatie, in een paar zinnen?",
            "lessons_learned": "Wat neemt de gemeente mee naar andere samenwerkingen?",
            "council_agenda_date": "De datum waarop de raad de evaluatie bespreekt.",
            "published": "Openbaar: de evaluatie mag op de openbare pagina staan.",
        }

    def __init__(self, *args: Any, can_publish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Publishing is the beheerder's; others see the flag but cannot change it.
        self.fields["published"].disabled = not can_publish
        advice: Any = self.fields["advice"]
        advice.choices = [("", "Nog niet gekozen"), *advice.choices[1:]]
        if not self.instance.asks_council_agenda_date:
            del self.fields["council_agenda_date"]
        self.fields["version"].initial = self.instance.version


class AnswerForm(forms.ModelForm):
    """The status and note for one standard question; the question is the legend."""

    class Meta:
        model = EvaluationAnswer
        fields = ["status", "note"]
        widgets = {
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Without the empty radio: "not yet answered" is simply none chosen.
        status: Any = self.fields["status"]
        status.choices = status.choices[1:]
        status.required = False


class BaseAnswerFormSet(BaseModelFormSet):  # type: ignore[type-arg]
    """Exactly the evaluation's own answers: a tampered form count adds or drops none."""

    # A posted count beyond Django's hard limit is refused before any answer is read.
    default_error_messages = {
        "too_many_forms": "Er zijn meer antwoorden verstuurd dan deze evaluatie heeft. Er is "
        "niets opgeslagen. Open de evaluatie opnieuw en vul de antwoorden daar in."
    }

    def initial_form_count(self) -> int:
        return len(self.get_queryset())

    def total_form_count(self) -> int:
        return self.initial_form_count()


AnswerFormSet = modelformset_factory(
    EvaluationAnswer, form=AnswerForm, formset=BaseAnswerFormSet, extra=0, edit_only=True
)


class LapseForm(forms.Form):
    """Why an evaluation will not be carried out."""

    lapse_reason = forms.CharField(
        label="Reden",
        max_length=300,
        validators=[validate_lines],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Bijvoorbeeld: samengevoegd met de volledige evaluatie van dit jaar.",
        error_messages={"required": "Geef aan waarom de evaluatie vervalt."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class MilestoneForm(forms.ModelForm):
    """A milestone or tussentijdse evaluation planned by hand (rule E5)."""

    class Meta:
        model = Evaluation
        formfield_callback = dutch_formfield
        fields = ["kind", "title", "due_date"]
        widgets = {"due_date": date_input()}
        labels = {"title": "Omschrijving"}
        help_texts = {
            "title": "Bijvoorbeeld: Evaluatie eerste jaar, of Eindevaluatie.",
            "due_date": "De datum waarop de evaluatie uiterlijk klaar moet zijn.",
        }
        error_messages = {
            "due_date": {
                "required": "Vul de datum in waarop de evaluatie klaar moet zijn.",
            },
            "title": {"required": "Beschrijf kort wat er geëvalueerd wordt."},
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (EvaluationKind.MIJLPAAL.value, EvaluationKind.MIJLPAAL.label),
            (EvaluationKind.TUSSENTIJDS.value, EvaluationKind.TUSSENTIJDS.label),
        ]
        self.fields["title"].required = True

    def clean_due_date(self) -> Any:
        due_date = self.cleaned_data["due_date"]
        if not is_plausible(due_date):
            raise forms.ValidationError(DATE_MESSAGE)
        facts = facts_of(self.partnership, [], due_date)
        for problem in milestone_problems(facts, due_date):
            self.add_error("due_date", problem)
        return due_date

    def save(self, commit: bool = True) -> Evaluation:
        self.instance.partnership = self.partnership
        self.instance.status = EvaluationStatus.GEPLAND
        return super().save(commit)
