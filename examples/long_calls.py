"""The longest calls in a date range: who called whom, for how long, at what cost.

    python examples/long_calls.py --created-after 2024-06-01 --min-minutes 5 --top 10

Credentials as for the other examples (SIGNALWIRE_* variables).
"""

from __future__ import annotations

import argparse
import heapq

from signalwire_logs import UNSET, SignalWireLogs, VoiceLog


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--created-after", help="YYYY-MM-DD or ISO 8601")
    parser.add_argument("--created-before", help="YYYY-MM-DD or ISO 8601")
    parser.add_argument("--min-minutes", type=float, default=5.0)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    filters = {k: v for k, v in vars(args).items() if k.startswith("created_") and v}

    with SignalWireLogs() as client:
        long_calls: list[tuple[int, str, VoiceLog]] = []  # a heap of the longest, by duration
        seen = 0
        for call in client.voice_logs.list(**filters, page_size=1000):
            seen += 1
            if call.duration is UNSET or call.duration is None:
                continue  # a shape without a duration (a device leg, a deleted log)
            if call.duration >= args.min_minutes * 60:
                heapq.heappush(long_calls, (call.duration, call.id, call))
                if len(long_calls) > args.top:
                    heapq.heappop(long_calls)
        print(f"{len(long_calls)} longest of {seen:,} calls (at least {args.min_minutes:g} min):")
        for duration, _, call in sorted(long_calls, key=lambda item: -item[0]):
            charge = "" if call.charge is UNSET else f"  ${call.charge}"
            print(
                f"  {duration // 60:4d}:{duration % 60:02d}  {call.created_at:%Y-%m-%d %H:%M}"
                f"  {call.from_} -> {call.to}  {call.id}{charge}"
            )


if __name__ == "__main__":
    main()
