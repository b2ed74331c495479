"""Helpers for the evaluation page tests: filling in the answer form, counting queries."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def answer_form_data(response: Any, status: str = "goed", **outcome: Any) -> dict[str, Any]:
    """The POST data of the answer form as rendered in `response`, every question answered."""
    editor = response.context["editor"]
    formset = editor.answers
    data: dict[str, Any] = {
        f"{formset.prefix}-TOTAL_FORMS": len(formset.forms),
        f"{formset.prefix}-INITIAL_FORMS": len(formset.forms),
        f"{formset.prefix}-MIN_NUM_FORMS": 0,
        f"{formset.prefix}-MAX_NUM_FORMS": 1000,
        "version": editor.form["version"].value(),
        "conclusion": "",
        "advice": "",
        "lessons_learned": "",
    }
    for form in formset.forms:
        data[f"{form.prefix}-id"] = form.instance.pk
        data[f"{form.prefix}-status"] = status
        data[f"{form.prefix}-note"] = f"Toelichting bij {form.instance.question.text}"
    data.update(outcome)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def count_queries():
    """How many queries one GET of `url` runs (the response must be 200)."""

    def count(client: Any, url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return count
