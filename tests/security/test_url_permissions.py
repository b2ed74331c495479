"""Every URL of the project against every persona (ASVS 8.2.1/8.2.2, BIO 8.03.02).

The matrix below names each URL pattern with what each persona gets. A pattern that is
missing here fails `test_every_url_pattern_is_in_the_matrix`, so no view slips through.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve, reverse

from evaluations.models import EvaluationStatus
from reports.documents import RenderedDocument
from reports.models import DocumentJob
from samenwerkingswijzer.middleware import is_private_path
from samenwerkingswijzer.views import FilteredTableView
from tests.factories import (
    EvaluationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    UserFactory,
)

PERSONAS = ("anoniem", "lezer", "eigen_accounthouder", "andere_accounthouder", "beheerder")
LOGIN = "login"  # expected: a redirect to the login page


def answers(anoniem: object, lezer: object, eigen: object, andere: object, beheerder: object):
    return dict(zip(PERSONAS, (anoniem, lezer, eigen, andere, beheerder), strict=True))


EVERYONE = answers(200, 200, 200, 200, 200)
INTERNAL = answers(LOGIN, 200, 200, 200, 200)
OWN_WRITE = answers(LOGIN, 403, 200, 403, 200)
ACCOUNTHOUDER_WRITE = answers(LOGIN, 403, 200, 200, 200)
BEHEERDER_ONLY = answers(LOGIN, 403, 403, 403, 200)
NOT_FOUND = answers(404, 404, 404, 404, 404)


@dataclass
class World:
    """The objects the URLs point at; `own` belongs to eigen_accounthouder."""

    own: Any
    unpublished: Any
    planned: Any
    running: Any
    completed: Any
    organisation: Any
    stranger: Any
    lezer: Any
    document_job: Any


@dataclass
class Route:
    """What each persona gets for GET, and for POST where the URL writes."""

    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    get: dict[str, object] = field(default_factory=lambda: EVERYONE)
    # POST answers of the personas that may not write (the allowed ones are form tests).
    post: dict[str, object] = field(default_factory=dict)
    query: str = ""


def refused(route_answers: dict[str, object]) -> dict[str, object]:
    return {p: a for p, a in route_answers.items() if a in (LOGIN, 403, 404)}


def own_partnership(world: World) -> dict[str, Any]:
    return {"pk": world.own.pk}


MATRIX: dict[str, Route] = {
    # Public: no login; unpublished partnerships do not exist for the public.
    "public:overview": Route(query="?q=zorg"),
    "public:partnership_detail": Route(lambda w: {"slug": w.own.slug}),
    "public:partnership_detail#unpublished": Route(
        lambda w: {"slug": w.unpublished.slug}, NOT_FOUND
    ),
    "public:partnership_dossier": Route(lambda w: {"slug": w.own.slug}),
    "public:partnership_dossier#unpublished": Route(
        lambda w: {"slug": w.unpublished.slug}, NOT_FOUND
    ),
    "public:open_data": Route(),
    "public:open_data_csv": Route(),
    "public:open_data_json": Route(),
    "public:accessibility": Route(),
    "health": Route(),
    "favicon": Route(get=answers(302, 302, 302, 302, 302)),
    # Django's account pages.
    "login": Route(),
    "logout": Route(get=answers(LOGIN, 405, 405, 405, 405)),
    "password_change": Route(get=INTERNAL, post=refused(INTERNAL)),
    "password_change_done": Route(get=INTERNAL),
    "password_reset": Route(),
    "password_reset_done": Route(),
    "password_reset_confirm": Route(lambda w: {"uidb64": "MQ", "token": "ongeldig-token"}),
    "password_reset_complete": Route(),
    # Single sign-on: not there until OIDC_ISSUER is set (tests/accounts/test_oidc.py).
    "oidc_authentication_init": Route(get=NOT_FOUND),
    "oidc_authentication_callback": Route(get=NOT_FOUND),
    # The second factor: for every logged-in user; without an app the code page sends to setup.
    "two_factor_setup": Route(get=INTERNAL, post=refused(INTERNAL)),
    "two_factor_verify": Route(get=answers(LOGIN, 302, 302, 302, 302), post=refused(INTERNAL)),
    # Internal pages: read by every role, refused to anonymous visitors.
    "evaluations:dashboard": Route(get=INTERNAL),
    "evaluations:evaluation_list": Route(get=INTERNAL, query="?status=gepland"),
    "evaluations:evaluation_detail": Route(lambda w: {"pk": w.planned.pk}, INTERNAL),
    "evaluations:calendar_subscription": Route(get=INTERNAL, post=refused(INTERNAL)),
    "partnerships:partnership_list": Route(get=INTERNAL, query="?q=zorg"),
    "dossiers:partnership_detail": Route(own_partnership, INTERNAL),
    "partnerships:partnership_history": Route(own_partnership, INTERNAL),
    "partnerships:organisation_list": Route(get=INTERNAL),
    "dossiers:kadernota": Route(lambda w: {"year": 2026}, INTERNAL, post=refused(BEHEERDER_ONLY)),
    "dossiers:assessment": Route(own_partnership, INTERNAL, post=refused(OWN_WRITE)),
    "reports:index": Route(get=INTERNAL),
    "reports:partnership_dossier": Route(lambda w: {"pk": w.unpublished.pk}, INTERNAL),
    # Not made yet for the register as it is now: to the reports page (303) to start it.
    "reports:document": Route(
        lambda w: {"document": "kadernota", "year": 2026}, answers(LOGIN, 303, 303, 303, 303)
    ),
    # Every role that reads the reports may have a document made; GET is not allowed.
    "reports:start_document": Route(
        lambda w: {"document": "kadernota", "year": 2026},
        answers(LOGIN, 405, 405, 405, 405),
        post=refused(INTERNAL),
    ),
    "reports:document_job": Route(lambda w: {"pk": w.document_job.pk}, INTERNAL),
    "reports:document_job_file": Route(lambda w: {"pk": w.document_job.pk}, INTERNAL),
    "reports:record_adoption": Route(get=BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)),
    # The beheerder's pages: people, handing over partnerships, merging organisations.
    "beheer:index": Route(get=BEHEERDER_ONLY),
    "beheer:user_list": Route(get=BEHEERDER_ONLY),
    "beheer:user_create": Route(get=BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)),
    "beheer:user_update": Route(
        lambda w: {"pk": w.lezer.pk}, BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)
    ),
    "beheer:user_deactivate": Route(
        lambda w: {"pk": w.lezer.pk}, BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)
    ),
    "beheer:user_activate": Route(
        lambda w: {"pk": w.lezer.pk},
        answers(LOGIN, 403, 403, 403, 405),
        post=refused(BEHEERDER_ONLY),
    ),
    "beheer:user_password_link": Route(
        lambda w: {"pk": w.lezer.pk},
        answers(LOGIN, 403, 403, 403, 405),
        post=refused(BEHEERDER_ONLY),
    ),
    "partnerships:reassign": Route(get=BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)),
    "partnerships:organisation_merge": Route(get=BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)),
    # The token in the address is the credential: calendar apps cannot log in.
    "evaluations:calendar_feed": Route(lambda w: {"token": w.lezer.calendar_token}),
    "evaluations:calendar_feed#wrong_token": Route(lambda w: {"token": "geraden"}, NOT_FOUND),
    # The register as a spreadsheet: every reader exports it, only the beheerder imports.
    "imports:register_export": Route(lambda w: {"export_format": "xlsx"}, INTERNAL),
    "imports:register_export#csv": Route(lambda w: {"export_format": "csv"}, INTERNAL),
    "imports:start": Route(get=BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)),
    "imports:template": Route(get=BEHEERDER_ONLY),
    # A token that is not the user's own pending file does not exist for them.
    "imports:preview": Route(
        lambda w: {"token": "geraden"},
        answers(LOGIN, 403, 403, 403, 404),
        post=refused(answers(LOGIN, 403, 403, 403, 404)),
    ),
    # Writes.
    "dossiers:partnership_create": Route(
        get=ACCOUNTHOUDER_WRITE, post=refused(ACCOUNTHOUDER_WRITE)
    ),
    "dossiers:partnership_update": Route(own_partnership, OWN_WRITE, post=refused(OWN_WRITE)),
    "dossiers:partnership_archive": Route(
        own_partnership, BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)
    ),
    "partnerships:organisation_create": Route(
        get=ACCOUNTHOUDER_WRITE, post=refused(ACCOUNTHOUDER_WRITE)
    ),
    # An accounthouder edits the organisations of their own partnerships; the beheerder any.
    "partnerships:organisation_update": Route(
        lambda w: {"pk": w.organisation.pk}, OWN_WRITE, post=refused(OWN_WRITE)
    ),
    "partnerships:organisation_update#not_a_partner": Route(
        lambda w: {"pk": w.stranger.pk}, BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)
    ),
    "evaluations:evaluation_create": Route(
        lambda w: {"partnership_pk": w.own.pk}, OWN_WRITE, post=refused(OWN_WRITE)
    ),
    "evaluations:evaluation_update": Route(
        lambda w: {"pk": w.running.pk}, OWN_WRITE, post=refused(OWN_WRITE)
    ),
    "evaluations:evaluation_lapse": Route(
        lambda w: {"pk": w.planned.pk}, OWN_WRITE, post=refused(OWN_WRITE)
    ),
    # POST only: GET is refused like POST, and not allowed (405) for those with the right.
    "evaluations:evaluation_start": Route(
        lambda w: {"pk": w.planned.pk},
        answers(LOGIN, 403, 405, 403, 405),
        post=refused(OWN_WRITE),
    ),
    # GET asks to confirm (here: says what is still missing); only the confirmed POST completes.
    "evaluations:evaluation_complete": Route(
        lambda w: {"pk": w.running.pk}, OWN_WRITE, post=refused(OWN_WRITE)
    ),
    # Undoing a completion: the beheerder's only, even for the partnership's accounthouder.
    "evaluations:evaluation_reopen": Route(
        lambda w: {"pk": w.completed.pk}, BEHEERDER_ONLY, post=refused(BEHEERDER_ONLY)
    ),
}


def url_names(patterns: list[Any], namespace: str = "") -> list[str]:
    """Every named URL pattern of the project, with its namespace, except the admin's."""
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            names += url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL {pattern.pattern} has no name, so it cannot be checked"
            names.append(":".join(filter(None, [namespace, pattern.name])))
    return names


