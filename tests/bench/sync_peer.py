"""The peer of `full_sync_ms` in tests/bench/scale.rs: Python's sqlite3 loading the same rows.

The bench writes the numbers it synced as the portal sends them (a JSON array of the wire's
`NumberSummary`). This script parses that JSON and inserts every row, in one transaction, into a
fresh SQLite file in WAL mode (synchronous NORMAL, as the cache), in a table with the cache's
columns and two indexes (the unique key and the position index). What it times: parsing, the
inserts and the commit. It prints `python_sqlite_sync_ms=<ms>`.

Usage: python3 sync_peer.py INPUT.json DATABASE.sqlite
"""
import json
import sqlite3
import sys
import time

def main(source, target):
    with open(source, "rb") as f:
        raw = f.read()
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        """CREATE TABLE numbers (
            portal TEXT NOT NULL, admin_phone TEXT NOT NULL, company_id INTEGER NOT NULL,
            msisdn TEXT NOT NULL, position INTEGER NOT NULL, account TEXT NOT NULL,
            tariff TEXT NOT NULL, payment_method TEXT NOT NULL, state TEXT NOT NULL,
            state_changed_at TEXT NOT NULL, individual_limit INTEGER, available_funds INTEGER,
            credit_limit INTEGER NOT NULL, balance INTEGER NOT NULL, debt INTEGER NOT NULL,
            updated_at TEXT NOT NULL, fetched_at TEXT NOT NULL,
            UNIQUE (portal, admin_phone, company_id, msisdn)) STRICT"""
    )
    db.execute("CREATE INDEX numbers_by_position ON numbers (portal, admin_phone, company_id, position)")
    started = time.perf_counter()
    items = json.loads(raw)
    items.sort(key=lambda n: n["msisdn"])
    fetched = "2026-01-01T00:00:00+00:00"
    rows = (
        (
            "bench", "77010016515", 4, n["msisdn"], i, n["account"], n["tariff"],
            n["payment_method"], n["state"], n["state_changed_at"], n["individual_limit"],
            n["available_funds"], n["credit_limit"], n["balance"], n["debt"], n["updated_at"],
            fetched,
        )
        for i, n in enumerate(items)
    )
    db.execute("BEGIN")
    db.executemany("INSERT INTO numbers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.execute("COMMIT")
    elapsed = (time.perf_counter() - started) * 1000
    db.close()
    print(f"python_sqlite_sync_ms={elapsed:.1f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
