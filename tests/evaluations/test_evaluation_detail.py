"""The evaluation page: readable for every internal role, with the answers and the outcome."""

import pytest
from pytest_django.asserts import assertInHTML

from evaluations.models import EvaluationAnswer, EvaluationQuestion
from tests.factories import EvaluationFactory

pytestmark = pytest.mark.django_db


def test_lezer_reads_the_answers_and_outcome_of_a_completed_evaluation(lezer_client):
    evaluation = EvaluationFactory(completed=True, title="Evaluatie eerste jaar")
    question = EvaluationQuestion.objects.get(text="Worden de risico's beheerst?")
    EvaluationAnswer.objects.create(
        evaluation=evaluation, question=question, status="aandacht", note="Weerstand is laag."
    )
    response = lezer_client.get(evaluation.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assertInHTML("<h1>Evaluatie eerste jaar</h1>", page)
    assert "Aandacht" in page
    assert "Weerstand is laag." in page
    assert "Voortzetten" in page


def test_the_ten_standard_questions_are_there_out_of_the_box():
    assert EvaluationQuestion.objects.filter(is_active=True).count() == 10


def test_anonymous_visitor_is_sent_to_the_login(client):
    evaluation = EvaluationFactory()
    response = client.get(evaluation.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
