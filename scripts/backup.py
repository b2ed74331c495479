"""Back up and restore the database named by DATABASE_URL (SQLite or PostgreSQL).

    python scripts/backup.py backup [--output FILE]   writes backups/<name>-<time>.<ext>
    python scripts/backup.py restore FILE             into an empty database only
    python scripts/backup.py restore FILE --replace   replaces a database's contents, after
                                                      a safety copy into backups/

A restore checks the backup file first and changes nothing when it is not a readable backup
of this application. The safety copy is written to BACKUP_DIR (default: backups/).

SQLite uses the online backup API, which is consistent while workers write (a plain file
copy is not, with WAL). PostgreSQL uses pg_dump's custom format and pg_restore.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQLITE = "django.db.backends.sqlite3"
POSTGRES = ("django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2")


class BackupError(Exception):
    pass


def database() -> dict[str, Any]:
    """The default database exactly as the application sees it (.env, defaults and all)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenwerkingswijzer.settings")
    from django.conf import settings

    config: dict[str, Any] = settings.DATABASES["default"]
    if config["ENGINE"] != SQLITE and config["ENGINE"] not in POSTGRES:
        raise BackupError(f"Geen back-up mogelijk voor database-engine {config['ENGINE']}.")
    return config


def backup_dir() -> Path:
    return Path(os.environ.get("BACKUP_DIR") or ROOT / "backups")


def default_output(config: dict[str, Any], label: str = "") -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    extension = "sqlite3" if config["ENGINE"] == SQLITE else "dump"
    name = "-".join(filter(None, [Path(str(config["NAME"])).stem, label, stamp]))
    return backup_dir() / f"{name}.{extension}"


def _copy_sqlite(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        (verdict,) = dst.execute("PRAGMA integrity_check").fetchone()
    if verdict != "ok":
        raise BackupError(f"De kopie {target} is beschadigd: {verdict}")


def _postgres_args(config: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    # The commands are fixed here; only the database's own settings are passed on.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} is mislukt:\n{result.stderr.strip()}")


def backup(config: dict[str, Any], output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    if config["ENGINE"] == SQLITE:
        source = Path(str(config["NAME"]))
        if not source.is_file():
            raise BackupError(f"Database {source} bestaat niet.")
        _copy_sqlite(source, output)
    else:
        args, env = _postgres_args(config)
        _run(["pg_dump", "--format=custom", *args, "--file", str(output), config["NAME"]], env)
        # A dump that pg_restore cannot read is no backup.
        _run(["pg_restore", "--list", str(output)], env)
    return output


def _read_only(path: Path) -> sqlite3.Connection:
    """Open a SQLite file without changing it (and without creating one that is missing)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _not_a_backup(backup_file: Path) -> BackupError:
    return BackupError(
        f"{backup_file} is geen bruikbare back-up van de Samenwerkingswijzer; "
        "er is niets gewijzigd."
    )


def check_backup_file(config: dict[str, Any], backup_file: Path) -> None:
    """Refuse a file that is missing, damaged, or no backup of this application's database."""
    if not backup_file.is_file():
        raise BackupError(f"Back-upbestand {backup_file} bestaat niet; er is niets gewijzigd.")
    if config["ENGINE"] == SQLITE:
        try:
            with closing(
                sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)
            ) as db:
                (verdict,) = db.execute("PRAGMA integrity_check").fetchone()
                tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.Error as error:
            raise _not_a_backup(backup_file) from error
        if verdict != "ok" or "django_migrations" not in tables:
            raise _not_a_backup(backup_file)
        return
    _, env = _postgres_args(config)
    # A fixed command; pg_restore comes from the PATH as in _run.
    listing = subprocess.run(  # noqa: S603
        ["pg_restore", "--list", str(backup_file)],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode != 0 or "django_migrations" not in listing.stdout:
        raise _not_a_backup(backup_file)


def table_count(config: dict[str, Any]) -> int:
    """How many tables the database holds now (0 for a database that does not exist yet)."""
    if config["ENGINE"] == SQLITE:
        path = Path(str(config["NAME"]))
        if not path.is_file() or path.stat().st_size == 0:
            return 0
        with closing(_read_only(path)) as db:
            query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            (count,) = db.execute(query).fetchone()
        return int(count)
    import psycopg2

    dsn = {
        key: value
        for key, value in {
            "dbname": config["NAME"],
            "host": config.get("HOST"),
            "port": config.get("PORT"),
            "user": config.get("USER"),
            "password": config.get("PASSWORD"),
        }.items()
        if value
    }
    try:
        with closing(psycopg2.connect(**dsn)) as db, db.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
            (count,) = cursor.fetchone()
    except psycopg2.Error as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BackupError(f"Kan database {config['NAME']} niet openen: {message}") from error
    return int(count)


def restore(config: dict[str, Any], backup_file: Path, *, replace: bool = False) -> Path | None:
    """Put a backup back; returns the safety copy made of what was there before, if any.

    A database that holds tables is only replaced when asked (`replace`), and then only
    after a safety copy: a restore by mistake can be undone.
    """
    check_backup_file(config, backup_file)
    safety_copy = None
    if table_count(config) > 0:
        if not replace:
            raise BackupError(
                f"Database {config['NAME']} is niet leeg; er is niets gewijzigd. Vervangen? "
                f"Gebruik --replace (make restore FILE={backup_file} REPLACE=1); "
                "dan wordt eerst een veiligheidskopie gemaakt."
            )
        safety_copy = backup(config, default_output(config, "voor-herstel"))
    if config["ENGINE"] == SQLITE:
        _copy_sqlite(backup_file, Path(str(config["NAME"])))
    else:
        args, env = _postgres_args(config)
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
        _run([*command, *args, "--dbname", config["NAME"], str(backup_file)], env)
    return safety_copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Back-up en herstel van de database.")
    commands = parser.add_subparsers(dest="command", required=True)
    make_backup = commands.add_parser("backup", help="maak een back-up")
    make_backup.add_argument("--output", type=Path, help="bestand voor de back-up")
    make_restore = commands.add_parser("restore", help="zet een back-up terug")
    make_restore.add_argument("file", type=Path, help="het back-upbestand")
    make_restore.add_argument(
        "--replace",
        action="store_true",
        help="vervang een database die niet leeg is (na een veiligheidskopie)",
    )
    options = parser.parse_args(argv)
    try:
        config = database()
        if options.command == "backup":
            written = backup(config, options.output or default_output(config))
            print(f"Back-up gemaakt: {written}")
        else:
            safety_copy = restore(config, options.file, replace=options.replace)
            if safety_copy is not None:
                print(f"Veiligheidskopie van de oude inhoud: {safety_copy}")
            print(f"Teruggezet uit {options.file} in database {config['NAME']}.")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as error:
        # One line for the person at the terminal, never a traceback.
        print(f"Het is niet gelukt: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
