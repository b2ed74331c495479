"""Site-wide response policies that belong to no single app."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Everything here is for logged-in staff, or is a credential (the calendar feed's token):
# the internal pages, their CSV/XLSX exports and PDFs, the account pages and the admin.
PRIVATE_PREFIXES = ("/intern/", "/accounts/", "/admin/")
PRIVATE_CACHE_CONTROL = "private, no-store"


def is_private_path(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIXES)


class PrivateNoStoreMiddleware:
    """No browser, proxy or shared cache keeps a copy of an internal response.

    Near the top of MIDDLEWARE, so it sees the response after every other one: it also
    covers redirects, errors, the lockout page and what a view set itself. Public
    pages keep their own caching (the public dossier, for one, is cached on purpose).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private_path(request.path):
            response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
            # A cached copy from before may not be served as fresh either.
            response.headers.pop("Expires", None)
        return response
