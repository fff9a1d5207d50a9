"""Interim demo: parse SignalWire's documented examples into the generated models."""

from __future__ import annotations

import json
from pathlib import Path

from signalwire_logs_api.models import CxmlMessage, FaxLog, FaxLogListResponse, MessageLog

EXAMPLES = Path(__file__).resolve().parent.parent / "spec" / "examples"


def _load(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def main() -> None:
    log = MessageLog.from_dict(_load("message_log"))
    print(f"message log {log.id}: {log.status} {log.from_} -> {log.to}")
    print(f"  failed with {log.error_code}: {log.error_message}")
    fax = FaxLog.from_dict(_load("fax_log"))
    print(f"fax log {fax.id}: {fax.status}, {fax.number_of_pages} pages, error {fax.error_code}")
    page = FaxLogListResponse.from_dict(_load("fax_log_list"))
    print(f"fax page: {len(page.data)} log(s), next page: {page.links.next_}")
    message = CxmlMessage.from_dict(_load("cxml_message"))
    print(f"cXML message {message.sid}: {message.status}, {message.price} {message.price_unit}")


if __name__ == "__main__":
    main()
