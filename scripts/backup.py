"""Back up and restore the database named by DATABASE_URL (SQLite or PostgreSQL).

    python scripts/backup.py backup [--output FILE]   writes backups/<name>-<time>.<ext>
    python scripts/backup.py restore FILE             replaces the database's contents

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


def default_output(config: dict[str, Any]) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    extension = "sqlite3" if config["ENGINE"] == SQLITE else "dump"
    return ROOT / "backups" / f"{Path(str(config['NAME'])).stem}-{stamp}.{extension}"


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


def restore(config: dict[str, Any], backup_file: Path) -> None:
    if not backup_file.is_file():
        raise BackupError(f"Back-upbestand {backup_file} bestaat niet.")
    if config["ENGINE"] == SQLITE:
        _copy_sqlite(backup_file, Path(str(config["NAME"])))
    else:
        args, env = _postgres_args(config)
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error"]
        _run([*command, *args, "--dbname", config["NAME"], str(backup_file)], env)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Back-up en herstel van de database.")
    commands = parser.add_subparsers(dest="command", required=True)
    make_backup = commands.add_parser("backup", help="maak een back-up")
    make_backup.add_argument("--output", type=Path, help="bestand voor de back-up")
    make_restore = commands.add_parser("restore", help="zet een back-up terug")
    make_restore.add_argument("file", type=Path, help="het back-upbestand")
    options = parser.parse_args(argv)
    try:
        config = database()
        if options.command == "backup":
            written = backup(config, options.output or default_output(config))
            print(f"Back-up gemaakt: {written}")
        else:
            restore(config, options.file)
            print(f"Teruggezet uit {options.file} in database {config['NAME']}.")
    except BackupError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
