"""Build the patched spec and the generated client package.

    python scripts/generate.py            # write spec/openapi.yaml and generated/
    python scripts/generate.py --spec-only

The generator runs into a temporary directory first; generated/ is replaced only when it
succeeded, so a failed run never leaves a half-written package behind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import apply_overlay

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "openapi.yaml"
CONFIG = ROOT / "spec" / "generator.yaml"
TEMPLATES = ROOT / "spec" / "templates"  # overrides of the generator's own templates
PACKAGE = "signalwire_logs_api"
GENERATED = ROOT / "generated" / PACKAGE


def write_spec(path: Path) -> None:
    """Apply the overlay and write the patched spec to ``path``."""
    path.write_text(apply_overlay.render(), encoding="utf-8")


def generate_package(spec: Path, destination: Path) -> None:
    """Run openapi-python-client on ``spec`` and put the package at ``destination``."""
    bin_dir = Path(sys.executable).parent
    # The generator's post-hooks call `ruff` by name: make sure it is this environment's.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / PACKAGE
        command = [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",
            "--output-path",
            str(output),
            # A skipped post-hook (e.g. ruff missing) is only a warning; it must fail here.
            "--fail-on-warning",
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"openapi-python-client failed with exit code {result.returncode}")
        if destination.exists():
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(output, destination)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec-only", action="store_true", help="only write spec/openapi.yaml")
    args = parser.parse_args(argv)
    try:
        write_spec(SPEC)
    except apply_overlay.OverlayError as err:
        print(f"generate: {err}", file=sys.stderr)
        return 1
    if not args.spec_only:
        generate_package(SPEC, GENERATED)
    return 0


if __name__ == "__main__":
    sys.exit(main())
