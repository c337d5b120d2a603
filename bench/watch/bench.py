"""bench/watch: 200 metric and sql checks every second against a real Prometheus and PostgreSQL."""
import argparse, glob, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def rss_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None

def cpu_s(pid):
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(-(-p * len(values) // 100)) - 1))] if values else 0.0

def breakdown(db):
    """Where the lag comes from, from the stored measurements: the tick's own start, the queue within a tick, each kind."""
    import sqlite3
    from datetime import datetime
    if not os.path.exists(db):
        return
    rows = sqlite3.connect(db).execute("SELECT check_id, tick, planned_at, started_at, duration_ms FROM gl_measurements").fetchall()
    t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")[:26] + "+00:00").timestamp()
    ticks = {}
    for check, tick, planned, started, duration in rows:
        ticks.setdefault(tick, []).append((check, (t(started) - t(planned)) * 1000, duration))
    first = [min(l for _, l, _ in m) for m in ticks.values()]
    spread = [max(l for _, l, _ in m) - min(l for _, l, _ in m) for m in ticks.values()]
    kinds = {"m": [], "s": []}
    for m in ticks.values():
        for check, lag, _ in m:
            kinds[check[0]].append(lag)
    dur = {"m": [d for m in ticks.values() for c, _, d in m if c[0] == "m"], "s": [d for m in ticks.values() for c, _, d in m if c[0] == "s"]}
    print(f"  lag of each tick's first measurement: p50 {pct(first, 50):.1f} ms, p99 {pct(first, 99):.1f} ms")
    print(f"  spread first to last start within a tick: p50 {pct(spread, 50):.1f} ms, p99 {pct(spread, 99):.1f} ms")
    print(f"  lag p99 by kind: metric {pct(kinds['m'], 99):.1f} ms, sql {pct(kinds['s'], 99):.1f} ms")
    print(f"  measurement duration p50/p99: metric {pct(dur['m'], 50)}/{pct(dur['m'], 99)} ms, sql {pct(dur['s'], 50)}/{pct(dur['s'], 99)} ms")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--greenlight", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--checks", type=int, default=200)
    ap.add_argument("--for", dest="duration", default="300s")
    ap.add_argument("--parallel", default="64")
    a = ap.parse_args()
    work = tempfile.mkdtemp(dir=a.work)
    procs = []
    try:
        # PostgreSQL: a throwaway cluster (as the postgres user when run as root).
        bindir = next(d for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True) if os.path.exists(d + "/initdb"))
        data = os.path.join(work, "pg"); os.makedirs(data)
        asuser = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(work, "postgres"); shutil.chown(data, "postgres")
        pg_port = free_port()
        subprocess.run(asuser + [bindir + "/initdb", "-D", data + "/d", "-A", "trust", "-U", "postgres", "--no-sync"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(asuser + [bindir + "/pg_ctl", "-D", data + "/d", "-l", data + "/log", "-w", "-o", f"-p {pg_port} -c listen_addresses=127.0.0.1 -k {data} -c max_connections=300", "start"], check=True, stdout=subprocess.DEVNULL)
        # Prometheus scraping itself every second.
        prom_port = free_port()
        cfg = os.path.join(work, "prometheus.yml")
        open(cfg, "w").write(f"global: {{scrape_interval: 1s}}\nscrape_configs:\n  - job_name: prom\n    static_configs: [{{targets: ['127.0.0.1:{prom_port}']}}]\n")
        procs.append(subprocess.Popen(["prometheus", "--config.file", cfg, "--storage.tsdb.path", work + "/tsdb", "--web.listen-address", f"127.0.0.1:{prom_port}", "--log.level", "warn"], stderr=subprocess.DEVNULL))
        deadline = time.time() + 60
        while True:
            try:
                answer = json.load(urllib.request.urlopen(f"http://127.0.0.1:{prom_port}/api/v1/query?query=up", timeout=2))
                if answer["data"]["result"]:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                sys.exit("Prometheus had no sample within 60 s")
            time.sleep(0.2)

        lines = ["version: 1", "name: bench-watch", "targets:", f"  db: postgres://postgres@127.0.0.1:{pg_port}/postgres", "checks:"]
        for i in range(a.checks):
            if i % 2 == 0:
                lines += [f"  - id: m{i}", "    kind: metric", "    phase: watch", f"    url: http://127.0.0.1:{prom_port}",
                          f"    query: 'max_over_time(up{{job=\"prom\"}}[${{watch.elapsed}}]) * {i + 1}'", f"    expect: [value == {i + 1}]"]
            else:
                lines += [f"  - id: s{i}", "    kind: sql", "    phase: watch", "    target: db", "    query: SELECT @n::int AS v, now() - @since::timestamptz AS age",
                          f"    params: {{ n: \"{i}\", since: \"${{watch.since}}\" }}", f"    expect: [v == {i}]"]
        spec = os.path.join(work, "greenlight.yaml")
        open(spec, "w").write("\n".join(lines) + "\n")

        watch = subprocess.Popen([a.greenlight, "watch", "-f", spec, "--every", "1s", "--for", a.duration, "--format", "json", "--parallel", a.parallel, "--no-color"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(3)
        rss_start = rss_kb(watch.pid)
        rss_end, cpu = rss_start, None
        while watch.poll() is None:
            rss_end = rss_kb(watch.pid) or rss_end
            cpu = cpu_s(watch.pid) or cpu
            time.sleep(0.5)
        report = json.loads(watch.stdout.read())
        n = report["measurements"]
        print(f"bench/watch: {a.checks} checks ({a.checks // 2} metric, {a.checks - a.checks // 2} sql) every 1s for {a.duration}: {n} measurements, verdict {report['verdict']}")
        print(f"  CPU time of greenlight: {cpu:.1f} s in all, {cpu * 1000 / max(n, 1):.2f} ms per measurement (last sample before exit)")
        print(f"  resident memory: {rss_start / 1024:.0f} MiB after 3 s, {rss_end / 1024:.0f} MiB at the end")
        print(f"  lag between planned and actual start, p99: {report['lag_p99_ms']:.1f} ms (target < 100 ms)")
        breakdown(os.path.join(work, ".greenlight", "history.db"))
    finally:
        for p in procs:
            p.kill(); p.wait()
        try:
            subprocess.run((["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []) + [bindir + "/pg_ctl", "-D", data + "/d", "-m", "immediate", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except Exception:
            pass
        shutil.rmtree(work, ignore_errors=True)

main()
