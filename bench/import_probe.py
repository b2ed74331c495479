"""Importing a register of 5,000 partnerships in a fresh process: seconds and peak memory.

Run by bench.run (part `import`) against an empty, migrated database:
    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.import_probe --rows N
Writes an XLSX as a municipality would fill the template (every partnership with two
partners and two contributions), then imports it with `manage.py import_register`, as a
supplier's migration does: every row through the edit page's forms, history, audit log and
the evaluation plan synced at the end. Prints one JSON object.
"""

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import django

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from evaluations.models import Evaluation  # noqa: E402
from imports.columns import CONTRIBUTIONS, PARTNERS, REGISTER  # noqa: E402
from partnerships.models import (  # noqa: E402
    Contribution,
    Participation,
    Partnership,
    PolicyDomain,
)

HEADERS = [
    "Naam",
    "Opgave",
    "Aard",
    "Beleidsveld",
    "Juridische vorm",
    "Startdatum",
    "Einddatum",
    "Opzegtermijn (maanden)",
    "Status",
    "Accounthouder",
]


def write_register(path: Path, rows: int) -> None:
    book = Workbook(write_only=True)
    register, partners, contributions = (
        book.create_sheet(sheet.title) for sheet in (REGISTER, PARTNERS, CONTRIBUTIONS)
    )
    register.append(HEADERS)
    partners.append(PARTNERS.headers)
    contributions.append(CONTRIBUTIONS.headers)
    for n in range(rows):
        name = f"Samenwerkingsverband {n:05d}"
        register.append(
            [
                name,
                f"Opgave {n}.",
                "Gezamenlijke uitvoering",
                "Veiligheid",
                "Openbaar lichaam (Wgr)",
                f"1-{1 + n % 12}-2015",
                f"31-12-{2027 + n % 5}",
                12,
                "Actief",
                "importeur",
            ]
        )
        partners.append([name, f"Gemeente {n % 300}", "Gemeente", "Penvoerder of trekker", 60])
        partners.append([name, f"Gemeente {(n + 1) % 300}", "Gemeente", "Deelnemer", "40"])
        contributions.append(
            [
                name,
                2026,
                "Financieel",
                f"{1000 + n:,}.000,50".replace(",", ".", 1),
                None,
                None,
                None,
            ]
        )
        contributions.append([name, 2027, "Financieel", 1000 + n, None, None, None])
    book.save(path)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    PolicyDomain.objects.get_or_create(name="Veiligheid")
    user, _ = User.objects.get_or_create(username="importeur", defaults={"email": "i@x.example"})
    user.groups.add(Group.objects.get(name=Role.BEHEERDER.value))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.xlsx"
        write_register(path, args.rows)
        before = peak_mb()
        start = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("import_register", str(path), user="importeur", stdout=quiet)
        seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "rows": args.rows,
                "seconds": round(seconds, 1),
                "peak_mb": round(peak_mb(), 1),
                "peak_before_mb": round(before, 1),
                "partnerships": Partnership.objects.count(),
                "partners": Participation.objects.count(),
                "contributions": Contribution.objects.count(),
                "planned": Evaluation.objects.values("partnership").distinct().count(),
            }
        )
    )


if __name__ == "__main__":
    main()
