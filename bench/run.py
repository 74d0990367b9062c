#!/usr/bin/env python3
"""btc vs bpftrace 0.17 benchmark.

For every script in bench/scripts/*.bt this measures, side by side:

  attach   exec -> first stdout line containing BENCH_READY (printed by BEGIN,
           which both tools run only after every probe is attached)
  exit     SIGINT -> process reaped (includes END and the final map print;
           stdout is drained concurrently so the pipe never blocks the tool)
  RSS      peak resident set size of the tool process over its whole life:
           ru_maxrss from wait4(), taken by the small launcher spawn.c (see
           there why the tool must not be forked from Python directly);
           VmHWM just before SIGINT is kept in the JSON as a cross-check
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
        self.attach_ms = None      # exec -> BENCH_READY line read from the pipe
        self.attaching_ms = None   # exec -> "Attaching N probes..." line
        self.exit_ms = None        # SIGINT -> tool reaped (None if it exited by itself)
        self.maxrss_kb = None      # peak RSS: wait4 ru_maxrss of the tool (KiB), via spawn
        self.vmhwm_kb = None       # VmHWM read just before SIGINT (cross-check)
        self.status = None         # exit code, or -signal
        self.probes = None         # N from "Attaching N probes..."
        self.error = None
        self.stuck = False         # needed a second SIGINT to exit
        self.self_exit = False     # exited on its own before SIGINT was sent
        self.output_ms = None      # SIGINT -> first stdout bytes after it (END / map print)


def read_vmhwm_kb(pid):
    """VmHWM (peak RSS of this process image) from /proc, or None once gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def wchan(pid):
    try:
        with open("/proc/%d/wchan" % pid) as f:
            return f.read().strip()
    except OSError:
        return None


def diagnose(pid, log_path):
    """Append the state of every thread of a stuck tool to the stderr log."""
    lines = ["--- pid %d did not exit after SIGINT; thread states:" % pid]
    try:
        for tid in sorted(os.listdir("/proc/%d/task" % pid), key=int):
            base = "/proc/%d/task/%s/" % (pid, tid)

            def rd(f):
                try:
                    with open(base + f) as fh:
                        return fh.read().strip()
                except OSError:
                    return "?"
            state = [l for l in rd("status").splitlines()
                     if l.startswith(("State", "SigBlk", "SigCgt"))]
            lines.append("  tid %s %s wchan=%s %s" % (tid, rd("comm"), rd("wchan"), " ".join(state)))
    except OSError as e:
        lines.append("  (%s)" % e)
    with open(log_path, "a") as f:
        f.write("\n".join(lines) + "\n")


class Child:
    """A tool started through the spawn launcher, with its two pipes."""

    def __init__(self, spawn, cmd, stderr_path):
        rfd, wfd = os.pipe()
        with open(stderr_path, "ab") as err:
            self.proc = subprocess.Popen([spawn, str(wfd)] + cmd, stdout=subprocess.PIPE,
                                         stderr=err, stdin=subprocess.DEVNULL, bufsize=0,
                                         pass_fds=(wfd,), start_new_session=True)
        os.close(wfd)
        self.out_fd = self.proc.stdout.fileno()
        self.st_fd = rfd
        self.out = b""
        self.out_eof = False
        self.st_buf = b""
        self.st_eof = False
        self.t_exec = self.pid = self.exit = None  # exit = (status, maxrss, t)

    def pump(self, timeout):
        """Wait up to timeout for data on either pipe; returns read time."""
        fds = [f for f, e in ((self.out_fd, self.out_eof), (self.st_fd, self.st_eof)) if not e]
        if not fds:
            time.sleep(timeout)
            return time.perf_counter()
        ready, _, _ = select.select(fds, [], [], timeout)
        now = time.perf_counter()
        for f in ready:
            chunk = os.read(f, 65536)
            if f == self.out_fd:
                self.out += chunk
                self.out_eof = not chunk
            else:
                self.st_buf += chunk
                self.st_eof = not chunk
                while b"\n" in self.st_buf:
                    line, self.st_buf = self.st_buf.split(b"\n", 1)
                    w = line.split()
                    if w[0] == b"exec":
                        self.t_exec = float(w[1])
                    elif w[0] == b"pid":
                        self.pid = int(w[1])
                    elif w[0] == b"exit":
                        self.exit = (int(w[1]), int(w[2]), float(w[3]))
        return now

    def done(self):
        return self.exit is not None and self.out_eof

    def close(self):
        self.proc.wait()
        self.proc.stdout.close()
        os.close(self.st_fd)


