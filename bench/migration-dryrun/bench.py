"""Dry-run and lint 100 migration files against 500 tables, as a ratio to running them for real."""
import argparse
import os
import statistics
import subprocess
import time

p = argparse.ArgumentParser()
p.add_argument("--greenlight", required=True)
p.add_argument("--bin", required=True)
p.add_argument("--port", required=True)
p.add_argument("--work", required=True)
p.add_argument("--tables", type=int, default=500)
p.add_argument("--files", type=int, default=100)
p.add_argument("--runs", type=int, default=5)
a = p.parse_args()

psql = os.path.join(a.bin, "psql")
os.environ["PGOPTIONS"] = "-c client_min_messages=warning"


def sql(db, text):
    subprocess.run([psql, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", a.port, "-U", "postgres", "-d", db],
                   input=text, text=True, check=True, stdout=subprocess.DEVNULL)


print(f"==> A template database of {a.tables} tables, 200 rows each")
sql("postgres", "DROP DATABASE IF EXISTS bench_tpl; CREATE DATABASE bench_tpl;")
for start in range(0, a.tables, 100):
    # Autocommit batches: thousands of objects in one transaction run out of lock slots.
    sql("bench_tpl", "".join(
        f"CREATE TABLE t{i} (id serial PRIMARY KEY, name text NOT NULL, n integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now());"
        f"INSERT INTO t{i} (name, n) SELECT 'row ' || g, g FROM generate_series(1, 200) g;"
        for i in range(start, min(a.tables, start + 100))))
sql("bench_tpl", "ANALYZE;")

folder = os.path.join(a.work, "migrations")
os.makedirs(folder, exist_ok=True)
for f in os.listdir(folder):
    os.remove(os.path.join(folder, f))
statements = 0
for k in range(a.files):
    t = (k * 5) % a.tables
    body = [
        "SET lock_timeout = '2s'",
        f"ALTER TABLE t{t} ADD COLUMN IF NOT EXISTS note_{k} text",
        f"ALTER TABLE t{t} ADD COLUMN IF NOT EXISTS score_{k} integer NOT NULL DEFAULT 0",
        f"CREATE INDEX IF NOT EXISTS t{t}_n_{k} ON t{t} (n)",
        f"CREATE TABLE IF NOT EXISTS m{k} (id serial PRIMARY KEY, t_id integer REFERENCES t{t} (id), body text)",
        f"ALTER TABLE t{t} DROP CONSTRAINT IF EXISTS t{t}_n_positive_{k}",
        f"ALTER TABLE t{t} ADD CONSTRAINT t{t}_n_positive_{k} CHECK (n >= 0) NOT VALID",
        f"UPDATE t{t} SET n = n WHERE id < 10",
    ]
    statements += len(body)
    with open(os.path.join(folder, f"{k:03d}_change_t{t}.sql"), "w") as fh:
        fh.write(";\n".join(body) + ";\n")
files = sorted(os.listdir(folder))
print(f"==> {len(files)} migration files, {statements} statements")


def dry_run():
    url = f"postgres://postgres@127.0.0.1:{a.port}/bench_tpl"
    began = time.perf_counter()
    run = subprocess.run([a.greenlight, "migrate", "plan", folder, "--target", url, "--format", "json"], capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if run.returncode not in (0, 1) or '"failure":null' not in run.stdout:
        raise SystemExit(f"greenlight migrate plan failed ({run.returncode}): {run.stderr[:1500]} {run.stdout[-1500:]}")
    return elapsed


def for_real(n):
    db = f"bench_real_{n}"
    sql("postgres", f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db} TEMPLATE bench_tpl;")
    args = [psql, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", a.port, "-U", "postgres", "-d", db]
    for f in files:
        args += ["-f", os.path.join(folder, f)]
    began = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - began
    sql("postgres", f"DROP DATABASE {db};")
    return elapsed


dry, real = [], []
for n in range(a.runs):
    dry.append(dry_run())
    real.append(for_real(n))
    print(f"  run {n + 1}: dry-run and lint {dry[-1]:.2f} s, for real {real[-1]:.2f} s")

d, r = statistics.median(dry), statistics.median(real)
print(f"greenlight migrate plan (lint + dry-run twice, rolled back), median of {a.runs}: {d:.2f} s")
print(f"psql -f each file (for real, on a fresh copy), median of {a.runs}: {r:.2f} s")
print(f"dry-run / for real: {d / r:.2f}")
