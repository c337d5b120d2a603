#!/usr/bin/env python3
"""Cost of the dry-run: `greenlight migrate plan` (dry-run and lint) of 100 pending migration
files against a database of 500 tables, as a ratio to applying the same files for real with
psql. Also times `greenlight migrate lint` of the same folder. Run through dryrun.sh.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def timed(cmd, **kw):
    t = time.perf_counter()
    p = sh(cmd, **kw)
    return p, time.perf_counter() - t


def build_database(conn, db, tables, rows):
    sh(["psql", *conn, "-d", "postgres", "-qc", f"DROP DATABASE IF EXISTS {db}"])
    sh(["psql", *conn, "-d", "postgres", "-qc", f"CREATE DATABASE {db}"])
    # Autocommit batches: thousands of tables in one transaction run out of lock slots.
    for start in range(0, tables, 50):
        sql = [f"""
DO $$
BEGIN
  FOR i IN {start}..{min(start + 50, tables) - 1} LOOP
    EXECUTE format('CREATE TABLE t%s (
        id bigint PRIMARY KEY, account_id bigint NOT NULL, name text, email text,
        status text DEFAULT ''new'', amount_cents bigint, created_at timestamptz DEFAULT now(),
        updated_at timestamptz)', lpad(i::text, 3, '0'));
    EXECUTE format('CREATE INDEX t%s_account_idx ON t%s (account_id)', lpad(i::text, 3, '0'), lpad(i::text, 3, '0'));
    EXECUTE format('INSERT INTO t%s (id, account_id, name, email, amount_cents)
        SELECT g, g %% 97, ''n'' || g, ''e'' || g || ''@example.com'', g * 10
        FROM generate_series(1, {rows}) g', lpad(i::text, 3, '0'));
  END LOOP;
END $$;"""]
        p = sh(["psql", *conn, "-d", db, "-v", "ON_ERROR_STOP=1", "-qX"], input="\n".join(sql))
        if p.returncode:
            raise SystemExit(f"building {db} failed: {p.stderr.strip()}")
    sh(["psql", *conn, "-d", db, "-qc", "VACUUM ANALYZE"])


def write_migrations(folder, files, tables):
    """Plain SQL files in name order, each a few everyday statements on existing tables, all
    re-runnable, so the dry-run's second run goes through every statement too."""
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    rnd = random.Random(11)
    for k in range(files):
        t = f"t{rnd.randrange(tables):03d}"
        u = f"t{rnd.randrange(tables):03d}"
        body = [
            "SET lock_timeout = '2s';",
            f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS note_{k} text;",
            f"CREATE INDEX IF NOT EXISTS {t}_created_{k}_idx ON {t} (created_at);",
            f"ALTER TABLE {u} ALTER COLUMN updated_at SET DEFAULT now();",
            f"CREATE TABLE IF NOT EXISTS audit_{k:03d} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            f"row_id bigint NOT NULL, changed_at timestamptz NOT NULL DEFAULT now());",
            f"UPDATE {t} SET status = 'migrated' WHERE id <= 20;",
            f"COMMENT ON COLUMN {t}.note_{k} IS 'added by migration {k:03d}';",
        ]
        with open(os.path.join(folder, f"{k + 1:04d}_change_{t}.sql"), "w") as f:
            f.write("\n".join(body) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--greenlight")
    ap.add_argument("--tables", type=int, default=500)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    conn = ["-h", a.host, "-p", a.port, "-U", "postgres"]
    folder = os.path.join(a.work, "dryrun-migrations")

    print(f"==> database of {a.tables} tables ({a.rows} rows each), {a.files} migration files")
    build_database(conn, "base", a.tables, a.rows)
    write_migrations(folder, a.files, a.tables)
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    url = f"postgresql://postgres@{a.host}:{a.port}/base"

    real, plan, lint = [], [], []
    for r in range(a.runs):
        # Real: a fresh copy of the database each time (copying is not timed), every file applied.
        sh(["psql", *conn, "-d", "postgres", "-qc", "DROP DATABASE IF EXISTS real_run"])
        sh(["psql", *conn, "-d", "postgres", "-qc", "CREATE DATABASE real_run TEMPLATE base"])
        args = [x for p in paths for x in ("-f", p)]
        p, t = timed(["psql", *conn, "-d", "real_run", "-v", "ON_ERROR_STOP=1", "-qX", *args])
        if p.returncode:
            raise SystemExit(f"applying the migrations for real failed: {p.stderr.strip()[:500]}")
        real.append(t)
        if a.greenlight:
            p, t = timed([a.greenlight, "migrate", "plan", folder, "--target", url])
            if p.returncode not in (0, 1):
                raise SystemExit(f"greenlight migrate plan exited {p.returncode}: {(p.stderr or p.stdout).strip()[:500]}")
            if r == 0:
                # Exit 1 is a failed dry-run or a high finding: say so, a failed run stops early.
                print(f"    greenlight migrate plan: exit {p.returncode} (its output: {os.path.join(a.work, 'plan.txt')})")
                with open(os.path.join(a.work, "plan.txt"), "w") as f:
                    f.write(p.stdout)
            plan.append(t)
            p, t = timed([a.greenlight, "migrate", "lint", folder, "--format", "json"])
            if p.returncode not in (0, 1):
                raise SystemExit(f"greenlight migrate lint exited {p.returncode}: {(p.stderr or p.stdout).strip()[:500]}")
            lint.append(t)
    sh(["psql", *conn, "-d", "postgres", "-qc", "DROP DATABASE IF EXISTS real_run"])

    med = statistics.median
    print(f"applied for real with psql (median of {a.runs})      {med(real) * 1000:8.1f} ms")
    if a.greenlight:
        print(f"greenlight migrate plan --target (dry-run + lint) {med(plan) * 1000:8.1f} ms")
        print(f"greenlight migrate lint (no database)             {med(lint) * 1000:8.1f} ms")
        print(f"dry-run / real: {med(plan) / med(real):.2f}")
    else:
        print("greenlight: not available -> the real-run half only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
