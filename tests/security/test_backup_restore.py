"""`make backup` and `make restore`: a backup restored into an empty database holds the same rows.

Runs against the database engine of this test run: SQLite, or PostgreSQL when DATABASE_URL
names one (CI runs the suite on both).
"""

import os
import sqlite3
import subprocess
import uuid
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests import factories

from .conftest import ROOT, copy_test_database_to


def make(
    target: str, database_url: str, backup_file: Path, *options: str, backup_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    # `-o install`: the virtual environment is in place; do not reinstall from the tests.
    env = {**os.environ, "DATABASE_URL": database_url}
    if backup_dir is not None:
        env["BACKUP_DIR"] = str(backup_dir)
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "install", target, f"FILE={backup_file}", *options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def register_rows() -> None:
    """A register with every kind of record a restore must bring back."""
    partnership = factories.PartnershipFactory(name="GGD Zuid-Limburg", verbonden_partij=True)
    factories.ParticipationFactory(partnership=partnership)
    factories.ContributionFactory(partnership=partnership)
    factories.FinancialPositionFactory(partnership=partnership)
    factories.DecisionFactory(partnership=partnership)
    factories.TierDecisionFactory(partnership=partnership)
    factories.EvaluationFactory(partnership=partnership, completed=True)
    factories.PartnershipFactory(name="Stroomlijn BV", unpublished=True)


def table_contents(rows_of_table, tables: list[str]) -> dict[str, list[tuple]]:
    return {table: sorted(rows_of_table(table), key=repr) for table in tables}


def sqlite_contents(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return table_contents(lambda t: db.execute(f'SELECT * FROM "{t}"').fetchall(), tables)


def postgres_contents(dsn: dict) -> dict[str, list[tuple]]:
    with closing(psycopg2.connect(**dsn)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        tables = [name for (name,) in cursor.fetchall()]

        def rows(table: str) -> list[tuple]:
            cursor.execute(f'SELECT * FROM "{table}"')
            return cursor.fetchall()

        return table_contents(rows, tables)


def assert_same_register(source: dict, restored: dict) -> None:
    assert restored.keys() == source.keys()
    assert restored == source
    assert len(source["partnerships_partnership"]) == 2
    assert len(source["evaluations_evaluation"]) >= 1
    assert len(source["accounts_auditevent"]) >= 8


# Committed data, as `make backup` in another process reads it; the roles and the kader that
# the migrations made are put back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_into_an_empty_database(tmp_path):
    register_rows()
    if connection.vendor == "postgresql":
        round_trip_postgres(tmp_path)
    else:
        round_trip_sqlite(tmp_path)


def round_trip_sqlite(tmp_path: Path) -> None:
    source = tmp_path / "register.sqlite3"
    copy_test_database_to(source)
    backup_file = tmp_path / "backup.sqlite3"

    made = make("backup", f"sqlite:///{source}", backup_file)
    assert made.returncode == 0, made.stderr
    assert "Back-up gemaakt" in made.stdout
    empty = tmp_path / "leeg.sqlite3"
    restored = make("restore", f"sqlite:///{empty}", backup_file)
    assert restored.returncode == 0, restored.stderr

    assert_same_register(sqlite_contents(source), sqlite_contents(empty))


def round_trip_postgres(tmp_path: Path) -> None:
    settings = connection.settings_dict
    dsn = {
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
        f"{settings['USER']}:{settings['PASSWORD']}" if settings["PASSWORD"] else settings["USER"]
    )
    server = f"postgres://{user}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"
    empty = f"{settings['NAME']}_herstel_{uuid.uuid4().hex[:8]}"
    with closing(psycopg2.connect(dbname="postgres", **dsn)) as admin:
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE "{empty}"')
    try:
        backup_file = tmp_path / "backup.dump"
        made = make("backup", f"{server}/{settings['NAME']}", backup_file)
        assert made.returncode == 0, made.stderr
        restored = make("restore", f"{server}/{empty}", backup_file)
        assert restored.returncode == 0, restored.stderr

        assert_same_register(
            postgres_contents({**dsn, "dbname": settings["NAME"]}),
            postgres_contents({**dsn, "dbname": empty}),
        )
    finally:
        with closing(psycopg2.connect(dbname="postgres", **dsn)) as admin:
            admin.autocommit = True
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{empty}" WITH (FORCE)')


def test_restore_without_a_file_explains_what_to_give(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "install", "restore"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "make restore FILE=" in result.stdout


def test_restore_of_a_missing_file_changes_nothing(tmp_path):
    target = tmp_path / "register.sqlite3"
    result = make("restore", f"sqlite:///{target}", tmp_path / "bestaat-niet.sqlite3")
    assert result.returncode != 0
    assert "bestaat niet" in result.stderr
    assert not target.exists()
