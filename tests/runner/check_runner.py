#!/usr/bin/env python3
"""Self-test of tests/run_tests.py: the runner must reject the cases it cannot check.

Usage: check_runner.py --btc PATH

tests/runner/KIND/NAME.bt is a deliberately broken case of KIND (e2e, diff, errors) and
NAME.reason the text its FAIL details must contain. Each KIND directory is run through
run_tests.py with --cases; every case must FAIL with its reason, whether or not BPF and bpftrace
are available (the e2e and diff rejections come before the BPF check). As a control, every real
case in tests/e2e/cases and tests/diff must pass the same checks, so that the rejections are not
simply rejecting everything; and the comparison of an EXPECT-DIFFERENT diff case is checked
on made-up outputs.
"""

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUN_TESTS = HERE.parent / "run_tests.py"
KINDS = ["e2e", "diff", "errors"]


def load_runner():
    spec = importlib.util.spec_from_file_location("run_tests", RUN_TESTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_kind(btc, kind):
    """{name: (status word, details)} from run_tests.py over tests/runner/KIND."""
    proc = subprocess.run([sys.executable, str(RUN_TESTS), "--btc", btc, "--cases",
                           str(HERE / kind), kind], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)
    results = {}
    current = None
    for line in proc.stdout.splitlines():
        if line.startswith("  ") and current:
            results[current][1].append(line.strip())
            continue
        word, _, rest = line.partition(" ")
        if word in ("ok", "FAIL", "skip") and rest.startswith(kind + "/"):
            current = rest[len(kind) + 1:].split(" ")[0]
            results[current] = (word, [])
        else:
            current = None
    return proc.returncode, results, proc.stdout


def check_broken_cases(btc):
    problems = []
    for kind in KINDS:
        cases = sorted((HERE / kind).glob("*.bt"))
        status, results, output = run_kind(btc, kind)
        if status != 1:
            problems.append(f"{kind}: run_tests.py exited {status}, expected 1\n{output}")
        for case in cases:
            name = case.stem
            reason_file = case.with_suffix(".reason")
            if not reason_file.exists():
                problems.append(f"{kind}/{name}: no {reason_file.name}")
                continue
            reason = reason_file.read_text().strip()
            word, details = results.get(name, ("missing", []))
            if word != "FAIL":
                problems.append(f"{kind}/{name}: {word}, expected FAIL ({reason})")
            elif not any(reason in line for line in details):
                problems.append(f"{kind}/{name}: FAIL without the reason {reason!r}:\n    "
                                + "\n    ".join(details))
    return problems


def check_real_cases():
    runner = load_runner()
    problems = []
    for kind in ("e2e", "diff"):
        for case in sorted(runner.CASE_DIRS[kind].glob("*.bt")):
            for json in (False, True) if kind == "diff" else (False,):
                try:
                    runner.check_case(kind, case, json=json)
                except (ValueError, AttributeError) as e:
                    problems.append(f"real case {kind}/{case.stem} rejected"
                                    f"{' with --json' if json else ''}: {e}")
    return problems


def check_directive_parsing():
    """Directives that are read: EXPECT keeps its trailing blanks, blank lines may separate the
    leading lines, and a lower-case `// word:` or a directive inside a string is not one."""
    runner = load_runner()
    text = ("// A comment: not a directive\n// EXPECT: a  \n\n// EXPECT-RE: b +\n"
            "BEGIN { printf(\"// note: x\\n\"); exit(); }\n")
    spec = runner.parse_spec(text, Path("/tmp"))
    if spec.expect != [("line", "a  "), ("re", "b +")]:
        return [f"directives of {text!r} read as {spec.expect}"]
    return []


def check_expected_difference():
    """The comparison of an EXPECT-DIFFERENT case, on made-up outputs (no bpftrace needed)."""
    runner = load_runner()
    problems = []
    with tempfile.TemporaryDirectory(prefix="btc-runner-test-") as tmp:
        expected = Path(tmp) / "case.expected"
        expected.write_bytes(b"@b: -5\n")
        spec = runner.DiffSpec(different="bpftrace is wrong", expected=expected)
        ctx = types.SimpleNamespace(update=False)
        cases = [  # (bpftrace's stdout, btc's stdout, btc's status, expected result, text)
            (b"\n", b"@b: -5\n", 0, "ok", "bpftrace is wrong"),
            (b"\n", b"\n", 0, "fail", "stdout differs (--- case.expected, +++ btc)"),
            (b"@b: -5\n", b"@b: -5\n", 0, "fail", "the case is no longer different"),
            (b"\n", b"@b: -5\n", 1, "fail", "tool failed"),
        ]
        for reference, actual, status, want, text in cases:
            pre = ["tool failed"] if status else []
            result = runner.check_expected_difference(ctx, spec, reference, actual, status, pre)
            if result.status != want or text not in result.details:
                problems.append(f"EXPECT-DIFFERENT with bpftrace {reference!r}, btc {actual!r}, "
                                f"status {status}: {result.status}, expected {want} with "
                                f"{text!r}:\n{result.details}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--btc", required=True)
    args = parser.parse_args()
    problems = (check_broken_cases(args.btc) + check_real_cases() + check_directive_parsing()
                + check_expected_difference())
    for p in problems:
        print(p)
    print("runner self-test: " + ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
