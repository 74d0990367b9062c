#!/usr/bin/env python3
"""Size of the BPF code btc generates, side by side with bpftrace 0.17 (issue 9).

For each script, the btc tool (compiled here with build/bin/btc, env BTC) and bpftrace (PATH,
env BPFTRACE) run in turn until BEGIN prints BENCH_READY. While the tool runs, the programs it
holds are found through its open file descriptors (/proc/PID/fdinfo of each `bpf-prog` fd,
`prog_id:`), so programs of other tools on the machine never count, and `bpftool prog show id N`
gives each one's name, xlated and JITed bytes. Instructions = xlated bytes / 8 (a 64-bit
immediate load counts twice, as in `bpftool prog dump xlated`). The table sums the probe
programs (BEGIN and END left out: they run once). Root only. Python 3 standard library only.
Sizes do not depend on load, so one run per tool is enough; never asserted in tests.
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

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

SCRIPTS = [
    ("tp_openat_count", "count by comm"),
    ("size_hist_stats", "hist + stats"),
    ("size_lhist_sum", "lhist + sum"),
    ("str_openat_printf", "printf only"),
    ("size_filter_count_printf", "filter + count + printf"),
]

# The once-only probes' programs: bpftrace 0.17 names them after the probe, btc `btc_beginN`.
ONCE = re.compile(r"^(BEGIN|END|btc_begin\d*|btc_end\d*)$")


def prog_ids(pid):
    ids = []
    fd_dir = f"/proc/{pid}/fd"
    for fd in os.listdir(fd_dir):
        try:
            if os.readlink(f"{fd_dir}/{fd}") != "anon_inode:bpf-prog":
                continue
            with open(f"/proc/{pid}/fdinfo/{fd}") as f:
                for line in f:
                    if line.startswith("prog_id:"):
                        ids.append(int(line.split()[1]))
        except OSError:
            continue
    return sorted(set(ids))


def prog_info(prog_id):
    out = subprocess.run(["bpftool", "prog", "show", "id", str(prog_id), "-j"],
                         capture_output=True, text=True, check=True).stdout
    info = json.loads(out)
    return {"id": prog_id, "name": info.get("name", ""), "tag": info.get("tag", ""),
            "type": info.get("type", ""), "xlated": info.get("bytes_xlated", 0),
            "jited": info.get("bytes_jited", 0)}


def measure(cmd, timeout, dump=None):
    """Starts `cmd`, waits for BENCH_READY, returns the programs it holds, then stops it.
    With `dump` (a path prefix), each program's `bpftool prog dump xlated` goes to a file."""
    tool = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    seen = b""
    deadline = time.time() + timeout
    os.set_blocking(tool.stdout.fileno(), False)
    try:
        while b"BENCH_READY" not in seen:
            if time.time() > deadline or tool.poll() is not None:
                raise RuntimeError(f"{cmd[0]}: no BENCH_READY (status {tool.poll()}): "
                                   + tool.stderr.read().decode(errors="replace")[-500:])
            try:
                chunk = os.read(tool.stdout.fileno(), 65536)
                seen = (seen + chunk)[-4096:]
            except BlockingIOError:
                time.sleep(0.02)
        progs = [prog_info(i) for i in prog_ids(tool.pid)]
        for p in progs if dump else []:
            with open(f"{dump}.{p['name']}.xlated", "w") as f:
                subprocess.run(["bpftool", "prog", "dump", "xlated", "id", str(p["id"])],
                               stdout=f, check=True)
        return progs
    finally:
        tool.send_signal(signal.SIGINT)
        try:
            tool.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            tool.kill()
            tool.communicate()


def probe_progs(progs):
    return [p for p in progs if not ONCE.match(p["name"])]


def totals(progs):
    probes = probe_progs(progs)
    return {"xlated": sum(p["xlated"] for p in probes), "jited": sum(p["jited"] for p in probes),
            "insns": sum(p["xlated"] for p in probes) // 8, "programs": len(probes)}


def report(results):
    lines = ["| script | insns btc / bpftrace | xlated B btc / bpftrace | ratio | "
             "JIT B btc / bpftrace | ratio |", "|---|---|---|---|---|---|"]
    sums = {"btc": [0, 0], "bpftrace": [0, 0]}
    for name, what in SCRIPTS:
        if name not in results:
            continue
        b, t = results[name]["btc"]["total"], results[name]["bpftrace"]["total"]
        for tool, tot in (("btc", b), ("bpftrace", t)):
            sums[tool][0] += tot["xlated"]
            sums[tool][1] += tot["jited"]
        lines.append(f"| {name} ({what}) | {b['insns']} / {t['insns']} | "
                     f"{b['xlated']} / {t['xlated']} | {b['xlated'] / t['xlated']:.2f}x | "
                     f"{b['jited']} / {t['jited']} | {b['jited'] / t['jited']:.2f}x |")
    (bx, bj), (tx, tj) = sums["btc"], sums["bpftrace"]
    if tx and tj:
        lines.append(f"| **all five** | {bx // 8} / {tx // 8} | {bx} / {tx} | {bx / tx:.2f}x | "
                     f"{bj} / {tj} | {bj / tj:.2f}x |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", help="script names (default: the five)")
    ap.add_argument("--no-bpftrace", action="store_true",
                    help="btc only; bpftrace's figures from --baseline")
    ap.add_argument("--baseline", help="a JSON of an earlier run, for bpftrace's figures")
    ap.add_argument("--json", help="write the raw figures here")
    ap.add_argument("--report", help="print the table of a JSON written by --json")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--dump", help="a directory for each program's xlated listing")
    args = ap.parse_args()
    if args.report:
        with open(args.report) as f:
            print(report(json.load(f)["results"]))
        return
    if os.geteuid() != 0:
        sys.exit("code_size.py: run as root")
    btc = os.environ.get("BTC", os.path.join(REPO, "build/bin/btc"))
    bpftrace = os.environ.get("BPFTRACE", shutil.which("bpftrace") or "bpftrace")
    baseline = {}
    if args.baseline:
        with open(args.baseline) as f:
            baseline = json.load(f)["results"]
    names = args.only or [n for n, _ in SCRIPTS]
    results = {}
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="btc-code-size-") as work:
        for name in names:
            script = os.path.join(HERE, "scripts", name + ".bt")
            tool = os.path.join(work, name)
            subprocess.run([btc, script, "-o", tool], check=True)
            dump = os.path.join(args.dump, name) if args.dump else None
            entry = {"btc": {"progs": measure([tool], args.timeout, dump and dump + ".btc")}}
            if args.no_bpftrace:
                entry["bpftrace"] = baseline[name]["bpftrace"]
            else:
                entry["bpftrace"] = {
                    "progs": measure([bpftrace, script], args.timeout, dump and dump + ".bpftrace")}
            for tool_name in ("btc", "bpftrace"):
                entry[tool_name]["total"] = totals(entry[tool_name]["progs"])
            results[name] = entry
            for tool_name in ("btc", "bpftrace"):
                for p in entry[tool_name]["progs"]:
                    print(f"{name:26} {tool_name:8} {p['name']:16} {p['type']:12} "
                          f"xlated {p['xlated']:6} jited {p['jited']:6}", file=sys.stderr)
    print(report(results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                       "kernel": os.uname().release, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
