"""`{% load navigation %}`: the way back from a row's page to the list it was opened from.

    {% back_to_results "public:overview" as back %}
    <a href="{{ back.url }}">{% if back.filtered %}Terug naar de resultaten{% endif %}</a>

Without JavaScript the only trace of the filters, sorting and page a visitor had is the list
address in the Referer header (sent within the site: Referrer-Policy same-origin). Only that
list's own path on this host is used, rebuilt from its query, so the link never leads away.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.http import QueryDict
from django.urls import reverse

register = template.Library()

RESULTS_ANCHOR = "resultaten"


@dataclass(frozen=True)
class BackLink:
    url: str
    filtered: bool


@register.simple_tag(takes_context=True)
def back_to_results(context: Any, url_name: str) -> BackLink:
    list_path = reverse(url_name)
    request = context.get("request")
    referer = urlsplit(request.headers.get("Referer", "")) if request is not None else None
    if referer is None or referer.netloc != request.get_host() or referer.path != list_path:
        return BackLink(list_path, filtered=False)
    query = QueryDict(referer.query, mutable=True)
    query.pop("export", None)
    if not query:
        return BackLink(list_path, filtered=False)
    return BackLink(f"{list_path}?{query.urlencode()}#{RESULTS_ANCHOR}", filtered=True)
