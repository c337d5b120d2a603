#!/usr/bin/env python3
"""Apply every lint unit of the corpus to a fresh copy of fixture.sql on a real PostgreSQL,
so the corpus is SQL that runs (the safe forms really apply) and fails only where a file's
`-- fails: <error text>` header says it must. Run through validate.sh, which starts the server.

Headers read here, besides `-- expect:`: `-- fixture: empty` (start from the part of
fixture.sql above its `-- @full` line) and `-- after: a.sql, b.sql` (top-level files applied
first, in that order). A folder unit takes them from its first file; Flyway `R__` files run
after the versioned ones.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the same corpus discovery as the benchmark)


def header(path, name):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("--"):
                break
            m = re.match(rf"--\s*{name}:\s*(.*)$", line.rstrip("\n"))
            if m:
                return m.group(1).strip()
    return None


def psql(args, db, **kw):
    return subprocess.run(["psql", *args, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, *kw.pop("extra", [])],
                          capture_output=True, text=True, **kw)


def load_fixtures(conn, here):
    """fixture_full and fixture_empty, the templates every unit's database is copied from."""
    fixture = open(os.path.join(here, "fixture.sql"), encoding="utf-8").read()
    empty = fixture.split("-- @full")[0]
    for name, sql in (("fixture_full", fixture), ("fixture_empty", empty)):
        psql(conn, "postgres", extra=["-c", f"DROP DATABASE IF EXISTS {name}"])
        psql(conn, "postgres", extra=["-c", f"CREATE DATABASE {name}"])
        p = psql(conn, name, input=sql)
        if p.returncode:
            raise SystemExit(f"fixture.sql ({name}) does not apply: {p.stderr.strip()}")


def unit_files(unit):
    """The unit's files in the order its tool applies them (Flyway R__ files last)."""
    rels = unit if len(unit) == 1 else unit[1:]
    return [r for r in rels if not os.path.basename(r).startswith("R__")] + \
           [r for r in rels if os.path.basename(r).startswith("R__")]


def prepare_unit_db(conn, corpus, unit, db):
    """A fresh copy of the fixture the unit's first file names, with its `-- after:` files
    applied. Returns the problems met (prerequisites that failed)."""
    first = os.path.join(corpus, unit_files(unit)[0])
    template = "fixture_empty" if header(first, "fixture") == "empty" else "fixture_full"
    after = [x.strip() for x in (header(first, "after") or "").split(",") if x.strip()]
    psql(conn, "postgres", extra=["-c", f"DROP DATABASE IF EXISTS {db}"])
    psql(conn, "postgres", extra=["-c", f"CREATE DATABASE {db} TEMPLATE {template}"])
    problems = []
    for pre in after:
        p = psql(conn, db, extra=["-f", os.path.join(corpus, pre)])
        if p.returncode:
            problems.append(f"{unit[0]}: prerequisite {pre} failed: {p.stderr.strip()}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--port", required=True)
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = os.path.join(here, "corpus")
    conn = ["-h", a.host, "-p", a.port, "-U", "postgres"]
    load_fixtures(conn, here)

    _files, units = bench.discover(corpus)
    problems, ok = [], 0
    for k, unit in enumerate(units):
        db = f"unit_{k}"
        problems += prepare_unit_db(conn, corpus, unit, db)
        for rel in unit_files(unit):
            must_fail = header(os.path.join(corpus, rel), "fails")
            p = psql(conn, db, extra=["-f", os.path.join(corpus, rel)])
            err = p.stderr.strip()
            if must_fail:
                if p.returncode and must_fail in err:
                    ok += 1
                    print(f"ok (fails as it must)  {rel}: {err.splitlines()[0]}")
                    break  # the rest of the set cannot run after the failure
                problems.append(f"{rel}: must fail with '{must_fail}', got exit {p.returncode}: {err[:300]}")
                break
            if p.returncode:
                problems.append(f"{rel}: {err[:400]}")
                break
            ok += 1
            print(f"ok                     {rel}")
        psql(conn, "postgres", extra=["-c", f"DROP DATABASE IF EXISTS {db}"])
    print(f"\n{ok} files as expected, {len(problems)} problems")
    for x in problems:
        print(f"    {x}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
