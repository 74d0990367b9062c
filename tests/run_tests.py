#!/usr/bin/env python3
"""Runs btc's script test cases: end-to-end, differential, bad-input and lowering.

Usage: run_tests.py --btc PATH [-j N] [--update] [--json] [--cases DIR] KIND [NAME...]

KIND is one of:
  e2e     tests/e2e/cases/NAME.bt: compile with btc, run the tool (optionally
          with a workload and a signal) and check its output against the
          directives in the script's leading `//` comment lines (see below).
  diff    tests/diff/NAME.bt: run the script through bpftrace and through the
          btc-compiled tool (`bpftrace NAME.bt -- ARGS`, `tool ARGS`, ARGS from an
          optional `// ARGS:` line); both must exit 0 and their stdout must be
          byte-identical once the first line ("Attaching N probes...") of each
          is dropped. bpftrace's stderr is only shown when bpftrace fails.
          Where bpftrace 0.17 is wrong (docs/differences.md), the case says so
          with `// EXPECT-DIFFERENT: reason`: btc's stdout (first line dropped)
          must then equal NAME.expected exactly, and bpftrace's must differ from
          it; bpftrace's output is shown for information. --update rewrites the
          .expected files of such cases from btc's current output. `// UNSAFE:`
          (no value) gives --unsafe to both bpftrace and btc (system(), ...).
          `// FLAGS: -kk` gives run options (shell-split) to both bpftrace and
          the tool, before the script's arguments (`bpftrace FLAGS NAME.bt`,
          `tool FLAGS ARGS`): options the two spell alike (-k, -kk, -q, -B).
          bpftrace runs in the case's temp directory on a copy of the script
          named NAME.bt, so that the locations of -k's reports read alike.
          `// ENV: NAME=value` (one per line) sets an environment variable of
          both runs (BPFTRACE_MAP_KEYS_MAX=1, PATH={TARGETS}:..., ...), not of
          btc.
          With --json, both run with `-f json` (bpftrace's NDJSON); there a
          case with EXPECT-DIFFERENT, or with `// JSON-DIFFERENT: reason` (a
          case where only 0.17's JSON is wrong), compares btc's stdout with
          NAME.json.expected instead (--update --json rewrites it), and a
          case with `// TEXT-ONLY: reason` (its JSON output depends on the
          host, and another case covers it) passes without running.
          With `// RUN: shell command`, each run gets that workload once the
          script's BEGIN printed its first line (BEGIN runs once every probe
          is attached, in both); the script must then end by itself.
  errors  tests/errors/NAME.bt + NAME.err: `btc NAME.bt` (run in tests/errors)
          must exit with status 1 and print exactly NAME.err on stderr.
          --update rewrites the .err files from the current output.
  lower   tests/lower/NAME.bt + NAME.c: `btc --emit-c NAME.bt` (run in
          tests/lower) must exit 0, its output must start with the prelude
          (templates/prelude.bpf.h) unchanged, and what follows the prelude must
          be exactly NAME.c. --update rewrites the .c files (see
          tests/lower/README.md). A leading `// NEEDS: tracefs` (or `btf`)
          line skips the case where the kernel's tracefs (or BTF) cannot be read.

Without NAMEs every case of KIND runs. Prints `ok KIND/NAME`, `FAIL KIND/NAME`
(followed by details) or `skip KIND/NAME (reason)` per case, then a summary
`N passed, M failed[, K skipped]`. Exit status: 0 if nothing failed, 77 if every
case was skipped, 1 otherwise.

e2e and diff need a usable BPF (root, /sys/kernel/btf/vmlinux, a working
`bpftool prog`); diff also needs bpftrace. Without them those cases are skipped,
unless BTC_REQUIRE_BPF=1, which turns every skip into a failure.

Directives are read from the script's leading `//` lines only (blank lines among
them are allowed). A case is rejected (FAIL, "bad case: ...", checked before
anything runs, also where BPF is unavailable) when a line `// WORD:` with an
upper-case WORD is not a directive of its kind, when a directive-looking line
comes after the leading lines (below a /* */ comment or in the code, where it
would never be read), or, for e2e, when the case asserts nothing about output
(it needs EXPECT, EXPECT-RE, NOT-EXPECT-RE, STDERR-RE, NOT-STDERR-RE or
COMPILE-STDERR-RE) or
has directives that would not be checked (tool directives with COMPILE-STATUS,
CHECK-FILE without EXPECT*).

e2e directives:
  // ARGS: a 'b c'            arguments for the tool (shell-split)
  // TOOL-FLAGS: -q           tool options placed before ARGS (shell-split)
  // START: shell command     a process started with /bin/sh -c before the tool
                              (for -p: use exec so that {START_PID} is the
                              command's own pid; the tool starts once it
                              printed a line or ended, or after 10 s: print
                              a line once ready); killed after the tool
  // ENV: NAME=value          an environment variable of btc and of the tool (one per
                              line)
  // RUN: shell command       workload, run with /bin/sh -c once the tool is
                              ready: blocked waiting for events (probes
                              attached, BEGIN done), or after 30 s (or at
                              TIMEOUT)
  // SIGNAL: INT 0.5          send SIGINT (or TERM, ...) 0.5 s after ready, but
                              not before the workload finished; without it the
                              tool must stop by itself
  // TIMEOUT: 10              seconds for the whole run (default 10)
  // STATUS: 0                expected exit status of the tool (default 0)
  // EXPECT: text             a line equal to text (trailing blanks count)
  // EXPECT-RE: regex         a line fully matching regex
                              (EXPECT and EXPECT-RE lines must be found in order)
  // NOT-EXPECT-RE: regex     no output line may contain a match of regex
  // STDERR-RE: regex         some stderr line must contain a match of regex
  // NOT-STDERR-RE: regex     no stderr line may contain a match of regex
  // CHECK-FILE: name         check EXPECT* against the file {TMP}/name instead
                              of stdout (for `TOOL-FLAGS: -o {TMP}/name`)
  // COMPILE-FLAGS: -I {DIR}  btc options placed before the script (shell-split;
                              {DIR} is the case's directory)
  // COMPILE-STATUS: 1        expect btc itself to exit with this status; the
                              tool is not run
  // COMPILE-STDERR-RE: regex some line of btc's stderr must contain a match
                              of regex (also when btc succeeds)
`{TARGETS}` anywhere in an e2e or diff case (the script and its directives) is the
directory of the programs tests/targets builds (build/targets, next to btc's bin/).
Substitutions: `{TMP}` (the case's private temp directory) in ARGS, TOOL-FLAGS,
RUN, CHECK-FILE, EXPECT, EXPECT-RE and NOT-EXPECT-RE; in RUN, `{TOOL_PID}` (the tool's pid) and `{TOOL}`
(the compiled tool, to run a second instance, e.g. as another user); in
EXPECT, EXPECT-RE and NOT-EXPECT-RE, `{RUN_PID}` (the pid of the workload's
shell: use `exec` in RUN to make it the workload's own pid) and `{RUN_OUTPUT}`
(the workload's stdout and stderr, surrounding whitespace removed); `{START_PID}`
(the pid of START's process) in ARGS, TOOL-FLAGS, RUN, EXPECT, EXPECT-RE and
NOT-EXPECT-RE.
"""

