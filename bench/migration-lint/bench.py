#!/usr/bin/env python3
"""Compare `greenlight migrate lint` with squawk over the corpus in ./corpus.

Prints, file by file, what each tool found, then the totals (found by both, only by one,
findings on the safe files, Greenlight's expected-vs-found) and the whole-process timing.
Standard library only. Run through run.sh, which installs squawk and finds greenlight.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

# Greenlight's rule ids, fixed by issue 11. A header naming anything else is a typo.
RULES = [
    "drop-table", "drop-column", "rename-table", "rename-column", "change-column-type",
    "add-column-not-null-no-default", "set-not-null", "volatile-default-rewrite",
    "create-index-not-concurrently", "add-foreign-key-without-not-valid",
    "add-check-without-not-valid", "add-unique-without-index", "add-primary-key-without-index",
    "create-without-if-not-exists", "update-without-where", "delete-without-where", "truncate",
    "vacuum-full-or-cluster", "transaction-left-open", "missing-lock-timeout",
    "depends-on-later-object",
]

# Rules whose finding is about the file, not one statement: squawk reports require-lock-timeout
# once per file at the first statement that needs it, so these are matched per file.
FILE_LEVEL = {"missing-lock-timeout", "transaction-left-open"}


def _always(_finding, _stmt, _span):
    return True


def _create_missing_if_not_exists(finding, _stmt, _span):
    # prefer-robust-stmts says "Missing `IF NOT EXISTS`" for CREATE TABLE/INDEX and ADD COLUMN,
    # which is Greenlight's rule; it also fires on DROP without IF EXISTS and on constraints
    # outside a transaction ("Missing transaction"), which is not.
    return "IF NOT EXISTS" in finding["message"]


def _access_exclusive(finding, _stmt, _span):
    # squawk also asks for lock_timeout before SHARE locks and before CREATE TABLE/FUNCTION/VIEW;
    # Greenlight's rule is about statements that take ACCESS EXCLUSIVE.
    return "ACCESS EXCLUSIVE" in finding["message"]


def _constraint_kind(kind):
    def check(_finding, stmt, span):
        text = (span or stmt.text).upper()
        if kind == "FOREIGN KEY":
            return "FOREIGN KEY" in text or "REFERENCES" in text
        return kind in text and "FOREIGN KEY" not in text
    return check


# squawk rule -> [(Greenlight rule, condition under which squawk's finding is that rule)].
# A squawk finding whose conditions all fail, or whose rule is not here, is outside the rules
# Greenlight covers and is listed apart. The one table of the mapping.
SQUAWK_TO_GREENLIGHT = {
    "ban-drop-table": [("drop-table", _always)],
    "ban-drop-column": [("drop-column", _always)],
    "renaming-table": [("rename-table", _always)],
    "renaming-column": [("rename-column", _always)],
    "changing-column-type": [("change-column-type", _always)],
    "adding-required-field": [("add-column-not-null-no-default", _always)],
    "adding-not-nullable-field": [("set-not-null", _always)],
    "adding-field-with-default": [("volatile-default-rewrite", _always)],
    "require-concurrent-index-creation": [("create-index-not-concurrently", _always)],
    "adding-foreign-key-constraint": [("add-foreign-key-without-not-valid", _always)],
    "constraint-missing-not-valid": [
        ("add-foreign-key-without-not-valid", _constraint_kind("FOREIGN KEY")),
        ("add-check-without-not-valid", _constraint_kind("CHECK")),
    ],
    "disallowed-unique-constraint": [("add-unique-without-index", _always)],
    "adding-serial-primary-key-field": [("add-primary-key-without-index", _always)],
    "adding-primary-key-constraint": [("add-primary-key-without-index", _always)],
    "prefer-robust-stmts": [("create-without-if-not-exists", _create_missing_if_not_exists)],
    "ban-truncate-cascade": [("truncate", _always)],
    "ban-uncommitted-transaction": [("transaction-left-open", _always)],
    "require-lock-timeout": [("missing-lock-timeout", _access_exclusive)],
    # squawk before 2.x: one rule for both timeouts.
    "require-timeout-settings": [("missing-lock-timeout", _access_exclusive)],
    # No Greenlight counterpart (listed for the record): transaction-nesting (BEGIN inside a
    # transaction), require-statement-timeout, require-concurrent-index-deletion,
    # ban-concurrent-index-creation-in-transaction, prefer-bigint-over-int, prefer-identity,
    # prefer-text-field, ban-char-field, require-enum-value-ordering, require-concurrent-reindex.
}


# ---------------------------------------------------------------------------------------------
# Statement splitting: only to know which statement a tool's line and column fall in, so that
# two tools pointing at different parts of one statement are matched.

@dataclass
class Stmt:
    start: int      # offset just after the previous statement (leading comments belong here)
    end: int        # offset just after the terminating ';' (or end of file)
    code: int       # offset of the first character that is not blank or comment
    keyword: str    # first word, upper case
    text: str


_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


def split_statements(text: str) -> list[Stmt]:
    out: list[Stmt] = []
    n, i, start = len(text), 0, 0
    code = -1
    words: list[str] = []
    atomic = 0  # depth inside BEGIN ATOMIC ... END (SQL-standard function bodies)

    def close(end):
        nonlocal start, code, words, atomic
        if code >= 0:
            kw = words[0] if words else ""
            out.append(Stmt(start, end, code, kw, text[code:end]))
        start, code, words, atomic = end, -1, [], 0

    while i < n:
        c = text[i]
        if text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            continue
        if c.isspace():
            i += 1
            continue
        if code < 0:
            code = i
        if c == "'":
            escapes = i > 0 and text[i - 1] in "eE" and (i < 2 or not (text[i - 2].isalnum() or text[i - 2] == "_"))
            i += 1
            while i < n:
                if escapes and text[i] == "\\":
                    i += 2
                    continue
                if text[i] == "'":
                    if text.startswith("''", i):
                        i += 2
                        continue
                    i += 1
                    break
                i += 1
            continue
        if c == '"':
            i += 1
            while i < n:
                if text[i] == '"':
                    if text.startswith('""', i):
                        i += 2
                        continue
                    i += 1
                    break
                i += 1
            continue
        if c == "$" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = _TAG.match(text, i)
            if m:
                j = text.find(m.group(0), m.end())
                i = n if j < 0 else j + len(m.group(0))
                continue
        if c.isalpha() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] in "_$"):
                j += 1
            w = text[i:j].upper()
            if atomic:
                if w == "CASE":
                    atomic += 1
                elif w == "END":
                    atomic -= 1
            elif w == "ATOMIC" and words and words[-1] == "BEGIN" and words[0] == "CREATE":
                atomic = 1
            words.append(w)
            i = j
            continue
        if c == ";" and not atomic:
            close(i + 1)
            i += 1
            continue
        i += 1
    close(n)
    return out


class SqlFile:
    def __init__(self, root: str, rel: str):
        self.rel = rel
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            self.text = f.read()
        self.stmts = split_statements(self.text)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.expect, self.squawk_covered = self._header()

    def _header(self):
        expect = covered = None
        for line in self.text.splitlines():
            if not line.startswith("--"):
                break
            m = re.match(r"--\s*(expect|squawk-covered):\s*(.*)$", line)
            if m:
                items = [x.strip() for x in m.group(2).split(",") if x.strip()]
                items = [] if items == ["none"] else items
                if m.group(1) == "expect":
                    expect = items
                else:
                    covered = items
        if expect is None or covered is None:
            raise SystemExit(f"{self.rel}:1:1: expected the header lines '-- expect: ...' and '-- squawk-covered: ...'")
        for r in expect:
            if r not in RULES:
                raise SystemExit(f"{self.rel}:1:1: '-- expect:' names '{r}', which is not a Greenlight rule id")
        return set(expect), set(covered)

    def offset(self, line1: int, col1: int) -> int:
        line1 = max(1, min(line1, len(self.line_starts)))
        return self.line_starts[line1 - 1] + max(0, col1 - 1)

    def stmt_at(self, off: int) -> int:
        for k, s in enumerate(self.stmts):
            if off < s.end:
                return k
        return max(0, len(self.stmts) - 1)

    def line_of(self, k: int) -> int:
        off = self.stmts[k].code if self.stmts else 0
        return self.text.count("\n", 0, off) + 1


@dataclass
class Found:
    rule: str           # Greenlight rule id
    stmt: int | None    # statement index, None for file-level rules
    line: int
    covered: bool = True  # squawk only: False when squawk's finding is outside Greenlight's rule
    source: str = ""      # squawk only: squawk's own rule name
    severity: str = ""    # greenlight only


@dataclass
class Result:
    found: dict[str, list[Found]] = field(default_factory=lambda: defaultdict(list))
    other: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # squawk rules without a counterpart
    errors: list[str] = field(default_factory=list)
    statements: dict[str, int] = field(default_factory=dict)
    raw: list = field(default_factory=list)  # each process's stdout, for --out


# ---------------------------------------------------------------------------------------------

def discover(corpus: str):
    """Units linted together: each top-level file alone; each folder holding .sql files as one set."""
    files, units = [], []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames.sort()
        sql = sorted(f for f in filenames if f.endswith(".sql"))
        if not sql:
            continue
        rel_dir = os.path.relpath(dirpath, corpus)
        rels = [os.path.normpath(os.path.join(rel_dir, f)) for f in sql]
        files.extend(rels)
        if rel_dir == ".":
            units.extend([r] for r in rels)
        else:
            units.append([rel_dir] + rels)  # first item: the folder to pass
    return sorted(files), units


def run(cmd, cwd):
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return p, time.perf_counter() - t


def lint_squawk(squawk, corpus, files, sql):
    res = Result()
    p, _ = run([squawk, "--reporter", "json", *files], corpus)
    res.raw.append(p.stdout)
    # Exit code 1 means findings and squawk's own errors alike: read the JSON.
    try:
        data = json.loads(p.stdout) if p.stdout.strip() else None
    except json.JSONDecodeError:
        data = None
    if data is None:
        raise SystemExit(f"squawk printed no JSON (exit {p.returncode}): {p.stderr.strip()[:500]}")
    for f in data:
        rel = os.path.normpath(f["file"])
        sf = sql.get(rel)
        if sf is None:
            res.errors.append(f"squawk reported an unknown file {rel}")
            continue
        if f["rule_name"] == "syntax-error":
            res.errors.append(f"{rel}:{f['line'] + 1}:{f['column'] + 1}: squawk syntax-error: {f['message']}")
            res.other[rel].append(f"syntax-error@{f['line'] + 1}")
            continue
        # squawk counts lines and columns from 0.
        a = sf.offset(f["line"] + 1, f["column"] + 1)
        b = sf.offset(f.get("line_end", f["line"]) + 1, f.get("column_end", f["column"]) + 1)
        k = sf.stmt_at(a)
        stmt = sf.stmts[k] if sf.stmts else Stmt(0, 0, 0, "", "")
        span = sf.text[a:b] if b > a else ""
        maps = SQUAWK_TO_GREENLIGHT.get(f["rule_name"], [])
        hit = [(g, cond(f, stmt, span)) for g, cond in maps]
        matched = [g for g, ok in hit if ok]
        if matched:
            for g in matched:
                res.found[rel].append(Found(g, None if g in FILE_LEVEL else k, f["line"] + 1, True, f["rule_name"]))
        elif maps and f["rule_name"] in ("require-lock-timeout", "require-timeout-settings"):
            # Not an ACCESS EXCLUSIVE statement: counts as "both" if Greenlight also asked for a
            # timeout in this file, else it is a finding outside Greenlight's rule.
            res.found[rel].append(Found("missing-lock-timeout", None, f["line"] + 1, False, f["rule_name"]))
        else:
            res.other[rel].append(f"{f['rule_name']}@{f['line'] + 1}")
    return res


def resolve(path, corpus, unit):
    """The corpus-relative name of a path greenlight printed: absolute, relative to the working
    directory (the corpus), or relative to the folder that was linted."""
    members = unit if len(unit) == 1 else unit[1:]
    bases = [corpus] if len(unit) == 1 else [corpus, os.path.join(corpus, unit[0])]
    for base in bases:
        full = path if os.path.isabs(path) else os.path.join(base, path)
        rel = os.path.normpath(os.path.relpath(os.path.realpath(full), os.path.realpath(corpus)))
        if rel in members:
            return rel
    same_name = [m for m in members if os.path.basename(m) == os.path.basename(path)]
    return same_name[0] if len(same_name) == 1 else None


def lint_greenlight(greenlight, corpus, units, sql):
    res = Result()
    for unit in units:
        arg = unit[0]
        p, _ = run([greenlight, "migrate", "lint", arg, "--format", "json"], corpus)
        res.raw.append({"unit": arg, "exit": p.returncode, "stdout": p.stdout, "stderr": p.stderr})
        if p.returncode not in (0, 1):
            res.errors.append(f"greenlight migrate lint {arg}: exit {p.returncode}: {(p.stderr or p.stdout).strip()[:400]}")
            continue
        try:
            data = json.loads(p.stdout)
        except json.JSONDecodeError as e:
            res.errors.append(f"greenlight migrate lint {arg}: stdout is not JSON ({e})")
            continue
        if data.get("schema") != "greenlight.migration-lint/v1":
            res.errors.append(f"greenlight migrate lint {arg}: unexpected schema {data.get('schema')!r}")
        for gf in data.get("files", []):
            path = gf["path"]
            rel = resolve(path, corpus, unit)
            sf = sql.get(rel) if rel else None
            if sf is None:
                res.errors.append(f"greenlight reported an unknown file {path}")
                continue
            res.statements[rel] = gf.get("statements", -1)
            for fd in gf.get("findings", []):
                rule = fd["rule"]
                k = sf.stmt_at(sf.offset(fd["line"], fd["column"]))
                if rule not in RULES:
                    res.errors.append(f"{rel}:{fd['line']}: greenlight rule '{rule}' is not in the fixed list")
                res.found[rel].append(Found(rule, None if rule in FILE_LEVEL else k, fd["line"], severity=fd.get("severity", "")))
    return res


def lint_greenlight_db(greenlight, corpus, units, sql, host, port):
    """`greenlight migrate plan UNIT --target URL`: the dry-run and the lint with a database,
    each unit against a fresh copy of fixture.sql (as validate.sh applies it)."""
    import validate  # imported here: validate imports this module
    res = Result()
    conn = ["-h", host, "-p", str(port), "-U", "postgres"]
    validate.load_fixtures(conn, os.path.dirname(os.path.abspath(__file__)))
    for k, unit in enumerate(units):
        db = f"lint_unit_{k}"
        res.errors += validate.prepare_unit_db(conn, corpus, unit, db)
        arg = unit[0]
        url = f"postgresql://postgres@{host}:{port}/{db}"
        p, _ = run([greenlight, "migrate", "plan", arg, "--target", url, "--format", "json"], corpus)
        res.raw.append({"unit": arg, "exit": p.returncode, "stdout": p.stdout, "stderr": p.stderr})
        validate.psql(conn, "postgres", extra=["-c", f"DROP DATABASE IF EXISTS {db}"])
        if p.returncode not in (0, 1):
            res.errors.append(f"greenlight migrate plan {arg} --target: exit {p.returncode}: {(p.stderr or p.stdout).strip()[:400]}")
            continue
        try:
            data = json.loads(p.stdout)
        except json.JSONDecodeError as e:
            res.errors.append(f"greenlight migrate plan {arg} --target: stdout is not JSON ({e})")
            continue
        if data.get("schema") != "greenlight.migration-plan/v1":
            res.errors.append(f"greenlight migrate plan {arg}: unexpected schema {data.get('schema')!r}")
        for fd in data.get("findings", []):
            rel = resolve(fd.get("path", ""), corpus, unit)
            sf = sql.get(rel) if rel else None
            if sf is None:
                res.errors.append(f"greenlight migrate plan reported an unknown file {fd.get('path')}")
                continue
            rule = fd["rule"]
            k2 = sf.stmt_at(sf.offset(fd["line"], fd["column"]))
            res.found[rel].append(Found(rule, None if rule in FILE_LEVEL else k2, fd["line"], severity=fd.get("severity", "")))
    return res


def keys(found: list[Found], covered_only=False):
    return {(x.rule, x.stmt) for x in found if x.covered or not covered_only}


def fmt(found: list[Found]):
    seen, out = set(), []
    for x in sorted(found, key=lambda x: (x.line, x.rule)):
        label = f"{x.rule}@{x.line}" + (f" ({x.source}{'' if x.covered else ', not ACCESS EXCLUSIVE'})" if x.source else "")
        if label not in seen:
            seen.add(label)
            out.append(label)
    return ", ".join(out) or "-"


def time_tools(cmds, corpus, reps):
    times = {name: [] for name in cmds}
    for _ in range(reps):
        for name, cmd in cmds.items():  # alternated, one round at a time
            p, t = run(cmd, corpus)
            if p.returncode not in (0, 1):
                raise SystemExit(f"timing {name}: exit {p.returncode}: {(p.stderr or p.stdout).strip()[:400]}")
            times[name].append(t)
    return {name: statistics.median(v) for name, v in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--squawk", required=True, help="squawk as npm installs it (node wrapper)")
    ap.add_argument("--squawk-native", help="squawk's native binary inside the npm package")
    ap.add_argument("--greenlight", help="built greenlight; omitted: the squawk half only")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--pg-port", type=int, help="a PostgreSQL on 127.0.0.1 for the with-a-database run")
    ap.add_argument("--out", help="folder for the raw JSON of both tools")
    a = ap.parse_args()

    corpus = os.path.realpath(a.corpus)
    files, units = discover(corpus)
    sql = {f: SqlFile(corpus, f) for f in files}
    sq = lint_squawk(a.squawk, corpus, files, sql)
    gl = lint_greenlight(a.greenlight, corpus, units, sql) if a.greenlight else None
    gldb = lint_greenlight_db(a.greenlight, corpus, units, sql, "127.0.0.1", a.pg_port) \
        if a.greenlight and a.pg_port else None

    if a.out:
        os.makedirs(a.out, exist_ok=True)
        with open(os.path.join(a.out, "squawk.json"), "w") as f:
            f.write(sq.raw[0])
        if gl:
            with open(os.path.join(a.out, "greenlight.json"), "w") as f:
                json.dump(gl.raw, f, indent=1)
        if gldb:
            with open(os.path.join(a.out, "greenlight-db.json"), "w") as f:
                json.dump(gldb.raw, f, indent=1)

    print(f"corpus: {len(files)} files in {len(units)} lint units "
          f"({sum(len(s.stmts) for s in sql.values())} statements by the bench's splitter)")
    print(f"squawk: {subprocess.run([a.squawk, '--version'], capture_output=True, text=True).stdout.strip()}")
    if gl is None:
        print("greenlight: not available -> squawk half only")
    print()

    both = only_gl = only_sq = 0
    only_gl_rules = Counter()
    only_sq_expected, only_sq_unexpected, outside = [], [], Counter()
    gl_missed, gl_unexpected, sq_missed = [], [], []
    safe_files = [f for f in files if not sql[f].expect]
    safe_gl, safe_sq_mapped, safe_sq_all = Counter(), Counter(), Counter()
    covered_mismatch = []
    expected_pairs = 0

    for rel in files:
        sf = sql[rel]
        sqf = sq.found.get(rel, [])
        glf = gl.found.get(rel, []) if gl else []
        print(f"{rel}  [expect: {', '.join(sorted(sf.expect)) or 'none'}]")
        if gl:
            print(f"  greenlight: {fmt(glf)}")
        if gldb:
            print(f"  greenlight with a database: {fmt(gldb.found.get(rel, []))}")
        print(f"  squawk:     {fmt(sqf)}")
        if sq.other.get(rel):
            print(f"  squawk, outside Greenlight's rules: {', '.join(sq.other[rel])}")

        expected_pairs += len(sf.expect)
        # A file-level finding counts as found whatever statement squawk hung it on.
        sq_rules = {x.rule for x in sqf if x.covered or x.rule in FILE_LEVEL}
        for r in sorted(sf.expect - sq_rules):
            sq_missed.append(f"{rel}: {r}")
        sq_sources = {x.source for x in sqf if (x.covered or x.rule in FILE_LEVEL) and x.rule in sf.expect}
        if sq_sources != sf.squawk_covered:
            covered_mismatch.append(f"{rel}: header says {sorted(sf.squawk_covered) or 'none'}, squawk found {sorted(sq_sources) or 'none'}")

        if not sf.expect:
            safe_sq_all[rel] = len(sqf) + len(sq.other.get(rel, []))
            safe_sq_mapped[rel] = len(keys(sqf, covered_only=True))

        if gl:
            gk, sk_all, sk_cov = keys(glf), keys(sqf), keys(sqf, covered_only=True)
            b = gk & sk_all
            og = gk - sk_all
            os_ = sk_cov - gk
            both += len(b)
            only_gl += len(og)
            only_gl_rules.update(r for r, _ in og)
            only_sq += len(os_)
            for r, k in sorted(os_, key=str):
                where = f"{rel}:{sf.line_of(k)}" if k is not None else rel
                (only_sq_expected if r in sf.expect else only_sq_unexpected).append(f"{where}: {r}")
            for x in sqf:
                if not x.covered and (x.rule, x.stmt) not in gk:
                    outside[f"{x.source} (not ACCESS EXCLUSIVE)"] += 1
            gl_rules = {x.rule for x in glf}
            missed, unexpected = sf.expect - gl_rules, gl_rules - sf.expect
            for r in sorted(missed):
                gl_missed.append(f"{rel}: {r}")
            for r in sorted(unexpected):
                gl_unexpected.append(f"{rel}: {r}")
            verdict = "ok" if not missed and not unexpected else \
                "; ".join(filter(None, [f"missed {', '.join(sorted(missed))}" if missed else "",
                                        f"unexpected {', '.join(sorted(unexpected))}" if unexpected else ""]))
            print(f"  greenlight vs expect: {verdict}")
            if not sf.expect:
                safe_gl[rel] = len(glf)
            n_gl = gl.statements.get(rel)
            if n_gl is not None and n_gl != len(sf.stmts):
                print(f"  statements: greenlight {n_gl}, bench splitter {len(sf.stmts)}")
    for rel in files:
        for r in sq.other.get(rel, []):
            outside[r.split("@")[0]] += 1

    print()
    print("== Totals")
    print(f"expected hazards (file, rule) in the corpus headers: {expected_pairs}; "
          f"safe files (expect: none): {len(safe_files)} of {len(files)}")
    if gl:
        print(f"found by both:                      {both}")
        print(f"only by greenlight:                 {only_gl}"
              + (f"  ({', '.join(f'{k} {v}' for k, v in only_gl_rules.most_common())})" if only_gl else ""))
        print(f"only by squawk (rules Greenlight covers): {only_sq}"
              f"  -> expected by the corpus (greenlight misses): {len(only_sq_expected)},"
              f" not expected (squawk beyond the corpus's judgement): {len(only_sq_unexpected)}")
        for x in only_sq_expected:
            print(f"    greenlight misses: {x}")
        for x in only_sq_unexpected:
            print(f"    squawk only, not expected: {x}")
    print("squawk findings outside Greenlight's rules: "
          + (", ".join(f"{k} {v}" for k, v in outside.most_common()) or "none"))
    print(f"findings on the safe files: squawk {sum(safe_sq_all.values())} in "
          f"{sum(1 for v in safe_sq_all.values() if v)} files "
          f"({sum(safe_sq_mapped.values())} under Greenlight's rules, in "
          f"{sum(1 for v in safe_sq_mapped.values() if v)} files)"
          + (f"; greenlight {sum(safe_gl.values())} in {sum(1 for v in safe_gl.values() if v)} files" if gl else ""))
    for rel in safe_files:
        for x in sq.found.get(rel, []):
            if x.covered:
                print(f"    squawk on a safe file: {rel}:{x.line}: {x.rule} ({x.source})")
    print(f"squawk on the expected hazards: {expected_pairs - len(sq_missed)} of {expected_pairs} found; not found: "
          + (", ".join(f"{k} {v}" for k, v in Counter(m.split(": ")[1] for m in sq_missed).most_common()) or "none"))
    if gl:
        print(f"greenlight expected vs found: {expected_pairs - len(gl_missed)} of {expected_pairs} found, "
              f"{len(gl_missed)} missed, {len(gl_unexpected)} unexpected")
        for x in gl_missed:
            print(f"    missed: {x}")
        for x in gl_unexpected:
            print(f"    unexpected: {x}")
    if gl:
        print(f"target: every hazard squawk finds under Greenlight's rules and the corpus expects is found: "
              f"{'met' if not only_sq_expected else f'NOT met ({len(only_sq_expected)} missed)'}")
        print(f"target: nothing reported on the safe forms: "
              f"{'met' if not sum(safe_gl.values()) else f'NOT met ({sum(safe_gl.values())} findings)'}")
    if gldb:
        db_missed, db_unexpected, db_safe = [], [], 0
        for rel in files:
            found = {x.rule for x in gldb.found.get(rel, [])}
            db_missed += [f"{rel}: {r}" for r in sorted(sql[rel].expect - found)]
            db_unexpected += [f"{rel}: {r}" for r in sorted(found - sql[rel].expect)]
            if not sql[rel].expect:
                db_safe += len(gldb.found.get(rel, []))
        sev = lambda res: ", ".join(f"{k} {v}" for k, v in sorted(Counter(
            x.severity for fs in res.found.values() for x in fs).items())) or "none"
        print(f"greenlight with a database (fixture.sql, tiny tables) vs expect: "
              f"{expected_pairs - len(db_missed)} of {expected_pairs} found, {len(db_missed)} missed, "
              f"{len(db_unexpected)} unexpected; {db_safe} findings on the safe files")
        for x in db_missed:
            print(f"    missed: {x}")
        for x in db_unexpected:
            print(f"    unexpected: {x}")
        print(f"severities without a database: {sev(gl)}; with one: {sev(gldb)}")
    # Recall and precision over (file, rule) pairs under Greenlight's rules, judged by the headers:
    # recall = expected pairs a tool reports / expected pairs; precision = reported pairs that are
    # expected / reported pairs (squawk's findings mapped onto Greenlight's rules).
    def score(found_by_file, mapped_only):
        tp = fp = 0
        for rel in files:
            got = {x.rule for x in found_by_file.get(rel, []) if x.covered or not mapped_only or x.rule in FILE_LEVEL}
            tp += len(got & sql[rel].expect)
            fp += len(got - sql[rel].expect)
        recall = tp / expected_pairs if expected_pairs else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        return tp, fp, recall, precision
    print()
    print("== Recall and precision ((file, rule) pairs under Greenlight's rules, against the corpus headers)")
    rows = [("squawk", score(sq.found, True))]
    if gl:
        rows.append(("greenlight (no database)", score(gl.found, False)))
    if gldb:
        rows.append(("greenlight (with a database)", score(gldb.found, False)))
    for name, (tp, fp, recall, precision) in rows:
        print(f"{name:30s} recall {recall:6.1%} ({tp} of {expected_pairs})   precision {precision:6.1%} ({tp} of {tp + fp} reported)")
    if covered_mismatch:
        print("squawk-covered headers that differ from what squawk found:")
        for x in covered_mismatch:
            print(f"    {x}")
    errors = sq.errors + (gl.errors if gl else []) + (gldb.errors if gldb else [])
    if errors:
        print("errors:")
        for e in errors:
            print(f"    {e}")

    print()
    print(f"== Timing: one process over all {len(files)} files, median of {a.reps}, alternated")
    cmds = {"squawk (npm bin)": [a.squawk, "--reporter", "json", *files]}
    if a.squawk_native:
        cmds["squawk (native binary)"] = [a.squawk_native, "--reporter", "json", *files]
    if gl:
        cmds["greenlight"] = [a.greenlight, "migrate", "lint", *files, "--format", "json"]
    time_tools(cmds, corpus, 1)  # warm-up: file cache, JIT caches, node's module cache
    med = time_tools(cmds, corpus, a.reps)
    for name, t in med.items():
        print(f"{name:24s} {t * 1000:8.1f} ms")
    if gl:
        for name, t in med.items():
            if name != "greenlight":
                print(f"greenlight / {name}: {med['greenlight'] / t:.2f}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
