"""Greenlight schema snapshot vs pg_dump, and schema diff vs migra (see run.sh)."""
import argparse, os, random, statistics, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--greenlight", required=True)
p.add_argument("--bin", required=True)
p.add_argument("--port", required=True)
p.add_argument("--migra", required=True)
p.add_argument("--work", required=True)
p.add_argument("--tables", type=int, default=2000)
p.add_argument("--runs", type=int, default=5)
a = p.parse_args()

def psql(db, sql):
    subprocess.run([f"{a.bin}/psql", "-q", "-h", "127.0.0.1", "-p", a.port, "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1"],
                   input=sql, text=True, check=True, stdout=subprocess.DEVNULL)

def url(db):
    return f"postgres://postgres@127.0.0.1:{a.port}/{db}"

def schema_sql(n):
    out = []
    for i in range(n):
        cols = ",\n  ".join([f"c{j} {['integer','text','timestamptz','boolean','numeric(10,2)'][j % 5]}" for j in range(1, 13)])
        ref = f",\n  ref_id integer REFERENCES t{i - 1}(id) ON DELETE CASCADE" if i > 0 else ",\n  ref_id integer"
        out.append(f"CREATE TABLE t{i} (\n  id integer PRIMARY KEY,\n  name text NOT NULL{ref},\n  {cols}\n);")
        out.append(f"CREATE INDEX t{i}_name_idx ON t{i} (name);\nCREATE INDEX t{i}_c1_c2_idx ON t{i} (c1, c2);")
    return "\n".join(out)

print(f"==> Building two databases of {a.tables} tables (15 columns, 2 indexes, 1 foreign key each)", flush=True)
for db in ("bench_a", "bench_b"):
    psql("postgres", f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db};")
    psql(db, schema_sql(a.tables))

# 50 differences in B: 20 added columns, 15 dropped indexes, 10 nullability changes, 5 added tables.
rng = random.Random(7)
picks = rng.sample(range(1, a.tables), 45)
changes = [f"ALTER TABLE t{i} ADD COLUMN extra text;" for i in picks[:20]]
changes += [f"DROP INDEX t{i}_c1_c2_idx;" for i in picks[20:35]]
changes += [f"ALTER TABLE t{i} ALTER COLUMN c1 SET NOT NULL;" for i in picks[35:45]]
changes += [f"CREATE TABLE new_t{k} (id integer PRIMARY KEY, v text);" for k in range(5)]
psql("bench_b", "\n".join(changes))

def timed(cmd, ok=(0,)):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if r.returncode not in ok:
        raise SystemExit(f"{cmd[:2]} exited {r.returncode}: {r.stderr[-2000:]}")
    return wall, r.stdout

snap = os.path.join(a.work, "snapshot.yaml")
gl_snap = [a.greenlight, "schema", "snapshot", url("bench_a"), "--out", snap]
dump = [f"{a.bin}/pg_dump", "--schema-only", "-h", "127.0.0.1", "-p", a.port, "-U", "postgres", "-d", "bench_a", "-f", os.path.join(a.work, "dump.sql")]
timed(gl_snap); timed(dump)
g, d = [], []
for r in range(a.runs):
    g.append(timed(gl_snap)[0]); d.append(timed(dump)[0])
    print(f"  snapshot run {r + 1}: greenlight {g[-1]:.2f}s, pg_dump {d[-1]:.2f}s", flush=True)

gl_diff = [a.greenlight, "schema", "diff", url("bench_a"), url("bench_b"), "--no-color"]
migra = ["node", a.migra, url("bench_a"), url("bench_b"), "--unsafe"]
_, gl_out = timed(gl_diff, ok=(1,))
_, mg_out = timed(migra, ok=(0, 2, 3))
gd, md = [], []
for r in range(a.runs):
    gd.append(timed(gl_diff, ok=(1,))[0]); md.append(timed(migra, ok=(0, 2, 3))[0])
    print(f"  diff run {r + 1}: greenlight {gd[-1]:.2f}s, migra {md[-1]:.2f}s", flush=True)

gl_found = [l for l in gl_out.splitlines() if l.startswith("  ")]
# One change per statement that starts a change; a new table's primary key belongs to its CREATE TABLE.
mg_found = [l for l in mg_out.splitlines() if l.strip().lower().startswith(("alter table", "drop index", "create table", "drop table", "create index"))
            and "primary key using index" not in l.lower()]
print()
print(f"{a.tables} tables, median of {a.runs}:")
print(f"  greenlight schema snapshot {statistics.median(g):.2f}s, pg_dump --schema-only {statistics.median(d):.2f}s, ratio {statistics.median(g) / statistics.median(d):.2f} (target <= 0.7)")
print(f"  greenlight schema diff {statistics.median(gd):.2f}s, migra {statistics.median(md):.2f}s, ratio {statistics.median(gd) / statistics.median(md):.2f}")
print(f"  differences found: greenlight {len(gl_found)}, migra {len(mg_found)} (50 seeded: 20 columns, 15 indexes, 10 NOT NULL, 5 tables)")
with open(os.path.join(a.work, "greenlight-diff.txt"), "w") as f: f.write(gl_out)
with open(os.path.join(a.work, "migra-diff.sql"), "w") as f: f.write(mg_out)
