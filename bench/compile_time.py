#!/usr/bin/env python3
"""Compile time of big scripts, stage by stage, and the start of the tools they give, side by
side with bpftrace 0.17 starting the same script.

Scripts (generated; each BEGIN prints BENCH_READY last):

  printf_3000      one BEGIN with 3000 printf("%d\\n", N) statements
  maps_3000        3000 `@mN = count();` in one tracepoint probe: compiled only, since no kernel
                   loads it (a BPF program may use at most 64 maps; bpftrace fails alike)
  probes_300x10    300 probes (sys_enter_* tracepoints) of 10 `@pP_J = count();` each: 3000 maps
  probes_300x10_shared  the same 300 probes, their 10 statements on 10 shared maps `@sJ[P]`

For each: `btc SCRIPT -o tool` --runs times with BTC_TIMINGS=1 (btc's per-stage wall and CPU
seconds: front end, lowering, clang, bpftool skeleton, driver c++ and link), the tool's start
(exec -> BENCH_READY: load, verifier, attach, BEGIN) --start-runs times, and bpftrace's start of
the same script (exec -> BENCH_READY: parse, LLVM codegen, load, attach, BEGIN) --bpftrace-runs
times. Exiting is not timed (300 tracepoints take seconds to detach). The launcher and the run
timing are bench/run.py's. Root only. Never asserted in tests.

    bench/compile_time.py [--runs N] [--start-runs N] [--bpftrace-runs N] [--json FILE] [NAME...]
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import run  # noqa: E402  (bench/run.py: the spawn launcher and one timed run)

READY = 'BEGIN { printf("BENCH_READY\\n"); }\n'
STAGE = re.compile(r"([a-z+ ]+?) ([0-9.]+)/([0-9.]+) s")


def syscall_tracepoints(n):
    events = sorted(e for e in os.listdir("/sys/kernel/tracing/events/syscalls")
                    if e.startswith("sys_enter_"))
    if len(events) < n:
        sys.exit("compile_time.py: only %d sys_enter_* tracepoints here" % len(events))
    return events[:n]


def scripts():
    tps = syscall_tracepoints(300)
    printf = "BEGIN {\n" + "".join('  printf("%%d\\n", %d);\n' % i for i in range(3000)) + \
        '  printf("BENCH_READY\\n");\n}\n'
    maps = "tracepoint:syscalls:sys_enter_getpid {\n" + \
        "".join("  @m%d = count();\n" % i for i in range(3000)) + "}\n" + READY
    probes = "".join("tracepoint:syscalls:%s {\n%s}\n" % (
        tp, "".join("  @p%d_%d = count();\n" % (p, j) for j in range(10)))
        for p, tp in enumerate(tps)) + READY
    shared = "".join("tracepoint:syscalls:%s {\n%s}\n" % (
        tp, "".join("  @s%d[%d] = count();\n" % (j, p) for j in range(10)))
        for p, tp in enumerate(tps)) + READY
    return {"printf_3000": (printf, True), "maps_3000": (maps, False),
            "probes_300x10": (probes, True), "probes_300x10_shared": (shared, True)}


def compile_once(btc, script, tool):
    env = dict(os.environ, BTC_TIMINGS="1")
    t = time.perf_counter()
    p = subprocess.run([btc, script, "-o", tool], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("btc %s failed:\n%s" % (script, p.stderr))
    line = [x for x in p.stderr.splitlines() if x.startswith("btc: timings")][-1]
    stages = {m[1].strip(): {"wall_s": float(m[2]), "cpu_s": float(m[3])}
              for m in STAGE.finditer(line.split(":", 2)[2])}
    return {"wall_s": wall, "stages": stages}


def summary(values):
    return {"min": min(values), "median": statistics.median(values)} if values else None


def starts(spawn, cmd, n, log):
    ms, errors = [], []
    for _ in range(n):
        r = run.timed_run(spawn, cmd, 0.0, 300, log)
        if r.attach_ms is None:
            errors.append(r.error)
        else:
            ms.append(r.attach_ms)
    return {"runs_ms": ms, "min_ms": run.minimum(ms), "median_ms": run.median(ms),
            "errors": errors}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="compiles per script")
    ap.add_argument("--start-runs", type=int, default=3)
    ap.add_argument("--bpftrace-runs", type=int, default=2)
    ap.add_argument("--json")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("compile_time.py: must run as root")
    btc = os.path.abspath(os.environ.get("BTC", os.path.join(REPO, "build/bin/btc")))
    bpftrace = os.environ.get("BPFTRACE") or shutil.which("bpftrace")
    all_scripts = scripts()
    names = args.names or list(all_scripts)

    work = tempfile.mkdtemp(prefix="btc-compile-bench-")
    try:
        spawn = os.path.join(work, "spawn")
        subprocess.run(["cc", "-O2", "-static", "-o", spawn, os.path.join(HERE, "spawn.c")],
                       check=True)
        log = os.path.join(work, "stderr.log")
        result = {"btc": btc, "bpftrace": bpftrace, "cpus": os.cpu_count(),
                  "loadavg_start": run.loadavg(), "scripts": {}}
        for name in names:
            text, loads = all_scripts[name]
            script = os.path.join(work, name + ".bt")
            with open(script, "w") as f:
                f.write(text)
            tool = os.path.join(work, name)
            compiles = [compile_once(btc, script, tool) for _ in range(args.runs)]
            stage_names = list(compiles[0]["stages"])
            out = {"lines": text.count("\n"),
                   "compile_wall_s": summary([c["wall_s"] for c in compiles]),
                   "stages": {s: {k: summary([c["stages"][s][k] for c in compiles])
                                  for k in ("wall_s", "cpu_s")} for s in stage_names}}
            if loads:
                out["tool_start"] = starts(spawn, [tool], args.start_runs, log)
            if bpftrace and args.bpftrace_runs:
                out["bpftrace_start"] = starts(spawn, [bpftrace, script], args.bpftrace_runs, log)
            result["scripts"][name] = out
            print("%s (%d lines): btc compile %.2f s wall (min of %d); CPU s by stage (min): %s" % (
                name, out["lines"], out["compile_wall_s"]["min"], args.runs,
                ", ".join("%s %.2f" % (s, out["stages"][s]["cpu_s"]["min"]) for s in stage_names)))
            for key, label in (("tool_start", "btc tool start"), ("bpftrace_start", "bpftrace start")):
                if key in out:
                    r = out[key]
                    print("  %s (exec -> BEGIN): min %s ms, median %s ms%s" % (
                        label, run.fmt(r["min_ms"]), run.fmt(r["median_ms"]),
                        "; failed: %s" % "; ".join(sorted(set(r["errors"]))) if r["errors"] else ""))
        result["loadavg_end"] = run.loadavg()
        if args.json:
            with open(args.json, "w") as f:
                json.dump(result, f, indent=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
