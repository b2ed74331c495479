"""What a browser would post for a form on a rendered page, so a test changes only what a
user changes and submits the rest exactly as shown (hidden values included)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {}
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form[name] = a.get("value", "on" if kind in ("checkbox", "radio") else "")
        elif tag == "select":
            self._select, self._select_first = name, None
        elif tag == "option" and self._select is not None:
            self._option = a.get("value", "")
            if "selected" in a:
                self._form[self._select] = self._option
        elif tag == "textarea":
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "option" and self._select is not None:
            if self._select_first is None:
                self._select_first = self._option or ""
            self._option = None
        elif tag == "select" and self._select is not None:
            # Without a selected option a browser posts the first one.
            self._form.setdefault(self._select, self._select_first or "")
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea_text
            self._form[self._textarea] = text[1:] if text.startswith("\n") else text
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def form_data(page: str | bytes, containing: str) -> dict[str, Any]:
    """The POST data of the first form on `page` that has a field named `containing`."""
    reader = _FormReader()
    reader.feed(page.decode() if isinstance(page, bytes) else page)
    for form in reader.forms:
        if containing in form:
            return form
    raise AssertionError(f"Geen formulier met het veld {containing!r} op de pagina.")
