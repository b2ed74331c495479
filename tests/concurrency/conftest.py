"""Real clients against the live test server: each its own session and connection.

`Browser` reads a page's form as a browser would (tests/page_forms.py) and posts it back,
so two clients can hold the same page at the same time and save in either order. `at_once`
starts two actions together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests
from django.conf import settings
from django.test import Client

from tests.page_forms import form_data


class Form(dict):
    """Posted values by name; a name with several values keeps them in a list."""

    def items_for_post(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for name, value in self.items():
            values = value if isinstance(value, list) else [value]
            pairs += [(name, v) for v in values]
        return pairs


class Browser:
    """One person's browser: a session of its own against the live server."""

    def __init__(self, live_server: Any, user: Any) -> None:
        self.url = live_server.url
        self.session = requests.Session()
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.session.cookies.set(settings.SESSION_COOKIE_NAME, cookie)

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.url + path, timeout=30, allow_redirects=False)

    def form(self, path: str, containing: str = "csrfmiddlewaretoken") -> Form:
        """The POST form of the page that has a field named `containing`, as shown."""
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return Form(form_data(response.text, containing))

    def post(self, path: str, form: Form) -> requests.Response:
        return self.session.post(
            self.url + path,
            data=form.items_for_post(),
            headers={"Referer": self.url + path},
            timeout=60,
            allow_redirects=False,
        )


def at_once(*actions: Callable[[], Any]) -> list[Any]:
    """Run the actions in threads that start together; their results in order."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)
    errors: list[BaseException] = []

    def run(index: int, action: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = action()
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


@pytest.fixture
def person(live_server: Any) -> Callable[[Any], Browser]:
    return lambda user: Browser(live_server, user)