def matrix_gaps(patterns: list[Any]) -> tuple[set[str], set[str]]:
    """URLs without a rule, and rules for URLs that no longer exist."""
    project = set(url_names(patterns))
    matrix = {key.split("#")[0] for key in MATRIX}
    return project - matrix, matrix - project


def test_every_url_pattern_is_in_the_matrix():
    unchecked, stale = matrix_gaps(get_resolver().url_patterns)
    assert unchecked == set(), "URLs zonder regel in de matrix"
    assert stale == set(), "regels in de matrix voor URLs die niet meer bestaan"


def test_a_new_view_without_a_rule_is_caught():
    new_view = path("intern/nieuw/", lambda request: HttpResponse(), name="nieuwe_pagina")
    unchecked, _ = matrix_gaps([*get_resolver().url_patterns, new_view])
    assert unchecked == {"nieuwe_pagina"}


def finished_document_job() -> DocumentJob:
    job = DocumentJob(document="kadernota", year=2026, data_version="x", filename="k.pdf")
    job.file.save("k.pdf", ContentFile(b"%PDF-1.7"), save=False)
    job.status = DocumentJob.Status.DONE
    job.save()
    return job


@pytest.fixture
def world(accounthouder, lezer, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    own = PartnershipFactory(account_holder=accounthouder, name="Zorg en Veiligheid")
    partner = ParticipationFactory(partnership=own).organisation
    return World(
        own=own,
        unpublished=PartnershipFactory(unpublished=True, account_holder=accounthouder),
        planned=EvaluationFactory(partnership=own, due_date=date(2027, 3, 1)),
        running=EvaluationFactory(partnership=own, status=EvaluationStatus.IN_UITVOERING),
        completed=EvaluationFactory(partnership=own, completed=True),
        organisation=partner,
        stranger=OrganisationFactory(),
        lezer=lezer,
        document_job=finished_document_job(),
    )


@pytest.fixture
def clients(lezer, accounthouder, other_accounthouder, beheerder) -> dict[str, Client]:
    users = {
        "lezer": lezer,
        "eigen_accounthouder": accounthouder,
        "andere_accounthouder": other_accounthouder,
        "beheerder": beheerder,
    }
    clients = {"anoniem": Client()}
    for persona, user in users.items():
        clients[persona] = Client()
        clients[persona].force_login(user)
    return clients


def fast_pdf(*args: Any, **kwargs: Any) -> RenderedDocument:
    return RenderedDocument("document.pdf", b"%PDF-1.7")


def outcome(response: Any) -> object:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("login")):
        return LOGIN
    return response.status_code