def timed_run(spawn, cmd, hold_s, timeout_s, stderr_path, exit_grace_s=5.0):
    """Spawn cmd with stdout on a pipe, time the marker, SIGINT, reap."""
    r = RunResult()
    c = Child(spawn, cmd, stderr_path)
    deadline = time.perf_counter() + timeout_s

    # 1. wait for the marker line
    t_ready = None
    while t_ready is None:
        if c.exit is not None and c.out_eof:
            r.error = "tool exited before printing the marker"
            break
        if time.perf_counter() > deadline:
            r.error = "timeout waiting for %s" % MARKER.decode()
            break
        now = c.pump(0.5)
        if r.probes is None:
            m = re.search(rb"Attaching (\d+) probes?\.\.\.", c.out)
            if m:
                r.probes = int(m.group(1))
                r.attaching_ms = (now - c.t_exec) * 1e3
        if MARKER in c.out:
            t_ready = now
            r.attach_ms = (now - c.t_exec) * 1e3

    # 2. let it run (and produce events) for a moment, keep draining stdout
    hold_end = time.perf_counter() + hold_s
    while not c.done() and time.perf_counter() < hold_end:
        c.pump(max(0.0, hold_end - time.perf_counter()))

    # 3. SIGINT to the tool (never to the launcher), drain, reap.
    #    Escalation: still running exit_grace_s after SIGINT AND found in
    #    epoll_wait in 10 consecutive samples 50 ms apart (i.e. still idling in
    #    its event loop, it did not act on the signal; a tool busy detaching
    #    hundreds of probes sits in RCU waits, and the final 100 ms drain poll
    #    is too short to match) -> thread states go to the stderr log, second
    #    SIGINT (run flagged "stuck", its exit time left out of the median);
    #    SIGKILL after timeout_s.
    if c.exit is not None:
        r.self_exit = True
    else:
        r.vmhwm_kb = read_vmhwm_kb(c.pid)
        t_sig = time.perf_counter()
        try:
            os.kill(c.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        kill_at = t_sig + timeout_s
        seen = len(c.out)
        idle, last_sample = 0, 0.0
        while not c.done():
            if r.output_ms is None and len(c.out) > seen:
                r.output_ms = (time.perf_counter() - t_sig) * 1e3
            now = time.perf_counter()
            if c.exit is None and not r.stuck and now - t_sig > exit_grace_s \
                    and now - last_sample >= 0.05:
                last_sample = now
                idle = idle + 1 if wchan(c.pid) == "do_epoll_wait" else 0
            if idle >= 10:          # ~0.5 s of consecutive samples in epoll_wait
                idle = 0
                r.stuck = True
                diagnose(c.pid, stderr_path)
                os.kill(c.pid, signal.SIGINT)
            if c.exit is None and now >= kill_at:
                r.error = "no exit after 2x SIGINT; killed"
                os.kill(c.pid, signal.SIGKILL)
                kill_at = float("inf")
            c.pump(0.05)
        r.exit_ms = (c.exit[2] - t_sig) * 1e3
    # drain until both pipes are closed
    while not c.done():
        c.pump(0.05)
    c.close()

    status, r.maxrss_kb, _ = c.exit
    r.status = os.waitstatus_to_exitcode(status)
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


def summarize(rs):
    """Medians over the runs of one tool on one script.

    attach/RSS use every run that printed the marker and exited cleanly;
    exit uses those runs minus the ones that needed a second SIGINT."""
    ok = [r for r in rs if r.attach_ms is not None and not r.error]
    clean = [r for r in ok if not r.stuck and r.exit_ms is not None]
    return {
        "runs": len(rs),
        "attach_ms": [r.attach_ms for r in rs],
        "attaching_ms": [r.attaching_ms for r in rs],
        "exit_ms": [r.exit_ms for r in rs],
        "peak_rss_kb": [r.maxrss_kb for r in rs],
        "vmhwm_before_sigint_kb": [r.vmhwm_kb for r in rs],
        "stuck_flags": [r.stuck for r in rs],
        "self_exit": sum(r.self_exit for r in rs),
        "probes": sorted({r.probes for r in rs if r.probes is not None}),
        "errors": [r.error for r in rs if r.error],
        "stuck": sum(r.stuck for r in rs),
        "attach_med": median(r.attach_ms for r in ok),
        "attach_min": minimum(r.attach_ms for r in ok),
        "attaching_med": median(r.attaching_ms for r in ok),
        "exit_med": median(r.exit_ms for r in clean),
        "output_ms": [r.output_ms for r in rs],
        "output_med": median(r.output_ms for r in clean),
        "rss_med_mb": median(r.maxrss_kb / 1024 for r in ok if r.maxrss_kb),
    }


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


def print_report(results, bpf_closure):
    """The side-by-side table and the target verdicts."""
    def get(row, who, key):
        return row.get(who, {}).get(key)

    print()
    hdr = ("| script | attach ms btc / bpftrace (median) | attach min btc / bpftrace | speedup median (min) "
           "| peak RSS MB btc / bpftrace | ratio | size KB | static | compile ms | exit ms btc / bpftrace |")
    print(hdr)
    print("|" + "|".join(["---"] * (hdr.count("|") - 1)) + "|")
    verdict = {"static": [], "size": [], "attach": [], "rss": [], "compile": []}
    for row in results:
        ab, ap_ = get(row, "btc", "attach_med"), get(row, "bpftrace", "attach_med")
        mb, mp = get(row, "btc", "attach_min"), get(row, "bpftrace", "attach_min")
        rb, rp = get(row, "btc", "rss_med_mb"), get(row, "bpftrace", "rss_med_mb")
        eb, ep = get(row, "btc", "exit_med"), get(row, "bpftrace", "exit_med")
        stuck = get(row, "bpftrace", "stuck")
        cm = median(row["compile_ms"]) if not row.get("compile_error") else None
        size_kb = row["size_bytes"] / 1024 if "size_bytes" in row else None
        sp, spm, rr = ratio(ab, ap_), ratio(mb, mp), ratio(rb, rp)
        print("| %s | %s / %s | %s / %s | %s (%s) | %s / %s | %s | %s | %s | %s | %s / %s%s |" % (
            row["script"] + ("*" if row["bpftrace_script"] != row["script"] + ".bt" else ""),
            fmt(ab), fmt(ap_), fmt(mb), fmt(mp),
            fmt(sp) + "x" if sp else "-", fmt(spm) + "x" if spm else "-",
            fmt(rb, 2), fmt(rp, 1), fmt(rr) + "x" if rr else "-",
            fmt(size_kb, 0), {True: "yes", False: "NO"}.get(row.get("static"), "-"),
            fmt(cm, 0), "exits itself" if (eb is None and get(row, "btc", "self_exit")) else fmt(eb),
            fmt(ep), " (%d stuck)" % stuck if stuck else ""))
        verdict["static"].append(bool(row.get("static")))
        verdict["size"].append(size_kb is not None and size_kb * 1024 < 2 * 1024 * 1024)
        verdict["attach"].append(sp is not None and sp >= 10)
        verdict["rss"].append(rr is not None and rr >= 10)
        verdict["compile"].append(cm is not None and cm < 2000)

    if any(r["bpftrace_script"] != r["script"] + ".bt" for r in results):
        print()
        print("* bpftrace ran NAME.bpftrace.bt (nearest equivalent; bpftrace 0.17 lacks the probe type)")
    if bpf_closure:
        print()
        print("bpftrace footprint: binary %.0f KB; binary + %d shared libs (ldd closure) %.1f MB"
              % (bpf_closure["binary"] / 1024, bpf_closure["libs"], bpf_closure["total"] / 2**20))

    print()
    print("targets (met by how many scripts; attach/RSS ratios on medians):")
    n = len(results)
    names = {"static": "tool fully static", "size": "tool < 2 MiB", "attach": "attach >= 10x faster",
             "rss": "peak RSS >= 10x smaller", "compile": "compile < 2 s"}
    for k, label in names.items():
        met = sum(verdict[k])
        failed = [r["script"] for r, v in zip(results, verdict[k]) if not v]
        print("  %-24s %d/%d %s%s" % (label, met, n, "MET" if met == n else "NOT MET",
                                       (" (fails: %s)" % ", ".join(failed)) if failed else ""))


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
    ap.add_argument("--timeout", type=float, default=180, help="per-phase timeout in seconds (180)")
    ap.add_argument("--exit-grace", type=float, default=5,
                    help="seconds after SIGINT before a tool still idling in epoll_wait gets a second SIGINT (5)")
    ap.add_argument("--only", default="", help="regex: only scripts whose name matches")
    ap.add_argument("--no-bpftrace", action="store_true", help="measure btc only")
    ap.add_argument("--json", help="also write raw results to this file")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (tools, stderr logs)")
    ap.add_argument("--report", metavar="JSON", help="only re-print the table from a --json file")
    args = ap.parse_args()

    if args.report:
        with open(args.report) as f:
            d = json.load(f)
        print("%s; %s CPUs, kernel %s; loadavg start %s, end %s" % (
            d["date"], d["cpus"], d["kernel"], d.get("loadavg_start", "?"), d.get("loadavg_end", "?")))
        print_report(d["results"], d["bpftrace_closure"])
        return

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
    # NAME.bpftrace.bt, when present, is what bpftrace runs in place of
    # NAME.bt (for probe types bpftrace 0.17 lacks); such rows are marked *.
    scripts = sorted(f for f in os.listdir(scripts_dir)
                     if f.endswith(".bt") and not f.endswith(".bpftrace.bt"))
    if args.only:
        scripts = [s for s in scripts if re.search(args.only, s)]

    work = tempfile.mkdtemp(prefix="btc-bench-")
    errlog = os.path.join(work, "stderr.log")
    spawn = os.path.join(work, "spawn")
    cc = os.environ.get("CC", "cc")
    for extra in (["-static"], []):
        if subprocess.run([cc, "-O2", "-Wall"] + extra + ["-o", spawn, os.path.join(HERE, "spawn.c")]).returncode == 0:
            break
    else:
        sys.exit("run.py: cannot compile bench/spawn.c with %s" % cc)

    print("btc:      %s" % btc)
    if bpftrace:
        ver = subprocess.run([bpftrace, "--version"], capture_output=True, text=True).stdout.strip()
        print("bpftrace: %s (%s)" % (bpftrace, ver))
    load_start = loadavg()
    print("kernel:   %s, %d CPUs, loadavg at start %s" % (os.uname().release, os.cpu_count(), load_start))
    print("runs:     btc %d, bpftrace %d, compile %d, hold %.1fs; work dir %s"
          % (args.runs_btc, args.runs_bpftrace, args.compile_runs, args.hold, work))
    print()

    results = []
    for s in scripts:
        name = s[:-3]
        src = os.path.join(scripts_dir, s)
        tool = os.path.join(work, name)
        bpf_src = os.path.join(scripts_dir, name + ".bpftrace.bt")
        if not os.path.exists(bpf_src):
            bpf_src = src
        row = {"script": name, "bpftrace_script": os.path.basename(bpf_src)}
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
                runs["btc"].append(timed_run(spawn, [tool], args.hold, args.timeout, errlog,
                                             args.exit_grace))
            if bpftrace and i < args.runs_bpftrace:
                runs["bpftrace"].append(timed_run(spawn, [bpftrace, bpf_src], args.hold, args.timeout, errlog,
                                                  args.exit_grace))
        for who, rs in runs.items():
            if not rs:
                continue
            row[who] = summarize(rs)
            sm = row[who]
            print("  %-8s attach med %s min %s ms (Attaching line at %s ms) | exit med %s ms "
                  "(first output after SIGINT at %s ms) | peak RSS med %s MB | probes %s%s%s%s"
                  % (who, fmt(sm["attach_med"]), fmt(sm["attach_min"]), fmt(sm["attaching_med"]),
                     fmt(sm["exit_med"]), fmt(sm["output_med"]), fmt(sm["rss_med_mb"], 2), sm["probes"],
                     ("  STUCK after SIGINT: %d/%d" % (sm["stuck"], len(rs))) if sm["stuck"] else "",
                     ("  exited by itself before SIGINT: %d/%d" % (sm["self_exit"], len(rs)))
                     if sm["self_exit"] else "",
                     ("  ERRORS: %s" % "; ".join(sorted(set(sm["errors"])))) if sm["errors"] else ""),
                  flush=True)
        results.append(row)

    # --- bpftrace footprint for context ---------------------------------
    bpf_closure = None
    if bpftrace:
        total, binsz, nlibs = ldd_closure(bpftrace)
        bpf_closure = {"binary": binsz, "total": total, "libs": nlibs}

    load_end = loadavg()
    print()
    print("loadavg at end: %s" % load_end)
    print_report(results, bpf_closure)

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "btc": btc,
                       "bpftrace": bpftrace, "bpftrace_closure": bpf_closure,
                       "cpus": os.cpu_count(), "kernel": os.uname().release,
                       "loadavg_start": load_start, "loadavg_end": load_end,
                       "runs": {"btc": args.runs_btc, "bpftrace": args.runs_bpftrace,
                                "compile": args.compile_runs, "hold_s": args.hold},
                       "results": results}, f, indent=1)
    if args.keep:
        print("\nwork dir kept: %s" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