import argparse
import concurrent.futures
import contextlib
import difflib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
CASE_DIRS = {
    "e2e": TESTS_DIR / "e2e" / "cases",
    "diff": TESTS_DIR / "diff",
    "errors": TESTS_DIR / "errors",
    "lower": TESTS_DIR / "lower",
}
PRELUDE = TESTS_DIR.parent / "templates" / "prelude.bpf.h"
KERNEL_KINDS = {"e2e", "diff"}
SKIP_EXIT = 77
DEFAULT_TIMEOUT = 10.0
DIFF_TIMEOUT = 30.0
# A guard against a hung btc, not a speed check: a big script takes 5 s of CPU to compile, a
# minute of wall time on a loaded machine.
COMPILE_TIMEOUT = 180.0
READY_LIMIT = 30.0  # longest wait for a tool to reach its event loop (within the case's TIMEOUT)
START_LIMIT = 10.0  # longest wait for START's first line (a loaded machine can take seconds)
# x86_64 syscalls a tool blocks in only once it waits for events or signals: poll, select,
# pause, nanosleep, rt_sigtimedwait, rt_sigsuspend, clock_nanosleep, epoll_wait, pselect6,
# ppoll, epoll_pwait, epoll_pwait2.
WAIT_SYSCALLS = {"7", "23", "34", "35", "128", "130", "230", "232", "270", "271", "281", "441"}


@dataclass
class Result:
    status: str  # "ok", "fail" or "skip"
    details: str = ""


@dataclass
class Context:
    btc: Path
    tmp: Path
    cases: Path  # the directory of the cases
    update: bool
    require_bpf: bool
    bpf_problem: str | None
    bpftrace: str | None
    targets: Path  # the programs tests/targets builds, substituted for {TARGETS}
    json: bool = False  # diff: every case runs with -f json on both sides (--json)


# ---------------------------------------------------------------- helpers

