"""The public dossier PDF, rendered once per partnership and version of what it prints.

Rendering a dossier costs WeasyPrint about half a second, so anonymous visitors could keep
the server busy by asking for it again and again. The version is a hash of everything the
PDF prints, taken from the presenter itself (`build_dossier`, the same queries the PDF
reads, a few milliseconds): a change to the partnership or to any row under it, also a
targeted `QuerySet.update()` of the tier, a renamed partner or a new day, gives a new
version. Nothing has to remember to clear the cache, and no change can be missed.

The PDF is kept in Django's cache (a table in the database by default, see CACHES in
settings), so every app server reads the same copy. The version is also the ETag: a
browser that has the current PDF gets a 304 without any rendering.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from datetime import date

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

from partnerships.models import Partnership
from reports import documents
from reports.documents import RenderedDocument, render_dossier
from reports.presenters.partnerships import build_dossier

# Browsers and proxies may reuse a PDF this long without asking; after that the ETag
# makes asking cheap. Short, because a published change should show within minutes.
MAX_AGE_SECONDS = 5 * 60
# The version holds the date, so yesterday's entries are never read again: let them expire.
CACHE_SECONDS = 24 * 60 * 60
PDF_TEMPLATES = ("pdf/dossier.html", "pdf/base.html")
PDF_STYLESHEETS = ("css/print.css",)


@functools.cache
def layout_fingerprint() -> str:
    """The print templates and style sheet: a new release with another layout renders anew."""
    digest = hashlib.sha256()
    template_dir = settings.BASE_DIR / "templates" / "pdf"
    for path in sorted(template_dir.rglob("*.html")):
        digest.update(path.read_bytes())
    for name in PDF_STYLESHEETS:
        found = finders.find(name)
        if isinstance(found, str):
            with open(found, "rb") as stylesheet:
                digest.update(stylesheet.read())
    return digest.hexdigest()


def dossier_version(partnership: Partnership, today: date | None = None) -> str:
    """A hash of everything the public dossier of `partnership` prints on `today`.

    `partnership` must come from `dossier_queryset(public=True)`.
    """
    today = today or documents.today()
    report = build_dossier(partnership, public=True, today=today)
    content = (
        layout_fingerprint(),
        settings.MUNICIPALITY_NAME,
        partnership.pk,
        # Also printed, but stated on their own: governance writes them with a targeted update.
        partnership.tier,
        partnership.tier_decided_year,
        dataclasses.asdict(report),
    )
    return hashlib.sha256(repr(content).encode()).hexdigest()[:32]


def cached_dossier(partnership: Partnership, version: str) -> RenderedDocument:
    """The PDF of this version from the cache, or rendered and stored there."""
    key = f"public-dossier:{partnership.pk}:{version}"
    # Plain values, not the dataclass: an entry stays readable when that class changes.
    stored = cache.get(key)
    if isinstance(stored, tuple) and len(stored) == 2:
        return RenderedDocument(*stored)
    document = render_dossier(partnership, public=True)
    cache.set(key, (document.filename, document.content), CACHE_SECONDS)
    return document


def dossier_response(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """The public dossier with its version as ETag; 304 when the browser has this version."""
    etag = quote_etag(dossier_version(partnership))
    response = get_conditional_response(request, etag=etag)
    if response is None:
        document = cached_dossier(partnership, etag.strip('"'))
        response = HttpResponse(document.content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["ETag"] = etag
    # A visitor with a session may get a new session cookie with this response: only the
    # browser may keep that one, never a shared proxy.
    scope = "private" if settings.SESSION_COOKIE_NAME in request.COOKIES else "public"
    patch_cache_control(response, max_age=MAX_AGE_SECONDS, **{scope: True})
    return response
