#!/usr/bin/env python3
"""Fault and stress tests of produced tools (issue 9): output failures, signals, SIGKILL
cleanup and overload. Each CASE compiles its script with btc and runs the tool on the real
kernel.

Usage: faults.py --btc PATH --flood PATH CASE

CASE is one of:
  full_disk       -o on a 64 KiB tmpfs that fills up while events print, while the maps print
                  at exit (also -f json), and while END's output prints: one error naming the
                  file and "No space left on device", one saying which of END's output and the
                  maps was lost or cut short, status 1
  dev_full        stdout is /dev/full: the same for stdout
  nonblocking_stdout
                  stdout a pipe with O_NONBLOCK and a reader that starts late: the maps at exit
                  fill it, the tool waits (text and -f json), status 0, nothing on stderr
  closed_stdout   `tool >&-`: one error line, status 1; with -o the output still goes to the file
  broken_pipe     `tool | head -n 1` and `tool | true`: the tool ends by itself, status 0,
                  nothing on stderr, no death by SIGPIPE, its -c command stopped
  second_signal   a second SIGINT (or SIGHUP after SIGTERM, or a SIGTERM after exit()) while
                  the maps print into a pipe nobody reads: the tool dies of that signal at once,
                  saying so on stderr
  attach_signal   SIGINT while a wildcard of 1000+ uprobes attaches one link at a time: the
                  tool attaches no more, runs BEGIN and END, never starts its -c command, and
                  ends within 30 s (not after detaching them all, ~0.1 s each on Linux 6.18)
  p_exits_while_loading
                  -p of a process that ends while the tool loads: its uprobe cannot attach
                  (ESRCH), and the tool stops as when the process ends later, status 0
  open_files_limit
                  a wildcard of one link per function under a soft limit of 40 open files: the
                  tool raises its own soft limit and runs; system()'s command gets 40 back
  sigkill_cleanup SIGKILL of a running tool: once it is reaped, none of its BPF programs, links
                  or maps remains (bpftool, by the ids in the tool's /proc/PID/fdinfo), nothing
                  new is pinned under /sys/fs/bpf, and its -c command is gone
  sigkill_system  SIGKILL of a tool waiting for its system() command: the command (the shell,
                  which execs it) gets SIGTERM and ends
  overload        the highest event rate this machine makes (getppid in a loop on every CPU)
                  into a tool printing one line per event: printed + lost = generated exactly,
                  RSS flat within 1 MiB, and SIGINT under the flood ends the tool (< 1 s of
                  its CPU time, < 15 s of wall time, which load on the machine stretches; the
                  figures are printed for bench/README.md). BTC_STRESS_SECONDS (default 45) sets
                  the length of the counted flood.

`--flood` is tests/stress/getppid_flood.c built (SECONDS THREADS COUNT_FILE). Needs root and a
usable BPF; otherwise the case exits 77 (skipped), or fails under BTC_REQUIRE_BPF=1.
"""

import argparse
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# The same check as the case runner's (tests/run_tests.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from run_tests import bpf_problem as bpf_unavailable  # noqa: E402

SKIP = 77


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


class Case:
    def __init__(self, btc, flood, tmp):
        self.btc = btc
        self.flood = flood
        self.tmp = Path(tmp)

    def compile(self, name, script, flags=()):
        src = self.tmp / f"{name}.bt"
        src.write_text(script)
        tool = self.tmp / name
        r = subprocess.run([self.btc, *flags, str(src), "-o", str(tool)], capture_output=True,
                           text=True, timeout=120)
        check(r.returncode == 0, f"btc failed on {name}.bt:\n{r.stderr}")
        return str(tool)

    def flood_command(self, seconds, threads, count_file="/dev/null"):
        return f"{self.flood} {seconds} {threads} {count_file}"


# A tool that prints a line per getppid() of its -c command, and has END output and a map.
LINES_SCRIPT = """\
tracepoint:syscalls:sys_enter_getppid /pid == cpid/
{
  @calls = count();
  printf("%s\\n", "a line of output, one per getppid() call of the command");
}
END { printf("end\\n"); }
"""

