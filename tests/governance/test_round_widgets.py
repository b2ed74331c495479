"""The kadernota round writes its inputs in Python: the same HTML as Django's templates."""

from unittest import mock

import pytest
from django import forms

from governance.forms import (
    RoundHiddenInput,
    RoundSelect,
    RoundTextarea,
    TierDecisionRowForm,
)
from partnerships.tiers import Tier

DJANGO_RENDER = {
    RoundSelect: forms.Select.render,
    RoundTextarea: forms.Textarea.render,
    RoundHiddenInput: forms.HiddenInput.render,
}
TRICKY = 'Jeugd & "zorg" <b>\'t</b>\nTweede regel'


def both_renderings(form: forms.Form) -> list[tuple[str, str]]:
    ours = [str(field.as_widget()) for field in form]
    patches = [mock.patch.object(cls, "render", render) for cls, render in DJANGO_RENDER.items()]
    for patch in patches:
        patch.start()
    try:
        django = [str(field.as_widget()) for field in form]
    finally:
        for patch in patches:
            patch.stop()
    return list(zip(ours, django, strict=True))


@pytest.mark.parametrize(
    "form",
    [
        TierDecisionRowForm(row=None),
        TierDecisionRowForm(
            row=None,
            initial={"partnership": 7, "tier": Tier.AMBTELIJK_BELANGRIJK, "mandate": TRICKY},
        ),
        # Bound with errors: the inputs say aria-invalid, the values are the posted ones.
        TierDecisionRowForm(
            row=None,
            data={
                "partnership": "geen getal",
                "tier": "onbekend",
                "political_topics": TRICKY,
                "mandate": "x" * 100_000,
                "motivation": "",
            },
        ),
    ],
    ids=["empty", "initial", "errors"],
)
def test_the_round_inputs_are_the_html_django_writes(form):
    if form.is_bound:
        assert not form.is_valid()
    for ours, django in both_renderings(form):
        assert ours == django
