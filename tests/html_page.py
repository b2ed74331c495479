"""Read a page as elements and their text, so a test does not depend on how the markup is spelled.

Built on Django's own test parser (`django.test.html.parse_html`, the one behind
`assertContains(..., html=True)` and `assertInHTML`): attribute order, quotes, the order of
classes and whitespace between tags do not matter. For "this element is on the page" use
`assertInHTML(needle, page)` (from `pytest_django.asserts`); these helpers are for what that
cannot say: how many rows, what one row holds, the text of an element.

    page = parse(response)
    rows = find_all(page, "th", scope="row", class_="col-name")
    row = find(page, "tr", id=f"rij-{partnership.pk}")
    assert text(find(row, "a")) == "Alpha GGD"
"""

from collections.abc import Iterator

from django.http import HttpResponse
from django.test.html import Element, normalize_whitespace, parse_html


def parse(page: HttpResponse | str) -> Element:
    """The page (a response or its text) as a tree of elements."""
    if isinstance(page, HttpResponse):
        page = page.content.decode()
    return parse_html(page)


def _walk(element: Element) -> Iterator[Element]:
    for child in element.children:
        if isinstance(child, Element):
            yield child
            yield from _walk(child)


def _matches(element: Element, tag: str | None, attrs: dict[str, str | bool]) -> bool:
    if tag is not None and element.name != tag:
        return False
    present = dict(element.attributes)
    for name, wanted in attrs.items():
        name = name.rstrip("_").replace("_", "-")  # class_ -> class, aria_sort -> aria-sort
        if wanted is True:
            if name not in present:
                return False
        elif wanted is False:
            if name in present:
                return False
        elif name == "class":
            if not set(str(wanted).split()) <= set((present.get("class") or "").split()):
                return False
        elif present.get(name) != wanted:
            return False
    return True


def find_all(
    root: Element, tag: str | None = None, *, string: str | None = None, **attrs: str | bool
) -> list[Element]:
    """Every element under `root`, in document order, named `tag` with these attributes.

    An attribute given as text must have that value (`class_` must have at least those
    classes); `True` means it is there, `False` that it is not. `class_` and `aria_sort` stand
    for `class` and `aria-sort`. `string`: the element's text is exactly this.
    """
    return [
        element
        for element in _walk(root)
        if _matches(element, tag, attrs) and (string is None or text(element) == string)
    ]


def find(
    root: Element, tag: str | None = None, *, string: str | None = None, **attrs: str | bool
) -> Element:
    """The one element that `find_all` finds; fails when there is none or more than one."""
    found = find_all(root, tag, string=string, **attrs)
    assert len(found) == 1, f"{len(found)} keer <{tag} {attrs} {string!r}> in plaats van 1"
    return found[0]


def attr(element: Element, name: str) -> str | None:
    """The value of the element's attribute `name` (None when it is not there or has no value)."""
    return dict(element.attributes).get(name)


def text(element: Element | str) -> str:
    """The text a reader sees in the element, whitespace collapsed to single spaces.

    The parser drops the whitespace at the edges of each piece of text, so the pieces are
    joined by one space: `<a>Alpha</a> (politiek)` reads "Alpha (politiek)". A no-break space
    (`\xa0`, as in "€\xa01.250") is text, not whitespace, and stays.
    """
    if isinstance(element, str):
        return element
    joined = " ".join(text(child) for child in element.children)
    return normalize_whitespace(joined).strip(" ")