# Maps printed at exit that take about 150 KB: more than a 64 KiB tmpfs or a pipe holds.
BIG_MAP_SCRIPT = """\
BEGIN
{
  $i = 0;
  while ($i < 3000) {
    @m[$i, "padding so that every entry takes a long line"] = $i;
    $i++;
  }
  printf("ready\\n");
  EXIT
}
"""


def big_map_script(runs_on):
    # runs_on: the tool waits for a signal after BEGIN; else exit() ends it at once.
    if runs_on:
        return BIG_MAP_SCRIPT.replace("  EXIT\n", "") + "interval:s:1000 { exit(); }\n"
    return BIG_MAP_SCRIPT.replace("  EXIT\n", "  exit();\n")


def wait_exit(proc, seconds, what):
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise Failure(f"{what}: the tool did not end within {seconds} s")


def stderr_lines(text):
    return [line for line in text.splitlines() if line]


def case_full_disk(c):
    mnt = c.tmp / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "btc-full-disk", str(mnt)],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"cannot mount a tmpfs: {r.stderr}")
    try:
        # The disk fills while events print: the tool stops by itself.
        tool = c.compile("fill_events", LINES_SCRIPT)
        out = mnt / "events.txt"
        proc = subprocess.Popen([tool, "-o", str(out), "-c", c.flood_command(0, 1)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            stdout, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise Failure("full disk while running: the tool did not stop within 30 s")
        check(proc.returncode == 1, f"full disk while running: status {proc.returncode}, not 1")
        check(stderr_lines(stderr) == [
            f"fill_events: error: cannot write the output to {out}: No space left on device",
            f"fill_events: error: END's output and the maps were not written to {out}",
        ], f"full disk while running: stderr was:\n{stderr}")
        text = out.read_text()
        check(text.startswith("Attaching 2 probes...\na line of output"),
              f"full disk while running: the file starts with {text[:80]!r}")
        check(os.path.getsize(out) > 32768, "full disk while running: the file is not full")

        # The disk fills while the maps print at exit.
        tool = c.compile("fill_maps", big_map_script(runs_on=False))
        out = mnt / "maps.txt"
        (mnt / "events.txt").unlink()
        r = subprocess.run([tool, "-o", str(out)], capture_output=True, text=True, timeout=60)
        check(r.returncode == 1, f"full disk at exit: status {r.returncode}, not 1")
        check(stderr_lines(r.stderr) == [
            f"fill_maps: error: cannot write the output to {out}: No space left on device",
            f"fill_maps: error: the maps were cut short in {out}",
        ], f"full disk at exit: stderr was:\n{r.stderr}")
        text = out.read_text()
        check(text.startswith("Attaching 1 probe...\nready\n\n\n@m[0, padding"),
              f"full disk at exit: the file starts with {text[:80]!r}")
        out.unlink()

        # -f json, with END's output written before the maps fill the disk: only the maps
        # were cut short.
        tool = c.compile("fill_json", big_map_script(runs_on=False) + 'END { printf("end\\n"); }\n')
        out = mnt / "maps.json"
        r = subprocess.run([tool, "-f", "json", "-o", str(out)], capture_output=True, text=True,
                           timeout=60)
        check(r.returncode == 1, f"full disk at exit, json: status {r.returncode}, not 1")
        check(stderr_lines(r.stderr) == [
            f"fill_json: error: cannot write the output to {out}: No space left on device",
            f"fill_json: error: the maps were cut short in {out}",
        ], f"full disk at exit, json: stderr was:\n{r.stderr}")
        lines = out.read_text().splitlines()
        check(lines[:3] == ['{"type": "attached_probes", "data": {"probes": 2}}',
                            '{"type": "printf", "data": "ready\\n"}',
                            '{"type": "printf", "data": "end\\n"}']
              and lines[3].startswith('{"type": "map", "data": {"@m": {"0,padding'),
              f"full disk at exit, json: the file starts with {lines[:4]!r}")
        out.unlink()

        # END's output fills the disk: it is cut short, and the maps are not written.
        tool = c.compile("fill_end", """\
BEGIN { @x = 1; exit(); }
END
{
  $i = 0;
  while ($i < 1500) {
    printf("%d padding so that every line of END's output is a long one\\n", $i);
    $i++;
  }
}
""")
        out = mnt / "end.txt"
        r = subprocess.run([tool, "-o", str(out)], capture_output=True, text=True, timeout=60)
        check(r.returncode == 1, f"full disk in END: status {r.returncode}, not 1")
        check(stderr_lines(r.stderr) == [
            f"fill_end: error: cannot write the output to {out}: No space left on device",
            f"fill_end: error: END's output was cut short in {out} and the maps were not written",
        ], f"full disk in END: stderr was:\n{r.stderr}")
        check("@x" not in out.read_text(), "full disk in END: the maps were written")
    finally:
        subprocess.run(["umount", str(mnt)])


def case_dev_full(c):
    tool = c.compile("dev_full", 'BEGIN { printf("hello\\n"); exit(); } END { printf("end\\n"); }\n')
    with open("/dev/full", "w") as full:
        # The first line cannot be written: nothing is attached, nothing runs.
        r = subprocess.run([tool], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        check(r.returncode == 1, f"/dev/full: status {r.returncode}, not 1")
        check(stderr_lines(r.stderr) == [
            "dev_full: error: cannot write the output to stdout: No space left on device"],
            f"/dev/full: stderr was:\n{r.stderr}")
        # -q: BEGIN's line is the first to fail; END runs, and its loss is reported.
        r = subprocess.run([tool, "-q"], stdout=full, stderr=subprocess.PIPE, text=True,
                           timeout=60)
        check(r.returncode == 1, f"/dev/full -q: status {r.returncode}, not 1")
        check(stderr_lines(r.stderr) == [
            "dev_full: error: cannot write the output to stdout: No space left on device",
            "dev_full: error: END's output was not written to stdout",
        ], f"/dev/full -q: stderr was:\n{r.stderr}")


def case_nonblocking_stdout(c):
    # stdout a pipe with O_NONBLOCK (set by whoever shares it) and a reader that starts late:
    # the maps at exit (~150 KB) fill the pipe, and the tool waits for the reader (EAGAIN is
    # not a failed output).
    import fcntl
    tool = c.compile("nonblocking", big_map_script(runs_on=False) + 'END { printf("end\\n"); }\n')

    def nonblocking():
        fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK)

    for fmt in ("text", "json"):
        proc = subprocess.Popen([tool, "-f", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=nonblocking)
        time.sleep(1)
        stdout, stderr = proc.communicate(timeout=60)
        check(proc.returncode == 0 and stderr == b"",
              f"O_NONBLOCK stdout, {fmt}: status {proc.returncode}, stderr:\n{stderr.decode()}")
        lines = stdout.decode().splitlines()
        last = ("@m[2999, padding so that every entry takes a long line]: 2999" if fmt == "text"
                else '{"type": "map", "data": {"@m": {')
        check(len(stdout) > 100000 and any(line.startswith(last) for line in lines),
              f"O_NONBLOCK stdout, {fmt}: {len(stdout)} bytes, ending {stdout[-120:]!r}")


def case_closed_stdout(c):
    tool = c.compile("closed", 'BEGIN { printf("hello\\n"); exit(); } END { printf("end\\n"); }\n')
    start = time.monotonic()
    r = subprocess.run(["sh", "-c", 'exec "$0" >&-', tool], stderr=subprocess.PIPE, text=True,
                       timeout=60)
    check(r.returncode == 1, f">&-: status {r.returncode}, not 1")
    check(stderr_lines(r.stderr) == [
        "closed: error: cannot write the output to stdout: Bad file descriptor"],
        f">&-: stderr was:\n{r.stderr}")
    check(time.monotonic() - start < 5, ">&-: the tool did not stop at once")
    # With -o the closed stdout does not matter, and the file does not take its place.
    out = c.tmp / "closed.txt"
    r = subprocess.run(["sh", "-c", 'exec "$0" -o "$1" >&-', tool, str(out)],
                       stderr=subprocess.PIPE, text=True, timeout=60)
    check(r.returncode == 0, f">&- -o: status {r.returncode}, stderr:\n{r.stderr}")
    check(out.read_text() == "Attaching 2 probes...\nhello\nend\n\n\n",
          f">&- -o: the file holds {out.read_text()!r}")


def process_gone(pid):
    # Gone, or a zombie waiting for whoever reaps it now.
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def wait_gone(pid, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process_gone(pid):
            return True
        time.sleep(0.05)
    return process_gone(pid)


def children_of(pid):
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except FileNotFoundError:
            pass
    return found


def wait_for_line(stream, wanted, seconds, what):
    # The reader thread keeps the pipe drained; this returns once `wanted` was read.
    lines = []
    seen = threading.Event()

    def read():
        for line in stream:
            lines.append(line)
            if line.rstrip("\n") == wanted:
                seen.set()
        seen.set()

    t = threading.Thread(target=read, daemon=True)
    t.start()
    check(seen.wait(seconds) and lines and lines[-1].rstrip("\n") == wanted,
          f"{what}: no line {wanted!r} within {seconds} s (read {lines[:5]!r})")
    return t, lines


def case_broken_pipe(c):
    tool = c.compile("pipe", LINES_SCRIPT)
    # The reader takes one line and goes: the tool notices at its next write.
    proc = subprocess.Popen([tool, "-c", c.flood_command(0, 1)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-n", "1"], stdin=proc.stdout, stdout=subprocess.PIPE)
    proc.stdout.close()
    # The command, once the tool started it.
    deadline = time.monotonic() + 10
    command = []
    while not command and time.monotonic() < deadline and proc.poll() is None:
        command = children_of(proc.pid)
        time.sleep(0.01)
    first = head.communicate(timeout=30)[0]
    try:
        stderr = proc.communicate(timeout=30)[1].decode()
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise Failure("| head -n 1: the tool did not stop within 30 s")
    check(first == b"Attaching 2 probes...\n", f"| head -n 1: head read {first!r}")
    check(proc.returncode == 0, f"| head -n 1: status {proc.returncode}, not 0 "
          f"({-proc.returncode if proc.returncode < 0 else 0} is the signal)\nstderr: {stderr}")
    check(stderr == "", f"| head -n 1: stderr was:\n{stderr}")
    check(all(wait_gone(pid, 5) for pid in command), "| head -n 1: the -c command still runs")

    # A reader gone before the first line: nothing is attached.
    r = subprocess.run(["sh", "-c", '"$0" -c "$1" | true', tool, c.flood_command(0, 1)],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0 and r.stderr == "", f"| true: status {r.returncode}, stderr:\n{r.stderr}")


def case_second_signal(c):
    tool = c.compile("twice", big_map_script(runs_on=True))
    # exit() began the stop: the first signal during it is the second stop.
    (c.tmp / "exits").mkdir()
    exits = Case(c.btc, c.flood, c.tmp / "exits").compile("twice", big_map_script(runs_on=False))
    for first, second in ((signal.SIGINT, signal.SIGINT), (signal.SIGTERM, signal.SIGHUP),
                          (None, signal.SIGTERM)):
        what = f"{first.name} then {second.name}" if first else f"exit() then {second.name}"
        proc = subprocess.Popen([tool if first else exits], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            ready = time.monotonic() + 30
            line = ""
            while line != "ready\n" and time.monotonic() < ready:
                line = proc.stdout.readline()
                check(line != "", f"{what}: the tool ended before BEGIN was done")
            # The maps at exit do not fit in the pipe, which is no longer read: the exit is slow.
            if first:
                proc.send_signal(first)
            time.sleep(1)
            check(proc.poll() is None, f"{what}: the tool ended without waiting for its reader")
            sent = time.monotonic()
            proc.send_signal(second)
            wait_exit(proc, 5, what)
            took = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stderr = proc.stderr.read()
        check(proc.returncode == -second, f"{what}: status {proc.returncode}, not death by "
              f"{second.name}\nstderr: {stderr}")
        check(stderr_lines(stderr) == ["twice: stopping at once, without the rest of the output"],
              f"{what}: stderr was:\n{stderr}")
        check(took < 2, f"{what}: the tool took {took:.2f} s to end after the second signal")
        print(f"{what}: ended {took * 1000:.0f} ms after the second signal")


def case_attach_signal(c):
    # A wildcard of a thousand and more uprobes, one link each (no uprobe_multi), on a copy of
    # bash of the test's own: on Linux 6.18 each uprobe's detach waits for an RCU grace period
    # (~0.1 s), so a tool that went on attaching after the signal would take minutes to end.
    bash = c.tmp / "bash"
    bash.write_bytes(Path("/bin/bash").read_bytes())
    bash.chmod(0o755)
    ran = c.tmp / "command-ran"
    tool = c.compile("attaching", f"""\
config = {{ max_probes = 100000 }}
BEGIN {{ printf("begin\\n"); }}
uprobe:{bash}:* {{ @[probe] = count(); }}
END {{ printf("end\\n"); }}
""")
    proc = subprocess.Popen([tool, "--no-feature", "uprobe_multi", "-c", f"touch {ran}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        # The line comes just before the first attach.
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        try:
            stdout, stderr = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            raise Failure("SIGINT while attaching: the tool did not end within 30 s")
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    m = re.fullmatch(r"Attaching (\d+) probes...\n", first)
    check(m and int(m.group(1)) > 1000, f"SIGINT while attaching: the first line was {first!r}")
    check(proc.returncode == 0 and stderr == "",
          f"SIGINT while attaching: status {proc.returncode}, stderr:\n{stderr}")
    # BEGIN and END run; the command, which would have run after BEGIN, does not.
    check(stdout.startswith("begin\nend\n"), f"SIGINT while attaching: stdout was {stdout!r}")
    check(not ran.exists(), "SIGINT while attaching: the -c command ran")
    print(f"SIGINT while attaching {m.group(1)} uprobes: ended in {took * 1000:.0f} ms")


def case_p_exits_while_loading(c):
    # -p's process is there when the tool starts and gone (reaped) when its uprobe attaches:
    # a BEGIN that takes the verifier a few hundred milliseconds holds the attach back. The
    # tool stops as when the process ends later (BEGIN, END, maps, status 0), without an
    # attach error.
    bash = c.tmp / "bash"
    bash.write_bytes(Path("/bin/bash").read_bytes())
    bash.chmod(0o755)
    tool = c.compile("p_gone", f"""\
BEGIN {{ $i = 0; while ($i < 45000) {{ @m[$i % 3] = 1; $i++; }} }}
uprobe:{bash}:readline {{ @r = count(); }}
END {{ printf("end\\n"); }}
""")
    for _ in range(3):
        # The shell reaps it: a zombie would still take the uprobe.
        sh = subprocess.Popen(["sh", "-c", f'"{bash}" -c "sleep 0.1; true" & echo $!; wait'],
                              stdout=subprocess.PIPE, text=True)
        pid = sh.stdout.readline().strip()
        try:
            r = subprocess.run([tool, "-p", pid], capture_output=True, text=True, timeout=60)
        finally:
            sh.wait()
        check(r.returncode == 0 and r.stderr == "",
              f"-p process gone at attach: status {r.returncode}, stderr:\n{r.stderr}")
        check(r.stdout.startswith("Attaching 3 probes...\nend\n") and "@m[2]: 1" in r.stdout,
              f"-p process gone at attach: stdout was {r.stdout!r}")


def case_open_files_limit(c):
    # A wildcard attached one link per function under a soft limit of 40 open files: the tool
    # raises its soft limit (to the hard one at most) for the links, as current bpftrace does,
    # and system()'s command gets the limit back.
    import resource
    bash = c.tmp / "bash"
    bash.write_bytes(Path("/bin/bash").read_bytes())
    bash.chmod(0o755)
    tool = c.compile("nofile", f"""\
BEGIN {{ system("ulimit -Sn"); }}
uprobe:{bash}:h* {{ @ = count(); }}
interval:ms:100 {{ exit(); }}
""", flags=["--unsafe"])
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < 400:
        raise Failure(f"the hard limit of open files is {hard}: too low for this case")

    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (40, hard))

    r = subprocess.run([tool, "--no-feature", "uprobe_multi"], capture_output=True, text=True,
                       timeout=120, preexec_fn=low_limit)
    check(r.returncode == 0 and r.stderr == "",
          f"40 open files: status {r.returncode}, stderr:\n{r.stderr}")
    lines = r.stdout.splitlines()
    m = re.fullmatch(r"Attaching (\d+) probes...", lines[0] if lines else "")
    check(m and int(m.group(1)) > 30, f"40 open files: stdout was {r.stdout!r}")
    check(lines[1:2] == ["40"], f"40 open files: system()'s command saw the limit {lines[1:2]}")


def fd_ids(pid):
    # The ids of the BPF objects the process holds, from the fdinfo of its descriptors.
    ids = {"prog": set(), "map": set(), "link": set()}
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
            info = (Path(f"/proc/{pid}/fdinfo") / fd.name).read_text()
        except OSError:
            continue
        kind = {"anon_inode:bpf-prog": "prog", "anon_inode:bpf-map": "map",
                "anon_inode:bpf_link": "link"}.get(target)
        if kind:
            m = re.search(rf"^{kind}_id:\s*(\d+)", info, re.M)
            if m:
                ids[kind].add(int(m.group(1)))
    return ids


def bpftool_objects(kind):
    r = subprocess.run(["bpftool", "-j", kind, "show"], capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, f"bpftool {kind} show failed: {r.stderr}")
    return {o["id"]: o for o in json.loads(r.stdout or "[]")}


def pinned():
    root = Path("/sys/fs/bpf")
    return {str(p) for p in root.rglob("*")} if root.is_dir() else set()


def case_sigkill_cleanup(c):
    # BEGIN/END (raw_tp, test-run), a tracepoint and a perf event (links), maps, ring buffer.
    tool = c.compile("killed", """\
BEGIN { printf("ready\\n"); }
tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { @calls = count(); printf("call\\n"); }
interval:ms:100 { @ticks = count(); }
END { printf("end\\n"); }
""")
    pins_before = pinned()
    proc = subprocess.Popen([tool, "-c", c.flood_command(0, 1)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for_line(proc.stdout, "ready", 30, "SIGKILL")
        time.sleep(0.5)
        ids = fd_ids(proc.pid)
        command = children_of(proc.pid)
        live = {kind: bpftool_objects(kind) for kind in ids}
        names = sorted(live["prog"][i]["name"] for i in ids["prog"] if i in live["prog"])
        check(len(ids["prog"]) >= 4 and ids["map"] and len(ids["link"]) >= 2,
              f"SIGKILL: the running tool holds {ids}, expected 4+ programs, maps, 2+ links")
        check(all(i in live[kind] for kind in ids for i in ids[kind]),
              f"SIGKILL: bpftool does not show all of {ids}")
        check(len(command) == 1, f"SIGKILL: the tool's children are {command}")
    finally:
        proc.kill()
        proc.wait()
    check(proc.returncode == -signal.SIGKILL, f"SIGKILL: status {proc.returncode}")
    # Programs and maps are freed after an RCU grace period, maps from a work queue.
    deadline = time.monotonic() + 10
    while True:
        left = {kind: sorted(ids[kind] & set(bpftool_objects(kind))) for kind in ids}
        if not any(left.values()) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    check(not any(left.values()), f"SIGKILL: still loaded after the tool was reaped: {left} "
          f"(its programs: {names})")
    check(pinned() - pins_before == set(),
          f"SIGKILL: new under /sys/fs/bpf: {sorted(pinned() - pins_before)}")
    check(all(wait_gone(pid, 5) for pid in command), "SIGKILL: the -c command still runs")
    print(f"SIGKILL: {len(ids['prog'])} programs ({', '.join(names)}), {len(ids['link'])} links "
          f"and {len(ids['map'])} maps gone")


def case_sigkill_system(c):
    # system() waits for its command; a tool killed meanwhile does not leave it running.
    tool = c.compile("system", """\
BEGIN { printf("ready\\n"); system("exec sleep 1000"); }
END { printf("end\\n"); }
""", flags=["--unsafe"])
    proc = subprocess.Popen([tool], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_line(proc.stdout, "ready", 30, "SIGKILL during system()")
        deadline = time.monotonic() + 10
        command = []
        while not command and time.monotonic() < deadline:
            command = children_of(proc.pid)
            time.sleep(0.05)
        check(len(command) == 1, f"SIGKILL during system(): the tool's children are {command}")
    finally:
        proc.kill()
        proc.wait()
    check(wait_gone(command[0], 5), "SIGKILL during system(): its command still runs")


FLOOD_SCRIPT = 'tracepoint:syscalls:sys_enter_getppid /pid == cpid/ { printf("x\\n"); }\n'


class Counter:
    """Reads a tool's stdout: lines "x" (one per event), "Lost N events", and the rest."""

    def __init__(self, stream):
        self.stream = stream
        self.printed = 0
        self.lost = 0
        self.other = []
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        tail = b""
        while True:
            chunk = self.stream.read1(1 << 20)
            if not chunk:
                break
            lines = (tail + chunk).split(b"\n")
            tail = lines.pop()
            n = lines.count(b"x")
            self.printed += n
            if n != len(lines):
                for line in lines:
                    m = re.fullmatch(rb"Lost (\d+) events", line)
                    if m:
                        self.lost += int(m.group(1))
                    elif line != b"x":
                        self.other.append(line.decode(errors="replace"))
        if tail:
            self.other.append(tail.decode(errors="replace"))


def rss_kib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return None
    m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) if m else None


def cpu_seconds(pid):
    # User and system time of the process's threads (not of its children), also of a zombie.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_unreaped(pid, seconds):
    # Whether the process ended within `seconds`; it stays a zombie for the caller to reap.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG)
        if info is not None:
            return True
        time.sleep(0.01)
    return False


def counted_flood(c, tool, seconds, threads, what, env=None):
    # The command's calls are its events, all of which the tool sees.
    count_file = c.tmp / "calls.txt"
    proc = subprocess.Popen([tool, "-c", c.flood_command(seconds, threads, count_file)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, **(env or {})))
    counter = Counter(proc.stdout)
    start = time.monotonic()
    samples = []
    while proc.poll() is None and time.monotonic() - start < seconds + 60:
        rss = rss_kib(proc.pid)
        # From one second in: by then every buffer of the steady state exists.
        if rss is not None and time.monotonic() - start >= 1:
            samples.append(rss)
        time.sleep(0.25)
    wait_exit(proc, 30, what)
    counter.thread.join(30)
    stderr = proc.stderr.read().decode()
    check(proc.returncode == 0, f"{what}: status {proc.returncode}\nstderr: {stderr}")
    check([line for line in counter.other if line] == ["Attaching 1 probe..."],
          f"{what}: unexpected output lines {counter.other[:10]}")
    generated = int(count_file.read_text())
    print(f"{what}: {threads} threads, {seconds:.0f} s: {generated} events "
          f"({generated / seconds:,.0f}/s), {counter.printed} printed, {counter.lost} lost "
          f"({100.0 * counter.lost / max(generated, 1):.1f}%)")
    check(counter.printed + counter.lost == generated,
          f"{what}: printed {counter.printed} + lost {counter.lost} = "
          f"{counter.printed + counter.lost}, but the command made {generated} calls")
    check(len(samples) >= 2, f"{what}: too few RSS samples ({samples})")
    growth = max(samples) - samples[0]
    print(f"{what}: RSS {samples[0]} KiB after 1 s, at most {max(samples)} KiB, "
          f"{samples[-1]} KiB at the end ({len(samples)} samples)")
    check(growth <= 1024, f"{what}: RSS grew by {growth} KiB (from {samples[0]} KiB)")
    return counter


def case_overload(c):
    seconds = float(os.environ.get("BTC_STRESS_SECONDS", "45"))
    threads = os.cpu_count() or 1
    tool = c.compile("flood", FLOOD_SCRIPT)
    counted_flood(c, tool, seconds * 2 / 3, threads, "overload")
    # A ring buffer of one page cannot hold what arrives while the tool waits for a CPU: the
    # losses must add up too.
    counter = counted_flood(c, tool, seconds / 3, threads, "overload, 1-page ring",
                            {"BPFTRACE_PERF_RB_PAGES": "1"})
    check(counter.lost > 0, "overload, 1-page ring: no event was lost")

    # SIGINT in the middle of a flood.
    proc = subprocess.Popen([tool, "-c", c.flood_command(0, threads)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    counter = Counter(proc.stdout)
    deadline = time.monotonic() + 30
    while counter.printed < 10000 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    check(counter.printed >= 10000, "overload: the flood does not reach the tool")
    time.sleep(2)
    cpu_before = cpu_seconds(proc.pid)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    # Waited for without reaping, so that the zombie's CPU time can still be read.
    exited = wait_unreaped(proc.pid, 30)
    took = time.monotonic() - sent
    cpu = cpu_seconds(proc.pid) - cpu_before if exited else None
    wait_exit(proc, 30, "SIGINT under a flood")
    counter.thread.join(30)
    stderr = proc.stderr.read().decode()
    check(exited, "SIGINT under a flood: the tool did not end within 30 s")
    print(f"overload: SIGINT under the flood ended the tool in {took * 1000:.0f} ms "
          f"({cpu * 1000:.0f} ms of its CPU time)")
    check(proc.returncode == 0, f"SIGINT under a flood: status {proc.returncode}\n{stderr}")
    # What the tool does after the signal (drain what was sent, END, maps, detach, stop the
    # command) is bounded by its CPU time; the wall time also counts the waits for a CPU, the
    # reader and the command, which another load on the machine stretches: a generous bound.
    check(cpu < 1, f"SIGINT under a flood: the tool used {cpu:.2f} s of CPU time to end")
    check(took < 15, f"SIGINT under a flood: the tool took {took:.2f} s to end")


CASES = {
    "full_disk": case_full_disk,
    "dev_full": case_dev_full,
    "closed_stdout": case_closed_stdout,
    "nonblocking_stdout": case_nonblocking_stdout,
    "broken_pipe": case_broken_pipe,
    "second_signal": case_second_signal,
    "attach_signal": case_attach_signal,
    "p_exits_while_loading": case_p_exits_while_loading,
    "open_files_limit": case_open_files_limit,
    "sigkill_cleanup": case_sigkill_cleanup,
    "sigkill_system": case_sigkill_system,
    "overload": case_overload,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--btc", required=True)
    parser.add_argument("--flood", required=True)
    parser.add_argument("case", choices=sorted(CASES))
    args = parser.parse_args()
    why = bpf_unavailable()
    if why:
        if os.environ.get("BTC_REQUIRE_BPF") == "1":
            print(f"FAIL stress/{args.case}: no usable BPF ({why}) but BTC_REQUIRE_BPF=1")
            return 1
        print(f"skip stress/{args.case} ({why})")
        return SKIP
    with tempfile.TemporaryDirectory(prefix=f"btc-stress-{args.case}-") as tmp:
        try:
            CASES[args.case](Case(os.path.abspath(args.btc), os.path.abspath(args.flood), tmp))
        except Failure as e:
            print(f"FAIL stress/{args.case}: {e}")
            return 1
    print(f"ok stress/{args.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
