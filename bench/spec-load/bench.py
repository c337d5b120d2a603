"""Spec load cost and limits, whole process (see run.sh)."""
import argparse, os, statistics, subprocess, time

p = argparse.ArgumentParser()
p.add_argument("--greenlight", required=True)
p.add_argument("--work", required=True)
p.add_argument("--rounds", type=int, default=7)
p.add_argument("--kb", type=int, default=200)
a = p.parse_args()

work = os.path.join(a.work, "specs")
os.makedirs(work, exist_ok=True)
head = "version: 1\nname: bench\n"
env_check = "  - id: a\n    kind: env\n    require: [PATH]\n"


def large(size):
    # The shape of tests/Greenlight.Tests/Spec/SpecLoadBench.cs: env and http checks with needs, retries and assertions.
    parts = [head, "vars:\n  api: ${API_BASE:-http://127.0.0.1:8000}\nchecks:\n"]
    i, total = 0, sum(len(x) for x in parts)
    while total < size:
        block = (f"  - id: env.c{i}\n    kind: env\n    require: [PATH]\n    match: {{ PATH: '^/' }}\n"
                 f"  - id: api.c{i}\n    kind: http\n    phase: post\n    needs: [env.c{i}]\n"
                 f"    request: GET ${{api}}/health/{i}\n    retry: {{ attempts: 3, delay: 1s }}\n    expect:\n"
                 f"      - status == 200\n      - json.$.items[0].name matches /^item-[0-9]+$/\n"
                 f"      - {{ that: \"duration < 500ms\", fix: \"Look at the slow query log.\" }}\n\n")
        parts.append(block)
        total += len(block)
        i += 1
    return "".join(parts)


bomb = head + "".join(
    f"l{n}: &l{n} [{', '.join(['*l%d' % (n - 1)] * 10) if n else ', '.join(['lol'] * 10)}]\n" for n in range(9)) + "checks:\n" + env_check
repeat = head + "vars:\n  v0: \"" + "x" * 100 + "\"\n" + "".join(
    f"  v{n}: " + f"${{v{n - 1}}}" * 10 + "\n" for n in range(1, 13)) + "checks:\n" + env_check

cases = {
    f"{a.kb} KB realistic spec ({large(a.kb * 1024).count('- id:')} checks)": large(a.kb * 1024),
    "50,000 nested [": head + "checks:\n" + env_check + "    optional: " + "[" * 50000 + "]" * 50000 + "\n",
    "alias fan-out (10^9 nodes)": bomb,
    "40,000 nested ${A:-": head + "checks:\n" + env_check + "    timeout: \"" + "${A:-" * 40000 + "1s" + "}" * 40000 + "\"\n",
    "vars repeating each other (10^14 chars)": repeat,
}


def run(args, env=None):
    """Wall time, CPU time (user + system: steadier than wall on a shared machine) and peak RSS (MiB) of one whole process."""
    t = time.perf_counter()
    proc = subprocess.Popen([a.greenlight, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(args, env=None):
    run(args, env)  # warm the file cache
    samples = [run(args, env) for _ in range(a.rounds)]
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            max(s[2] for s in samples), samples[0][3])


version, version_cpu, version_rss, _ = measure(["--version"])
print(f"greenlight --version: {version * 1000:.0f} ms wall, {version_cpu * 1000:.0f} ms CPU, {version_rss:.0f} MiB peak (median of {a.rounds})\n")
print(f"| case | bytes | exit | wall (median of {a.rounds}) | CPU | CPU minus --version | peak RSS |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for name, text in cases.items():
    path = os.path.join(work, name.split(" ")[0].replace(",", "") + ".yaml")
    with open(path, "w") as f:
        f.write(text)
    wall, cpu, rss, code = measure(["validate", "-f", path, "--no-color"], {"API_BASE": "http://127.0.0.1:1"})
    print(f"| {name} | {len(text):,} | {code} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {(cpu - version_cpu) * 1000:.0f} ms | {rss:.0f} MiB |", flush=True)

big = os.path.join(work, f"{a.kb}.yaml")
print("\nQuickJitForLoops (validate of the large spec, alternated):")
for label, args in (("--version", ["--version"]), ("validate, large spec", ["validate", "-f", big, "--no-color"])):
    on, off = [], []
    for _ in range(a.rounds):
        on.append(run(args))
        off.append(run(args, {"DOTNET_TC_QuickJitForLoops": "0"}))
    wall_on, wall_off = statistics.median(s[0] for s in on), statistics.median(s[0] for s in off)
    cpu_on, cpu_off = statistics.median(s[1] for s in on), statistics.median(s[1] for s in off)
    print(f"  {label}: on (project setting) {wall_on * 1000:.0f} ms wall / {cpu_on * 1000:.0f} ms CPU; "
          f"off {wall_off * 1000:.0f} ms / {cpu_off * 1000:.0f} ms; off/on wall {wall_off / wall_on:.2f}, CPU {cpu_off / cpu_on:.2f}")
