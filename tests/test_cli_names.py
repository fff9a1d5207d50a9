"""Family commands: a plural name where the command is singular, and help in plain words."""

from __future__ import annotations

import json
import re
from pathlib import Path

from signalwire_logs._families import FAMILIES

from cli_helpers import Served, run


def test_cxml_messages_is_the_plural_of_cxml_message(served: Served, tmp_path: Path) -> None:
    args = ["list", "--limit", "5", "--format", "jsonl"]
    singular = run(served, "cxml-message", *args)
    plural = run(served, "cxml-messages", *args)
    assert singular.exit_code == plural.exit_code == 0, plural.output
    assert plural.stdout == singular.stdout and len(plural.stdout.splitlines()) == 5
    sid = json.loads(plural.stdout.splitlines()[0])["sid"]
    got = run(served, "cxml-messages", "get", sid)
    assert got.exit_code == 0 and json.loads(got.stdout)["sid"] == sid
    output = tmp_path / "c.jsonl"
    exported = run(served, "export", "cxml-messages", "-o", str(output), "--date-sent-after",
                   "2024-06-10")  # fmt: skip
    assert exported.exit_code == 0, exported.output
    assert "cXML messages" in exported.stderr and output.read_text()


def test_help_names_families_in_plain_words(served: Served) -> None:
    listing = run(served, "--help").stdout
    assert "cxml-message  cXML (LaML) messages (also: cxml-messages)." in listing
    assert "messages      Message logs (SMS and MMS)." in listing
    for entry in FAMILIES:
        # No Python class name (MessageLog, CxmlMessage) in what a person reads.
        assert entry.model.__name__ not in listing
        text = " ".join(run(served, entry.cli_name, "--help").stdout.split())
        assert entry.model.__name__ not in text and "records:" not in text
        assert re.search(rf"{re.escape(entry.title)}.*: (get one, or )?list them\.", text, re.I)
