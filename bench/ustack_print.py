#!/usr/bin/env python3
"""Time to print 10,000 symbolized user stacks: a btc-built tool vs bpftrace 0.17.

A generated C program (frame pointers) calls leaf0() .. leaf3() from 10,000 call sites, so
uprobes on them see 10,000 distinct two-frame user stacks; then it stays alive (bpftrace 0.17
names the frames of live processes only) until it is killed. The script counts them, one map per
leaf (a map holds 4096 keys at most in both tools):

    uprobe:PROG:leaf0 { @l0[ustack(2)] = count(); }   ... leaf3

Measured per tool: SIGINT -> exit, which is END and the printing of the 10,000 map entries
(each frame symbolized), and the same with `END { clear(@l0); ... }` (no printing: detaching and
exiting only). The difference is the printing. The output is checked: the number of entries and
that every frame is named (no 0x... frame).

usage: bench/ustack_print.py [--runs-btc N] [--runs-bpftrace N] [--calls N] [--json FILE]
Environment: BTC (default build/bin/btc), BPFTRACE (default bpftrace). Run as root.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Maps hold 4096 keys at most (bpftrace's BPFTRACE_MAP_KEYS_MAX default, btc's fixed size):
# the stacks are spread over this many leaf functions, each counted in a map of its own.
LEAVES = 4


def program_source(calls):
    leaves = "\n".join(
        f"__attribute__((noinline)) void leaf{k}(void) {{ volatile int x = 0; x++; }}"
        for k in range(LEAVES))
    sites = "\n".join(f"  leaf{i % LEAVES}();" for i in range(calls))
    return f"""#include <stdio.h>
#include <unistd.h>
{leaves}
__attribute__((noinline)) void sites(void) {{
{sites}
}}
int main(void) {{
  sites();
  printf("done\\n");
  fflush(stdout);
  pause();
  return 0;
}}
"""


def script(prog, clear):
    end = "END { " + " ".join(f"clear(@l{k});" for k in range(LEAVES)) + " }\n" if clear else ""
    probes = "".join(f"uprobe:{prog}:leaf{k} {{ @l{k}[ustack(2)] = count(); }}\n"
                     for k in range(LEAVES))
    return 'BEGIN { printf("BENCH_READY\\n"); }\n' + probes + end


def wait_for_line(proc, marker, timeout):
    """Reads proc.stdout until a line holding `marker`; returns the bytes read."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {marker!r} within {timeout} s")
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"ended before {marker!r}: {seen[-500:]!r}")
        seen += line
    return seen


def one_run(cmd, prog, timeout):
    tool = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    target = None
    try:
        wait_for_line(tool, b"BENCH_READY", 60)
        target = subprocess.Popen(["setarch", "-R", prog], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        wait_for_line(target, b"done", 60)
        time.sleep(0.5)
        start = time.monotonic()
        tool.send_signal(signal.SIGINT)
        out, _ = tool.communicate(timeout=timeout)
        elapsed = time.monotonic() - start
    finally:
        if tool.poll() is None:
            os.killpg(tool.pid, signal.SIGKILL)
            tool.wait()
        if target:
            target.kill()
            target.wait()
    text = out.decode(errors="replace")
    entries = len(re.findall(r"^@l\d+\[$", text, re.M))
    frames = re.findall(r"^    (.*)$", text, re.M)
    raw = sum(1 for f in frames if f.startswith("0x"))
    return {"seconds": elapsed, "entries": entries, "frames": len(frames), "raw_frames": raw}


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return None if n == 0 else (xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs-btc", type=int, default=3)
    ap.add_argument("--runs-bpftrace", type=int, default=1)
    ap.add_argument("--calls", type=int, default=10000)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--json")
    args = ap.parse_args()
    btc = os.environ.get("BTC", str(ROOT / "build" / "bin" / "btc"))
    bpftrace = os.environ.get("BPFTRACE", shutil.which("bpftrace") or "bpftrace")
    work = Path(tempfile.mkdtemp(prefix="btc-ustack-bench-"))
    prog = work / "calls"
    (work / "calls.c").write_text(program_source(args.calls))
    subprocess.run(["cc", "-O1", "-fno-omit-frame-pointer",
                    "-mno-omit-leaf-frame-pointer", "-o", str(prog),
                    str(work / "calls.c")], check=True)
    results = {"calls": args.calls, "runs": {}}
    for clear in (False, True):
        name = "clear" if clear else "print"
        bt = work / f"{name}.bt"
        bt.write_text(script(prog, clear))
        tool = work / f"{name}_tool"
        subprocess.run([btc, str(bt), "-o", str(tool)], check=True)
        for who, cmd, runs in (("btc", [str(tool)], args.runs_btc),
                               ("bpftrace", [bpftrace, str(bt)], args.runs_bpftrace)):
            rs = [one_run(cmd, str(prog), args.timeout) for _ in range(runs)]
            results["runs"][f"{who}_{name}"] = rs
            print(f"{who:8} {name:5} " + ", ".join(
                f"{r['seconds']:.3f} s ({r['entries']} entries, {r['raw_frames']} raw frames)"
                for r in rs), flush=True)
    print()
    print("| tool | SIGINT -> exit, printing (median) | without printing (clear) | printing alone "
          "| entries printed | frames not named |")
    print("|---|---|---|---|---|---|")
    for who in ("btc", "bpftrace"):
        p = results["runs"][f"{who}_print"]
        c = results["runs"][f"{who}_clear"]
        mp, mc = median([r["seconds"] for r in p]), median([r["seconds"] for r in c])
        print(f"| {who} | {mp:.3f} s | {mc:.3f} s | {mp - mc:.3f} s | {p[0]['entries']} "
              f"| {p[0]['raw_frames']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