@pytest.fixture
def fast_pdfs():
    # Who may download is decided before rendering; the documents have their own tests.
    with (
        mock.patch("reports.views.render_dossier", fast_pdf),
        mock.patch("reports.tasks.render_year_document", fast_pdf),
    ):
        yield


@pytest.mark.slow
def test_every_url_answers_each_persona_as_the_matrix_says(world, clients, fast_pdfs):
    mismatches = []
    for key, route in MATRIX.items():
        url = reverse(key.split("#")[0], kwargs=route.kwargs(world)) + route.query
        for persona, expected in route.get.items():
            got = outcome(clients[persona].get(url))
            if got != expected:
                mismatches.append(f"GET {url} als {persona}: {got}, verwacht {expected}")
        for persona, expected in route.post.items():
            got = outcome(clients[persona].post(url, {}))
            if got != expected:
                mismatches.append(f"POST {url} als {persona}: {got}, verwacht {expected}")
    assert mismatches == []


@pytest.mark.slow
def test_every_internal_response_and_export_is_private_no_store(world, clients, fast_pdfs):
    """No cache along the way keeps an internal page, export, PDF or calendar feed."""
    cached = []
    for key, route in MATRIX.items():
        url = reverse(key.split("#")[0], kwargs=route.kwargs(world)) + route.query
        if not is_private_path(url):
            continue
        urls = [url]
        view = resolve(url.split("?")[0]).func
        if issubclass(getattr(view, "view_class", object), FilteredTableView):
            separator = "&" if "?" in url else "?"
            urls += [f"{url}{separator}export={kind}" for kind in ("csv", "xlsx")]
        for address in urls:
            for persona, client in clients.items():
                response = client.get(address)
                if response.get("Cache-Control") != "private, no-store":
                    cached.append(f"{address} als {persona}: {response.get('Cache-Control')}")
    for address in ("/admin/", "/admin/login/", "/accounts/bestaat-niet/"):
        response = clients["beheerder"].get(address)
        if response.get("Cache-Control") != "private, no-store":
            cached.append(f"{address}: {response.get('Cache-Control')}")
    assert cached == []


