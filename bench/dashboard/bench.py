"""greenlight serve under a bounded load on a store of 10,000 runs x 100 checks (see run.sh)."""
import argparse, datetime, os, re, shutil, sqlite3, statistics, subprocess, sys, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--greenlight", required=True)
p.add_argument("--work", required=True)
p.add_argument("--lua", required=True)
p.add_argument("--runs", type=int, default=10000)
p.add_argument("--checks", type=int, default=100)
p.add_argument("--specs", type=int, default=4, help="the runs are spread over this many specs, each in two environments")
p.add_argument("--duration", default="30s", help="wrk's -d for each page")
p.add_argument("--connections", type=int, default=20)
p.add_argument("--report-checks", type=int, default=2000)
a = p.parse_args()
gl = os.path.abspath(a.greenlight)
work = os.path.abspath(a.work)


def run(args, env=None, check=True):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    if check and r.returncode not in (0, 1):  # 1 is NO-GO, which the templates want
        raise SystemExit(f"{' '.join(args)} exited {r.returncode}:\n{r.stderr[-3000:]}")
    return r


def write_spec(folder, name, checks):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    spec = os.path.join(folder, "greenlight.yaml")
    with open(spec, "w") as f:
        f.write(f"version: 1\nname: {name}\nchecks:\n")
        for i in range(checks):
            # One check needs BENCH_FLIP, so the same spec gives a GO run and a NO-GO run.
            need = "BENCH_FLIP" if i == 7 else "PATH"
            f.write(f"  - {{ id: env.c{i}, kind: env, area: area{i % 5}, require: [{need}, HOME] }}\n")
    return spec


# ---- 1. fill the store ----------------------------------------------------------------------
print(f"==> Filling a store with {a.runs:,} runs of {a.checks} checks ({a.runs * a.checks:,} results)", flush=True)
spec = write_spec(os.path.join(work, "store"), "template", a.checks)
db = os.path.join(work, "store", "history.db")
env_go = dict(os.environ, BENCH_FLIP="1")
env_nogo = {k: v for k, v in os.environ.items() if k != "BENCH_FLIP"}
t0 = time.perf_counter()
# Two real runs write the rows the copies are made of (schema, evidence and reasons as check writes them).
run([gl, "check", "-f", spec, "--store", db, "--no-color", "--format", "json", "--out", os.devnull], env=env_go)
run([gl, "check", "-f", spec, "--store", db, "--no-color", "--format", "json", "--out", os.devnull], env=env_nogo)
con = sqlite3.connect(db)
templates = [r[0] for r in con.execute("SELECT id, verdict FROM gl_runs ORDER BY started_at")]
verdicts = [r[0] for r in con.execute("SELECT verdict FROM gl_runs ORDER BY started_at")]
if len(templates) != 2 or verdicts[0] == verdicts[1]:
    raise SystemExit(f"expected a GO and a NO-GO template run, got {list(zip(templates, verdicts))}")
stamp = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7})(.*)$")
sample = con.execute("SELECT started_at FROM gl_runs LIMIT 1").fetchone()[0]
m = stamp.match(sample)
if not m:
    raise SystemExit(f"unexpected timestamp format in gl_runs.started_at: {sample!r}")
tail = m.group(2)
base = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "0" + tail


