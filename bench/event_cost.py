#!/usr/bin/env python3
"""Cost per event on the traced process and the consumer's throughput, btc vs bpftrace 0.17
(issue 9). A `getppid()` loop runs while a tool traces tracepoint:syscalls:sys_enter_getppid,
filtered on the loop's comm, with
    count   `@ = count();`
    printf  `printf("%d %s\\n", pid, comm);`, written to a file (-o)
and, for the floor that no generated code can remove (the kernel's tracepoint and BPF dispatch),
    empty   `{ }`, no filter: a program that does nothing
    pid     `/pid == $1/ { }`, the loop's pid as the tool's first argument

Per run:
  ns/event  the loop's CPU time per call (CLOCK_THREAD_CPUTIME_ID: what the BPF program and the
            wakeups it triggers cost the traced thread, interrupts included since this kernel
            does no IRQ time accounting) minus the untraced loop's, and the same for wall time.
            CPU time is the main figure: on a loaded machine wall time also counts the time the
            loop waited for a CPU.
  lines/s   printf only: lines the tool wrote per second of its own CPU time while it handled
            the loop's events (the tool's threads' sum_exec_runtime from /proc/PID/task/*/
            schedstat, read before the loop and after the output stopped growing). That is the
            rate one CPU of consumer sustains; the loop alone cannot make events faster than
            one CPU's worth of getppid() calls.
  printed / lost
            lines the tool wrote and the events it reported lost (`Lost N events`, stderr for
            bpftrace): printed + lost must be the calls made, a tool that drops events looks
            cheaper than it is.

Runs are interleaved (every tool once per round, in a shuffled order, the untraced loop too),
so a change in the machine's load affects all tools alike; the table shows medians over the
rounds and the min. Tools: btc from build/bin/btc (env BTC), bpftrace from PATH (env BPFTRACE),
and each --compare LABEL=BTC (another btc build, e.g. main's, compiled the same way).
Root only. Python 3 standard library only. Never asserted in tests.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
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

static double ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

/* evbench N: N getppid() system calls (not glibc's wrapper, which may cache); prints the wall
 * and the thread CPU time per call. It starts when a byte arrives on stdin, so that a tool can be
 * given its pid first. */
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000, sum = 0;
  char go;
  if (read(0, &go, 1) != 1) return 1;
  double w0 = ns(CLOCK_MONOTONIC), c0 = ns(CLOCK_THREAD_CPUTIME_ID);
  for (long i = 0; i < n; i++) sum += syscall(SYS_getppid);
  double c1 = ns(CLOCK_THREAD_CPUTIME_ID), w1 = ns(CLOCK_MONOTONIC);
  printf("%.2f %.2f %ld\n", (w1 - w0) / n, (c1 - c0) / n, sum);
  return 0;
}
"""

# name: (predicate, body); $1 is the loop's pid.
COMM = '/comm == "evbench"/'
SCRIPTS = {
    "empty": ("", ""),
    "pid": ("/pid == $1/", ""),
    "count": (COMM, "@ = count();"),
    "printf": (COMM, 'printf("%d %s\\n", pid, comm);'),
}


