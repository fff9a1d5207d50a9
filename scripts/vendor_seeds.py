"""Vendor the upstream OpenAPI YAML and the documented response examples from the seed pages.

The seeds are SignalWire's own reference pages, saved as text. The YAML is copied byte for byte;
the rendered JSON examples (one line number glued to each line) are turned back into JSON.

    python scripts/vendor_seeds.py [SEEDS_DIR] [--check]

With ``--check`` nothing is written: the exit status says whether the committed files match.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
UPSTREAM_YAML = ROOT / "spec" / "upstream" / "message-logs.openapi.yaml"
EXAMPLES_DIR = ROOT / "spec" / "examples"

# seed file prefix -> (example file name, schema the example documents)
EXAMPLES = {
    "001": "message_log.json",
    "002": "cxml_message.json",
    "003": "fax_log_list.json",
    "004": "fax_log.json",
}

_YAML_OPEN = "```yaml\n"
# The YAML holds ``` fences of its own (inside descriptions), so the end is the last fence
# before the "SDK Code Examples" heading, not the first fence after the opening one.
_YAML_CLOSE = re.compile(r"\n```\n+## SDK Code Examples")
_NUMBERED_LINE = re.compile(r"^(\d+)(.*)$")


def extract_yaml(page: str) -> str:
    """Return the OpenAPI document embedded in a reference page, byte for byte."""
    start = page.index(_YAML_OPEN) + len(_YAML_OPEN)
    end = _YAML_CLOSE.search(page, start)
    if end is None:
        raise ValueError("no closing fence before '## SDK Code Examples'")
    return page[start : end.start() + 1]


def extract_example(page: str) -> object:
    """Return the first rendered JSON example of a page (lines numbered 1, 2, 3...)."""
    lines = page.splitlines()
    if "1{" not in lines:
        raise ValueError("no rendered JSON example ('1{') in page")
    i = lines.index("1{")
    body: list[str] = []
    for expected, line in enumerate(lines[i:], start=1):
        match = _NUMBERED_LINE.match(line)
        if match is None or int(match.group(1)) != expected:
            raise ValueError(f"example line {expected} is not numbered as expected: {line!r}")
        body.append(match.group(2))
        if match.group(2) == "}":
            break
    return json.loads("\n".join(body))


def _seed(seeds: Path, prefix: str) -> str:
    matches = sorted(seeds.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        raise SystemExit(f"expected one seed {prefix}_*.txt in {seeds}, found {len(matches)}")
    return matches[0].read_text(encoding="utf-8")


def vendored_files(seeds: Path) -> dict[Path, str]:
    """Map each vendored file to the content the seeds give it."""
    files = {UPSTREAM_YAML: extract_yaml(_seed(seeds, "000"))}
    for prefix, name in EXAMPLES.items():
        example = extract_example(_seed(seeds, prefix))
        files[EXAMPLES_DIR / name] = json.dumps(example, indent=2, ensure_ascii=False) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    stale = []
    for path, content in vendored_files(args.seeds).items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for path in stale:
        print(f"{'differs' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
