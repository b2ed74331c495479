"""Two beheerders import the same register at the same moment, through the live server: every
partnership is there once, and the second import found them all and changed nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests.factories import PolicyDomainFactory, UserFactory
from tests.imports.helpers import register_row, workbook

from .conftest import at_once

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Enough rows that the two imports overlap; without the lock both added all of them.
ROWS = 150


def uploaded(browser, content: bytes) -> str:
    """Upload the file as the import page does; the preview's address."""
    start = reverse("imports:start")
    token = browser.form(start)["csrfmiddlewaretoken"]
    response = browser.session.post(
        browser.url + start,
        data={"csrfmiddlewaretoken": token},
        files={"file": ("register.xlsx", content)},
        headers={"Referer": browser.url + start},
        timeout=60,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    return str(response.headers["Location"])


def test_the_same_file_imported_twice_at_once_adds_each_partnership_once(person):
    from accounts.models import Role

    PolicyDomainFactory(name="Veiligheid")
    UserFactory(username="ah", email="ah@gemeente.example", role=Role.ACCOUNTHOUDER)
    first, second = (
        person(UserFactory(username=name, role=Role.BEHEERDER, is_staff=True))
        for name in ("beheerder-een", "beheerder-twee")
    )
    rows = [register_row(n) for n in range(1, ROWS + 1)]
    content = workbook(rows)
    previews = [uploaded(browser, content) for browser in (first, second)]
    forms = [
        browser.form(preview) for browser, preview in zip((first, second), previews, strict=True)
    ]

    done = at_once(
        *(
            lambda browser=browser, preview=preview, form=form: browser.post(preview, form)
            for browser, preview, form in zip((first, second), previews, forms, strict=True)
        )
    )

    assert [response.status_code for response in done] == [200, 200]
    summaries = sorted(
        re.search(r"(\d+) nieuw", response.text).group(1)  # type: ignore[union-attr]
        for response in done
    )
    assert summaries == ["0", str(ROWS)]
    assert Partnership.objects.count() == ROWS
    assert sorted(Partnership.objects.values_list("slug", flat=True)) == sorted(
        f"samenwerking-{n:02d}" for n in range(1, ROWS + 1)
    )
