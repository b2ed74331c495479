"""A tampered row count of 10,000 is answered with the page's own rows and a message."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.models import Evaluation, EvaluationKind
from governance.forms import LIST_CHANGED
from governance.models import TierDecision
from tests.factories import EvaluationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_kadernota_with_10000_rows_posted_stores_nothing_and_says_so(beheerder_client):
    partnerships = PartnershipFactory.create_batch(2)
    post = {"form-TOTAL_FORMS": "10000", "form-INITIAL_FORMS": "0"}
    for index, partnership in enumerate(partnerships):
        post[f"form-{index}-partnership"] = str(partnership.pk)
        post[f"form-{index}-tier"] = "ambtelijk_belangrijk"

    with CaptureQueriesContext(connection) as queries:
        response = beheerder_client.post(reverse("dossiers:kadernota", args=[2026]), post)

    assert response.status_code in (200, 302)
    shown = [m.message for m in get_messages(response.wsgi_request)]
    assert LIST_CHANGED in shown or LIST_CHANGED in response.content.decode()
    assert not TierDecision.objects.exists()
    assert len(queries) < 40


def test_evaluation_with_10000_answers_posted_is_refused_with_a_message(
    accounthouder_client, own_partnership
):
    evaluation = EvaluationFactory(partnership=own_partnership, kind=EvaluationKind.VOLLEDIG)
    evaluation.start(date(2026, 3, 1))
    answers = list(evaluation.answers.order_by("question__order", "pk"))
    post = {
        "version": str(Evaluation.objects.get(pk=evaluation.pk).version),
        "antwoorden-TOTAL_FORMS": "10000",
        "antwoorden-INITIAL_FORMS": "10000",
    }
    post.update({f"antwoorden-{i}-id": str(a.pk) for i, a in enumerate(answers)})

    with CaptureQueriesContext(connection) as queries:
        response = accounthouder_client.post(
            reverse("evaluations:evaluation_update", args=[evaluation.pk]), post
        )

    assert response.status_code == 200
    assert "Er zijn meer antwoorden verstuurd dan deze evaluatie heeft." in (
        response.content.decode()
    )
    assert evaluation.answers.count() == len(answers)
    assert len(queries) < 40 + 2 * len(answers)
