"""A narrow fix for a quadratic cost in pydyf, until the library ships its own.

`pydyf.PDF.page_references` builds a new tuple of every page's reference on each read.
WeasyPrint's PDF/UA tagging (`weasyprint/pdf/tags.py`) reads it once for every structure
element it makes, so a tagged document costs pages × boxes: the kadernota's tagging went
from 0.8 s to 10.2 s between 1,000 and 5,000 partnerships. The replacement below remembers
the tuple and builds it again only when the number of pages changed: pages are only ever
added (`PDF.add_page` appends to `Kids`), so it returns exactly what the original returns.

It is installed only on the pydyf version it was written for; any other version is left
alone, and `tests/reports/test_pdf_workarounds.py` then fails, so that whoever upgrades
checks whether upstream fixed it (docs/upstream/pydyf-page-references.md) and removes or
adapts this module.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

logger = logging.getLogger(__name__)

# The pydyf release whose `page_references` this replaces (read from its source).
PATCHED_PYDYF_VERSIONS = frozenset({"0.13.0"})

_CACHE_ATTRIBUTE = "_samenwerkingswijzer_page_references"
_lock = threading.Lock()
_installed = False


def cached_page_references(pdf: Any) -> tuple[bytes, ...]:
    """What `pydyf.PDF.page_references` returns, built once per number of pages."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is not None and cached[0] == len(kids):
        references: tuple[bytes, ...] = cached[1]
        return references
    references = _references(kids)
    pdf.__dict__[_CACHE_ATTRIBUTE] = (len(kids), references)
    return references


def _references(kids: list[Any]) -> tuple[bytes, ...]:
    """The original's body: `Kids` holds "number 0 R" as three items per page."""
    return tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])


def install() -> bool:
    """Replace `pydyf.PDF.page_references` once per process; True when it is in place.

    A pydyf of another version is left as it is (with a warning in the log): its
    `page_references` may have changed, or be fixed already.
    """
    global _installed
    import pydyf

    with _lock:
        if _installed:
            return True
        version = getattr(pydyf, "__version__", None)
        if version not in PATCHED_PYDYF_VERSIONS:
            logger.warning(
                "pydyf %s: page_references niet vervangen (geschreven voor %s)",
                version,
                ", ".join(sorted(PATCHED_PYDYF_VERSIONS)),
            )
            return False
        original = pydyf.PDF.__dict__.get("page_references")
        if not isinstance(original, property):
            logger.warning("pydyf.PDF.page_references is geen property meer: niet vervangen")
            return False
        pydyf.PDF.page_references = property(cached_page_references, doc=original.__doc__)
        pydyf.PDF._samenwerkingswijzer_original_page_references = original
        _installed = True
        return True


def installed() -> bool:
    import pydyf

    return pydyf.PDF.__dict__.get("page_references") is not None and (
        getattr(pydyf.PDF.__dict__["page_references"], "fget", None) is cached_page_references
    )
