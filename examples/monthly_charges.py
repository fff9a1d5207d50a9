"""Reconcile a month's charges: the total per log family and per charge line, against an invoice.

    python examples/monthly_charges.py                          # last month, UTC
    python examples/monthly_charges.py --month 2024-05 --invoice 123.45

Amounts are added up as decimals (a sum of thousands of float charges drifts in the last
digits). A charge that is no amount (a conference's charge is any text upstream, "n/a" say) is
counted apart and named, never added. Credentials as for the other examples (SIGNALWIRE_*
variables).
"""

from __future__ import annotations

import argparse
import datetime
from collections import defaultdict
from decimal import Decimal

from signalwire_logs import FieldValueError, SignalWireLogs


def month_bounds(month: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of a month (YYYY-MM, UTC) and of the next one."""
    start = datetime.datetime.strptime(month, "%Y-%m").replace(tzinfo=datetime.UTC)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, following


def main(argv: list[str] | None = None) -> None:
    this_month = datetime.datetime.now(datetime.UTC).replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).strftime("%Y-%m")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--month", default=last_month, help="YYYY-MM (default: last month)")
    parser.add_argument("--invoice", type=Decimal, help="the invoice's total, to compare")
    args = parser.parse_args(argv)
    start, end = month_bounds(args.month)
    # created_after is exclusive: start a microsecond early so midnight itself is counted.
    after = (start - datetime.timedelta(microseconds=1)).isoformat()
    before = end.isoformat()

    with SignalWireLogs() as client:
        families = (
            ("messages", client.message_logs),
            ("faxes", client.fax_logs),
            ("voice", client.voice_logs),
            ("video", client.video_logs),
            ("conferences", client.conference_logs),
        )
        lines: defaultdict[str, Decimal] = defaultdict(Decimal)
        grand_total = Decimal(0)
        print(f"Charges for {args.month} (USD)")
        for name, logs in families:
            total, count, unreadable = Decimal(0), 0, 0
            for log in logs.list(created_after=after, created_before=before, page_size=1000):
                count += 1
                try:  # the digits sent, exactly; None (or UNSET) when there is no charge
                    charge = log.charge_decimal
                    details = [
                        (str(detail.description), detail.charge_decimal)
                        for detail in getattr(log, "charge_details", None) or ()
                    ]
                except FieldValueError:  # "n/a": no amount to add up
                    unreadable += 1
                    continue
                if isinstance(charge, Decimal):
                    total += charge
                for description, amount in details:
                    if isinstance(amount, Decimal):
                        lines[description] += amount
            grand_total += total
            print(f"  {name:<12} {count:>8,} logs  {total:>12.4f}")
            if unreadable:
                print(f"  {'':<12} {unreadable:>8,} logs with a charge that is not a number")
        print(f"  {'total':<12} {'':>13}  {grand_total:>12.4f}")
        print("By charge line:")
        for description, amount in sorted(lines.items(), key=lambda item: -item[1]):
            print(f"  {description:<26} {amount:>12.4f}")
        if args.invoice is not None:
            difference = args.invoice - grand_total
            verdict = "matches" if abs(difference) < Decimal("0.01") else "differs"
            print(f"Invoice {args.invoice:.2f}: {verdict} (difference {difference:+.4f})")


if __name__ == "__main__":
    main()
