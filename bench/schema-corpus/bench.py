"""The schema corpus: greenlight schema diff against migra, pair by pair (see run.sh)."""
import argparse, glob, os, subprocess

p = argparse.ArgumentParser()
for name in ("--greenlight", "--bin", "--port", "--migra", "--pairs", "--work"):
    p.add_argument(name, required=True)
p.add_argument("--only", default="", help="run only pairs whose file name contains this")
p.add_argument("--from", dest="start", type=int, default=1, help="start at this pair number")
a = p.parse_args()

def url(db):
    return f"postgres://postgres@127.0.0.1:{a.port}/{db}"

def psql(db, sql):
    r = subprocess.run([f"{a.bin}/psql", "-q", "-X", "-h", "127.0.0.1", "-p", a.port, "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1"],
                       input=sql, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return r.returncode == 0, r.stderr.strip()

def sections(path):
    parts, current = {"common": [], "a": [], "b": []}, "common"
    for line in open(path).read().splitlines():
        if line in ("-- common", "-- a", "-- b"):
            current = line[3:]
            continue
        parts[current].append(line)
    return {k: "\n".join(v) for k, v in parts.items()}

def migra_sql(x, y):
    r = subprocess.run(["node", a.migra, url(x), url(y), "--unsafe"], text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # @pgkit/migra prints a client warning with a stack trace on stdout when both URLs name one server.
    lines = [l for l in r.stdout.splitlines() if not l.startswith("WARNING: Creating a duplicate database object") and not l.startswith("    at ")]
    return "\n".join(lines).strip(), r.returncode

def greenlight(*args):
    return subprocess.run([a.greenlight, "schema", "diff", *args, "--no-color"], text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

def greenlight_equal(x, y):
    return greenlight(url(x), url(y)).returncode == 0

def migra_equal(x, y):
    sql, _ = migra_sql(x, y)
    return sql == ""

tools = ("greenlight", "migra")
totals = {t: {"detected": 0, "applies": 0, "idempotent": 0, "equal_by_greenlight": 0, "equal_by_migra": 0} for t in tools}
rows = []
pairs = sorted(f for f in glob.glob(os.path.join(a.pairs, "*.sql")) if a.only in os.path.basename(f) and int(os.path.basename(f)[:2]) >= a.start)
for i, path in enumerate(pairs):
    name = os.path.basename(path)[:-4]
    s = sections(path)
    dbs = {k: f"c{i}_{k}" for k in ("a_gl", "a_mg", "b")}
    for db in dbs.values():
        psql("postgres", f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db};")
    for key in ("a_gl", "a_mg"):
        ok, err = psql(dbs[key], s["common"] + "\n" + s["a"])
        assert ok, f"{name}: A does not build: {err}"
    ok, err = psql(dbs["b"], s["common"] + "\n" + s["b"])
    assert ok, f"{name}: B does not build: {err}"

    row = {"pair": name}
    # greenlight: detect, write, apply twice, judge.
    detected = greenlight(url(dbs["a_gl"]), url(dbs["b"])).returncode == 1
    fix = greenlight(url(dbs["a_gl"]), url(dbs["b"]), "--sql", "--allow-destructive").stdout
    open(os.path.join(a.work, f"{name}.greenlight.sql"), "w").write(fix)
    applies, err1 = psql(dbs["a_gl"], fix)
    idempotent, err2 = psql(dbs["a_gl"], fix) if applies else (False, "")
    row["greenlight"] = (detected, applies, idempotent, greenlight_equal(dbs["a_gl"], dbs["b"]), migra_equal(dbs["a_gl"], dbs["b"]), err1 or err2)
    # migra: the same with its own SQL.
    msql, _ = migra_sql(dbs["a_mg"], dbs["b"])
    open(os.path.join(a.work, f"{name}.migra.sql"), "w").write(msql)
    m_detected = msql != ""
    m_applies, merr1 = psql(dbs["a_mg"], msql) if m_detected else (True, "")
    m_idem, merr2 = psql(dbs["a_mg"], msql) if m_detected and m_applies else (m_applies, "")
    row["migra"] = (m_detected, m_applies, m_idem, greenlight_equal(dbs["a_mg"], dbs["b"]), migra_equal(dbs["a_mg"], dbs["b"]), merr1 or merr2)
    for t in tools:
        for key, value in zip(("detected", "applies", "idempotent", "equal_by_greenlight", "equal_by_migra"), row[t]):
            totals[t][key] += int(bool(value))
    rows.append(row)
    mark = lambda v: "y" if v else "-"
    print(f"{name:40s} greenlight {' '.join(mark(v) for v in row['greenlight'][:5])}   migra {' '.join(mark(v) for v in row['migra'][:5])}"
          f"{'   ' + (row['greenlight'][5] or row['migra'][5])[:90].replace(chr(10), ' ') if (row['greenlight'][5] or row['migra'][5]) else ''}", flush=True)
    for db in dbs.values():
        psql("postgres", f"DROP DATABASE IF EXISTS {db} WITH (FORCE);")

print()
print(f"{len(rows)} pairs (columns: detected, SQL applies, applies twice, A = B by greenlight, A = B by migra)")
print(f"{'':22s}{'greenlight':>12s}{'migra':>8s}")
for key in ("detected", "applies", "idempotent", "equal_by_greenlight", "equal_by_migra"):
    print(f"  {key:20s}{totals['greenlight'][key]:>12d}{totals['migra'][key]:>8d}")
missed = [r["pair"] for r in rows if not r["greenlight"][0]]
print(f"  greenlight 'no difference' on a differing pair: {len(missed)} {missed if missed else ''}")
