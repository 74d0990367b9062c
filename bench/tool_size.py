#!/usr/bin/env python3
"""Size and compile time of the tools btc produces (issue 6: size <= 2 MB, compile <= 1 s).

    bench/tool_size.py [--runs 5] [--compare LABEL=BTC ...] [--json FILE]

Each script is compiled `--runs` times by every btc (build/bin/btc, env BTC, labelled "btc",
and each --compare LABEL=BTC), the builds of one round in a shuffled order so a change in the
machine's load affects all of them alike. Figures: the tool's file size in bytes (btc strips by
default), its loadable sections (`size -A`: text = .text, rodata = .rodata, unwind =
.eh_frame + .gcc_except_table, data = the writable sections kept in the file), and the wall
time of `btc script.bt -o tool` and its CPU time (btc and everything it runs: Clang in
btc-compile, bpftool, c++, gold), median (min). Sizes do not depend on load; times do.

Scripts: begin_only, kstruct_curtask (kernel structs through CO-RE), tp_wildcard_syscalls
(361 tracepoints) from bench/scripts, and uprobe_ustack, written here: a uprobe on a libc
function nothing here calls, keyed by ustack and usym, so the tool links the user-space
symbolizer. Nothing runs the tools. Python 3 standard library only.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

UPROBE_USTACK = ('BEGIN { printf("BENCH_READY\\n"); }\n'
                 'uprobe:libc:getgrouplist { @[ustack(3), usym(reg("ip"))] = count(); }\n')
SCRIPTS = ["begin_only", "kstruct_curtask", "uprobe_ustack", "tp_wildcard_syscalls"]
LIMIT = 2_000_000


def sections(path):
    """The tool's loadable sections grouped as the table shows them."""
    out = subprocess.run(["size", "-A", path], capture_output=True, text=True, check=True).stdout
    groups = {"text": 0, "rodata": 0, "unwind": 0, "data": 0}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
            continue
        name, size, addr = parts[0], int(parts[1]), int(parts[2])
        if addr == 0 or name in (".bss", ".tbss"):
            continue
        if name == ".text":
            groups["text"] += size
        elif name == ".rodata":
            groups["rodata"] += size
        elif name in (".eh_frame", ".gcc_except_table"):
            groups["unwind"] += size
        elif name.startswith((".data", ".tdata", ".got", ".init_array", ".fini_array",
                              "__libc")):
            groups["data"] += size
    return groups


def compile_once(btc, script, out):
    """(wall ms, CPU ms) of one compile; the CPU time includes every process btc ran."""
    start = time.monotonic()
    proc = subprocess.Popen([btc, script, "-o", out], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = (time.monotonic() - start) * 1000
    if proc.returncode != 0:
        sys.exit(f"{btc} {script} failed:\n{output.decode(errors='replace')}")
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="compiles per script and btc")
    ap.add_argument("--compare", action="append", default=[], metavar="LABEL=BTC",
                    help="another btc build, measured in the same rounds")
    ap.add_argument("--json", help="write the raw figures here")
    args = ap.parse_args()

    btcs = {"btc": os.environ.get("BTC", os.path.join(REPO, "build", "bin", "btc"))}
    for item in args.compare:
        label, _, path = item.partition("=")
        if not path:
            sys.exit(f"--compare wants LABEL=BTC, not {item!r}")
        btcs[label] = path

    work = tempfile.mkdtemp(prefix="btc-tool-size-")
    paths = {name: os.path.join(HERE, "scripts", name + ".bt") for name in SCRIPTS}
    paths["uprobe_ustack"] = os.path.join(work, "uprobe_ustack.bt")
    with open(paths["uprobe_ustack"], "w") as f:
        f.write(UPROBE_USTACK)

    results = {label: {name: {"ms": [], "cpu_ms": []} for name in SCRIPTS} for label in btcs}
    for round_ in range(args.runs):
        builds = [(label, name) for label in btcs for name in SCRIPTS]
        random.shuffle(builds)
        for label, name in builds:
            tool = os.path.join(work, f"{label}-{name}")
            ms, cpu_ms = compile_once(btcs[label], paths[name], tool)
            entry = results[label][name]
            entry["ms"].append(ms)
            entry["cpu_ms"].append(cpu_ms)
            entry["bytes"] = os.path.getsize(tool)
            entry["sections"] = sections(tool)
            print(f"round {round_ + 1} {label:8} {name:22} {entry['bytes']:>9} B {ms:7.1f} ms {cpu_ms:7.1f} ms CPU",
                  flush=True)

    print()
    print("| script | btc | bytes | MB | text | rodata | unwind | data | compile ms median (min) | compile CPU ms median (min) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in SCRIPTS:
        for label in btcs:
            e = results[label][name]
            s = e["sections"]
            print(f"| {name} | {label} | {e['bytes']:,} | {e['bytes'] / 1e6:.2f} | {s['text']:,} | "
                  f"{s['rodata']:,} | {s['unwind']:,} | {s['data']:,} | "
                  f"{statistics.median(e['ms']):.0f} ({min(e['ms']):.0f}) | "
                  f"{statistics.median(e['cpu_ms']):.0f} ({min(e['cpu_ms']):.0f}) |")
    over = [(label, name) for label in btcs for name in SCRIPTS
            if results[label][name]["bytes"] >= LIMIT]
    print()
    print("size < 2,000,000 B: " + ("met for every tool" if not over else
                                     "NOT met: " + ", ".join(f"{n} ({l})" for l, n in over)))
    print("load average: %.2f %.2f %.2f" % os.getloadavg())
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"btc": btcs, "runs": args.runs, "results": results,
                       "loadavg": os.getloadavg()}, f, indent=1)


if __name__ == "__main__":
    main()
