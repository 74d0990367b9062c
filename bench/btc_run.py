#!/usr/bin/env python3
"""`btc run` start time: exec of `btc run SCRIPT` -> BEGIN's BENCH_READY marker read, for

  first   an empty cache (BTC_CACHE_DIR is a fresh directory each run): compile + run
  cached  the tool already in the cache: hash the script, exec the cached tool
  bpftrace `bpftrace SCRIPT` (0.17), the same script and marker

Runs alternate between the three, so a change in background load affects all of them. The
launcher and the timing are bench/run.py's (spawn.c, CLOCK_MONOTONIC at exec). btc:
build/bin/btc (env BTC), bpftrace from PATH (env BPFTRACE). Root only. Python 3 standard
library only. Never asserted in tests.

    bench/btc_run.py [--runs N] [--bpftrace-runs N] [--json FILE] [SCRIPT...]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import run  # noqa: E402  (bench/run.py: the spawn launcher and one timed run)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10, help="first and cached runs per script")
    ap.add_argument("--bpftrace-runs", type=int, default=5)
    ap.add_argument("--json")
    ap.add_argument("scripts", nargs="*", default=["begin_only", "tp_openat_count"])
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("btc_run.py: must run as root")
    btc = os.path.abspath(os.environ.get("BTC", os.path.join(REPO, "build/bin/btc")))
    bpftrace = os.environ.get("BPFTRACE") or shutil.which("bpftrace")

    work = tempfile.mkdtemp(prefix="btc-run-bench-")
    try:
        spawn = os.path.join(work, "spawn")
        subprocess.run(["cc", "-O2", "-static", "-o", spawn, os.path.join(HERE, "spawn.c")],
                       check=True)
        log = os.path.join(work, "stderr.log")
        result = {"btc": btc, "bpftrace": bpftrace, "cpus": os.cpu_count(),
                  "loadavg_start": run.loadavg(), "scripts": {}}
        for name in args.scripts:
            script = os.path.join(HERE, "scripts", name + ".bt")
            cached_dir = os.path.join(work, "cache-" + name)
            os.environ["BTC_CACHE_DIR"] = cached_dir
            warm = run.timed_run(spawn, [btc, "run", script], 0.1, 120, log)
            if warm.attach_ms is None:
                sys.exit("btc run %s failed: %s (see %s)" % (name, warm.error, log))
            rows = {"first": [], "cached": [], "bpftrace": []}
            for i in range(max(args.runs, args.bpftrace_runs)):
                if i < args.runs:
                    os.environ["BTC_CACHE_DIR"] = os.path.join(work, "fresh-%s-%d" % (name, i))
                    rows["first"].append(run.timed_run(spawn, [btc, "run", script], 0.1, 120, log))
                    os.environ["BTC_CACHE_DIR"] = cached_dir
                    rows["cached"].append(run.timed_run(spawn, [btc, "run", script], 0.1, 120, log))
                if bpftrace and i < args.bpftrace_runs:
                    rows["bpftrace"].append(
                        run.timed_run(spawn, [bpftrace, script], 0.1, 120, log))
            out = {}
            for kind, rs in rows.items():
                ok = [r.attach_ms for r in rs if r.attach_ms is not None]
                out[kind] = {"runs_ms": ok, "median_ms": run.median(ok), "min_ms": run.minimum(ok),
                             "failed": len(rs) - len(ok)}
            result["scripts"][name] = out
            print("%-16s first %s / %s   cached %s / %s   bpftrace %s / %s   (median / min ms)" % (
                name, run.fmt(out["first"]["median_ms"]), run.fmt(out["first"]["min_ms"]),
                run.fmt(out["cached"]["median_ms"]), run.fmt(out["cached"]["min_ms"]),
                run.fmt(out["bpftrace"]["median_ms"]), run.fmt(out["bpftrace"]["min_ms"])))
        result["loadavg_end"] = run.loadavg()
        if args.json:
            with open(args.json, "w") as f:
                json.dump(result, f, indent=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
