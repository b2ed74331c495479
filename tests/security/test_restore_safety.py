"""`make restore` cannot destroy by accident: a database with tables is only replaced with
REPLACE=1, after a safety copy; a bad file changes nothing and says so in one Dutch line.

Runs on the engine of this test run: SQLite files, or scratch PostgreSQL databases when
DATABASE_URL names PostgreSQL.
"""

import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests import factories

from .conftest import copy_test_database_to
from .test_backup_restore import make, postgres_contents, sqlite_contents

# Committed data, as `make backup` in another process reads it; the roles and the kader that
# the migrations made are put back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Databases:
    """Scratch databases of the engine under test, by name, with their contents."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.postgres = connection.vendor == "postgresql"
        self.created: list[str] = []
        settings = connection.settings_dict
        self.dsn = {
            key: value
            for key, value in {
                "host": settings["HOST"],
                "port": settings["PORT"],
                "user": settings["USER"],
                "password": settings["PASSWORD"],
            }.items()
            if value
        }
        user = (
            f"{settings['USER']}:{settings['PASSWORD']}"
            if settings["PASSWORD"]
            else settings["USER"]
        )
        self.server = (
            f"postgres://{user}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
        )

    def url(self, name: str) -> str:
        if self.postgres:
            return f"{self.server}/{name}"
        return f"sqlite:///{self.tmp_path / name}"

    def empty(self, label: str) -> str:
        if not self.postgres:
            return f"{label}.sqlite3"
        name = f"{connection.settings_dict['NAME']}_{label}_{uuid.uuid4().hex[:8]}"
        self._admin(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return name

    def contents(self, name: str) -> dict[str, list[tuple]]:
        if self.postgres:
            return postgres_contents({**self.dsn, "dbname": name})
        return sqlite_contents(self.tmp_path / name)

    def drop_all(self) -> None:
        for name in self.created:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        with closing(psycopg2.connect(dbname="postgres", **self.dsn)) as admin:
            admin.autocommit = True
            admin.cursor().execute(sql)


@pytest.fixture
def databases(tmp_path) -> Iterator[Databases]:
    found = Databases(tmp_path)
    yield found
    found.drop_all()


def backup_of_the_test_database(databases: Databases, tmp_path: Path) -> Path:
    """A backup of the register as this test made it."""
    if databases.postgres:
        url = f"{databases.server}/{connection.settings_dict['NAME']}"
    else:
        source = tmp_path / "bron.sqlite3"
        copy_test_database_to(source)
        url = f"sqlite:///{source}"
    backup_file = tmp_path / ("register.dump" if databases.postgres else "register.sqlite3")
    made = make("backup", url, backup_file)
    assert made.returncode == 0, made.stderr
    return backup_file


@pytest.fixture
def filled(databases, tmp_path) -> tuple[str, Path]:
    """A database in use (restored from a first backup), and a second, different backup."""
    factories.PartnershipFactory(name="GGD Zuid-Limburg")
    first = backup_of_the_test_database(databases, tmp_path)
    in_use = databases.empty("in_gebruik")
    restored = make("restore", databases.url(in_use), first)
    assert restored.returncode == 0, restored.stderr
    factories.PartnershipFactory(name="Stroomlijn BV")
    second = tmp_path / ("tweede.dump" if databases.postgres else "tweede.sqlite3")
    second.write_bytes(backup_of_the_test_database(databases, tmp_path).read_bytes())
    return in_use, second


def partnership_names(contents: dict[str, list[tuple]]) -> list[str]:
    return sorted(str(row) for row in contents["partnerships_partnership"])


def test_restore_into_a_database_in_use_without_replace_changes_nothing(
    filled, databases, tmp_path
):
    in_use, second = filled
    before = databases.contents(in_use)
    safety = tmp_path / "veiligheid"
    result = make("restore", databases.url(in_use), second, backup_dir=safety)
    assert result.returncode != 0
    assert "is niet leeg; er is niets gewijzigd" in result.stderr
    assert "REPLACE=1" in result.stderr
    assert "Traceback" not in result.stderr
    assert databases.contents(in_use) == before
    assert not safety.exists()


def test_replace_makes_a_safety_copy_first(filled, databases, tmp_path):
    in_use, second = filled
    before = databases.contents(in_use)
    assert len(before["partnerships_partnership"]) == 1
    safety = tmp_path / "veiligheid"
    result = make("restore", databases.url(in_use), second, "REPLACE=1", backup_dir=safety)
    assert result.returncode == 0, result.stderr
    assert "Veiligheidskopie van de oude inhoud" in result.stdout
    after = databases.contents(in_use)
    assert len(after["partnerships_partnership"]) == 2
    # The safety copy holds what was there before, and restores into an empty database.
    (copy,) = safety.iterdir()
    assert "voor-herstel" in copy.name
    check = databases.empty("controle")
    back = make("restore", databases.url(check), copy)
    assert back.returncode == 0, back.stderr
    assert partnership_names(databases.contents(check)) == partnership_names(before)


@pytest.mark.parametrize(
    "content", [b"", b"dit is geen back-up", b"SQLite format 3\x00" + b"\x00" * 200]
)
def test_a_bad_file_is_reported_in_one_dutch_line_and_changes_nothing(
    filled, databases, tmp_path, content
):
    in_use, _ = filled
    before = databases.contents(in_use)
    bad = tmp_path / "kapot.bestand"
    bad.write_bytes(content)
    for options in ((), ("REPLACE=1",)):
        result = make("restore", databases.url(in_use), bad, *options, backup_dir=tmp_path / "v")
        assert result.returncode != 0
        script_lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
        assert script_lines == [
            f"{bad} is geen bruikbare back-up van de Samenwerkingswijzer; er is niets gewijzigd."
        ]
        assert databases.contents(in_use) == before
    assert not (tmp_path / "v").exists()
