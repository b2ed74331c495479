"""Free-text search of the register, the same on the public overview and the internal table.

Every word must occur, in any case, in the name, the description or the name of a partner:
"Veiligheidsregio Limburg" finds "Veiligheidsregio Zuid-Limburg". A query is bounded to a
few words and characters, so a long one costs what a short one costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from .models import Participation, Partnership

MAX_WORDS = 8
MAX_LENGTH = 200


@dataclass(frozen=True)
class SearchQuery:
    """The words searched for, and a note for the page when some of the query was left out."""

    words: tuple[str, ...]
    note: str = ""


def parse(value: str) -> SearchQuery:
    words = value.split()
    note = ""
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        note = f"Alleen de eerste {MAX_WORDS} woorden zijn gebruikt."
    text = " ".join(words)
    if len(text) > MAX_LENGTH:
        words = text[:MAX_LENGTH].split()
        note = f"Alleen de eerste {MAX_LENGTH} tekens zijn gebruikt."
    # A word typed twice (in any case) adds nothing but a second clause.
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(word.casefold(), word)
    return SearchQuery(tuple(unique.values()), note)


def search_partnerships(queryset: QuerySet[Partnership], value: str) -> QuerySet[Partnership]:
    """The partnerships of `queryset` in which every word of `value` occurs somewhere."""
    for word in parse(value).words:
        # Partner names in a subquery that does not depend on the row: the database runs it
        # once per word, and a partnership with several matching partners stays one row
        # (no join that multiplies rows and their sums, and no DISTINCT).
        partnered = Participation.objects.filter(organisation__name__icontains=word).values(
            "partnership_id"
        )
        queryset = queryset.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(pk__in=partnered)
        )
    return queryset


class PartnershipSearchFilter(django_filters.CharFilter):
    """The search field `q` of both register filters."""

    def filter(self, qs: QuerySet[Partnership], value: str) -> QuerySet[Partnership]:
        return search_partnerships(qs, value or "")


class SearchNoteMixin:
    """Gives a filter set `search_note`: what the page says when part of `q` was not used.

    The query is cut to what the search uses before anything else reads it, also in the
    request, so the page's own links (sorting, tiers, pages) and the search box repeat the
    words searched for and not a query of any length a visitor typed.
    """

    search_note = ""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and data.get("q"):
            query = parse(data["q"])
            if query.note:
                data = data.copy()
                data["q"] = " ".join(query.words)
                self.search_note = query.note
                if (request := kwargs.get("request")) is not None:
                    request.GET = data
        super().__init__(data, *args, **kwargs)  # type: ignore[call-arg]
