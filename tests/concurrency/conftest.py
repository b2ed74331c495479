"""Real clients against the live test server: each its own session and connection.

`Browser` reads a page's form as a browser would (every input, select and textarea with the
value shown) and posts it back, so two clients can hold the same page at the same time and
save in either order. `at_once` starts two actions together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
import requests
from django.conf import settings
from django.test import Client


class FormReader(HTMLParser):
    """The values a browser would post for the form with `form_id` (or the first form)."""

    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and (self.form_id is None or a.get("id") == self.form_id):
            self.inside = True
        if not self.inside and a.get("form") != self.form_id:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


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

    def form(self, path: str, form_id: str | None = None) -> Form:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        reader = FormReader(form_id)
        reader.feed(response.text)
        form = Form()
        for name, value in reader.fields:
            if name in form:
                current = form[name]
                form[name] = [*current, value] if isinstance(current, list) else [current, value]
            else:
                form[name] = value
        return form

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