def test_internal_exports_are_real_downloads_and_private(clients):
    response = clients["lezer"].get(
        reverse("partnerships:partnership_list") + "?export=csv", follow=True
    )
    assert response.status_code == 200
    assert "text/csv" in response["Content-Type"]
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_keep_their_own_caching(world, clients):
    dossier = clients["anoniem"].get(reverse("public:partnership_dossier", args=[world.own.slug]))
    assert "public" in dossier["Cache-Control"]
    assert "no-store" not in dossier["Cache-Control"]


def test_refused_writes_change_nothing(world, clients):
    name, version = world.own.name, world.own.version
    for persona in ("lezer", "andere_accounthouder"):
        url = reverse("dossiers:partnership_update", args=[world.own.pk])
        clients[persona].post(url, {"name": "Overgenomen", "version": version})
        url = reverse("evaluations:evaluation_start", args=[world.planned.pk])
        clients[persona].post(url, {"version": world.planned.version})
    world.own.refresh_from_db()
    world.planned.refresh_from_db()
    assert world.own.name == name
    assert world.planned.status == EvaluationStatus.GEPLAND


# Rules without a URL of their own, asked by forms and pages: who has each, per persona.
ROLE_RULES: dict[str, tuple[Callable[[World], Any], dict[str, object]]] = {
    "partnerships.archive_partnership": (lambda w: w.own, BEHEERDER_ONLY),
    "partnerships.reactivate_partnership": (lambda w: w.own, BEHEERDER_ONLY),
    "partnerships.publish_partnership": (lambda w: w.own, BEHEERDER_ONLY),
    "evaluations.publish_evaluation": (lambda w: w.running, BEHEERDER_ONLY),
    "partnerships.change_organisation": (lambda w: w.organisation, OWN_WRITE),
    "partnerships.change_organisation#not_a_partner": (lambda w: w.stranger, BEHEERDER_ONLY),
}


def test_role_rules_as_designed(world, lezer, accounthouder, other_accounthouder, beheerder):
    users = {
        "anoniem": AnonymousUser(),
        "lezer": lezer,
        "eigen_accounthouder": accounthouder,
        "andere_accounthouder": other_accounthouder,
        "beheerder": beheerder,
    }
    mismatches = []
    for key, (target, expected) in ROLE_RULES.items():
        permission = key.split("#")[0]
        for persona, user in users.items():
            allowed = user.has_perm(permission, target(world))
            if allowed != (expected[persona] == 200):
                mismatches.append(f"{key} als {persona}: {allowed}")
    assert mismatches == []


def test_admin_is_only_for_staff(clients):
    assert clients["anoniem"].get("/admin/")["Location"].startswith("/admin/login/")
    assert clients["lezer"].get("/admin/")["Location"].startswith("/admin/login/")


def test_a_user_without_a_role_reads_nothing_internal(world, db):
    client = Client()
    client.force_login(UserFactory(username="zonder_rol"))
    for name, kwargs in [
        ("evaluations:dashboard", {}),
        ("partnerships:partnership_list", {}),
        ("dossiers:partnership_detail", {"pk": world.own.pk}),
        ("evaluations:evaluation_detail", {"pk": world.planned.pk}),
        ("reports:index", {}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403, name


INLINE_CODE = re.compile(
    r"<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle\s*=|\son[a-z]+\s*=", re.IGNORECASE
)


@pytest.mark.slow
def test_no_page_has_inline_script_or_style_the_csp_would_block(world, clients, fast_pdfs):
    """The Content-Security-Policy allows no inline code; a page relying on it would break."""
    offenders = []
    for key, route in MATRIX.items():
        url = reverse(key.split("#")[0], kwargs=route.kwargs(world)) + route.query
        for persona in ("anoniem", "beheerder"):
            response = clients[persona].get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            found = INLINE_CODE.findall(response.content.decode())
            if found:
                offenders.append(f"{url} als {persona}: {sorted(set(found))}")
    assert offenders == []
