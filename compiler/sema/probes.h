// Probe resolution: a probe spec as written (`t:syscalls:sys_enter_*`, `interval:s:1`) to the
// concrete probes to attach.
#pragma once

#include "kernel/tracepoints.h"
#include "types/types.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace btc {

// The probe types btc compiles (sema/probe_types.def).
enum class ProbeType : uint8_t {
#define PROBE_TYPE(Id, NAME, ALIAS1, ALIAS2, ATTACH) Id,
#include "sema/probe_types.def"
};

// A parameter of a kernel function, from the build host's BTF (kfunc `args.name`).
struct FuncParam {
  std::string name;
  Type type;
};

struct ResolvedProbe {
  ProbeType type;      // what lowering and the runtime switch on (sema/registry.h describes it)
  std::string target;  // tracepoint "cat:event", raw tracepoint or software event name
  std::string display; // canonical full name, the value of the `probe` builtin
  uint64_t period = 0; // ns for interval/profile (or Hz when freq), count for software/hardware
  bool freq = false;
  std::optional<TracepointFormat> format; // tracepoints: the record layout
  std::string record_problem;             // tracepoints without `format`: why, for `args` uses
  std::string record_warning;             // the record came from tracefs, not BTF: why
  int raw_args = -1; // raw tracepoints, usdt: argument count (fewest of a wildcard's), -1 unknown
  std::string raw_args_site; // usdt: the site with raw_args arguments, named in errors
  // kprobe/kfunc: `target` is the function as written after the probe type ("vfs_read",
  // "vfs_*", "ext4:ext4_sync_fs"): the tool resolves it where it runs, when it starts.
  uint64_t offset = 0;   // kprobe:fn+offset
  bool wildcard = false; // the function is a glob
  // kfunc: the function's parameters on the build host; `returns` its return type (kretfunc
  // retval).
  // A wildcard's params are those every matched function has, with one type; the others
  // map to why not ("vfs_fsync has none").
  std::vector<FuncParam> params;
  std::map<std::string, std::string> param_problems;
  Type returns;
  // uprobe/uretprobe: `target` is the binary as written ("/bin/bash", "libc"), resolved where
  // the tool runs; the function is `symbol` (a name, a glob, a C++ name), or `address`.
  // rawtracepoint: `symbol` is its class's __bpf_trace_<class>, whose parameters name the
  // arguments (on the build host: `params`; where the tool runs: looked up again).
  std::string symbol;
  uint64_t address = 0;
  // uprobe:BINARY:ADDRESS: the function holding the address in the build host's copy (`func`).
  std::string address_function;
  bool cpp = false; // `symbol` names demangled C++ functions only (bpftrace's cpp: prefix)
  // uprobe/uretprobe with a wildcard, usdt with a wildcard or without a provider: `probe` is
  // this ("uprobe:/bin/bash:") followed by the name of the site that fired, which the tool
  // finds where it runs; empty when `display` is the whole name.
  std::string name_prefix;
  // uprobe/uretprobe/usdt whose binary is no path (a program in $PATH, a "lib..." name): the
  // tool finds the file where it runs, and its `probe` names that file (the file's part of
  // `display` and `name_prefix` is the build host's). `probe` is then written by the tool.
  bool runtime_file = false;
  std::string name_file; // with runtime_file: the file as `display` names it
  // The build host's copy of the binary lacks the function: an error for a probe of its own;
  // for one of several probes sharing an action, a warning, and the tool skips it (with a
  // warning) where it is missing too. `optional` is then set.
  std::string missing_here;
  bool optional = false;
  std::string warning; // reported at the spec by sema; the probe is still compiled
  // The attach point names positional parameters ($1): `target`, `symbol` and `display` hold
  // them as written and the tool substitutes its arguments when it starts.
  bool at_start = false;
  // watchpoint/asyncwatchpoint: `address` (the ADDR form) or `symbol` and `watch_arg` (the
  // func+argN form: the address is argument N of the function, in the -p/-c process); the
  // bytes watched and the mode as the kernel's HW_BREAKPOINT_* letters ("w", "rw", "x").
  int watch_arg = -1;
  uint32_t watch_len = 0;
  std::string watch_mode;
  // iter:NAME:PIN: the file under bpffs the tool pins the iterator at (absolute), instead of
  // reading it; each read of the file then runs the program, whose printf() writes to it.
  std::string pin;
};

// Resolves one spec; on failure returns nothing and sets `error` (the message to report at the
// spec's location). Tracepoint wildcards expand against the build host's tracefs; without it
// (tracefs is root-only), events come from BTF and syscall tracepoints from a table built into
// btc. Kernel function wildcards are kept for the tool to resolve where it runs.
std::optional<std::vector<ResolvedProbe>> resolve_probe(const std::string& spec,
                                                        std::string& error);

// The x86-64 registers of struct pt_regs by bpftrace's names, for reg("name").
inline constexpr const char* kPtRegsNames =
    "r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax, ip, cs, flags, "
    "sp, ss";
// Whether `name` is one of them.
bool is_pt_regs_name(const std::string& name);

} // namespace btc