# One transaction: a sequence table says, per copy, its id, spec, environment, time and template;
# each table is then copied with INSERT … SELECT from its template's rows.
con.execute("CREATE TEMP TABLE seq (k INTEGER, id TEXT, spec TEXT, environment TEXT, started TEXT, finished TEXT, template TEXT)")
rows = []
for k in range(a.runs):
    started = base + datetime.timedelta(minutes=10 * k)
    template = templates[1] if k % 10 == 3 else templates[0]  # every tenth run is NO-GO
    rows.append((k, f"{k:08x}" + template[8:], f"bench-{k % a.specs}", ("staging", "production")[(k // a.specs) % 2],
                 iso(started), iso(started + datetime.timedelta(seconds=2)), template))
con.executemany("INSERT INTO seq VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
overrides = {
    "gl_runs": {"id": "q.id", "spec": "q.spec", "environment": "q.environment", "started_at": "q.started", "finished_at": "q.finished"},
    "gl_results": {"run_id": "q.id", "started_at": "q.started", "duration_ms": "t.duration_ms + (q.k * 7 + t.ordinal) % 40"},
    "gl_attempts": {"run_id": "q.id", "started_at": "q.started"},
    "gl_evidence": {"run_id": "q.id"},
}
key = {"gl_runs": "id", "gl_results": "run_id", "gl_attempts": "run_id", "gl_evidence": "run_id"}
with con:
    for table, over in overrides.items():
        cols = [c[1] for c in con.execute(f"PRAGMA table_info({table})")]
        select = ", ".join(over.get(c, f"t.{c}") for c in cols)
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {select} FROM seq q JOIN {table} t ON t.{key[table]} = q.template")
    for table, column in key.items():
        con.execute(f"DELETE FROM {table} WHERE {column} IN (?, ?)", templates)
con.execute("ANALYZE")
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
n_runs = con.execute("SELECT COUNT(*) FROM gl_runs").fetchone()[0]
n_results = con.execute("SELECT COUNT(*) FROM gl_results").fetchone()[0]
version = con.execute("SELECT value FROM gl_meta WHERE key = 'schema_version'").fetchone()[0]
newest = con.execute("SELECT id FROM gl_runs WHERE spec = 'bench-0' ORDER BY started_at DESC LIMIT 1").fetchone()[0]
con.close()
print(f"    {n_runs:,} runs, {n_results:,} results, schema v{version}, {os.path.getsize(db) / 2**20:.0f} MiB, filled in {time.perf_counter() - t0:.1f} s", flush=True)

# ---- 2. serve it and load each page ---------------------------------------------------------
server = subprocess.Popen([gl, "serve", "--store", db, "-f", spec, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
line = server.stdout.readline()
found = re.search(r"at (http://\S+?)/? ", line)
if not found:
    server.kill()
    raise SystemExit(f"greenlight serve did not print its address: {line!r} {server.stderr.read()[-2000:]}")
address = found.group(1).rstrip("/")
targets = [
    ("home page", "/"),
    ("spec page", "/specs/bench-0"),
    ("run page", f"/runs/{newest}"),
    ("history API", "/api/specs/bench-0/checks/env.c7/history"),
]
results = []
try:
    for name, path in targets:
        url = address + path
        for _ in range(5):  # warm-up: JIT and the page cache, not measured
            with urllib.request.urlopen(url) as r:
                body = r.read()
                if r.status != 200:
                    raise SystemExit(f"{url} answered {r.status}")
        print(f"==> {name}: {path} ({len(body):,} bytes), wrk -c{a.connections} -d{a.duration}", flush=True)
        w = run(["wrk", "-t2", f"-c{a.connections}", f"-d{a.duration}", "--timeout", "10s", "-s", a.lua, url])
        got = re.search(r"^RESULT (.*)$", w.stdout, re.M)
        if not got:
            raise SystemExit(f"wrk printed no RESULT line:\n{w.stdout}\n{w.stderr}")
        fields = dict(kv.split("=") for kv in got.group(1).split())
        if int(fields["non2xx"]) or int(fields["errors"]):
            print(f"    warning: {fields['non2xx']} answers not 2xx, {fields['errors']} socket errors", flush=True)
        results.append((name, len(body), fields))
finally:
    server.terminate()
    server.wait(10)

# ---- 3. the HTML report of one run of 2,000 checks -----------------------------------------
print(f"==> HTML report of one run of {a.report_checks:,} checks (compared with a previous run)", flush=True)
big = write_spec(os.path.join(work, "report"), "report-bench", a.report_checks)
big_db = os.path.join(work, "report", "history.db")
for env in (env_go, env_nogo):
    run([gl, "check", "-f", big, "--store", big_db, "--no-color", "--format", "json", "--out", os.devnull], env=env)
html = os.path.join(work, "report", "review.html")


def timed(fmt, out):
    t = time.perf_counter()
    run([gl, "report", "last", "-f", big, "--store", big_db, "--format", fmt, "--out", out])
    return time.perf_counter() - t


html_t, json_t = [], []
for _ in range(5):  # alternated; json is the same process reading the same run without the HTML
    html_t.append(timed("html", html))
    json_t.append(timed("json", os.devnull))
size = os.path.getsize(html)

# ---- figures ---------------------------------------------------------------------------------
print()
print(f"store: {n_runs:,} runs, {n_results:,} results over {a.specs} specs x 2 environments; load: wrk, {a.connections} connections, {a.duration} per page")
print(f"| page | bytes | p50 ms | p95 ms | p99 ms | requests/s | p95 < 200 ms |")
print(f"| --- | --- | --- | --- | --- | --- | --- |")
for name, size_b, f in results:
    ok = "yes" if float(f["p95_ms"]) < 200 else "**no**"
    print(f"| {name} | {size_b:,} | {float(f['p50_ms']):.1f} | {float(f['p95_ms']):.1f} | {float(f['p99_ms']):.1f} | {float(f['rps']):.0f} | {ok} |")
h, j = statistics.median(html_t), statistics.median(json_t)
print(f"HTML report, {a.report_checks:,} checks: {size:,} bytes ({size / 2**20:.2f} MiB); greenlight report --format html {h:.3f} s, "
      f"--format json {j:.3f} s (median of 5, whole process); the HTML costs {max(0.0, h - j) * 1000:.0f} ms more")
print("Gatus: not compared. It is a Go program: Debian has no package (apt-cache policy gatus: none), npm and NuGet have none; its "
      "release binaries and image come from GitHub and Docker Hub, which this machine cannot reach, and building it needs the Go "
      "module proxy, which is not among the registries this project's machines use.")
