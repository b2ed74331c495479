import pytest


@pytest.mark.django_db
def test_anonymous_visitor_of_intern_lands_on_login(client):
    response = client.get("/intern/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_health_answers_ok(client):
    response = client.get("/health/")
    assert response.json() == {"status": "ok"}
