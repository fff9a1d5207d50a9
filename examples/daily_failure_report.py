"""Why did messages and faxes fail yesterday (or on a given day), and what to do about it.

    python examples/daily_failure_report.py                 # yesterday, UTC
    python examples/daily_failure_report.py --day 2024-06-10

Credentials come from SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE (or
SIGNALWIRE_BASE_URL: `signalwire-logs fake-server` prints what to export to try it locally).
"""

from __future__ import annotations

import argparse
import datetime
from collections import Counter
from decimal import Decimal

from signalwire_logs import SignalWireLogs
from signalwire_logs.error_codes import explain

FAILED = {"failed", "undelivered"}


def main(argv: list[str] | None = None) -> None:
    yesterday = datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=1)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", type=datetime.date.fromisoformat, default=yesterday)
    day: datetime.date = parser.parse_args(argv).day

    with SignalWireLogs() as client:
        for name, logs in (("messages", client.message_logs), ("faxes", client.fax_logs)):
            total = 0
            failures: Counter[str] = Counter()
            lost = Decimal(0)  # what the failed ones were charged
            for log in logs.list(created_on=day.isoformat(), page_size=1000):
                total += 1
                if str(log.status) in FAILED or log.error_code:
                    failures[log.error_code or "(no code)"] += 1
                    lost += Decimal(str(log.charge or 0))
            failed = sum(failures.values())
            print(f"{name} on {day}: {total:,} sent or received, {failed:,} failed", end="")
            print(f" ({failed / total:.1%}), charged ${lost:.4f}" if total else "")
            for code, count in failures.most_common(5):
                info = explain(code) if code != "(no code)" else None
                meaning = info.meaning if info else "no error code recorded"
                print(f"  {count:6,}  {code:>9}  {meaning}")
                if info and info.action:
                    print(f"  {'':6}  {'':>9}  what to do: {info.action}")


if __name__ == "__main__":
    main()