class Loop:
    """One loop run, started paused: pid is known before it runs."""

    def __init__(self, exe, calls):
        self.proc = subprocess.Popen([exe, str(calls)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.pid = self.proc.pid

    def run(self):
        """(wall ns/call, CPU ns/call)."""
        out, _ = self.proc.communicate("g")
        if self.proc.returncode != 0:
            raise RuntimeError("evbench failed")
        wall, cpu, _ = out.split()
        return float(wall), float(cpu)


def loop(exe, calls):
    return Loop(exe, calls).run()


def cpu_ns(pid):
    """CPU time of all of pid's threads so far, in ns (sum_exec_runtime)."""
    total = 0
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                total += int(f.read().split()[0])
    except OSError:
        pass
    return total


def perf_events(pid):
    """How many perf events pid holds open."""
    n = 0
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                n += os.readlink("/proc/%d/fd/%s" % (pid, fd)) == "anon_inode:[perf_event]"
            except OSError:
                pass
    except OSError:
        pass
    return n


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                return n
            n += chunk.count(b"evbench")


def settle(path, quiet_s=0.3, limit_s=30):
    """Waits until the file stops growing (the consumer has drained the ring)."""
    size, since, deadline = -1, time.time(), time.time() + limit_s
    while time.time() < deadline:
        now_size = os.path.getsize(path)
        if now_size != size:
            size, since = now_size, time.time()
        elif time.time() - since >= quiet_s:
            return
        time.sleep(0.05)


def traced(cmd, out_file, exe, calls, ready_s):
    """One run of the loop under `cmd` (writing to out_file; "PID" in it is the loop's pid)."""
    with open(out_file, "w"):
        pass
    err_path = out_file + ".err"
    lp = Loop(exe, calls)
    cmd = [str(lp.pid) if a == "PID" else a for a in cmd]
    with open(err_path, "w") as err:
        tool = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline, ready, attached_at = time.time() + ready_s, False, None
        while time.time() < deadline and not ready:
            with open(out_file, "rb") as f:
                ready = b"BENCH_READY" in f.read()
            # bpftrace 0.17 buffers its -o file: the marker may come only at exit. Its BEGIN,
            # END (uprobes) and the tracepoint are a perf event each; once all are open, BEGIN
            # has run (it is triggered after attaching) within a moment.
            if perf_events(tool.pid) >= 3:
                attached_at = attached_at or time.time()
                ready = ready or time.time() - attached_at >= 0.5
            if tool.poll() is not None:
                raise RuntimeError("%s exited: %s" % (cmd[0], open(err_path).read()))
            time.sleep(0.02)
        if not ready:
            # bpftrace 0.17 sometimes never runs BEGIN under load; the run is left out.
            return None
        cpu0 = cpu_ns(tool.pid)
        wall, cpu = lp.run()
        settle(out_file)
        cpu1 = cpu_ns(tool.pid)
    finally:
        if lp.proc.poll() is None:
            lp.proc.kill()
            lp.proc.wait()
        tool.send_signal(signal.SIGINT)
        try:
            tool.wait(timeout=30)
        except subprocess.TimeoutExpired:
            tool.send_signal(signal.SIGINT)  # bpftrace 0.17 sometimes ignores the first
            try:
                tool.wait(timeout=30)
            except subprocess.TimeoutExpired:
                tool.kill()
                tool.wait()
    with open(err_path) as f:
        err = f.read()
    with open(out_file, "rb") as f:
        out = f.read().decode(errors="replace")
    lost = sum(int(m) for m in re.findall(r"Lost (\d+) events", out + err))
    lines = count_lines(out_file)
    return {"wall": wall, "cpu": cpu, "lines": lines, "lost": lost, "tool_cpu_ns": cpu1 - cpu0}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--calls", type=int, default=300000, help="getppid calls per loop")
    ap.add_argument("--rounds", type=int, default=9, help="rounds (every tool once per round)")
    ap.add_argument("--compare", action="append", default=[], metavar="LABEL=BTC",
                    help="also measure tools built by another btc")
    ap.add_argument("--no-bpftrace", action="store_true")
    ap.add_argument("--ready-timeout", type=float, default=30,
                    help="seconds a tool gets to print BEGIN's marker, else the run is left out")
    ap.add_argument("--only", choices=sorted(SCRIPTS), action="append",
                    help="these scripts only (repeat)")
    ap.add_argument("--json", help="write the raw figures here")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("event_cost.py: run as root")
    compilers = [("btc", os.environ.get("BTC", os.path.join(REPO, "build", "bin", "btc")))]
    for c in args.compare:
        label, _, path = c.partition("=")
        compilers.append((label, path))
    bpftrace = None if args.no_bpftrace else os.environ.get("BPFTRACE", shutil.which("bpftrace"))
    scripts = args.only or list(SCRIPTS)

    work = tempfile.mkdtemp(prefix="btc-evbench-")
    src = os.path.join(work, "evbench.c")
    with open(src, "w") as f:
        f.write(LOOP_C)
    exe = os.path.join(work, "evbench")
    subprocess.run(["cc", "-O2", "-o", exe, src], check=True)

    # Every (script, tool) pair, plus the untraced loop.
    variants = [("untraced", None, None)]
    for name in scripts:
        path = os.path.join(work, name + ".bt")
        with open(path, "w") as f:
            f.write('BEGIN { printf("BENCH_READY\\n"); }\n'
                    'tracepoint:syscalls:sys_enter_getppid %s { %s }\n' % SCRIPTS[name])
        out = os.path.join(work, name + ".out")
        pid = ["PID"] if "$1" in SCRIPTS[name][0] else []
        for label, btc in compilers:
            tool = os.path.join(work, "%s-%s" % (name, label))
            subprocess.run([btc, path, "-o", tool], check=True)
            variants.append((name, label, [tool, "-o", out] + pid))
        if bpftrace:
            variants.append((name, "bpftrace", [bpftrace, "-o", out, path] + pid))
    who = [label for label, _ in compilers] + (["bpftrace"] if bpftrace else [])

    result = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "kernel": os.uname().release,
              "cpus": os.cpu_count(), "loadavg_start": run.loadavg(), "calls": args.calls,
              "runs": {}}
    runs = result["runs"]
    for r in range(args.rounds):
        order = variants[:]
        random.shuffle(order)
        for name, label, cmd in order:
            key = name if label is None else "%s %s" % (name, label)
            if cmd is None:
                wall, cpu = loop(exe, args.calls)
                rec = {"wall": wall, "cpu": cpu}
            else:
                rec = traced(cmd, os.path.join(work, name + ".out"), exe, args.calls,
                             args.ready_timeout)
                if rec is None:
                    print("round %d %-18s not ready after %g s, left out" %
                          (r + 1, key, args.ready_timeout), flush=True)
                    continue
            runs.setdefault(key, []).append(rec)
            print("round %d %-18s %s" % (r + 1, key, json.dumps(rec)), flush=True)
    result["loadavg_end"] = run.loadavg()

    med = statistics.median
    base_cpu = med(x["cpu"] for x in runs["untraced"])
    base_wall = med(x["wall"] for x in runs["untraced"])
    print("\nuntraced loop: %.1f ns/call CPU, %.1f wall (medians of %d)" %
          (base_cpu, base_wall, len(runs["untraced"])))
    print("\n| figure | %s |\n|---|%s" % (" | ".join(who), "---|" * len(who)))
    for name in scripts:
        cells_cpu, cells_wall, cells_lines, cells_kept = [], [], [], []
        for w in who:
            rs = runs.get("%s %s" % (name, w), [])
            if not rs:
                cells_cpu.append("-")
                cells_wall.append("-")
                cells_lines.append("-")
                cells_kept.append("-")
                continue
            cpu = [x["cpu"] - base_cpu for x in rs]
            wall = [x["wall"] - base_wall for x in rs]
            cells_cpu.append("%.0f (min %.0f)" % (med(cpu), min(cpu)))
            cells_wall.append("%.0f (min %.0f)" % (med(wall), min(wall)))
            printed = med(x["lines"] for x in rs)
            lost = med(x["lost"] for x in rs)
            cells_kept.append("%d + %d lost" % (printed, lost))
            rates = [x["lines"] / (x["tool_cpu_ns"] / 1e9) for x in rs if x["tool_cpu_ns"] > 0]
            cells_lines.append("%.2fM (max %.2fM)" % (med(rates) / 1e6, max(rates) / 1e6)
                               if rates else "-")
        print("| %s: ns/event, CPU | %s |" % (name, " | ".join(cells_cpu)))
        print("| %s: ns/event, wall | %s |" % (name, " | ".join(cells_wall)))
        if name == "printf":
            print("| printf: lines per CPU second of the tool | %s |" % " | ".join(cells_lines))
            print("| printf: printed + lost of %d (median) | %s |" %
                  (args.calls, " | ".join(cells_kept)))
    print("\nload average: %s at start, %s at end" % (result["loadavg_start"],
                                                      result["loadavg_end"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
