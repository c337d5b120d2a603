"""Times greenlight against the ideal and against newman; prints ratios in one run (see run.sh)."""
import argparse, http.client, json, math, os, statistics, subprocess, threading, time, urllib.parse

p = argparse.ArgumentParser()
p.add_argument("--greenlight", required=True)
p.add_argument("--newman", required=True)
p.add_argument("--url", required=True)
p.add_argument("--work", required=True)
p.add_argument("--checks", type=int, default=400)
p.add_argument("--parallel", type=int, default=32)
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--build", action="append", default=[], help="NAME=PATH of another greenlight build to time side by side")
p.add_argument("--startup-runs", type=int, default=10)
a = p.parse_args()

spec = os.path.join(a.work, "parallel-http.yaml")
with open(spec, "w") as f:
    f.write("version: 1\nname: parallel-http\nchecks:\n")
    for i in range(a.checks):
        f.write(f"  - id: c{i}\n    kind: http\n    request: GET {a.url}/slow?ms=100&i={i}\n"
                "    expect: [status == 200, json.$.ok == true, duration < 2s]\n")

collection = {
    "info": {"name": "parallel-http", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "item": [{
        "name": f"c{i}",
        "request": {"method": "GET", "url": f"{a.url}/slow?ms=100&i={i}"},
        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": [
            "pm.test('status', () => pm.response.to.have.status(200));",
            "pm.test('ok', () => pm.expect(pm.response.json().ok).to.eql(true));",
            "pm.test('duration', () => pm.expect(pm.response.responseTime).to.be.below(2000));",
        ]}}],
    } for i in range(a.checks)],
}
coll = os.path.join(a.work, "parallel-http.postman.json")
with open(coll, "w") as f:
    json.dump(collection, f)

def timed(cmd, expect=0):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if r.returncode != expect:
        raise SystemExit(f"{cmd[0]} exited {r.returncode}:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return wall, r.stdout

def bare_client():
    """The floor: the same requests from threads of this Python on keep-alive connections, nothing checked."""
    target = urllib.parse.urlsplit(a.url)
    pending = iter(range(a.checks))
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(target.hostname, target.port)
        while True:
            with lock:
                i = next(pending, None)
            if i is None:
                break
            connection.request("GET", f"/slow?ms=100&i={i}")
            connection.getresponse().read()
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(a.parallel)]
    t = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - t

report = os.path.join(a.work, "report.json")
gl = [a.greenlight, "check", "-f", spec, "--parallel", str(a.parallel), "--format", "json", "--out", report, "--no-color"]
nm = [a.newman, "run", coll, "--reporters", "cli", "--silent"]

timed(gl)  # warm the server, the OS caches and the disk
g_walls, g_runs, n_walls, floors = [], [], [], []
for r in range(a.rounds):
    w, _ = timed(gl)
    g_walls.append(w)
    g_runs.append(json.load(open(report))["duration_ms"] / 1000)
    w, _ = timed(nm)
    n_walls.append(w)
    floors.append(bare_client())
    print(f"  round {r + 1}: greenlight {g_walls[-1]:.2f}s (run {g_runs[-1]:.2f}s), newman {n_walls[-1]:.2f}s, bare client {floors[-1]:.2f}s", flush=True)

ideal = math.ceil(a.checks / a.parallel) * 0.1
gw, gr, nw, floor = statistics.median(g_walls), statistics.median(g_runs), statistics.median(n_walls), statistics.median(floors)
counts = json.load(open(report))["counts"]

env_spec = os.path.join(a.work, "one-env.yaml")
with open(env_spec, "w") as f:
    f.write("version: 1\nname: one\nchecks:\n  - { id: env.path, kind: env, require: [PATH] }\n")
builds = [("ReadyToRun", a.greenlight)] + [tuple(b.split("=", 1)) for b in a.build]
startup = {}
for _ in range(a.startup_runs):  # alternated, so a busy moment hits every build alike
    for name, exe in builds:
        v = timed([exe, "--version"])[0]
        o = timed([exe, "check", "-f", env_spec, "--no-color"])[0]
        startup.setdefault(name, ([], []))
        startup[name][0].append(v)
        startup[name][1].append(o)
efficiency = {}
build_floors = []
for name, exe in builds:
    cmd = [exe] + gl[1:]
    walls, runs = [], []
    for _ in range(a.rounds):
        w, _ = timed(cmd)
        walls.append(w)
        runs.append(json.load(open(report))["duration_ms"] / 1000)
        build_floors.append(bare_client())
    efficiency[name] = (statistics.median(walls), statistics.median(runs))
version = statistics.median(startup["ReadyToRun"][0])
one_env = statistics.median(startup["ReadyToRun"][1])

print()
print(f"checks: {a.checks} http, 3 assertions each, --parallel {a.parallel}; server answers after 100 ms; last run: {counts}")
print(f"ideal ({math.ceil(a.checks / a.parallel)} rounds x 100 ms): {ideal:.2f}s")
print(f"greenlight whole process (median of {a.rounds}): {gw:.2f}s  efficiency {ideal / gw:.2f}")
print(f"greenlight run itself (report duration_ms, median): {gr:.2f}s  efficiency {ideal / gr:.2f}")
print(f"bare client, the same requests from {a.parallel} Python threads on keep-alive connections, nothing checked (median of {a.rounds}): {floor:.2f}s  efficiency {ideal / floor:.2f}")
print(f"newman (median of {a.rounds}): {nw:.2f}s")
print(f"greenlight / newman wall time: {gw / nw:.3f}")
print(f"greenlight --version median of {a.startup_runs}: {version * 1000:.0f} ms")
print(f"greenlight check, one env check, median of {a.startup_runs}: {one_env * 1000:.0f} ms")
print()
print("targets: --version <= 40 ms, one check <= 120 ms, 400-check efficiency >= 0.90")
print(f"{'build':<22}{'size':>10}{'--version':>12}{'one check':>12}{'400 whole':>12}{'eff':>6}{'400 run':>10}{'eff':>6}")
for name, exe in builds:
    folder = os.path.dirname(exe)
    size = os.path.getsize(exe) if name in ("single-file", "native-aot") else sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)))
    v, o = statistics.median(startup[name][0]), statistics.median(startup[name][1])
    w, r = efficiency[name]
    print(f"{name:<22}{size / 1e6:>8.1f}MB{v * 1000:>10.0f}ms{o * 1000:>10.0f}ms{w:>11.2f}s{ideal / w:>6.3f}{r:>9.2f}s{ideal / r:>6.3f}")
bf = statistics.median(build_floors)
print(f"{'bare client (floor)':<22}{'':>10}{'':>12}{'':>12}{bf:>11.2f}s{ideal / bf:>6.3f}   (median of the {len(build_floors)} runs between the builds' rounds)")
