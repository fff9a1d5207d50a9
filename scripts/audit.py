"""Audit the installed dependencies for known vulnerabilities (pip-audit), honestly.

Exits 1 when a package has a known vulnerability. When the vulnerability database cannot be
reached, pip-audit skips every package yet still says "No known vulnerabilities found"; this
script says instead how many packages were really audited, and warns loudly when none were.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TIMEOUT = 180


def main() -> int:
    pip_audit = Path(sys.executable).parent / "pip-audit"
    command = [str(pip_audit), "--format", "json", "--progress-spinner", "off", "--skip-editable"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        report = json.loads(result.stdout)
    except (subprocess.TimeoutExpired, ValueError) as err:
        print(
            f"WARNING: dependency audit did not complete ({type(err).__name__}); nothing audited."
        )
        return 0
    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        ids = ", ".join(v["id"] for v in dependency["vulns"])
        print(f"VULNERABLE: {dependency['name']} {dependency['version']}: {ids}")
    total = len(dependencies)
    if not audited:
        reason = dependencies[0]["skip_reason"] if dependencies else "no packages"
        print(
            "WARNING: dependency audit could not reach a vulnerability database: "
            f"0 of {total} packages were audited ({reason})."
        )
        return 0
    print(f"audit: {len(audited)} of {total} packages audited, {len(vulnerable)} vulnerable.")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
