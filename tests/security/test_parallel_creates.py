"""Two people creating the same name at the same moment, through the live server: each gets
a page with a message, never a server error.

The race is made certain: both requests are held just after their check that the name (or
the slug) is free, so both pass it before either writes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from accounts.models import Role
from partnerships.forms import NAME_TAKEN, OrganisationForm
from partnerships.models import Organisation, Partnership
from tests.concurrency.conftest import Browser, at_once
from tests.factories import UserFactory

# Serialised rollback: the roles the migrations create are back for every test after a flush.
pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 3


@pytest.fixture
def people(transactional_db) -> tuple[Any, Any]:
    return (
        UserFactory(username="accounthouder", role=Role.ACCOUNTHOUDER),
        UserFactory(username="accounthouder2", role=Role.ACCOUNTHOUDER),
    )


@pytest.fixture
def browsers(live_server, people) -> tuple[Browser, Browser]:
    return Browser(live_server, people[0]), Browser(live_server, people[1])


def held_together(monkeypatch, owner: Any, name: str) -> None:
    """Hold the first call of `owner.name` in each request until both requests made it."""
    original = getattr(owner, name)
    barrier = threading.Barrier(2)
    seen = threading.local()

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        if not getattr(seen, "done", False):
            seen.done = True
            # A database that serialises the writers lets one through first.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)
        return result

    monkeypatch.setattr(owner, name, wrapper)


def message_after(browser: Browser, response: Any) -> str:
    """The page a browser shows after a post: the redirect's target, or the page itself."""
    if response.status_code == 302:
        return browser.get(response.headers["Location"]).text
    return response.text


def test_two_partnerships_with_the_same_name_at_once_are_both_saved(monkeypatch, browsers, people):
    url = reverse("dossiers:partnership_create")
    for round_ in range(ROUNDS):
        name = f"Regionale Energiestrategie {round_}"
        forms = [browser.form(url, "base") for browser in browsers]
        for form in forms:
            form.update(
                name=name,
                description="Samen werken aan duurzame energie.",
                nature="beleidsafstemming",
                legal_form="convenant",
                start_date="2024-01-01",
            )
        held_together(monkeypatch, Partnership, "_unique_slug")

        responses = at_once(*post_each(browsers, url, forms))

        assert [r.status_code for r in responses] == [302, 302]
        for browser, response in zip(browsers, responses, strict=True):
            assert f"Het samenwerkingsverband {name} is" in message_after(browser, response)
        slugs = Partnership.objects.filter(name=name).values_list("slug", flat=True)
        assert len(set(slugs)) == 2
        monkeypatch.undo()


def test_two_organisations_with_the_same_name_at_once_one_is_told_it_exists(monkeypatch, browsers):
    url = reverse("partnerships:organisation_create")
    for round_ in range(ROUNDS):
        name = f"GGD Zuid-Limburg {round_}"
        # The token of the page's first form serves every form of the session.
        tokens = [browser.form(url)["csrfmiddlewaretoken"] for browser in browsers]
        forms = [
            {"csrfmiddlewaretoken": token, "name": name, "kind": "zorg_welzijn"} for token in tokens
        ]
        held_together(monkeypatch, OrganisationForm, "validate_unique")

        responses = at_once(*post_each(browsers, url, forms))

        assert sorted(r.status_code for r in responses) == [200, 302]
        pages = [message_after(b, r) for b, r in zip(browsers, responses, strict=True)]
        assert any(f"De organisatie {name} is toegevoegd." in page for page in pages)
        assert any(NAME_TAKEN in page for page in pages)
        assert Organisation.objects.filter(name=name).count() == 1
        monkeypatch.undo()


def post_each(browsers: tuple[Browser, Browser], url: str, forms: list[Any]) -> list[Callable]:
    def poster(browser: Browser, form: Any) -> Callable[[], Any]:
        data = form.items_for_post() if hasattr(form, "items_for_post") else form
        return lambda: browser.session.post(
            browser.url + url,
            data=data,
            headers={"Referer": browser.url + url},
            timeout=60,
            allow_redirects=False,
        )

    return [poster(b, f) for b, f in zip(browsers, forms, strict=True)]
