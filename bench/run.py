#!/usr/bin/env python3
"""btc vs bpftrace 0.17 benchmark.

For every script in bench/scripts/*.bt this measures, side by side:

  attach   exec -> first stdout line containing BENCH_READY (printed by BEGIN,
           which both tools run only after every probe is attached)
  exit     SIGINT -> process reaped (includes END and the final map print;
           stdout is drained concurrently so the pipe never blocks the tool)
  RSS      peak resident set size of the tool process: ru_maxrss from
           wait4() on that pid (kernel-reported high-water mark, = VmHWM)
  size     size of the tool btc produced (stripped by default), plus what
           `file` says about linkage; bpftrace: binary + its ldd closure
  compile  wall time of `btc script.bt -o tool`

Nothing is built here: btc is taken from build/bin/btc (override with env
BTC=...), bpftrace from PATH (override with env BPFTRACE=...).
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MARKER = b"BENCH_READY"


# --------------------------------------------------------------------------
# one timed run of a tool
# --------------------------------------------------------------------------

class RunResult:
    def __init__(self):
        self.attach_ms = None      # exec -> BENCH_READY line
        self.attaching_ms = None   # exec -> "Attaching N probes..." line
        self.exit_ms = None        # SIGINT -> reaped
        self.maxrss_kb = None      # ru_maxrss from wait4 (KiB on Linux)
        self.status = None         # exit status or -signal
        self.probes = None         # N from "Attaching N probes..."
        self.error = None


def timed_run(cmd, hold_s, timeout_s, stderr_path):
    """Spawn cmd with stdout on a pipe, time the marker, SIGINT, reap."""
    r = RunResult()
    buf = b""
    with open(stderr_path, "ab") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err,
                             stdin=subprocess.DEVNULL, bufsize=0,
                             start_new_session=True)
    fd = p.stdout.fileno()
    deadline = t0 + timeout_s
    eof = False

    def parse_attaching(data):
        m = re.search(rb"Attaching (\d+) probes?\.\.\.", data)
        if m and r.probes is None:
            r.probes = int(m.group(1))
            r.attaching_ms = (time.perf_counter() - t0) * 1e3

    # 1. wait for the marker
    while r.attach_ms is None and not eof:
        left = deadline - time.perf_counter()
        if left <= 0:
            r.error = "timeout waiting for %s" % MARKER.decode()
            break
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        now = time.perf_counter()
        if not chunk:
            eof = True
            r.error = "tool exited before printing the marker"
            break
        buf += chunk
        parse_attaching(buf)
        if MARKER in buf:
            r.attach_ms = (now - t0) * 1e3

    # 2. let it run (and produce events) for a moment, keep draining stdout
    hold_end = time.perf_counter() + hold_s
    while not eof and time.perf_counter() < hold_end:
        ready, _, _ = select.select([fd], [], [], max(0.0, hold_end - time.perf_counter()))
        if ready and not os.read(fd, 65536):
            eof = True

    # 3. SIGINT, drain until EOF, reap with wait4 for the rusage
    t_sig = time.perf_counter()
    try:
        os.kill(p.pid, signal.SIGINT)
    except ProcessLookupError:
        pass
    kill_at = t_sig + timeout_s
    while not eof:
        left = kill_at - time.perf_counter()
        if left <= 0:
            r.error = (r.error or "") + " no exit after SIGINT; killed"
            os.kill(p.pid, signal.SIGKILL)
            kill_at = float("inf")
            continue
        ready, _, _ = select.select([fd], [], [], min(left, 1.0))
        if ready and not os.read(fd, 65536):
            eof = True
    _, status, ru = os.wait4(p.pid, 0)
    t_exit = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    r.exit_ms = (t_exit - t_sig) * 1e3
    r.maxrss_kb = ru.ru_maxrss
    r.status = p.returncode
    if r.status != 0 and not r.error:
        r.error = "exit status %d" % r.status
    return r


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def minimum(xs):
    xs = [x for x in xs if x is not None]
    return min(xs) if xs else None


def fmt(x, nd=1):
    return "-" if x is None else ("%.*f" % (nd, x))


def ratio(a, b):
    if a is None or b is None or a <= 0:
        return None
    return b / a


def ldd_closure(binary):
    """bpftrace binary + every shared object ldd resolves, by real path."""
    files = {os.path.realpath(binary)}
    try:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    except OSError:
        out = ""
    for line in out.splitlines():
        m = re.search(r"(/\S+)", line.split("=>")[-1])
        if m and os.path.exists(m.group(1)):
            files.add(os.path.realpath(m.group(1)))
    total = sum(os.path.getsize(f) for f in files)
    return total, os.path.getsize(os.path.realpath(binary)), len(files) - 1


def file_says(path):
    try:
        return subprocess.run(["file", "-b", path], capture_output=True,
                              text=True).stdout.strip()
    except OSError:
        return "?"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs-btc", type=int, default=10, help="attach runs per script for btc tools (10)")
    ap.add_argument("--runs-bpftrace", type=int, default=5, help="attach runs per script for bpftrace (5)")
    ap.add_argument("--compile-runs", type=int, default=3, help="btc compiles per script (3)")
    ap.add_argument("--hold", type=float, default=0.5, help="seconds to keep the tool running after the marker (0.5)")
    ap.add_argument("--timeout", type=float, default=120, help="per-phase timeout in seconds (120)")
    ap.add_argument("--only", default="", help="regex: only scripts whose name matches")
    ap.add_argument("--no-bpftrace", action="store_true", help="measure btc only")
    ap.add_argument("--json", help="also write raw results to this file")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (tools, stderr logs)")
    args = ap.parse_args()

    if os.geteuid() != 0:
        sys.exit("run.py: must run as root (BPF)")

    btc = os.environ.get("BTC", os.path.join(REPO, "build", "bin", "btc"))
    if not os.access(btc, os.X_OK):
        sys.exit("run.py: no btc at %s (build it: ninja -C build btc, or set BTC=)" % btc)
    bpftrace = None
    if not args.no_bpftrace:
        bpftrace = os.environ.get("BPFTRACE") or shutil.which("bpftrace")
        if not bpftrace:
            print("run.py: bpftrace not found, measuring btc only", file=sys.stderr)

    scripts_dir = os.path.join(HERE, "scripts")
    scripts = sorted(f for f in os.listdir(scripts_dir) if f.endswith(".bt"))
    if args.only:
        scripts = [s for s in scripts if re.search(args.only, s)]

    work = tempfile.mkdtemp(prefix="btc-bench-")
    errlog = os.path.join(work, "stderr.log")

    print("btc:      %s" % btc)
    if bpftrace:
        ver = subprocess.run([bpftrace, "--version"], capture_output=True, text=True).stdout.strip()
        print("bpftrace: %s (%s)" % (bpftrace, ver))
    print("kernel:   %s, %d CPUs, loadavg at start %s" % (os.uname().release, os.cpu_count(), loadavg()))
    print("runs:     btc %d, bpftrace %d, compile %d, hold %.1fs; work dir %s"
          % (args.runs_btc, args.runs_bpftrace, args.compile_runs, args.hold, work))
    print()

    results = []
    for s in scripts:
        name = s[:-3]
        src = os.path.join(scripts_dir, s)
        tool = os.path.join(work, name)
        row = {"script": name}
        print("[%s]" % name, flush=True)

        # --- compile ---------------------------------------------------
        ctimes = []
        cerr = None
        for _ in range(args.compile_runs):
            if os.path.exists(tool):
                os.unlink(tool)
            t = time.perf_counter()
            cp = subprocess.run([btc, src, "-o", tool], capture_output=True, text=True)
            ctimes.append((time.perf_counter() - t) * 1e3)
            if cp.returncode != 0:
                cerr = cp.stderr.strip().splitlines()[-1:] or ["exit %d" % cp.returncode]
                break
        row["compile_ms"] = ctimes
        if cerr:
            print("  btc compile FAILED: %s" % cerr[0])
            row["compile_error"] = cerr[0]
        else:
            row["size_bytes"] = os.path.getsize(tool)
            row["file"] = file_says(tool)
            row["static"] = "statically linked" in row["file"]
            print("  compile ms: %s" % " ".join("%.0f" % c for c in ctimes))
            print("  size %d bytes; file: %s" % (row["size_bytes"], row["file"]))

        # --- attach / exit / rss (interleaved so load drift hits both) --
        runs = {"btc": [], "bpftrace": []}
        n = max(args.runs_btc, args.runs_bpftrace if bpftrace else 0)
        for i in range(n):
            if i < args.runs_btc and not cerr:
                runs["btc"].append(timed_run([tool], args.hold, args.timeout, errlog))
            if bpftrace and i < args.runs_bpftrace:
                runs["bpftrace"].append(timed_run([bpftrace, src], args.hold, args.timeout, errlog))
        for who, rs in runs.items():
            if not rs:
                continue
            ok = [r for r in rs if r.attach_ms is not None and not r.error]
            bad = [r.error for r in rs if r.error]
            row[who] = {
                "attach_ms": [r.attach_ms for r in rs],
                "attaching_ms": [r.attaching_ms for r in rs],
                "exit_ms": [r.exit_ms for r in rs],
                "maxrss_kb": [r.maxrss_kb for r in rs],
                "probes": sorted({r.probes for r in rs if r.probes is not None}),
                "errors": bad,
                "ok": len(ok),
            }
            print("  %-8s attach med %s min %s ms | exit med %s ms | maxrss med %s MB | probes %s%s"
                  % (who, fmt(median(r.attach_ms for r in ok)), fmt(minimum(r.attach_ms for r in ok)),
                     fmt(median(r.exit_ms for r in ok)),
                     fmt(median(r.maxrss_kb / 1024 for r in ok), 2),
                     row[who]["probes"],
                     ("  ERRORS: %s" % "; ".join(sorted(set(bad)))) if bad else ""), flush=True)
        results.append(row)

    # --- bpftrace footprint for context ---------------------------------
    bpf_closure = None
    if bpftrace:
        total, binsz, nlibs = ldd_closure(bpftrace)
        bpf_closure = {"binary": binsz, "total": total, "libs": nlibs}

    # --- table ----------------------------------------------------------
    def stat(row, who, key, fn, scale=1.0):
        d = row.get(who)
        if not d:
            return None
        vals = [v for v, e in zip(d[key], d["attach_ms"]) if v is not None and e is not None]
        return fn(v * scale for v in vals) if vals else None

    print()
    print("loadavg at end: %s" % loadavg())
    print()
    hdr = ("| script | attach ms btc / bpftrace (median) | attach min btc / bpftrace | speedup "
           "| peak RSS MB btc / bpftrace | ratio | size KB | static | compile ms | exit ms btc / bpftrace |")
    print(hdr)
    print("|" + "|".join(["---"] * (hdr.count("|") - 1)) + "|")
    verdict = {"static": [], "size": [], "attach": [], "rss": [], "compile": []}
    for row in results:
        ab, ap_ = stat(row, "btc", "attach_ms", median), stat(row, "bpftrace", "attach_ms", median)
        mb, mp = stat(row, "btc", "attach_ms", minimum), stat(row, "bpftrace", "attach_ms", minimum)
        rb = stat(row, "btc", "maxrss_kb", median, 1 / 1024)
        rp = stat(row, "bpftrace", "maxrss_kb", median, 1 / 1024)
        eb, ep = stat(row, "btc", "exit_ms", median), stat(row, "bpftrace", "exit_ms", median)
        cm = median(row["compile_ms"]) if not row.get("compile_error") else None
        size_kb = row.get("size_bytes", 0) / 1024 if "size_bytes" in row else None
        sp, rr = ratio(ab, ap_), ratio(rb, rp)
        print("| %s | %s / %s | %s / %s | %s | %s / %s | %s | %s | %s | %s | %s / %s |" % (
            row["script"], fmt(ab), fmt(ap_), fmt(mb), fmt(mp),
            fmt(sp) + "x" if sp else "-", fmt(rb, 2), fmt(rp, 1), fmt(rr) + "x" if rr else "-",
            fmt(size_kb, 0), {True: "yes", False: "NO"}.get(row.get("static"), "-"),
            fmt(cm, 0), fmt(eb), fmt(ep)))
        verdict["static"].append(bool(row.get("static")))
        verdict["size"].append(size_kb is not None and size_kb * 1024 < 2 * 1024 * 1024)
        verdict["attach"].append(sp is not None and sp >= 10)
        verdict["rss"].append(rr is not None and rr >= 10)
        verdict["compile"].append(cm is not None and cm < 2000)

    if bpf_closure:
        print()
        print("bpftrace footprint: binary %.0f KB; binary + %d shared libs (ldd closure) %.1f MB"
              % (bpf_closure["binary"] / 1024, bpf_closure["libs"], bpf_closure["total"] / 2**20))

    print()
    print("targets (met by how many scripts):")
    n = len(results)
    names = {"static": "tool fully static", "size": "tool < 2 MB", "attach": "attach >= 10x faster",
             "rss": "peak RSS >= 10x smaller", "compile": "compile < 2 s"}
    for k, label in names.items():
        met = sum(verdict[k])
        failed = [r["script"] for r, v in zip(results, verdict[k]) if not v]
        print("  %-24s %d/%d %s%s" % (label, met, n, "MET" if met == n else "NOT MET",
                                       (" (fails: %s)" % ", ".join(failed)) if failed else ""))

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "btc": btc,
                       "bpftrace": bpftrace, "bpftrace_closure": bpf_closure,
                       "cpus": os.cpu_count(), "kernel": os.uname().release,
                       "results": results}, f, indent=1)
    if args.keep:
        print("\nwork dir kept: %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