def bpf_problem():
    """Why BPF cannot be used here, or None if it can."""
    if os.geteuid() != 0:
        return "not root"
    if not Path("/sys/kernel/btf/vmlinux").exists():
        return "no /sys/kernel/btf/vmlinux"
    try:
        probe = subprocess.run(["bpftool", "prog"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"bpftool prog failed: {e}"
    if probe.returncode != 0:
        return f"bpftool prog failed (status {probe.returncode})"
    return None


def tail(text, lines=40):
    """The last lines of text, indented, for failure details."""
    rows = text.splitlines()
    if len(rows) > lines:
        rows = [f"... ({len(rows) - lines} lines omitted)"] + rows[-lines:]
    return "\n".join("    | " + r for r in rows) if rows else "    | (empty)"


def decode(data):
    return data.decode("utf-8", errors="replace")


def with_targets(ctx, script, tmp):
    """The script to compile: a copy in tmp with {TARGETS} filled in when it names it."""
    text = script.read_text()
    if "{TARGETS}" not in text:
        return script
    copy = tmp / script.name
    copy.write_text(text.replace("{TARGETS}", str(ctx.targets)))
    return copy


def compile_script(ctx, script, out, cwd=None, source_arg=None, flags=(), env=None):
    """Runs btc on script (with `env` added to the environment); returns the CompletedProcess
    (or raises TimeoutExpired)."""
    cmd = [str(ctx.btc), *flags, source_arg or str(script), "-o", str(out)]
    return subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=COMPILE_TIMEOUT,
                          env={**os.environ, **env} if env else None)


_live = set()  # processes started in their own session, killed if the runner is interrupted
_live_lock = threading.Lock()


def spawn(cmd, **kwargs):
    """Popen in a new session (so that a whole workload can be killed), tracked in _live."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, start_new_session=True, **kwargs)
    with _live_lock:
        _live.add(proc)
    return proc


def reap(proc):
    with _live_lock:
        _live.discard(proc)


def kill_all():
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        kill_group(proc)


def kill_group(proc):
    """SIGKILLs the process group of proc (each child gets its own session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_captured(cmd, timeout, cwd=None, workload=None, env=None):
    """Runs cmd in its own session; returns (status, stdout bytes, stderr bytes).

    With `workload`, a shell command run (to its end, output discarded) once cmd printed its
    second line: "Attaching N probes..." and BEGIN's first line.
    status is None on timeout (the process group is killed). `env`: variables added to ours."""
    proc = spawn(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                 env={**os.environ, **env} if env else None)
    if workload:
        return captured_with_workload(proc, timeout, cwd, workload)
    try:
        out, err = proc.communicate(timeout=timeout)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        status = None
    reap(proc)
    return status, out, err


def captured_with_workload(proc, timeout, cwd, workload):
    chunks = {"out": [], "err": []}
    lines = threading.Event()

    def pump(stream, key):
        for line in iter(stream.readline, b""):
            chunks[key].append(line)
            if key == "out" and len(chunks["out"]) >= 2:
                lines.set()
        if key == "out":  # ended early: nothing to wait for
            lines.set()

    readers = [threading.Thread(target=pump, args=(proc.stdout, "out"), daemon=True),
               threading.Thread(target=pump, args=(proc.stderr, "err"), daemon=True)]
    for r in readers:
        r.start()
    deadline = time.monotonic() + timeout
    if lines.wait(timeout) and proc.poll() is None:
        job = spawn(["/bin/sh", "-c", workload], cwd=cwd, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
        try:
            job.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            kill_group(job)
            job.wait()
        reap(job)
    try:
        status = proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.wait()
        status = None
    for r in readers:
        r.join()
    reap(proc)
    return status, b"".join(chunks["out"]), b"".join(chunks["err"])


def describe_status(status):
    if status is None:
        return "timed out"
    if status < 0:
        return f"killed by signal {-status}"
    return f"exit status {status}"


# ---------------------------------------------------------------- e2e cases

DIRECTIVE = re.compile(r"//\s*([A-Z][A-Z-]*):\s?(.*)$")
MULTI = {"EXPECT", "EXPECT-RE", "NOT-EXPECT-RE", "STDERR-RE", "NOT-STDERR-RE", "COMPILE-STDERR-RE",
         "ENV"}
SINGLE = {"ARGS", "TOOL-FLAGS", "START", "RUN", "SIGNAL", "TIMEOUT", "STATUS", "CHECK-FILE",
          "COMPILE-STATUS", "COMPILE-FLAGS"}
# What a case can assert about output; a case needs at least one of them.
ASSERTIONS = ["EXPECT", "EXPECT-RE", "NOT-EXPECT-RE", "STDERR-RE", "NOT-STDERR-RE",
              "COMPILE-STDERR-RE"]
# Directives about running the tool, which a COMPILE-STATUS case never does.
TOOL_RUN = ["ARGS", "TOOL-FLAGS", "START", "RUN", "SIGNAL", "TIMEOUT", "STATUS", "CHECK-FILE", "EXPECT",
            "EXPECT-RE", "NOT-EXPECT-RE", "STDERR-RE", "NOT-STDERR-RE"]
REGEX_KEYS = {"EXPECT-RE", "NOT-EXPECT-RE", "STDERR-RE", "NOT-STDERR-RE", "COMPILE-STDERR-RE"}
DIFF_KEYS = {"ARGS", "ENV", "EXPECT-DIFFERENT", "FLAGS", "JSON-DIFFERENT", "RUN", "TEXT-ONLY", "UNSAFE"}
# A directive-looking comment: `// WORD:` starting a line, or a known directive anywhere.
MISPLACED = re.compile(r"^\s*//\s*([A-Z][A-Z-]*):|//\s*("
                       + "|".join(sorted(MULTI | SINGLE | DIFF_KEYS, key=len, reverse=True))
                       + r"):")


@dataclass
class Spec:
    args: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    start: str | None = None
    env: dict = field(default_factory=dict)
    run: str | None = None
    signal: tuple | None = None  # (signal number, delay in seconds)
    timeout: float = DEFAULT_TIMEOUT
    status: int = 0
    check_file: str | None = None
    compile_status: int | None = None
    compile_flags: list = field(default_factory=list)
    expect: list = field(default_factory=list)  # ("line" | "re", text) in order
    not_expect: list = field(default_factory=list)
    stderr_re: list = field(default_factory=list)
    not_stderr_re: list = field(default_factory=list)
    compile_stderr_re: list = field(default_factory=list)


def leading_directives(text):
    """(key, value) pairs from the script's leading comment lines.

    Raises ValueError for a directive-looking line (`// WORD:`) after them: the case means a
    directive there but it would never be read, e.g. below a /* */ comment or in the code."""
    found = []
    lines = text.splitlines()
    body = len(lines)
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            body = number
            break
        m = DIRECTIVE.match(line.lstrip())  # EXPECT's trailing blanks count
        if m:
            value = m.group(2) if m.group(1) == "EXPECT" else m.group(2).rstrip()
            found.append((m.group(1), value))
    for number in range(body, len(lines)):
        m = MISPLACED.search(lines[number])
        if m:
            raise ValueError(
                f"line {number + 1}: directive {m.group(1) or m.group(2)} is not in the leading "
                "`//` comment lines, so it would never be read (directives go first, before any "
                "code or /* */ comment)")
    return found


def parse_signal(value):
    parts = value.split()
    name = parts[0].upper()
    if not name.startswith("SIG"):
        name = "SIG" + name
    delay = float(parts[1]) if len(parts) > 1 else 0.5
    return getattr(signal, name), delay


def parse_spec(text, tmp):
    """The e2e Spec of a script; raises ValueError on a bad directive or a case that would not
    check what it says."""
    spec = Spec()
    seen = set()
    for key, value in leading_directives(text):
        if key not in SINGLE and key not in MULTI:
            raise ValueError(f"unknown directive {key}")
        if key in SINGLE and key in seen:
            raise ValueError(f"directive {key} given twice")
        seen.add(key)
        if key in REGEX_KEYS:
            try:
                re.compile(value)
            except re.error as e:
                raise ValueError(f"{key}: bad regex {value!r}: {e}") from None
        with_tmp = value.replace("{TMP}", str(tmp))
        if key == "ARGS":
            spec.args = shlex.split(with_tmp)
        elif key == "TOOL-FLAGS":
            spec.flags = shlex.split(with_tmp)
        elif key == "START":
            spec.start = with_tmp
        elif key == "ENV":
            name, eq, val = with_tmp.partition("=")
            if not eq or not name:
                raise ValueError(f"ENV: expected NAME=value, got {value!r}")
            spec.env[name] = val
        elif key == "RUN":
            spec.run = with_tmp
        elif key == "SIGNAL":
            spec.signal = parse_signal(value)
        elif key == "TIMEOUT":
            spec.timeout = float(value)
        elif key == "STATUS":
            spec.status = int(value)
        elif key == "CHECK-FILE":
            spec.check_file = with_tmp
        elif key == "COMPILE-STATUS":
            spec.compile_status = int(value)
        elif key == "COMPILE-FLAGS":
            spec.compile_flags = shlex.split(value.replace("{DIR}", str(CASE_DIRS["e2e"])))
        elif key == "EXPECT":
            spec.expect.append(("line", value))
        elif key == "EXPECT-RE":
            spec.expect.append(("re", value))
        elif key == "NOT-EXPECT-RE":
            spec.not_expect.append(value)
        elif key == "STDERR-RE":
            spec.stderr_re.append(value)
        elif key == "NOT-STDERR-RE":
            spec.not_stderr_re.append(value)
        elif key == "COMPILE-STDERR-RE":
            spec.compile_stderr_re.append(value)
    check_meaningful(seen)
    if spec.start and "{START_PID}" not in " ".join(spec.flags + spec.args):
        raise ValueError("START without {START_PID} in TOOL-FLAGS or ARGS: the tool would not "
                         "know which process it is")
    return spec


def check_meaningful(seen):
    """Raises ValueError unless the directives `seen` make a case that can fail on output."""
    if not seen & set(ASSERTIONS):
        raise ValueError("the case asserts nothing about the output: give it one of "
                         + ", ".join(ASSERTIONS))
    if "COMPILE-STATUS" in seen:
        unused = [k for k in TOOL_RUN if k in seen]
        if unused:
            raise ValueError(f"{', '.join(unused)} would not be checked: with COMPILE-STATUS "
                             "the tool is not run")
    if "CHECK-FILE" in seen and not seen & {"EXPECT", "EXPECT-RE", "NOT-EXPECT-RE"}:
        raise ValueError("CHECK-FILE without EXPECT, EXPECT-RE or NOT-EXPECT-RE checks nothing "
                         "in the file")


class ToolRun:
    """A running tool; a thread collects its stdout lines."""

    def __init__(self, cmd, stderr_path, env=None):
        self.lines = []
        self._stderr = open(stderr_path, "wb")
        self.proc = spawn(cmd, stdout=subprocess.PIPE, stderr=self._stderr,
                          env={**os.environ, **env} if env else None)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for raw in iter(self.proc.stdout.readline, b""):
            self.lines.append(decode(raw))

    def wait_ready(self, deadline):
        """True once the tool waits for events (all probes attached, BEGIN done), or after
        READY_LIMIT seconds; False if it exited first or the deadline passed."""
        limit = min(time.monotonic() + READY_LIMIT, deadline)
        while time.monotonic() < limit:
            if self.proc.poll() is not None:
                return False
            if in_event_loop(self.proc.pid):
                return True
            time.sleep(0.01)
        return self.proc.poll() is None and time.monotonic() < deadline

    def wait(self, deadline):
        """Exit status, or None if deadline passed (the tool is then killed)."""
        try:
            status = self.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            kill_group(self.proc)
            self.proc.wait()
            status = None
        reap(self.proc)
        self._reader.join(2)
        self._stderr.close()
        return status

    def output(self):
        return "".join(self.lines)


class Workload:
    """The RUN command, started once the tool is ready."""

    def __init__(self, command, cwd):
        self.proc = spawn(["/bin/sh", "-c", command], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        self.out = b""
        self.first_line = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.out += line
            self.first_line.set()
        self.first_line.set()

    def wait(self, deadline):
        """Waits for the shell (killed at the deadline), then kills what it left behind."""
        try:
            self.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        kill_group(self.proc)
        self.proc.wait()
        reap(self.proc)
        self._reader.join(2)
        return self.proc.returncode

    def output(self):
        return decode(self.out)


def in_event_loop(pid):
    """Whether the process is blocked waiting for events or signals."""
    try:
        return Path(f"/proc/{pid}/syscall").read_text().split()[0] in WAIT_SYSCALLS
    except (OSError, IndexError):
        return False


def match_expectations(spec, text, subst):
    """Problems found checking the EXPECT*/NOT-EXPECT-RE directives against text."""
    lines = text.splitlines()
    problems = []
    pos = 0
    for kind, pattern in spec.expect:
        if kind == "line":
            want = substitute_text(pattern, subst)
            hit = next((i for i in range(pos, len(lines)) if lines[i] == want), None)
            label = f"EXPECT: {want}"
        else:
            regex = substitute_regex(pattern, subst)
            hit = next((i for i in range(pos, len(lines)) if re.fullmatch(regex, lines[i])), None)
            label = f"EXPECT-RE: {regex}"
        if hit is None:
            problems.append(f"missing (after output line {pos}): {label}")
        else:
            pos = hit + 1
    for pattern in spec.not_expect:
        regex = substitute_regex(pattern, subst)
        for line in lines:
            if re.search(regex, line):
                problems.append(f"NOT-EXPECT-RE: {regex} matched: {line}")
                break
    return problems


def substitute_text(text, subst):
    for key, value in subst.items():
        text = text.replace(key, value)
    return text


def substitute_regex(pattern, subst):
    for key, value in subst.items():
        pattern = pattern.replace(key, re.escape(value))
    return pattern


def check_stderr(patterns, text, label="STDERR-RE"):
    lines = text.splitlines()
    return [f"{label} not found: {p}" for p in patterns
            if not any(re.search(p, line) for line in lines)]


def run_e2e(ctx, name, script):
    tmp = Path(tempfile.mkdtemp(prefix=f"e2e-{name}-", dir=ctx.tmp))
    try:
        spec = parse_spec(script.read_text().replace("{TARGETS}", str(ctx.targets)), tmp)
    except (ValueError, AttributeError) as e:
        return Result("fail", f"bad directive: {e}")
    tool = tmp / name
    try:
        built = compile_script(ctx, with_targets(ctx, script, tmp), tool,
                               flags=spec.compile_flags, env=spec.env)
    except subprocess.TimeoutExpired:
        return Result("fail", "btc timed out")
    compile_err = decode(built.stderr)
    if spec.compile_status is not None:
        return check_compile_only(spec, built.returncode, compile_err)
    if built.returncode != 0:
        return Result("fail", f"btc failed ({describe_status(built.returncode)}):\n"
                              + tail(compile_err))
    problems = check_stderr(spec.compile_stderr_re, compile_err, "COMPILE-STDERR-RE")
    if problems:
        return Result("fail", "\n".join(problems) + "\n  btc stderr:\n" + tail(compile_err))
    return run_tool(spec, tool, tmp)


def check_compile_only(spec, status, stderr):
    problems = []
    if status != spec.compile_status:
        problems.append(f"btc: {describe_status(status)}, expected {spec.compile_status}")
    problems += check_stderr(spec.compile_stderr_re, stderr, "COMPILE-STDERR-RE")
    if problems:
        return Result("fail", "\n".join(problems) + "\n  btc stderr:\n" + tail(stderr))
    return Result("ok")


def start_process(command, cwd):
    """START's process, once it printed a line or ended (or after START_LIMIT seconds)."""
    started = Workload(command, cwd)
    started.first_line.wait(START_LIMIT)
    return started


def run_tool(spec, tool, tmp):
    """Runs the compiled tool as spec says and checks its output."""
    started = start_process(spec.start, tmp) if spec.start else None
    deadline = time.monotonic() + spec.timeout
    start_pid = str(started.pid) if started else ""
    cmd = [str(tool)] + [a.replace("{START_PID}", start_pid) for a in spec.flags + spec.args]
    stderr_path = tmp / "stderr.txt"
    run = ToolRun(cmd, stderr_path, spec.env)
    ready = bool(spec.run or spec.signal) and run.wait_ready(deadline)
    workload = None
    if ready and spec.run:
        command = spec.run.replace("{TOOL_PID}", str(run.proc.pid)).replace("{TOOL}", str(tool))
        workload = Workload(command.replace("{START_PID}", start_pid), tmp)
    if workload:
        workload.wait(deadline)
    if ready and spec.signal and run.proc.poll() is None:
        signum, delay = spec.signal
        time.sleep(max(0.0, min(delay, deadline - time.monotonic())))
        if run.proc.poll() is None:
            os.kill(run.proc.pid, signum)
    status = run.wait(deadline)
    if started:
        started.wait(time.monotonic())
    stdout = run.output()
    stderr = decode(stderr_path.read_bytes())
    return check_run(spec, status, stdout, stderr, workload, tmp, start_pid)


def check_run(spec, status, stdout, stderr, workload, tmp, start_pid=""):
    problems = []
    if status != spec.status:
        problems.append(f"tool: {describe_status(status)}, expected exit status {spec.status}")
    if spec.run and not workload:
        problems.append("RUN was not started: the tool exited before it was ready")
    subst = {"{TMP}": str(tmp),
             "{RUN_PID}": str(workload.pid) if workload else "",
             "{RUN_OUTPUT}": workload.output().strip() if workload else "",
             "{START_PID}": start_pid}
    checked = stdout
    if spec.check_file:
        path = Path(spec.check_file)
        path = path if path.is_absolute() else tmp / path
        checked = decode(path.read_bytes()) if path.exists() else ""
        if not path.exists():
            problems.append(f"CHECK-FILE {path} was not written")
    problems += match_expectations(spec, checked, subst)
    problems += check_stderr(spec.stderr_re, stderr)
    problems += [f"NOT-STDERR-RE matched: {p}" for p in spec.not_stderr_re
                 if any(re.search(p, line) for line in stderr.splitlines())]
    if not problems:
        return Result("ok")
    details = "\n".join(problems)
    if spec.check_file:
        details += "\n  file:\n" + tail(checked)
    details += "\n  stdout:\n" + tail(stdout) + "\n  stderr:\n" + tail(stderr)
    if workload:
        details += "\n  workload output:\n" + tail(workload.output(), 10)
    return Result("fail", details)


# ---------------------------------------------------------------- diff cases

@dataclass
class DiffSpec:
    args: list = field(default_factory=list)
    flags: list = field(default_factory=list)  # FLAGS: run options of bpftrace and the tool
    env: dict = field(default_factory=dict)    # ENV: variables of both runs
    different: str | None = None  # EXPECT-DIFFERENT's reason
    json_different: str | None = None  # JSON-DIFFERENT's reason
    text_only: str | None = None  # TEXT-ONLY's reason: not run with --json
    run: str | None = None        # RUN's workload
    unsafe: bool = False  # UNSAFE: --unsafe for bpftrace and btc
    expected: Path | None = None  # NAME.expected, btc's right stdout


def parse_diff_spec(script, update=False, json=False):
    """The directives of a diff case; raises ValueError on a bad one (or a missing
    expected file, unless it is about to be written by --update). With `json`, the case
    runs with -f json: EXPECT-DIFFERENT and JSON-DIFFERENT cases compare with
    NAME.json.expected."""
    spec = DiffSpec()
    seen = set()
    for key, value in leading_directives(script.read_text()):
        if key not in DIFF_KEYS:
            raise ValueError(f"unknown directive {key} (diff cases take "
                             + " and ".join(sorted(DIFF_KEYS)) + ")")
        if key in seen and key != "ENV":
            raise ValueError(f"directive {key} given twice")
        seen.add(key)
        if key == "ARGS":
            spec.args = shlex.split(value)
        elif key == "ENV":
            name, eq, val = value.strip().partition("=")
            if not eq or not name:
                raise ValueError("ENV takes NAME=value")
            spec.env[name] = val
        elif key == "FLAGS":
            spec.flags = shlex.split(value)
            if not spec.flags:
                raise ValueError("FLAGS needs the options")
        elif key == "RUN":
            spec.run = value
        elif key == "UNSAFE":
            if value.strip():
                raise ValueError("UNSAFE takes no value")
            spec.unsafe = True
        elif not value.strip():
            raise ValueError(f"{key} needs the reason (the docs/differences.md row)")
        elif key == "JSON-DIFFERENT":
            spec.json_different = value.strip()
        elif key == "TEXT-ONLY":
            spec.text_only = value.strip()
        else:
            spec.different = value.strip()
    text_expected = script.with_suffix(".expected")
    json_expected = script.with_suffix(".json.expected")
    for path, reason, directive in [
            (text_expected, spec.different, "an EXPECT-DIFFERENT directive"),
            (json_expected, spec.different or spec.json_different,
             "an EXPECT-DIFFERENT or JSON-DIFFERENT directive")]:
        if path.exists() and not reason:
            raise ValueError(f"{path.name} is only read with {directive}")
    if json:
        spec.different = spec.different or spec.json_different
    if spec.different:
        spec.expected = json_expected if json else text_expected
        if not spec.expected.exists() and not update:
            raise ValueError(f"{'-f json' if json else 'EXPECT-DIFFERENT'} needs "
                             f"{spec.expected.name}: btc's right stdout without its first line "
                             "(create it with --update" + (" --json)" if json else ")"))
    return spec


def drop_first_line(data):
    cut = data.find(b"\n")
    return b"" if cut < 0 else data[cut + 1:]


def run_diff(ctx, name, script):
    if not ctx.bpftrace:
        return Result("skip", "bpftrace not installed")
    spec = parse_diff_spec(script, ctx.update, ctx.json)
    if ctx.json and spec.text_only:
        return Result("ok", f"not run with -f json: {spec.text_only}")
    tmp = Path(tempfile.mkdtemp(prefix=f"diff-{name}-", dir=ctx.tmp))
    args = spec.args
    tool = tmp / name
    script = with_targets(ctx, script, tmp)
    if spec.run:
        spec.run = spec.run.replace("{TARGETS}", str(ctx.targets))
    spec.env = {k: v.replace("{TARGETS}", str(ctx.targets)) for k, v in spec.env.items()}
    try:
        built = compile_script(ctx, script, tool, flags=["--unsafe"] if spec.unsafe else [])
    except subprocess.TimeoutExpired:
        return Result("fail", "btc timed out")
    if built.returncode != 0:
        return Result("fail", f"btc failed ({describe_status(built.returncode)}):\n"
                              + tail(decode(built.stderr)))
    # `--` keeps bpftrace's getopt from taking an argument such as -3 for an option.
    fmt = (["-f", "json"] if ctx.json else []) + spec.flags
    # By its name, as the tool names it where it reports a location (-k).
    if script.parent != tmp:
        shutil.copyfile(script, tmp / script.name)
    ref_cmd = ([ctx.bpftrace] + (["--unsafe"] if spec.unsafe else []) + fmt + [script.name]
               + (["--"] + args if args else []))
    ref_status, ref_out, ref_err = run_captured(ref_cmd, DIFF_TIMEOUT, cwd=tmp, workload=spec.run,
                                                env=spec.env)
    if ref_status != 0:
        return Result("fail", f"bpftrace: {describe_status(ref_status)} (broken test?)\n"
                              + "  stdout:\n" + tail(decode(ref_out))
                              + "\n  stderr:\n" + tail(decode(ref_err)))
    status, out, err = run_captured([str(tool)] + fmt + args, DIFF_TIMEOUT, cwd=tmp,
                                    workload=spec.run, env=spec.env)
    problems = []
    if status != 0:
        problems.append(f"tool: {describe_status(status)}\n  stderr:\n" + tail(decode(err)))
    reference, actual = drop_first_line(ref_out), drop_first_line(out)
    if not spec.different:
        if reference != actual:
            problems.append("stdout differs (--- bpftrace, +++ btc):\n"
                            + unified(reference, actual, "bpftrace", "btc"))
        return Result("fail", "\n".join(problems)) if problems else Result("ok")
    return check_expected_difference(ctx, spec, reference, actual, status, problems)


def check_expected_difference(ctx, spec, reference, actual, status, problems):
    """A case where bpftrace 0.17 is wrong: btc must print NAME.expected exactly, and bpftrace
    must still differ from it (otherwise the directive is stale)."""
    if ctx.update and status == 0:
        spec.expected.write_bytes(actual)
    if not spec.expected.exists():
        problems.append(f"{spec.expected.name} not written: btc failed")
        return Result("fail", "\n".join(problems))
    expected = spec.expected.read_bytes()
    if expected != actual:
        problems.append(f"stdout differs (--- {spec.expected.name}, +++ btc):\n"
                        + unified(expected, actual, spec.expected.name, "btc"))
    if reference == expected:
        problems.append(f"bpftrace prints {spec.expected.name} too: the case is no longer "
                        "different, drop EXPECT-DIFFERENT and the file")
    note = (f"differs from bpftrace on purpose: {spec.different}\n"
            f"bpftrace's output, for information (--- {spec.expected.name}, +++ bpftrace):\n"
            + unified(expected, reference, spec.expected.name, "bpftrace"))
    if problems:
        return Result("fail", "\n".join(problems) + "\n" + note)
    return Result("ok", note)


def unified(expected, actual, expected_name, actual_name):
    diff = difflib.unified_diff(decode(expected).splitlines(keepends=True),
                                decode(actual).splitlines(keepends=True),
                                expected_name, actual_name)
    text = "".join(line if line.endswith("\n") else line + "\\ no newline at end\n"
                   for line in diff)
    return text or "(only bytes that do not decode as UTF-8 differ)\n"


# ---------------------------------------------------------------- errors cases

def run_errors(ctx, name, script):
    expected_path = script.with_suffix(".err")
    tmp = Path(tempfile.mkdtemp(prefix=f"errors-{name}-", dir=ctx.tmp))
    try:
        built = compile_script(ctx, script, tmp / name, cwd=script.parent, source_arg=script.name)
    except subprocess.TimeoutExpired:
        return Result("fail", "btc timed out")
    stderr = decode(built.stderr)
    if ctx.update and built.returncode == 1:
        expected_path.write_text(stderr)
    problems = []
    if built.returncode != 1:
        problems.append(f"btc: {describe_status(built.returncode)}, expected exit status 1")
    if not expected_path.exists():
        problems.append(f"missing {expected_path.name} (create it with --update)\n"
                        + tail(stderr))
    else:
        expected = expected_path.read_text()
        if stderr != expected:
            diff = difflib.unified_diff(expected.splitlines(keepends=True),
                                        stderr.splitlines(keepends=True),
                                        expected_path.name, "btc stderr")
            problems.append("stderr differs:\n" + "".join(diff))
    return Result("fail", "\n".join(problems)) if problems else Result("ok")


# ---------------------------------------------------------------- lower cases

LOWER_NEEDS = {
    "tracefs": ["/sys/kernel/tracing/events", "/sys/kernel/debug/tracing/events"],
    "btf": ["/sys/kernel/btf/vmlinux"],
}


def missing_need(script):
    """The first `// NEEDS:` of script that this host cannot provide, or None."""
    for key, value in leading_directives(script.read_text()):
        if key != "NEEDS":
            continue
        if value not in LOWER_NEEDS:
            raise ValueError(f"unknown NEEDS: {value}")
        if not any(os.access(path, os.R_OK) for path in LOWER_NEEDS[value]):
            return value
    return None


def embedded_prelude():
    """The prelude as btc embeds it: cmake/embed.cmake puts the text of each runtime header
    the prelude includes (btc/abi.h) in place of its #include line."""
    text = PRELUDE.read_bytes()
    include_dir = TESTS_DIR.parent / "runtime-lib" / "include"
    return re.sub(rb'#include "(btc/[a-z_]+\.h)"\n',
                  lambda m: (include_dir / m.group(1).decode()).read_bytes(), text)


def run_lower(ctx, name, script):
    expected_path = script.with_suffix(".c")
    try:
        need = missing_need(script)
    except ValueError as e:
        return Result("fail", f"bad directive: {e}")
    if need:
        return Result("skip", f"cannot read the kernel's {need}")
    try:
        built = subprocess.run([str(ctx.btc), "--emit-c", script.name], cwd=script.parent,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=COMPILE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Result("fail", "btc timed out")
    if built.returncode != 0:
        return Result("fail", f"btc --emit-c: {describe_status(built.returncode)}\n"
                              + tail(decode(built.stderr)))
    # Every golden would otherwise repeat the prelude: it is checked once, as a prefix.
    prelude = embedded_prelude()
    if not built.stdout.startswith(prelude):
        return Result("fail", f"the emitted C does not start with {PRELUDE.name} unchanged")
    actual = built.stdout[len(prelude):]
    if ctx.update:
        expected_path.write_bytes(actual)
    if not expected_path.exists():
        return Result("fail", f"missing {expected_path.name} (create it with --update)")
    expected = expected_path.read_bytes()
    if actual != expected:
        diff = difflib.unified_diff(decode(expected).splitlines(keepends=True),
                                    decode(actual).splitlines(keepends=True),
                                    expected_path.name, "btc --emit-c")
        return Result("fail", "emitted C differs:\n" + "".join(diff))
    return Result("ok")


TARGETS_LOCK = threading.Lock()
NAMESPACES_LOCK = threading.Lock()
RUNNERS = {"e2e": run_e2e, "diff": run_diff, "errors": run_errors, "lower": run_lower}


def check_case(kind, path, update=False, json=False):
    """Raises ValueError if the case is malformed; needs no BPF, so a broken case fails even on
    a machine where it would be skipped."""
    if kind == "e2e":
        parse_spec(path.read_text(), Path("{TMP}"))
    elif kind == "diff":
        parse_diff_spec(path, update, json)


# ---------------------------------------------------------------- driver

def find_cases(directory, names):
    """[(name, path or None)] for the requested cases, sorted when all are taken."""
    if not names:
        return [(p.stem, p) for p in sorted(directory.glob("*.bt"))]
    cases = []
    for name in names:
        name = name.removesuffix(".bt")
        path = directory / f"{name}.bt"
        cases.append((name, path if path.is_file() else None))
    return cases


def run_case(ctx, kind, name, path):
    if path is None:
        return Result("fail", f"no such case: {ctx.cases / (name + '.bt')}")
    try:
        check_case(kind, path, ctx.update, ctx.json)
    except (ValueError, AttributeError) as e:
        return Result("fail", f"bad case: {e}")
    if kind in KERNEL_KINDS and ctx.bpf_problem:
        return Result("skip", f"BPF unavailable: {ctx.bpf_problem}")
    try:
        text = path.read_text()
        locks = []
        if kind in KERNEL_KINDS and ("{TARGETS}" in text or "watchpoint:" in text):
            # Uprobes and USDT probes fire in every process running the file: two such cases
            # at once would count each other's calls; watchpoints share each CPU's 4 debug
            # registers (ctest holds the same lock).
            locks.append(TARGETS_LOCK)
        if kind in KERNEL_KINDS and ("unshare" in text or "nsproxy" in text):
            # Making a namespace changes the reference counts of the initial ones, which cases
            # reading them through nsproxy print (ctest holds the same lock).
            locks.append(NAMESPACES_LOCK)
        with contextlib.ExitStack() as held:
            for lock in locks:
                held.enter_context(lock)
            return RUNNERS[kind](ctx, name, path)
    except Exception as e:  # a runner bug must not hide the other cases
        return Result("fail", f"runner error: {type(e).__name__}: {e}")


def apply_requirements(ctx, result):
    if result.status == "skip" and ctx.require_bpf:
        return Result("fail", f"skipped but BTC_REQUIRE_BPF=1: {result.details}")
    return result


def report(kind, name, result):
    if result.status == "ok":
        print(f"ok {kind}/{name}", flush=True)
        for line in result.details.rstrip("\n").splitlines():
            print(f"  {line}", flush=True)
    elif result.status == "skip":
        print(f"skip {kind}/{name} ({result.details})", flush=True)
    else:
        print(f"FAIL {kind}/{name}", flush=True)
        for line in result.details.rstrip("\n").splitlines():
            print(f"  {line}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Run btc's e2e, diff, errors and lower test cases.")
    parser.add_argument("--btc", required=True, help="path to the btc compiler")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="cases run in parallel (2)")
    parser.add_argument("--update", action="store_true",
                        help="errors: rewrite NAME.err from btc's current stderr; diff: "
                             "rewrite NAME.expected of EXPECT-DIFFERENT cases from btc's stdout; "
                             "lower: rewrite NAME.c from btc's current --emit-c output")
    parser.add_argument("--cases", type=Path, metavar="DIR",
                        help="take the cases from DIR instead of KIND's directory in tests/")
    parser.add_argument("--json", action="store_true",
                        help="diff: run bpftrace and the tool with -f json")
    parser.add_argument("kind", choices=sorted(RUNNERS))
    parser.add_argument("names", nargs="*", metavar="NAME")
    return parser.parse_args(argv)


def make_context(args, tmp):
    btc = Path(args.btc).resolve()
    kernel = args.kind in KERNEL_KINDS
    return Context(btc=btc, tmp=tmp, cases=(args.cases or CASE_DIRS[args.kind]).resolve(),
                   update=args.update,
                   require_bpf=os.environ.get("BTC_REQUIRE_BPF") == "1",
                   bpf_problem=bpf_problem() if kernel else None,
                   bpftrace=shutil.which("bpftrace") if args.kind == "diff" else None,
                   targets=btc.parent.parent / "targets", json=args.json)


def interpreter_first_on_path():
    """Puts this interpreter's directory first on PATH for the workloads, as a version manager's
    shim does when it starts Python: a workload's `python3` (and a symlink to `command -v
    python3`) is then this real interpreter, not a shim that picks its version by argv[0]."""
    bindir = os.path.dirname(os.path.realpath(sys.executable))
    os.environ["PATH"] = os.pathsep.join([bindir, os.environ.get("PATH", "")])


def main(argv):
    args = parse_args(argv)
    interpreter_first_on_path()
    if not os.access(args.btc, os.X_OK):
        print(f"run_tests.py: btc not found or not executable: {args.btc}", file=sys.stderr)
        return 2
    counts = {"ok": 0, "fail": 0, "skip": 0}
    with tempfile.TemporaryDirectory(prefix="btc-tests-") as tmp:
        ctx = make_context(args, Path(tmp))
        cases = find_cases(ctx.cases, args.names)
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            results = pool.map(lambda case: run_case(ctx, args.kind, *case), cases)
            try:
                for (name, _), result in zip(cases, results):
                    result = apply_requirements(ctx, result)
                    counts[result.status] += 1
                    report(args.kind, name, result)
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                kill_all()
                print("interrupted", file=sys.stderr)
                return 130
    summary = f"{counts['ok']} passed, {counts['fail']} failed"
    if counts["skip"]:
        summary += f", {counts['skip']} skipped"
    print(summary)
    if counts["fail"]:
        return 1
    if counts["skip"] and counts["skip"] == len(cases):
        return SKIP_EXIT
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
