#!/usr/bin/env python3
"""btc installed, as a CMake package and as a Debian package (the ctest tests install/*).

  check_install.py prefix  SOURCE BUILD   `cmake --install` into a prefix, which is then moved;
                                          with the source and build trees hidden, the moved btc
                                          builds a tool from another directory, and a project
                                          using find_package(btc) + btc_add_tracer() builds one
  check_install.py package SOURCE BUILD   `cpack -G DEB`: the package's fields and files, its
                                          btc unpacked into an empty root building a tool, every
                                          file that btc reads or runs owned by a package its
                                          Depends pull in (and each Depends used), apt resolving
                                          it on an empty system
  check_install.py man     SOURCE BUILD   btc(1) renders without warnings and names every option
                                          of btc --help and of a tool's --help

Exit status: 0 passed, 1 failed, 77 when everything ran passed but running tools was skipped
(not root, or no BPF); BTC_REQUIRE_BPF=1 makes that a failure.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = 'BEGIN { printf("hello from %s\\n", "the installed btc"); exit(); }\n'
SCRIPT_OUTPUT = ["Attaching 1 probe...", "hello from the installed btc"]
# A tool is one static file of at most 2 MB (issue 6); a BEGIN-only one is ~1.68 MB, nearly all
# of it the runtime, libbpf, libelf, zlib and the static C and C++ libraries every tool links.
TOOL_SIZE_LIMIT = 2_000_000
# Every file an install holds (the package's under /usr), with the runtime's headers.
INSTALLED_FILES = {
    "bin/btc",
    "libexec/btc-compile",
    "lib/btc/libbtc-runtime.a",
    "lib/cmake/btc/btcConfig.cmake",
    "lib/cmake/btc/btcConfigVersion.cmake",
    "lib/cmake/btc/BtcTracer.cmake",
    "share/man/man1/btc.1.gz",
}
# What btc runs or links into tools (set by hand in cmake/BtcInstall.cmake), then what
# dpkg-shlibdeps finds btc itself loads.
MANUAL_DEPENDS = {"bpftool", "g++", "libc6-dev", "binutils", "libbpf-dev", "libelf-dev",
                  "zlib1g-dev", "libclang-common-19-dev"}
SHLIB_DEPENDS = {"libc6", "libclang-cpp19", "libdw1", "libgcc-s1", "libllvm19", "libstdc++6"}
RECOMMENDS = set()
SUGGESTS = {"linux-headers-amd64"}


class Checks:
    def __init__(self, kind):
        self.kind = kind
        self.passed = 0
        self.failed = 0
        self.skipped = []

    def ok(self, name):
        print(f"ok install/{self.kind}/{name}", flush=True)
        self.passed += 1

    def fail(self, name, details=""):
        print(f"FAIL install/{self.kind}/{name}", flush=True)
        for line in str(details).rstrip().splitlines()[-30:]:
            print(f"  | {line}")
        self.failed += 1

    def check(self, name, condition, details=""):
        if condition:
            self.ok(name)
        else:
            self.fail(name, details)
        return condition

    def skip(self, name, why):
        print(f"skip install/{self.kind}/{name}: {why}")
        self.skipped.append(name)

    def status(self):
        print(f"{self.passed} passed, {self.failed} failed, {len(self.skipped)} skipped")
        if self.failed:
            return 1
        if self.skipped:
            if os.environ.get("BTC_REQUIRE_BPF") == "1":
                print("skipped checks are failures under BTC_REQUIRE_BPF=1")
                return 1
            return 77
        return 0


def run(cmd, cwd=None, env=None):
    """(status, stdout + stderr) of cmd."""
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, errors="replace", timeout=600)
    return r.returncode, r.stdout


def bpf_problem():
    """Why tools cannot run here, or None."""
    if os.geteuid() != 0:
        return "not root"
    if not Path("/sys/kernel/btf/vmlinux").exists():
        return "no /sys/kernel/btf/vmlinux"
    return None


class Hider:
    """Runs commands with the source and build trees hidden under empty file systems (a mount
    namespace of their own: root only), so that an installed btc shows it needs neither."""

    def __init__(self, source, build):
        self.dirs = [str(build), str(source)]  # the build tree first: it may lie in the source
        self.enabled = os.geteuid() == 0 and shutil.which("unshare") is not None

    def wrap(self, cmd):
        if not self.enabled:
            return [str(c) for c in cmd]
        mounts = " && ".join(f'mount -t tmpfs btc-hidden "${i + 1}"'
                             for i in range(len(self.dirs)))
        return ["unshare", "-m", "--propagation", "private", "sh", "-c",
                f'{mounts} && shift {len(self.dirs)} && exec "$@"', "sh", *self.dirs,
                *[str(c) for c in cmd]]

    def run(self, cmd, cwd=None, env=None):
        return run(self.wrap(cmd), cwd=cwd, env=env)


def check_hidden(checks, hider, build):
    if not hider.enabled:
        checks.skip("trees_hidden", "hiding the source and build trees needs root and unshare")
        return
    status, out = hider.run(["test", "-e", build / "bin" / "btc"])
    checks.check("trees_hidden", status == 1, f"build/bin/btc still visible: {status} {out}")


def build_and_run_tool(checks, hider, btc, work, label):
    """btc compiles SCRIPT in a directory of its own and the tool prints SCRIPT_OUTPUT."""
    elsewhere = work / f"{label}-elsewhere"
    elsewhere.mkdir()
    (elsewhere / "hello.bt").write_text(SCRIPT)
    status, out = hider.run([btc, "hello.bt", "-o", "hello"], cwd=elsewhere)
    if not checks.check(f"{label}/compiles", status == 0 and (elsewhere / "hello").exists(), out):
        return
    size = (elsewhere / "hello").stat().st_size
    checks.check(f"{label}/tool_size", size < TOOL_SIZE_LIMIT,
                 f"the tool is {size} bytes, the limit {TOOL_SIZE_LIMIT}")
    problem = bpf_problem()
    if problem:
        checks.skip(f"{label}/tool_runs", problem)
        return
    status, out = run([elsewhere / "hello"], cwd=elsewhere)
    checks.check(f"{label}/tool_runs", status == 0 and out.splitlines()[:2] == SCRIPT_OUTPUT,
                 f"status {status}, output:\n{out}")


def btc_version(build):
    """btc's version, from the build tree's btc --version ("btc 0.1.0")."""
    return run([build / "bin" / "btc", "--version"])[1].split()[1]


def installed_files(source):
    headers = (source / "runtime-lib" / "include" / "btc").glob("*.h")
    return INSTALLED_FILES | {f"lib/btc/include/btc/{h.name}" for h in headers}


def check_bpftool_search(checks, btc, work):
    """With the bpftool btc was configured with out of reach (/dev/null mounted over it), btc
    takes the one on PATH, and without one says so."""
    configured = shutil.which("bpftool", path=f"/usr/sbin:/sbin:{os.environ.get('PATH', '')}")
    if os.geteuid() != 0 or shutil.which("unshare") is None or configured is None:
        checks.skip("bpftool_on_path", "hiding bpftool needs root, unshare and bpftool")
        return
    configured = os.path.realpath(configured)
    tools = work / "bpftool-on-path"
    tools.mkdir()
    shutil.copy2(configured, tools / "bpftool")
    (tools / "hello.bt").write_text(SCRIPT)
    env = {k: v for k, v in os.environ.items() if k != "BTC_BPFTOOL"}

    def compile_with(path):
        return run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                    'mount --bind /dev/null "$1" && shift && exec "$@"', "sh", configured,
                    "env", f"PATH={path}", btc, "hello.bt", "-o", "hello"],
                   cwd=tools, env=env)

    status, out = compile_with(f"{tools}:/usr/bin:/bin")
    checks.check("bpftool_on_path", status == 0 and (tools / "hello").exists(), out)
    status, out = compile_with("/usr/bin:/bin")
    checks.check("bpftool_missing", status == 1 and out.startswith("btc: error: bpftool is missing: "),
                 f"status {status}:\n{out}")


def check_prefix(source, build, work):
    checks = Checks("prefix")
    hider = Hider(source, build)
    prefix = work / "prefix"
    status, out = run(["cmake", "--install", build, "--prefix", prefix, "--strip"])
    if not checks.check("cmake_install", status == 0, out):
        return checks.status()
    have = {str(p.relative_to(prefix)) for p in prefix.rglob("*") if not p.is_dir()}
    want = installed_files(source)
    checks.check("files", have == want,
                 f"missing: {sorted(want - have)}, unexpected: {sorted(have - want)}")

    # The tree works wherever it is: move it, then use it with the build tree out of sight.
    moved = work / "moved"
    prefix.rename(moved)
    check_hidden(checks, hider, build)
    build_and_run_tool(checks, hider, moved / "bin" / "btc", work, "moved")

    check_bpftool_search(checks, moved / "bin" / "btc", work)

    # A project using the package, configured against the moved prefix.
    src = work / "consumer"
    shutil.copytree(HERE / "consumer", src)
    cbuild = work / "consumer-build"
    version = btc_version(build)
    major, minor = version.split(".")[:2]
    status, out = hider.run(["cmake", "-S", src, "-B", cbuild, "-G", "Ninja",
                             f"-DCMAKE_PREFIX_PATH={moved}", f"-DBTC_WANT={major}.{minor}"])
    if not checks.check("consumer/configure", status == 0, out):
        return checks.status()
    checks.check("consumer/imported_btc", f"btc::btc: {moved}/bin/btc (btc {version})" in out,
                 out)
    status, out = hider.run(["cmake", "--build", cbuild])
    tool = cbuild / "tracers" / "greet"
    if checks.check("consumer/build", status == 0 and tool.exists(), out):
        problem = bpf_problem()
        if problem:
            checks.skip("consumer/tool_runs", problem)
        else:
            status, out = run([tool])
            checks.check("consumer/tool_runs",
                         status == 0 and out.splitlines()[:2] == ["Attaching 1 probe...",
                                                                  "greeting 42"],
                         f"status {status}, output:\n{out}")
    status, out = run(["ninja", "-C", cbuild, "-n"])
    checks.check("consumer/up_to_date", "btc: compiling" not in out, out)
    # The header named by DEPENDS is an input of the tool: a new number rebuilds it.
    (src / "include" / "greet.h").write_text("#define GREETING_NUMBER 43\n")
    status, out = run(["ninja", "-C", cbuild, "-n"])
    checks.check("consumer/depends_rebuilds", "btc: compiling" in out, out)
    status, out = hider.run(["cmake", "--build", cbuild])
    if checks.check("consumer/rebuild", status == 0, out) and not bpf_problem():
        status, out = run([tool])
        checks.check("consumer/rebuilt_tool_runs", out.splitlines()[1:2] == ["greeting 43"],
                     f"status {status}, output:\n{out}")
    # A version of another minor release is refused.
    status, out = hider.run(["cmake", "-S", src, "-B", work / "consumer-other",
                             f"-DCMAKE_PREFIX_PATH={moved}", f"-DBTC_WANT={major}.{int(minor) + 1}"])
    checks.check("consumer/other_version_refused",
                 status != 0 and f"btcConfig.cmake, version: {version}" in out, out)
    return checks.status()


def dpkg_owners(paths):
    """{path: set of packages} for the paths dpkg knows; with the merged /usr, a package may
    have registered /lib/... for a file opened as /usr/lib/... (or the other way)."""
    candidates = {}
    for p in paths:
        alts = {p}
        for top in ("/lib", "/lib64", "/bin", "/sbin"):
            if p.startswith("/usr" + top + "/"):
                alts.add(p[4:])
            elif p.startswith(top + "/"):
                alts.add("/usr" + p)
        candidates[p] = alts
    queries = sorted({a for alts in candidates.values() for a in alts})
    owners = {}
    for i in range(0, len(queries), 200):
        r = subprocess.run(["dpkg-query", "-S", *queries[i:i + 200]], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
        for line in r.stdout.splitlines():
            if line.startswith("diversion ") or ": " not in line:
                continue
            pkgs, path = line.split(": ", 1)
            owners.setdefault(path, set()).update(p.strip().split(":")[0]
                                                  for p in pkgs.split(","))
    return {p: set().union(*(owners.get(a, set()) for a in alts))
            for p, alts in candidates.items()}


def symlink_chain(path):
    """path and every link on the way to its target, each made absolute."""
    chain = [path]
    p = Path(path)
    for _ in range(16):
        if not p.is_symlink():
            break
        target = Path(os.readlink(p))
        p = Path(os.path.normpath(p.parent / target))
        chain.append(str(p))
    return chain


def installed_closure(roots):
    """The installed packages the names in roots need: Depends and Pre-Depends, through
    alternatives and virtual packages, plus every Essential package (on every system)."""
    r = subprocess.run(["dpkg-query", "-W", "-f",
                        "${Package}\t${Essential}\t${Provides}\t${Pre-Depends}, ${Depends}\t"
                        "${db:Status-Status}\n"],
                       stdout=subprocess.PIPE, text=True, check=True)
    depends, provides, essential = {}, {}, set()
    for line in r.stdout.splitlines():
        name, ess, prov, deps, state = line.split("\t")
        if state != "installed":
            continue
        depends[name] = deps
        provides.setdefault(name, name)
        for v in prov.split(","):
            if v.strip():
                provides.setdefault(v.split()[0], name)
        if ess == "yes":
            essential.add(name)
    seen = set()
    todo = list(roots) + sorted(essential)
    while todo:
        name = provides.get(todo.pop())
        if not name or name in seen:
            continue
        seen.add(name)
        for clause in depends[name].split(","):
            options = [o.split()[0].split(":")[0] for o in clause.split("|") if o.strip()]
            chosen = [o for o in options if o in provides]
            if chosen:
                todo.append(chosen[0])
    return seen


def files_used(btc, script_dir, strace_log):
    """The files btc opened or ran, successfully, to build a tool from script_dir/audit.bt."""
    status, out = run(["strace", "-f", "-qq", "-e", "trace=execve,open,openat",
                       "-o", strace_log, btc, "-I", "include", "audit.bt", "-o", "audit"], cwd=script_dir)
    if status != 0:
        return None, out
    used = set()
    for line in Path(strace_log).read_text(errors="replace").splitlines():
        m = re.search(r'(?:execve|open|openat)\((?:AT_FDCWD, )?"(/[^"]*)".*\) = (-?\d+)', line)
        if m and int(m.group(2)) >= 0:
            used.add(os.path.normpath(m.group(1)))
    return used, ""


def check_package(source, build, work):
    checks = Checks("package")
    hider = Hider(source, build)
    status, out = run(["cpack", "--config", build / "CPackConfig.cmake", "-G", "DEB",
                       "-B", work / "pkg"])
    debs = sorted((work / "pkg").glob("btc_*.deb"))
    if not checks.check("cpack", status == 0 and len(debs) == 1, out):
        return checks.status()
    deb = debs[0]

    def field(name):
        return subprocess.run(["dpkg-deb", "-f", deb, name], stdout=subprocess.PIPE,
                              text=True).stdout.strip()

    def names(relation):
        return {c.split("|")[0].split()[0] for c in relation.split(",") if c.strip()}

    arch = subprocess.run(["dpkg", "--print-architecture"], stdout=subprocess.PIPE,
                          text=True).stdout.strip()
    version = btc_version(build)
    checks.check("name", deb.name == f"btc_{version}_{arch}.deb", deb.name)
    checks.check("fields", (field("Package"), field("Version"), field("Architecture")) ==
                 ("btc", version, arch), run(["dpkg-deb", "-I", deb])[1])
    depends = names(field("Depends"))
    checks.check("depends", depends == MANUAL_DEPENDS | SHLIB_DEPENDS,
                 f"missing: {sorted(MANUAL_DEPENDS | SHLIB_DEPENDS - depends)}, "
                 f"unexpected: {sorted(depends - MANUAL_DEPENDS - SHLIB_DEPENDS)}")
    checks.check("recommends", names(field("Recommends")) == RECOMMENDS, field("Recommends"))
    checks.check("suggests", names(field("Suggests")) == SUGGESTS, field("Suggests"))
    status, listing = run(["dpkg-deb", "-c", deb])
    files = {line.split()[-1][len("./usr/"):] for line in listing.splitlines()
             if line.startswith("-")}
    want = installed_files(source)
    checks.check("files", files == want,
                 f"missing: {sorted(want - files)}, unexpected: {sorted(files - want)}")

    # The package unpacked into an empty root: its btc alone (the system's libraries and tools
    # besides) builds a tool.
    root = work / "root"
    status, out = run(["dpkg-deb", "-x", deb, root])
    if not checks.check("unpacks", status == 0, out):
        return checks.status()
    btc = root / "usr" / "bin" / "btc"
    check_hidden(checks, hider, build)
    build_and_run_tool(checks, hider, btc, work, "unpacked")
    status, out = run(["man", "-l", root / "usr/share/man/man1/btc.1.gz"],
                      env=dict(os.environ, MANPAGER="cat", MANWIDTH="80"))
    checks.check("man_page", status == 0 and "compile a bpftrace script" in out, out)

    # Every file btc uses to build a tool (a preamble including headers of Clang's, libc's and
    # -I's) comes from a package Depends pulls in, Recommends for what btc does without;
    # each package Depends names by hand owns one of them.
    if shutil.which("strace") is None:
        checks.fail("dependencies", "strace is not installed (scripts/install-deps.sh --test)")
    else:
        audit = work / "audit"
        (audit / "include").mkdir(parents=True)
        (audit / "include" / "audit.h").write_text("#define AUDIT_NUMBER 7\n")
        (audit / "audit.bt").write_text(
            '#include <stddef.h>\n#include <stdint.h>\n#include "audit.h"\n'
            "struct pair { size_t a; uint32_t b; };\n"
            'BEGIN { printf("%d %d\\n", AUDIT_NUMBER, sizeof(struct pair)); exit(); }\n')
        used, out = files_used(btc, audit, work / "strace.log")
        if checks.check("dependencies/traced", used is not None, out):
            # Directories are library search paths; message catalogs, and the kernel headers a
            # preamble's #include uses like bpftrace (Suggests), are read when present.
            outside = sorted(p for p in used if not p.startswith(str(work)) and
                             not re.match(r"/(proc|sys|dev|tmp|etc|root|home)/", p) and
                             not re.match(r"/usr/(share|lib)/locale/", p) and
                             not re.match(r"(/usr/src/linux-headers-|/lib/modules/)", p) and
                             not os.path.isdir(p))
            owners = dpkg_owners(sorted({q for p in outside for q in symlink_chain(p)}))
            closure = installed_closure(depends)
            unowned, outside_closure, used_pkgs = [], [], set()
            for p in outside:
                pkgs = set().union(*(owners.get(q, set()) for q in symlink_chain(p)))
                used_pkgs |= pkgs
                if not pkgs:
                    unowned.append(p)
                elif not pkgs & (closure | RECOMMENDS):
                    outside_closure.append(f"{p} ({', '.join(sorted(pkgs))})")
            checks.check("dependencies/owned", not unowned,
                         "files of no package:\n" + "\n".join(unowned))
            checks.check("dependencies/pulled_in", not outside_closure,
                         "files of packages Depends does not pull in:\n" +
                         "\n".join(outside_closure))
            checks.check("dependencies/each_used", MANUAL_DEPENDS <= used_pkgs,
                         f"never used: {sorted(MANUAL_DEPENDS - used_pkgs)}")

    # apt resolves the package on a system with nothing installed yet.
    lists = list(Path("/var/lib/apt/lists").glob("*_Packages*"))
    if not lists and os.geteuid() == 0:
        run(["apt-get", "update", "-qq"])
        lists = list(Path("/var/lib/apt/lists").glob("*_Packages*"))
    if not lists:
        checks.skip("apt_resolves", "no apt package lists (apt-get update needs root)")
    else:
        empty = work / "empty-status"
        empty.write_text("")
        status, out = run(["apt-get", "-s", "-q", "--no-install-recommends",
                           "-o", f"Dir::State::status={empty}", "-o", "Debug::NoLocking=1",
                           "install", deb])
        checks.check("apt_resolves", status == 0 and re.search(r"^Inst btc ", out, re.M), out)
    return checks.status()


def help_options(text):
    """The options a --help text lists: -x and --long at the start of its lines."""
    found = set()
    for line in text.splitlines():
        m = re.match(r"\s+(-[^\s,]+)(?:,\s+(-[^\s,]+))?", line)
        if m:
            found.update(o for o in m.groups() if o)
    return found


def check_man(source, build, work):
    checks = Checks("man")
    page = source / "docs" / "btc.1"
    status, out = run(["groff", "-man", "-ww", "-z", page])
    checks.check("no_warnings", status == 0 and not out.strip(), out)
    status, text = run(["man", "-l", page], env=dict(os.environ, MANPAGER="cat", MANWIDTH="200",
                                                     MAN_KEEP_FORMATTING=""))
    if not checks.check("renders", status == 0, text):
        return checks.status()
    # groff's hyphens are U+2010 in UTF-8 output; the options are ASCII.
    text = text.replace("\u2010", "-").replace("\u2212", "-")
    btc = build / "bin" / "btc"
    _, btc_help = run([btc, "--help"])
    (work / "t.bt").write_text(SCRIPT)
    status, out = run([btc, work / "t.bt", "-o", work / "t"])
    if not checks.check("tool_compiles", status == 0, out):
        return checks.status()
    _, tool_help = run([work / "t", "--help"])
    section = text.split("THE TOOL", 1)
    for label, help_text, where in (("btc", btc_help, section[0]),
                                    ("tool", tool_help, section[-1])):
        options = help_options(help_text)
        missing = sorted(o for o in options
                         if not re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", where))
        checks.check(f"{label}_options", options and not missing,
                     f"options of {label} --help the man page does not describe: {missing}"
                     if options else f"no options found in:\n{help_text}")
    return checks.status()


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("prefix", "package", "man"):
        print(__doc__, file=sys.stderr)
        return 2
    kind, source, build = sys.argv[1], Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    with tempfile.TemporaryDirectory(prefix=f"btc-install-{kind}-") as tmp:
        work = Path(tmp)
        return {"prefix": check_prefix, "package": check_package, "man": check_man}[kind](
            source, build, work)


if __name__ == "__main__":
    sys.exit(main())
