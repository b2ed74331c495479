"""What a browser would post for a form on a rendered page, so a test changes only what a
user changes and submits the rest exactly as shown (hidden values included)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    """Every POST form's values: inputs, the selected (or first) option, textareas, and
    inputs outside the form that name it with `form=`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._outside: list[tuple[str, str, str]] = []  # (form id, name, value)
        self._form: list[tuple[str, str]] | None = None
        self._form_id = ""
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def _add(self, owner: str | None, name: str, value: str) -> None:
        if owner and owner != self._form_id:
            self._outside.append((owner, name, value))
        elif self._form is not None:
            self._form.append((name, value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form, self._form_id = [], a.get("id", "")
        owner = a.get("form")
        if self._form is None and not owner:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(owner, name, a.get("value", "on"))
                return
            self._add(owner, name, a.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._add(None, self._select, value)
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            # Without a selected option a browser posts the first one.
            if not self._select_chosen and self._select_first is not None:
                self._add(None, self._select, self._select_first)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(None, self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append((self._form_id, self._form))
            self._form = None

    def values(self) -> list[dict[str, Any]]:
        """Each form's values by name; a name posted several times keeps them in a list."""
        result = []
        for form_id, pairs in self.forms:
            pairs = pairs + [(n, v) for owner, n, v in self._outside if owner == form_id]
            values: dict[str, Any] = {}
            for name, value in pairs:
                if name in values:
                    current = values[name]
                    values[name] = (
                        [*current, value] if isinstance(current, list) else [current, value]
                    )
                else:
                    values[name] = value
            result.append(values)
        return result


def form_data(page: str | bytes, containing: str) -> dict[str, Any]:
    """The POST data of the first form on `page` that has a field named `containing`."""
    reader = _FormReader()
    reader.feed(page.decode() if isinstance(page, bytes) else page)
    for form in reader.values():
        if containing in form:
            return form
    raise AssertionError(f"Geen formulier met het veld {containing!r} op de pagina.")
