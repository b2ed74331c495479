"""Known vulnerabilities in the installed dependencies (pip-audit), with an honest verdict.

Fails when any dependency has a known vulnerability. When PyPI's vulnerability data cannot
be reached (a closed network), says so loudly instead of reporting a clean bill of health.
"""

import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")


def main() -> int:
    run = subprocess.run(  # noqa: S603 (a fixed command, no user input)
        [str(PIP_AUDIT), "--progress-spinner", "off", "--skip-editable", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout, run.stderr, sep="\n")
        return run.returncode or 1
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = [d for d in dependencies if "skip_reason" not in d]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "nog geen"
            print(f"KWETSBAAR: {dep['name']} {dep['version']}: {vuln['id']} (opgelost in {fixes})")
    if vulnerable:
        return 1
    if not audited:
        print(
            "LET OP: de kwetsbaarhedendatabase van PyPI is vanaf deze machine niet bereikbaar; "
            f"geen van de {len(dependencies)} pakketten kon worden gecontroleerd."
        )
        return 0
    print(f"Geen bekende kwetsbaarheden in {len(audited)} gecontroleerde pakketten.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
