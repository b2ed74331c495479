"""Open data made once per data version, streamed, kept in the shared cache, revalidated."""

import csv
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluations.tier_deciding import delete_tier_decision
from governance.models import Framework
from partnerships.models import Partnership
from partnerships.tiers import Tier
from public import opendata, register
from samenwerkingswijzer import file_cache
from tests.factories import (
    AssessmentFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    TierDecisionFactory,
)

from .conftest import THIS_YEAR, full_partnership

pytestmark = pytest.mark.django_db

CSV = reverse("public:open_data_csv")
JSON = reverse("public:open_data_json")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """Which files were made (not served from the cache), in order."""
    calls: list[str] = []
    for kind in ("csv", "json"):
        original = getattr(opendata, f"{kind}_chunks")

        def counting(*args, kind=kind, original=original):
            calls.append(kind)
            return original(*args)

        monkeypatch.setattr(opendata, f"{kind}_chunks", counting)
    return calls


def body(response) -> bytes:
    return b"".join(response)


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8")[1:]), delimiter=";"))


def download(client, url, **headers) -> tuple[object, bytes]:
    response = client.get(url, **headers)
    return response, body(response)


@pytest.mark.parametrize("url", [CSV, JSON])
def test_the_file_is_made_once_and_then_served_from_the_cache(client, made, url):
    PartnershipFactory(name="Eerste")
    first, made_body = download(client, url)
    second, cached_body = download(client, url)

    assert made == [url.rsplit(".", 1)[1]]
    assert cached_body == made_body
    assert "Eerste" in cached_body.decode()
    # Never the whole file in memory, also not from the cache.
    assert first.streaming
    assert second.streaming
    assert second["ETag"] == first["ETag"]
    assert int(second["Content-Length"]) == len(cached_body)
    assert second["Last-Modified"] == first["Last-Modified"]
    assert "public" in second["Cache-Control"]
    assert second["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [CSV, JSON])
def test_a_browser_gets_the_cached_file_compressed_and_other_clients_as_made(client, made, url):
    PartnershipFactory.create_batch(3)
    first, made_body = download(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    compressed, gzip_body = download(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain, plain_body = download(client, url)

    assert "Content-Encoding" not in first  # the first one gets it while it is made
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzip_body) == made_body == plain_body
    assert int(compressed["Content-Length"]) == len(gzip_body) < len(made_body)
    assert "Content-Encoding" not in plain
    assert int(plain["Content-Length"]) == len(plain_body)
    # Each form has its own ETag, and a cache between keeps them apart.
    assert compressed["ETag"] != plain["ETag"] == first["ETag"]
    assert "Accept-Encoding" in compressed["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    again, again_body = download(
        client, url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"]
    )
    assert again.status_code == 304
    assert again_body == b""
    assert len(made) == 1


@pytest.mark.parametrize("url", [CSV, JSON])
def test_an_unchanged_register_answers_304_on_revalidation(client, made, url):
    PartnershipFactory()
    first, _ = download(client, url)

    by_etag, by_etag_body = download(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date, by_date_body = download(client, url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert by_etag.status_code == by_date.status_code == 304
    assert by_etag_body == by_date_body == b""
    assert by_etag["ETag"] == first["ETag"]
    assert len(made) == 1


def test_a_change_to_a_published_partnership_changes_etag_and_content(client, made):
    partnership = PartnershipFactory(name="Oude naam")
    before, before_body = download(client, CSV)

    partnership.name = "Nieuwe naam"
    partnership.save()
    after, after_body = download(client, CSV, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Oude naam" in before_body.decode()
    assert "Nieuwe naam" in after_body.decode()
    assert "Oude naam" not in after_body.decode()
    assert made == ["csv", "csv"]


def test_a_renamed_partner_and_a_deleted_partnership_change_the_files(client):
    kept = PartnershipFactory(name="Blijft")
    partner = OrganisationFactory(name="Partner voor")
    ParticipationFactory(partnership=kept, organisation=partner)
    gone = PartnershipFactory(name="Verdwijnt")
    first, _ = download(client, JSON)

    partner.name = "Partner na"
    partner.save()
    renamed, renamed_body = download(client, JSON)
    gone.delete()
    deleted, deleted_body = download(client, JSON)

    assert len({first["ETag"], renamed["ETag"], deleted["ETag"]}) == 3
    assert "Partner na" in renamed_body.decode()
    assert json.loads(deleted_body)["aantal"] == 1
    assert "Verdwijnt" not in deleted_body.decode()


def test_a_tier_decision_and_its_deletion_change_the_files(client):
    partnership = PartnershipFactory(name="Afgewogen")
    first, _ = download(client, CSV)

    decision = TierDecisionFactory(
        partnership=partnership, year=THIS_YEAR, tier=Tier.POLITIEK_BELANGRIJK
    )
    decided, decided_body = download(client, CSV)
    delete_tier_decision(decision)
    undone, undone_body = download(client, CSV)

    assert len({first["ETag"], decided["ETag"], undone["ETag"]}) == 3
    (row,) = csv_rows(decided_body)
    assert row["belangrijkheid"] == "Politiek belangrijk"
    assert row["belangrijkheid_herkomst"] == f"vastgesteld bij kadernota {THIS_YEAR}"
    (row,) = csv_rows(undone_body)
    assert row["belangrijkheid"] == ""


def test_an_internal_change_the_files_do_not_show_keeps_the_cached_files(client, made, lezer):
    partnership = PartnershipFactory(name="Vastgesteld")
    TierDecisionFactory(partnership=partnership, year=THIS_YEAR, tier=Tier.POLITIEK_BELANGRIJK)
    first, _ = download(client, CSV)

    # The kadernota's decision still wins over a new assessment: the tier stays as it was.
    framework, _ = Framework.objects.get_or_create(version=1, defaults={"name": "Afwegingskader"})
    AssessmentFactory(partnership=partnership, framework=framework, motivation="Intern")
    lezer.first_name = "Andere"
    lezer.save()
    again, _ = download(client, CSV, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert made == ["csv"]


def test_a_download_that_stops_half_way_stores_nothing(client, made, monkeypatch):
    monkeypatch.setattr("samenwerkingswijzer.exports.STREAM_PIECE_CHARS", 100)
    for n in range(5):
        full_partnership(name=f"Verband {n}", slug=f"verband-{n}", rows=2)
    key = opendata.file_key("csv", THIS_YEAR)
    rows = register.open_data_partnerships(THIS_YEAR)
    pieces = file_cache.store_while_streaming(key, opendata.csv_chunks(rows, THIS_YEAR))
    next(pieces)
    pieces.close()  # the visitor went away after the first piece

    complete, complete_body = download(client, CSV)

    assert file_cache.find(key) is not None  # stored now, by the complete download
    assert made == ["csv", "csv"]
    assert complete_body.decode("utf-8").count("\r\nVerband ") == 5
    assert not complete.has_header("Content-Length")  # made anew, not read from the cache


@pytest.mark.parametrize("url", [CSV, JSON])
def test_making_a_file_runs_the_same_queries_per_chunk_of_rows(client, monkeypatch, url):
    monkeypatch.setattr(opendata, "EXPORT_CHUNK_SIZE", 2)
    queries = []
    for count in (2, 4, 8):
        while Partnership.objects.count() < count:
            n = Partnership.objects.count()
            full_partnership(name=f"Verband {n}", slug=f"verband-{n}", rows=2)
        with CaptureQueriesContext(connection) as captured:
            assert body(client.get(url)).count(b"Verband ") >= count
        queries.append(len(captured))

    two, four, eight = queries
    per_chunk = four - two
    assert eight - four == 2 * per_chunk  # two chunks more, the same queries each
    assert per_chunk <= 6  # one per prefetched list; the rows come from one query


def test_a_cached_file_costs_a_few_queries_whatever_the_register(client):
    for n in range(3):
        full_partnership(name=f"Verband {n}", slug=f"verband-{n}", rows=3)
    body(client.get(JSON))
    with CaptureQueriesContext(connection) as captured:
        body(client.get(JSON))
    # The data version (two queries), the manifest, each chunk checked and read.
    assert len(captured) <= 6


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


# Another app server: a separate process on the same database and cache. It counts how
# often it makes the CSV file and says what it served.
OTHER_SERVER = """
import hashlib, json
from django.test import Client
from django.test.utils import setup_test_environment
from public import opendata, register
from samenwerkingswijzer import file_cache
setup_test_environment()
made = []
original = opendata.csv_chunks
def counting(*args):
    made.append(1)
    return original(*args)
opendata.csv_chunks = counting
response = Client().get("/open-data/samenwerkingsverbanden.csv")
content = b"".join(response)
print(json.dumps({"status": response.status_code, "made": len(made), "etag": response["ETag"],
                  "sha": hashlib.sha256(content).hexdigest(), "text": content.decode()}))
"""


def other_server() -> dict:
    env = {**os.environ, "DATABASE_URL": _database_url(), "DEBUG": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", OTHER_SERVER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_app_processes_share_the_cached_file(client, made):
    cache.clear()
    partnership = PartnershipFactory(name="Gedeeld")
    here, here_body = download(client, CSV)  # this process makes it

    there = other_server()  # the other process serves it from the shared cache

    assert made == ["csv"]
    assert there["made"] == 0
    assert there["etag"] == here["ETag"]
    assert there["sha"] == hashlib.sha256(here_body).hexdigest()

    partnership.name = "Gedeeld en gewijzigd"
    partnership.save()
    changed = other_server()  # now the other process makes the new version
    served, served_body = download(client, CSV)  # and this one serves it

    assert changed["made"] == 1
    assert "Gedeeld en gewijzigd" in changed["text"]
    assert served["ETag"] == changed["etag"] != here["ETag"]
    assert hashlib.sha256(served_body).hexdigest() == changed["sha"]
    assert made == ["csv"]


def test_a_hit_serves_the_file_the_shared_cache_names_not_an_older_copy(client):
    full_partnership(name="Verband 0", slug="verband-0")
    gzip_headers = {"Accept-Encoding": "gzip"}
    body(client.get(JSON))  # made and stored
    first = client.get(JSON, headers=gzip_headers)
    assert json.loads(gzip.decompress(body(first)))["aantal"] == 1

    # Another server makes the same version anew (the manifest names a new generation).
    key = opendata.file_key("json", THIS_YEAR)
    cache.delete(file_cache.manifest_key(key))
    other = json.dumps({"aantal": 99}).encode()
    body(file_cache.store_while_streaming(key, iter([other])))
    with CaptureQueriesContext(connection) as captured:
        second = client.get(JSON, headers=gzip_headers)
        assert gzip.decompress(body(second)) == other
    again = client.get(JSON, headers=gzip_headers)
    again_body = body(again)

    assert gzip.decompress(again_body) == other
    assert again["Content-Length"] == str(len(again_body))
    assert len(captured) <= 5  # the data version, the manifest, every chunk at once
