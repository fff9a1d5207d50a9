"""The drift gate fails when committed generated output is touched, and passes when it is not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def copy_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("repo")
    for folder in ("spec", "scripts", "generated"):
        shutil.copytree(
            ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    table = Path("facade/signalwire_logs/_error_codes.py")
    (target / table).parent.mkdir(parents=True)
    shutil.copy(ROOT / table, target / table)
    return target


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    script = root / "scripts" / "check_drift.py"
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True)


def test_clean_copy_passes(copy_root: Path) -> None:
    result = _check(copy_root)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "relative",
    [
        "generated/signalwire_logs_api/models/message_log.py",
        "spec/openapi.yaml",
        "facade/signalwire_logs/_error_codes.py",
    ],
)
def test_touched_output_fails_with_a_diff(copy_root: Path, relative: str) -> None:
    path = copy_root / relative
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "# hand edit\n", encoding="utf-8")
    try:
        result = _check(copy_root)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert "-# hand edit" in result.stdout
    assert relative in result.stdout


def test_added_file_fails(copy_root: Path) -> None:
    extra = copy_root / "generated" / "signalwire_logs_api" / "models" / "extra.py"
    extra.write_text("X = 1\n", encoding="utf-8")
    try:
        result = _check(copy_root)
    finally:
        extra.unlink()
    assert result.returncode == 1
    assert "only in committed" in result.stdout


@pytest.mark.parametrize(
    ("source", "old", "new"),
    [
        # What reaches the table from SignalWire's pages: codes, kinds and links.
        ("apis.mdx", "account_limit_exceeded", "account_limits_exceeded"),
        ("guidance.toml", "Insufficient balance", "No money"),
    ],
)
def test_changed_error_code_source_fails(copy_root: Path, source: str, old: str, new: str) -> None:
    # The table's own check, without regenerating the whole client (check_drift.py runs it
    # too: see test_touched_output_fails_with_a_diff).
    sys.path.insert(0, str(ROOT / "scripts"))
    import generate_error_codes

    sources = copy_root / "spec" / "error-codes"
    module = copy_root / "facade" / "signalwire_logs" / "_error_codes.py"
    assert generate_error_codes.drift(sources, module) == []
    path = sources / source
    original = path.read_text(encoding="utf-8")
    assert old in original
    path.write_text(original.replace(old, new), encoding="utf-8")
    try:
        lines = generate_error_codes.drift(sources, module)
    finally:
        path.write_text(original, encoding="utf-8")
    assert any(line.startswith("+") and new in line for line in lines)
    assert any(line.startswith("-") and old in line for line in lines)
