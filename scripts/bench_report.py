"""How long `signalwire-logs report` takes over a million message logs, and how big the page is.

    python scripts/bench_report.py [--logs 1000000] [--days 42] [--database PATH]

Builds a DuckDB database shaped as `signalwire-logs sync` writes it (the message_logs table
with the sync's columns and types; statuses, error codes and charges drawn as the bundled
fake draws them), inserting the rows with SQL (a sync of a million logs from the fake takes
minutes and measures the sync, not the report), then times the report's two steps: reading
the numbers (DuckDB's GROUP BYs) and drawing the page (vl-convert), and prints the HTML's size.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from signalwire_logs.report import collect, render
from signalwire_logs.testing._data import MESSAGE_ERRORS, MESSAGE_STATUSES, NEWEST


def build(path: Path, logs: int, days: int) -> None:
    statuses = [status for status, weight in MESSAGE_STATUSES for _ in range(weight)]
    codes = [code for code, _ in MESSAGE_ERRORS]
    reasons = [reason for _, reason in MESSAGE_ERRORS]
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE SCHEMA signalwire_logs")
        con.execute(
            """
            CREATE TABLE signalwire_logs.message_logs AS
            SELECT
                uuid()::VARCHAR AS id,
                '+12065551212' AS "from",
                '+14155553434' AS "to",
                s.status,
                CASE WHEN s.status = 'received' THEN 'inbound' ELSE 'outbound-api' END
                    AS direction,
                'sms' AS kind, 'laml' AS source, 'laml_message' AS type, NULL::VARCHAR AS url,
                1 + (h >> 16) % 3 AS number_of_segments,
                round((1 + (h >> 16) % 3) * 0.0079, 5) AS charge,
                NULL::JSON AS charge_details,
                ?::TIMESTAMPTZ - to_milliseconds((i * ?::BIGINT) // ?) AS created_at,
                CASE WHEN s.status IN ('failed', 'undelivered')
                     THEN list_extract(?, 1 + ((h >> 24) % ?)::INTEGER) END AS error_message,
                CASE WHEN s.status IN ('failed', 'undelivered')
                     THEN list_extract(?, 1 + ((h >> 24) % ?)::INTEGER) END AS error_code
            FROM (SELECT range AS i, hash(range) AS h FROM range(?)) AS r,
            LATERAL (SELECT list_extract(?, 1 + (h % ?)::INTEGER) AS status) AS s
            """,
            [
                NEWEST,
                days * 86_400_000,
                logs,
                reasons,
                len(reasons),
                codes,
                len(codes),
                logs,
                statuses,
                len(statuses),
            ],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logs", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=42)
    parser.add_argument("--database", type=Path, help="Keep the database here (built if absent).")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = arguments.database or Path(scratch) / "bench.duckdb"
        if not path.exists():
            started = time.perf_counter()
            build(path, arguments.logs, arguments.days)
            print(
                f"database: {arguments.logs:,} message logs over {arguments.days} days "
                f"in {time.perf_counter() - started:.1f} s"
            )
        started = time.perf_counter()
        data = collect(database=path)
        read = time.perf_counter() - started
        started = time.perf_counter()
        page = render(data)
        drawn = time.perf_counter() - started
        print(f"read the numbers: {read:.2f} s ({data.message_count:,} messages)")
        print(f"drew the page:    {drawn:.2f} s")
        print(f"total:            {read + drawn:.2f} s")
        print(f"HTML:             {len(page.encode()):,} bytes")


if __name__ == "__main__":
    main()
