#!/usr/bin/env python3
"""Runs greenlight and the peers named on one generated tree and prints their figures (see run.sh)."""
import json, os, resource, shutil, subprocess, sys, time
# compare.py DIR GREENLIGHT SECRETLINT TOOLS: DIR holds tree/ and planted.txt; TOOLS is a comma list.
work, greenlight, secretlint, tools = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(",")
tree = os.path.join(work, "tree")
paths = [os.path.join(d, f) for top in ("src", "tests", "services") for d, _, fs in os.walk(os.path.join(tree, top)) for f in fs if f.endswith(".py") or f == ".env"]
nfiles, nbytes = len(paths), sum(os.path.getsize(p) for p in paths)
planted = {tuple(l.split(":")[:2]) for l in open(f"{work}/planted.txt").read().split()}

# A tool gets PEER_TIMEOUT seconds (default 1800): one that has not finished is stopped and reported so.
limit = float(os.environ.get("PEER_TIMEOUT", "1800"))
def run(argv, out, cwd=tree):
    t0 = time.monotonic()
    with open(out, "w") as f:
        pid = subprocess.Popen(argv, cwd=cwd, stdout=f, stderr=subprocess.DEVNULL).pid
        finished = True
        while True:
            done, _, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - t0 > limit:
                os.kill(pid, 9)
                _, _, usage = os.wait4(pid, 0)
                finished = False
                break
            time.sleep(0.05)
    # CPU of the tool and the children it waited for (ru_* of wait4 covers both).
    return time.monotonic() - t0, usage.ru_utime + usage.ru_stime, finished

def greenlight_found(path):
    found = set()
    for r in json.load(open(path))["results"]:
        for e in r["evidence"]:
            if e["name"] in ("findings", "warnings"):
                for l in e["content"].split("\n"):
                    if not l.startswith("…"):
                        found.add(tuple(l.split(":")[0:2]))
    return found

def secretlint_found(path):
    found = set()
    for entry in json.load(open(path)):
        f = os.path.relpath(entry["filePath"], tree)
        for m in entry.get("messages", []):
            found.add((f, str(m["loc"]["start"]["line"])))
    return found

def detect_secrets_found(path):
    return {(f, str(s["line_number"])) for f, items in json.load(open(path))["results"].items() for s in items}

print(f"tree: {nfiles} files, {nbytes/1e6:.0f} MB ({nbytes/2**20:.0f} MiB), {len(planted)} planted secrets (34 shapes, {sum(1 for p in planted if p[0].endswith('/.env'))} of them committed .env files), 100 decoys; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
rows = {}
def row(name, read, out, wall, cpu, finished):
    if not finished:
        rows[name] = (wall, cpu, False)
        print(f"{name:<15} did not finish: stopped after {wall:.0f} s wall, {cpu:.0f} s cpu (PEER_TIMEOUT={limit:.0f})")
        return
    found = read(out)
    hit = len(planted & found); decoys = len(found - planted)
    rows[name] = (wall, cpu, True)
    print(f"{name:<15} {wall:7.2f} s wall {cpu:7.2f} s cpu {nfiles/wall:8.0f} files/s {nbytes/wall/1e6:7.1f} MB/s {nbytes/max(cpu, 1e-9)/1e6:7.1f} MB per cpu-s   planted found {hit:3d}/{len(planted)}   decoys reported {decoys}")
    for miss in sorted(planted - found)[:5] if name == "greenlight" else []:
        print(f"    missed {miss[0]}:{miss[1]}")

wall, cpu, _ = run([greenlight, "check", "-f", "empty.yaml", "--format", "json", "--no-store"], f"{work}/empty.json")
print(f"{'greenlight 0 files':<15} {wall:7.2f} s wall {cpu:7.2f} s cpu   (start-up, spec, report: the fixed cost in the row below)")
row("greenlight", greenlight_found, f"{work}/gl.json", *run([greenlight, "check", "-f", "greenlight.yaml", "--format", "json", "--no-store"], f"{work}/gl.json"))
if "secretlint" in tools:
    row("secretlint", secretlint_found, f"{work}/sl.json", *run([secretlint, "--format", "json", "src/**/*.py", "tests/**/*.py", "services/**/.env"], f"{work}/sl.json"))
ds = shutil.which("detect-secrets")
if "detect-secrets" not in tools:
    pass
elif ds:
    row("detect-secrets", detect_secrets_found, f"{work}/ds.json", *run([ds, "scan", "--all-files", "--exclude-files", "^tests/fixtures/", "src", "tests", "services"], f"{work}/ds.json"))
else:
    # Looked for where it could come from: Debian has no detect-secrets or python3-detect-secrets
    # package, and npm's "detect-secrets" is a launcher that runs the pip tool (detect-secrets-hook)
    # or a docker image, so it needs one of those too. PyPI is the only place the tool itself lives.
    apt = "".join(subprocess.run(["apt-cache", "policy", name], capture_output=True, text=True).stdout for name in ("detect-secrets", "python3-detect-secrets")).strip()
    print("detect-secrets  not run: not on PATH. It is published on PyPI only, which this machine cannot reach; "
          + ("apt has no detect-secrets or python3-detect-secrets package" if not apt or "Candidate: (none)" in apt else "apt has a package for it: apt-get install it and run again")
          + "; npm's detect-secrets is only a launcher for the pip tool or its docker image. Compared with secretlint only.")
for peer in ("secretlint", "detect-secrets"):
    if peer in rows:
        more = "" if rows[peer][2] else "more than "
        print(f"ratio: {peer} takes {more}{rows[peer][0] / rows['greenlight'][0]:.1f}x greenlight's wall time, {more}{rows[peer][1] / rows['greenlight'][1]:.1f}x its CPU time")
