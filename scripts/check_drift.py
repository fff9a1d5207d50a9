"""Fail when committed generated output differs from a fresh regeneration.

Checked: spec/openapi.yaml and generated/ (from spec/overlay.yaml and the pinned generator),
and facade/signalwire_logs/_error_codes.py (from spec/error-codes/).

    python scripts/check_drift.py

Regenerates both into a temporary directory with the pinned generator, prints a unified diff
of every difference and exits 1; exits 0 when the committed output is reproducible.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_error_codes

import generate

ROOT = generate.ROOT


def _files(base: Path) -> dict[str, Path]:
    return {
        str(path.relative_to(base)): path
        for path in sorted(base.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _diff(label: str, committed: Path | None, fresh: Path | None) -> list[str]:
    if committed is None or fresh is None:
        return [f"only in {'committed' if committed else 'regenerated'}: {label}\n"]
    old = committed.read_text(encoding="utf-8").splitlines(keepends=True)
    new = fresh.read_text(encoding="utf-8").splitlines(keepends=True)
    return list(difflib.unified_diff(old, new, f"committed/{label}", f"regenerated/{label}"))


def drift() -> list[str]:
    """Return the unified diff between the committed and the regenerated outputs."""
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "openapi.yaml"
        package = Path(tmp) / generate.PACKAGE
        generate.write_spec(spec)
        generate.generate_package(spec, package)
        lines = _diff("spec/openapi.yaml", generate.SPEC if generate.SPEC.exists() else None, spec)
        committed, fresh = _files(generate.GENERATED), _files(package)
        for name in sorted(committed.keys() | fresh.keys()):
            label = f"generated/{generate.PACKAGE}/{name}"
            lines += _diff(label, committed.get(name), fresh.get(name))
        return lines + generate_error_codes.drift()


def main() -> int:
    lines = drift()
    if lines:
        sys.stdout.writelines(lines)
        print(
            "\ncheck-drift: the committed output differs from what spec/overlay.yaml, "
            "spec/error-codes/ and the pinned generators produce.\nNever edit "
            "spec/openapi.yaml, generated/ or _error_codes.py by hand: change spec/overlay.yaml "
            "or spec/error-codes/, run `make generate`, commit the result.",
            file=sys.stderr,
        )
        return 1
    print("check-drift: spec/openapi.yaml, generated/ and the error-code table are reproducible.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
