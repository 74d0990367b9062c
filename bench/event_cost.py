#!/usr/bin/env python3
"""Cost per event on the traced process, btc vs bpftrace 0.17 (issue 9):

  ns per getppid() call in a tight loop, above the same loop untraced, while a tool traces
  tracepoint:syscalls:sys_enter_getppid filtered on the loop's comm with
    count   `@ = count();`
    printf  `printf("%d %s\\n", pid, comm);` (output to a file: -o)

The loop is generated and built here (cc -O2) and times itself with CLOCK_MONOTONIC. Lines the
printf tool wrote and the events it reported lost are kept with each figure: a tool that drops
events looks cheaper than it is. btc: build/bin/btc (env BTC), bpftrace from PATH (env
BPFTRACE). Root only. Python 3 standard library only. Never asserted in tests.
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
import run  # noqa: E402  (bench/run.py: load average)

LOOP_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* evbench N: N getppid() system calls (not glibc's wrapper, which may cache), ns per call. */
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000, sum = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long i = 0; i < n; i++) sum += syscall(SYS_getppid);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
  printf("%.1f ns/call (sum %ld)\n", ns / n, sum);
  return 0;
}
"""

SCRIPTS = {
    "count": "@ = count();",
    "printf": 'printf("%d %s\\n", pid, comm);',
}


def loop_ns(exe, calls):
    out = subprocess.run([exe, str(calls)], capture_output=True, text=True, check=True).stdout
    return float(out.split()[0])


def traced(cmd, out_file, exe, calls):
    """ns/call of the loop while `cmd` (writing to out_file) runs; lines written and lost."""
    with open(out_file, "w"):
        pass
    tool = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        with open(out_file) as f:
            if "BENCH_READY" in f.read():
                break
        time.sleep(0.02)
    try:
        ns = loop_ns(exe, calls)
    finally:
        time.sleep(0.5)  # let the consumer drain before the signal
        tool.send_signal(2)
        _, err = tool.communicate(timeout=300)
    with open(out_file) as f:
        lines = sum(1 for line in f if "evbench" in line)
    lost = sum(int(m) for m in re.findall(r"Lost (\d+) events", err))
    return ns, lines, lost


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=200000, help="getppid calls per loop")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure")
    ap.add_argument("--json", help="write the raw figures here")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("event_cost.py: run as root")
    btc = os.environ.get("BTC", os.path.join(REPO, "build", "bin", "btc"))
    bpftrace = os.environ.get("BPFTRACE", shutil.which("bpftrace"))
    work = tempfile.mkdtemp(prefix="btc-evbench-")
    src = os.path.join(work, "evbench.c")
    with open(src, "w") as f:
        f.write(LOOP_C)
    exe = os.path.join(work, "evbench")
    subprocess.run(["cc", "-O2", "-o", exe, src], check=True)

    tools = {}
    for name, action in SCRIPTS.items():
        path = os.path.join(work, name + ".bt")
        with open(path, "w") as f:
            f.write('BEGIN { printf("BENCH_READY\\n"); }\n'
                    'tracepoint:syscalls:sys_enter_getppid /comm == "evbench"/ { %s }\n' % action)
        out = os.path.join(work, name + ".out")
        tool = os.path.join(work, name)
        subprocess.run([btc, path, "-o", tool], check=True)
        tools[name] = {"btc": [tool, "-o", out],
                       "bpftrace": [bpftrace, "-o", out, path] if bpftrace else None,
                       "out": out}

    result = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "kernel": os.uname().release,
              "cpus": os.cpu_count(), "loadavg_start": run.loadavg(), "calls": args.calls}
    base = [loop_ns(exe, args.calls) for _ in range(args.runs)]
    result["untraced_ns"] = base
    print("untraced: %s ns/call" % " ".join("%.1f" % x for x in base))
    for name in SCRIPTS:
        for who in ("btc", "bpftrace"):
            cmd = tools[name][who]
            if not cmd:
                continue
            runs = [traced(cmd, tools[name]["out"], exe, args.calls) for _ in range(args.runs)]
            result["%s_%s" % (name, who)] = [
                {"ns": ns, "lines": lines, "lost": lost} for ns, lines, lost in runs]
            print("%s %s: %s" % (name, who, ", ".join(
                "%.0f ns/call (%d lines, %d lost)" % r for r in runs)))
    result["loadavg_end"] = run.loadavg()

    med = statistics.median
    print("\n| per event, ns above untraced (%.1f ns) | btc | bpftrace 0.17 |\n|---|---|---|" %
          med(base))
    for name in SCRIPTS:
        cells = []
        for who in ("btc", "bpftrace"):
            rs = result.get("%s_%s" % (name, who))
            if not rs:
                cells.append("-")
                continue
            ns = [r["ns"] for r in rs]
            cell = "%.0f (min %.0f)" % (med(ns) - med(base), min(ns) - med(base))
            if name == "printf":
                cell += ", %d%% printed" % round(100 * med([r["lines"] for r in rs]) / args.calls)
            cells.append(cell)
        print("| %s | %s | %s |" % (name, *cells))
    print("\nload average: %s at start, %s at end" % (result["loadavg_start"],
                                                      result["loadavg_end"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
