import logging

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

logger = logging.getLogger(__name__)


def logo_url() -> str:
    """The address of the municipality's logo, or "" when none is set."""
    configured = settings.SITE_LOGO_URL.strip()
    if not configured or configured.startswith("/"):
        return configured
    try:
        return static(configured)
    except ValueError:
        # Not collected (manifest storage): a page without a logo beats a page that fails.
        logger.warning("SITE_LOGO_URL %s staat niet in de statische bestanden", configured)
        return ""


def site(request: HttpRequest) -> dict[str, str]:
    """The municipality's name and logo on every page and document."""
    return {"municipality_name": settings.MUNICIPALITY_NAME, "site_logo_url": logo_url()}
