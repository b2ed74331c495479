"""The evaluation's edit page: the outcome form and the answers formset together.

Validated together, saved in one transaction, guarded by optimistic locking on
`Evaluation.version`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction

from samenwerkingswijzer import editing
from samenwerkingswijzer.editing import (
    ConcurrentEditError,
    ErrorLink,
    field_error_links,
    keep_input_after_conflict,
)

from .forms import AnswerFormSet, EvaluationOutcomeForm
from .models import Evaluation, EvaluationAnswer

CONFLICT_MESSAGE = (
    "Iemand anders heeft deze evaluatie intussen gewijzigd. Uw wijzigingen zijn nog niet "
    "opgeslagen. Bekijk eerst wat er veranderd is (open de evaluatie in een nieuw tabblad). "
    "Wilt u uw eigen antwoorden toch bewaren? Klik dan opnieuw op Opslaan."
)


class EvaluationEditor:
    """The outcome form with the answers, validated together and saved atomically."""

    def __init__(self, evaluation: Evaluation, data: Any = None, user: Any = None) -> None:
        self.evaluation = evaluation
        can_publish = user is not None and user.has_perm("evaluations.publish_evaluation")
        self.form = EvaluationOutcomeForm(data, instance=evaluation, can_publish=can_publish)
        self.answers = AnswerFormSet(
            data,
            prefix="antwoorden",
            queryset=evaluation.answers.select_related("question"),
        )

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.answers.is_valid()])

    def save(self) -> Evaluation:
        """Save everything or nothing; raise ConcurrentEditError on a stale form."""
        with transaction.atomic():
            claim_version(self.evaluation, self.form.cleaned_data.get("version"))
            evaluation = self.form.save()
            self.answers.save()
        return evaluation

    def rows(self) -> list[tuple[int, str, forms.ModelForm[EvaluationAnswer]]]:
        """(number, question, form) per standard question, in the order of the list."""
        # By position: a row whose posted id was tampered with has no answer of its own.
        answers = self.answers.get_queryset()
        return [
            (number, answer.question.text, form)
            for number, (answer, form) in enumerate(
                zip(answers, self.answers.forms, strict=True), start=1
            )
        ]

    def error_summary(self) -> list[ErrorLink]:
        links = [ErrorLink("formulier", "Evaluatie", str(m)) for m in self.form.non_field_errors()]
        links += [
            ErrorLink("formulier", "Standaardvragen", str(m))
            for m in self.answers.non_form_errors()
        ]
        links += field_error_links(self.form)
        for number, question, form in self.rows():
            for errors in form.errors.values():
                links += [ErrorLink(f"vraag-{number}", question, str(m)) for m in errors]
        return links

    def refuse_stale(self, error: ConcurrentEditError) -> None:
        """Keep the user's input, show the conflict, and allow a deliberate second save."""
        keep_input_after_conflict(self.form, error)


def claim_version(evaluation: Evaluation, expected: int | None) -> None:
    """Raise the evaluation's version if it is still `expected`, else refuse the save."""
    editing.claim_version(evaluation, expected, CONFLICT_MESSAGE)
