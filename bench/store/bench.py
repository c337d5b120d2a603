"""Store on vs --no-store for 2,000 passing env checks (see run.sh)."""
import argparse, os, shutil, statistics, subprocess, time, sqlite3

p = argparse.ArgumentParser()
p.add_argument("--greenlight", required=True)
p.add_argument("--work", required=True)
p.add_argument("--checks", type=int, default=2000)
p.add_argument("--rounds", type=int, default=7)
a = p.parse_args()

spec_dir = os.path.join(a.work, "spec")
shutil.rmtree(spec_dir, ignore_errors=True)
os.makedirs(spec_dir)
spec = os.path.join(spec_dir, "greenlight.yaml")
with open(spec, "w") as f:
    f.write("version: 1\nname: store-bench\nchecks:\n")
    for i in range(a.checks):
        f.write(f"  - {{ id: env.c{i}, kind: env, require: [PATH, HOME] }}\n")

def timed(extra):
    t = time.perf_counter()
    r = subprocess.run([a.greenlight, "check", "-f", spec, "--no-color", "--format", "json", "--out", os.devnull, *extra],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(r.stderr[-2000:])
    return time.perf_counter() - t

timed(["--no-store"]); timed([])  # warm caches; creates the store
db = os.path.join(spec_dir, ".greenlight", "history.db")
on, off = [], []
for i in range(a.rounds):
    off.append(timed(["--no-store"]))
    on.append(timed([]))
    print(f"  round {i + 1}: store {on[-1]:.3f}s, --no-store {off[-1]:.3f}s", flush=True)

con = sqlite3.connect(db)
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
results = con.execute("SELECT COUNT(*) FROM gl_results").fetchone()[0]
runs = con.execute("SELECT COUNT(*) FROM gl_runs").fetchone()[0]
con.close()
size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
added = (statistics.median(on) - statistics.median(off)) / a.checks * 1000
print()
print(f"{a.checks} env checks, median of {a.rounds}: store {statistics.median(on):.3f}s, --no-store {statistics.median(off):.3f}s")
print(f"added wall time per check: {added:.3f} ms (target < 0.5 ms)")
print(f"store: {runs} runs, {results} results, {size / 1024:.0f} KiB, {size / results:.0f} bytes per result (results, attempts and evidence)")
