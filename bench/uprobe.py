#!/usr/bin/env python3
"""uprobe figures, btc vs bpftrace 0.17 (issue 7):

  cost     ns per call of a traced function in a tight loop, above the same loop untraced:
           a uprobe and a uretprobe, each `{ @ = count(); }`
  wildcard a 100-function uprobe wildcard (`uprobe:BIN:f0* { @ = count(); }`):
           attach = exec -> BEGIN's marker read (every probe attached),
           exit   = SIGINT -> tool reaped (detach, END, map print)

The traced program is generated and built here (cc -O2, frame pointers): 100 functions
f000..f099, called once each at start, and `bench_hot`, called N times in a loop timed with
CLOCK_MONOTONIC by the program itself. btc: build/bin/btc (env BTC), bpftrace from PATH (env
BPFTRACE). Root only. Python 3 standard library only. Never asserted in tests.
"""

import argparse
import json
import os
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

FUNCTIONS = 100

TARGET_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

__attribute__((noinline)) long bench_hot(long x) {
  asm volatile("" ::: "memory");
  return x + 1;
}
%(functions)s
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* ubench loop N: N calls of bench_hot, prints ns per call. ubench wild: calls f000..f099. */
int main(int argc, char **argv) {
  if (argc > 2 && argv[1][0] == 'l') {
    long n = atol(argv[2]), sum = 0;
    double t0 = now();
    for (long i = 0; i < n; i++) sum += bench_hot(i);
    double t1 = now();
    printf("%%.1f ns/call (sum %%ld)\n", (t1 - t0) / n, sum);
    return 0;
  }
  long sum = 0;
%(calls)s
  printf("sum %%ld\n", sum);
  return 0;
}
"""


def build_target(work):
    fns = "".join('__attribute__((noinline)) long f%03d(long x) {\n'
                  '  asm volatile("" ::: "memory");\n  return x + %d;\n}\n' % (i, i)
                  for i in range(FUNCTIONS))
    calls = "".join("  sum += f%03d(%d);\n" % (i, i) for i in range(FUNCTIONS))
    src = os.path.join(work, "ubench.c")
    with open(src, "w") as f:
        f.write(TARGET_C % {"functions": fns, "calls": calls})
    exe = os.path.join(work, "ubench")
    subprocess.run(["cc", "-O2", "-g", "-fno-omit-frame-pointer", "-o", exe, src], check=True)
    return exe


def ns_per_call(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return float(out.split()[0])


def cost(tool_cmd, exe, calls, runs):
    """ns/call of `ubench loop calls` while tool_cmd (None: untraced) runs."""
    figures = []
    for _ in range(runs):
        tool = None
        if tool_cmd:
            tool = subprocess.Popen(tool_cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            # BEGIN prints the marker once every probe is attached.
            line = tool.stdout.readline()
            while line and b"BENCH_READY" not in line:
                line = tool.stdout.readline()
        try:
            figures.append(ns_per_call([exe, "loop", str(calls)]))
        finally:
            if tool:
                tool.send_signal(2)
                tool.communicate(timeout=120)
    return figures


def write_script(work, name, text):
    path = os.path.join(work, name + ".bt")
    with open(path, "w") as f:
        f.write(text)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=20000,
                    help="calls per traced loop (a hit costs ~60 us in this VM)")
    ap.add_argument("--untraced-calls", type=int, default=100000000)
    ap.add_argument("--runs", type=int, default=3, help="runs per cost figure")
    ap.add_argument("--wild-runs", type=int, default=5, help="runs of the wildcard tool")
    ap.add_argument("--json", help="write the raw figures here")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("uprobe.py: run as root")
    btc = os.environ.get("BTC", os.path.join(REPO, "build", "bin", "btc"))
    bpftrace = os.environ.get("BPFTRACE", shutil.which("bpftrace"))
    work = tempfile.mkdtemp(prefix="btc-ubench-")
    spawn = os.path.join(work, "spawn")
    subprocess.run(["cc", "-O2", "-static", "-o", spawn, os.path.join(HERE, "spawn.c")],
                   check=True)
    exe = build_target(work)
    ready = 'BEGIN { printf("BENCH_READY\\n"); }\n'
    scripts = {
        "uprobe": "uprobe:%s:bench_hot { @ = count(); }\n" % exe,
        "uretprobe": "uretprobe:%s:bench_hot { @ = count(); }\n" % exe,
        "wildcard": "uprobe:%s:f0* { @ = count(); }\n" % exe,
    }
    tools = {}
    for name, text in scripts.items():
        path = write_script(work, name, ready + text)
        out = os.path.join(work, name)
        subprocess.run([btc, path, "-o", out], check=True)
        tools[name] = {"btc": [out], "bpftrace": [bpftrace, path] if bpftrace else None}

    result = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "kernel": os.uname().release,
              "cpus": os.cpu_count(), "loadavg_start": run.loadavg(), "calls": args.calls,
              "untraced_calls": args.untraced_calls, "functions": FUNCTIONS}
    base = cost(None, exe, args.untraced_calls, args.runs)
    result["untraced_ns"] = base
    print("untraced: %s ns/call" % " ".join("%.1f" % x for x in base))
    for probe in ("uprobe", "uretprobe"):
        for who in ("btc", "bpftrace"):
            if not tools[probe][who]:
                continue
            figures = cost(tools[probe][who], exe, args.calls, args.runs)
            result["%s_%s_ns" % (probe, who)] = figures
            print("%s %s: %s ns/call" % (probe, who, " ".join("%.0f" % x for x in figures)))

    log = os.path.join(work, "stderr.log")
    for who in ("btc", "bpftrace"):
        cmd = tools["wildcard"][who]
        if not cmd:
            continue
        runs = [run.timed_run(spawn, cmd, 0.2, 120, log) for _ in range(args.wild_runs)]
        result["wildcard_%s" % who] = {
            "probes": sorted({r.probes for r in runs if r.probes is not None}),
            "attach_ms": [r.attach_ms for r in runs], "exit_ms": [r.exit_ms for r in runs],
            "errors": [r.error for r in runs if r.error]}
        print("wildcard %s: %s probes, attach ms %s, exit ms %s" % (
            who, result["wildcard_%s" % who]["probes"],
            " ".join(run.fmt(r.attach_ms) for r in runs),
            " ".join(run.fmt(r.exit_ms) for r in runs)))
    result["loadavg_end"] = run.loadavg()

    med = statistics.median
    print("\n| figure | btc | bpftrace 0.17 |\n|---|---|---|")
    for probe in ("uprobe", "uretprobe"):
        cells = []
        for who in ("btc", "bpftrace"):
            xs = result.get("%s_%s_ns" % (probe, who))
            cells.append("-" if not xs else "%.0f (min %.0f)" % (med(xs) - med(base),
                                                                  min(xs) - med(base)))
        print("| %s, ns/call above untraced (%.1f ns) | %s | %s |" % (probe, med(base), *cells))
    for key, label in (("attach_ms", "attach"), ("exit_ms", "exit (detach, END, maps)")):
        cells = []
        for who in ("btc", "bpftrace"):
            w = result.get("wildcard_%s" % who)
            xs = [x for x in (w or {}).get(key, []) if x is not None]
            cells.append("-" if not xs else "%.1f (min %.1f)" % (med(xs), min(xs)))
        print("| %d-function wildcard, %s ms | %s | %s |" % (FUNCTIONS, label, *cells))
    print("\nload average: %s at start, %s at end" % (result["loadavg_start"],
                                                      result["loadavg_end"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
