// The manifest: the plain-data contract between the btc compiler and the runtime.
//
// The compiler emits one `Manifest` as constant data into every generated driver. It describes
// the probes to attach, the maps to print, the asynchronous events the BPF programs send through
// the ring buffer and the positional parameters the script reads. The runtime interprets it;
// nothing in a produced tool is script-specific code.
//
// Byte layouts described here are exactly the layouts the generated BPF C uses, so the runtime
// can decode map values and event payloads without any other knowledge of the script.
#pragma once

#include "btc/abi.h"

#include <cstddef>
#include <cstdint>

struct bpf_object;
struct bpf_object_open_opts;

namespace btc::rt {

// The optional pieces of the runtime: code only some scripts need, which a tool carries only when
// its script uses it. The common code reaches a piece only through the hooks its installer,
// `btc::rt::install_<name>()` in the piece's own file, sets (runtime-lib/src/pieces.h); the
// generated driver lists the installers of the pieces its script needs (`Manifest::pieces`),
// decided by the compiler in one place (compiler/toolchain/runtime_pieces.cpp), so the static
// archive gives the link only the objects those installers reach. A hook reached without its
// piece (which the compiler's decision rules out) ends the tool with one line naming the piece.
// X(Id, name, what it does)
#define BTC_RUNTIME_PIECES(X)                                                                      \
  X(DebugInfo, debug_info, "file:line and inlined calls of user stack frames (show_debug_info)")   \
  X(GfpFlags, gfp_flags, "GFP flag names (printf's %gr)")                                          \
  X(TSeries, tseries, "tseries() values as text and JSON")                                         \
  X(EnumNames, enum_names, "enum values by name")                                                  \
  X(Pcap, pcap, "skboutput()'s pcap files")                                                        \
  X(KfuncTest, kfunc_test, "test loads of kfunc calls (kfunc_allowed(), kfuncs a program calls)")  \
  X(UserSymbols, user_symbols, "user addresses by name (ustack, usym)")                            \
  X(KernelSymbols, kernel_symbols, "kernel addresses by name (kstack, ksym)")                      \
  X(CgroupPaths, cgroup_paths, "cgroup_path()'s text")                                             \
  X(UserProbes, user_probes, "uprobe, uretprobe and usdt probes found and attached; uaddr()")      \
  X(UsdtFiles, usdt_files, "usdt probes in every file a process maps (usdt:*:...)")                \
  X(HardwareEvents, hardware_events,                                                               \
    "hardware and watchpoint probes (CPU counters, debug registers)")                              \
  X(CoreBtf, core_btf, "CO-RE against a minimal BTF of the kernel types the program reads")

struct Field;

// An enumerator of an Enum's table.
struct EnumValue {
  const char* name;
  int64_t value;
};

// A value's kind and exact storage layout (the layouts are described with Kind, btc/abi.h).
struct Type {
  Kind kind;
  bool is_signed = false;
  uint32_t size = 8;             // bytes of storage (per CPU for aggregations)
  const Field* fields = nullptr; // Tuple elements, Record members; Array: the element (one)
  uint32_t num_fields = 0;
  uint32_t count = 0; // Array: elements, each fields[0].type->size bytes apart; Hist: its bits
  const char* strftime_fmt = nullptr; // Timestamp
  int64_t lhist_min = 0;              // LHist parameters
  int64_t lhist_max = 0;
  int64_t lhist_step = 1;
  StackMode stack_mode = StackMode::Bpftrace; // Stack
  const char* stack_map = nullptr;            // Stack: the BPF stack-trace map's C name
  const char* cgroup_filter = nullptr;        // CgroupPath: the hierarchies to look in ("*": all)
  bool is_pointer = false;                    // Int: a pointer (hexadecimal in a map key)
  // TSeries: the interval in nanoseconds, how many intervals are kept, how one interval's
  // values combine, and whether the values are signed (is_signed).
  uint64_t tseries_interval = 0;
  uint32_t tseries_count = 0;
  TSeriesAgg tseries_agg = TSeriesAgg::Last;
  // Enum: the enum's name ("" when anonymous) and its enumerators on the build host (or in the
  // script's C); `enum_from_kernel`: a kernel enum, whose names the tool reads from the running
  // kernel's BTF, falling back to this table when that BTF lacks it.
  const char* enum_name = nullptr;
  const EnumValue* enum_values = nullptr;
  uint32_t num_enum_values = 0;
  bool enum_from_kernel = false;
};

struct Field {
  const Type* type;
  uint32_t offset;
  const char* name = nullptr; // Record members: the member's name
};

inline constexpr uint32_t lhist_buckets(const Type& t) {
  return static_cast<uint32_t>(BTC_LHIST_BUCKETS(t.lhist_min, t.lhist_max, t.lhist_step));
}

struct MapSpec {
  const char* name;     // as the user wrote it: "@" or "@name"
  const char* bpf_name; // the BPF map's C identifier in the object
  const Type* key;      // nullptr for a map without keys (the BPF key is a uint64 0, or a uint32
                        // 0 for an aggregation the compiler put in a per-CPU array)
  const Type* value;
  bool per_cpu; // the BPF map is a per-CPU hash (aggregations)
  // Declared with its size (`let @m = hash(100);`): max_map_keys does not resize it.
  bool declared = false;
};

// A kfunc argument the script reads by name: the runtime finds its position in the target
// kernel's BTF and writes it, as a uint32, into .rodata at `rodata_offset` before load.
struct ArgSlot {
  const char* name;
  int64_t rodata_offset;
};

struct ProbeSpec {
  ProbeKind kind;
  const char* program; // BPF program name in the object
  const char* target;  // tracepoint/raw tracepoint/software event name; kprobe/kfunc: the
                       // function as written ("vfs_read", "vfs_*", "ext4:ext4_*"); iter: the
                       // iterator ("task"); "" otherwise
  const char* display; // the probe as written in the script, for messages
  uint64_t period = 0; // interval/profile/software: ns (or count for software)
  bool freq = false;   // profile:hz
  uint64_t offset = 0; // kprobe:fn+offset
  // Kfunc: the arguments read by name, and where the argument count goes (kretfunc's retval
  // follows the arguments), -1 when unused.
  const ArgSlot* args = nullptr;
  uint32_t num_args = 0;
  int64_t nargs_offset = -1;
  // Kprobe with a wildcard whose program reads `func`: the runtime puts the address and name
  // of every matched function into BTC_FUNC_MAP. Uprobe/uretprobe with a wildcard, usdt with a
  // wildcard or without a provider, whose program reads `func` or `probe`: the runtime gives
  // each site a key (its BPF cookie) and puts the site's names under it (BTC_PROBE_NAME_KEY).
  bool func_names = false;
  // Kfunc with a wildcard whose program reads `func` or `probe`: where the runtime writes the
  // name of the function each loaded copy of the program is attached to (char[kFuncNameLen]),
  // -1 when unused.
  int64_t func_name_offset = -1;
  // Kretprobe with a wildcard whose program reads `func` or `probe`: where a copy of the program
  // finds its function's address on kernels without bpf_get_func_ip() for kprobes (before
  // 5.15; a return probe's registers do not tell which function returned), -1 when unused.
  // Uprobe/uretprobe with func_names: where a copy of the program finds its site's key on
  // kernels without BPF cookies (before 5.15); 0 there means "read the cookie".
  int64_t func_ip_offset = -1;
  // Uprobe/Uretprobe (`target` is the binary as written: a path, a program in $PATH, or a
  // "lib..." name): the function, or a link-time address of the file instead; `cpp` when the
  // name is matched against demangled C++ names only. Usdt: `target` likewise, or "*" or ""
  // for every file of the -p/-c process ("*" without either: of every running process), and
  // `symbol` is "provider:name".
  // RawTracepoint reading arguments by name: `symbol` is the event's class function
  // (__bpf_trace_<class>), whose parameters after the first name them on the running kernel;
  // `args` are where their positions go (the build host's until then).
  const char* symbol = "";
  uint64_t address = 0;
  bool cpp = false;
  // One of several probes sharing an action, missing on the build host: where it is missing
  // here too it is skipped with a warning instead of stopping the tool.
  bool optional = false;
  // Uprobe reading `args` by name: the GNU build-id (hex) of the build host's file whose debug
  // info placed and typed them; the tool refuses a file with another one. "" when unchecked.
  const char* build_id = "";
  // Watchpoint: the bytes watched (1, 2, 4, 8) and the mode ("w", "rw", "x"); with `symbol`,
  // the watched address is argument `watch_arg` of that function in the -p/-c process, else
  // `address`. `watch_async`: the process is not stopped while its watchpoint is set up.
  uint32_t watch_len = 0;
  const char* watch_mode = "";
  int32_t watch_arg = -1;
  bool watch_async = false;
  // Tracepoint `syscalls:sys_enter_X`/`sys_exit_X` served by a raw_syscalls program (`program`,
  // section raw_tracepoint/sys_enter or sys_exit) shared by several: its x86-64 syscall number,
  // and the slot its program knows it by; the runtime writes slot + 1 under the number into the
  // program's map `<program>_nr` when the event exists here. -1: a tracepoint of its own.
  int32_t syscall_nr = -1;
  uint32_t syscall_slot = 0;
  // Uprobe/uretprobe/usdt calling uaddr(), ustack or usym: where the runtime writes three __u64
  // that place the probe's file in the process that fires it: [0] the link-time address of the
  // probe's one site (the program subtracts it from the address that fired: the load bias,
  // page-aligned), or 0 and [1] the bias itself, read from the -p process's mappings; [2] 1
  // when placed (a file at fixed addresses: bias 0). -1 when unused. `uaddr`: the tool cannot
  // run unplaced.
  int64_t uload_offset = -1;
  bool uaddr = false;
  // Uprobe/uretprobe/usdt whose binary is no path (a program in $PATH, a "lib..." name) and
  // whose program reads `probe`: the name names the file the tool finds where it runs,
  // `probe_name_head` (the probe type, "uprobe:"), that file, then `probe_name_tail`
  // (":readline+4"), cut to `probe_name_len` - 1 bytes. The runtime writes it into .rodata at
  // `probe_name_offset` (char[probe_name_len]); with func_names (a wildcard, or usdt without a
  // provider) instead, head, file, ':' and the site's name, under each site's key plus
  // BTC_PROBE_NAME_KEY. 0: `probe`, if read, is compiled in or ends in the site's name alone.
  uint32_t probe_name_len = 0;
  int64_t probe_name_offset = -1;
  const char* probe_name_head = "";
  const char* probe_name_tail = "";
  // Iter: where the tool pins the iterator's link (an absolute path under bpffs) instead of
  // reading the iterator; "" to read it. Reading the file runs the program then.
  const char* pin = "";
};

struct EventSpec {
  EventKind kind;
  const char* format = nullptr; // Printf, Time; Join: the separator
  const Field* args = nullptr;  // payload fields, offsets relative to the payload, which
                                // follows the EventHeader
  uint32_t num_args = 0;
  int32_t map = -1; // PrintMap/Clear/Zero: index into Manifest::maps
  uint64_t top = 0; // PrintMap
  uint64_t div = 0; // PrintMap (0: none)
  // Sent by END. When the tool stops, programs already running may still send events after
  // END has started; they are told apart from END's own by this.
  bool in_end = false;
  // HelperError: where the script calls the helper (1-based line, column, columns underlined).
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t length = 0;
  // HelperError: raised while the program fills another event (a read or update in printf's
  // arguments), which it reserved first in the ring; bpftrace prints the report before that
  // event, so the tool holds an event that `holds_reports` until the reports after it are out.
  bool inside_event = false;
  bool holds_reports = false;
};

// One positional parameter $N the script reads. Its value is written into the object's
// .rodata before load: as a number at `num_offset` and/or as a string at `str_offset`.
struct ParamSpec {
  uint32_t index;     // N of $N
  int64_t num_offset; // -1 when the script never uses $N as a number
  int64_t str_offset; // -1 when the script never uses $N as a string
  uint32_t str_size;
};

// A named option of the tool (`getopt("name", default, "description")` in the script), typed by
// its default. Its value, from `--name=value` or the default, is written into .rodata before
// load at `offset`: an int64, a uint64 0 or 1, or a NUL-terminated string of `str_size` bytes.
enum class OptionType : uint8_t { Int, String, Bool };

struct NamedOptionSpec {
  const char* name;
  OptionType type;
  const char* default_value; // as the tool parses a value: "5", "text", "false"
  const char* description;   // "" when the script gives none
  int64_t offset;
  uint32_t str_size = 0;
};

// A positional parameter that sizes part of the program: `unroll($N)`, `lhist(v, $N, $M, $K)`,
// `str($N + K)`. bpftrace substitutes the literal and checks it when it compiles; the tool checks
// the value when it starts, before load, and refuses one the program cannot hold.
enum class ParamCheckKind : uint8_t {
  UnrollCount, // params[0]: 1 to 100
  LhistBounds, // min, max, step: each values[i], or $params[i] when that is not 0
  StrOffset,   // str($N + K): K (values[0]) at most the length of the string $params[0]
};

struct ParamCheckSpec {
  ParamCheckKind kind;
  uint32_t line; // where the script uses it: 1-based line and column
  uint32_t column;
  int64_t values[3];
  uint32_t params[3];
  // LhistBounds: the map value's type, whose bounds the tool sets here before it prints any.
  Type* lhist = nullptr;
};

// A number the script names by a constant and the tool looks up where it runs, before load,
// into .rodata: kernel addresses change with every boot, cgroup ids with every host.
enum class StartLookup : unsigned char {
  KernelAddress,      // kaddr("name"): the symbol's address in /proc/kallsyms
  CgroupId,           // cgroupid("path"): the id of the cgroup directory
  UserAddress,        // uaddr("name"): the symbol's address in `binary` (its link-time value)
  CpuCount,           // ncpus: the number of CPUs online
  TaiOffset,          // nsecs(sw_tai): CLOCK_TAI - CLOCK_BOOTTIME in nanoseconds
  PossibleCpus,       // reading a count() ... avg() map: the CPUs a per-CPU map has a value for
  CommandGiven,       // has_cpid: 1 when the tool runs a command (-c), else 0
  PidNamespace,       // pid(curr_ns), tid(curr_ns): the tool's PID namespace, arg "dev" or "ino"
  KernelFunc,         // kfunc_exist("name"): 1 when the running kernel has that kfunc, else 0
  KfuncAllowed,       // kfunc_allowed("name"): 1 when a program of section `binary` may call it
  KernelFuncRequired, // a kfunc (arg) a program of section `binary` calls for `call`: the tool
                      // stops before load when the kernel lacks it or refuses that type
};

struct StartValueSpec {
  StartLookup kind;
  const char* arg;              // the symbol name or the path
  const char* call;             // as written, for messages: kaddr("nosuch")
  int64_t offset;               // uint64 in .rodata
  const char* binary = nullptr; // UserAddress: the traced file as the probe names it; kfunc
                                // tests: the program's section ("iter", "tracepoint")
};

enum class KernelFieldKind : uint8_t {
  TracepointRecord, // a field of a tracepoint's record (struct trace_event_raw_<class>)
  Struct,           // a member path of a kernel struct or union
};

// One use of a kernel field the program reads through a CO-RE relocation. When the running
// kernel lacks it, libbpf's log names `record___btc.path`; this says where the script read it.
struct KernelFieldSpec {
  const char* record; // kernel type name: "trace_event_raw_timer_start", "task_struct"
  const char* path;   // member path as libbpf prints it: "now", "signal.rlim[7].rlim_cur"
  KernelFieldKind kind;
  const char* event; // TracepointRecord: "category:event"
  uint32_t line;     // where the script reads it: 1-based line, column, and columns to underline
  uint32_t column;
  uint32_t length;
};

// What happens when a named kernel function, iterator or user-space function is missing where
// the tool runs (config missing_probes): an error (bpftrace's default), a warning and the probe
// is skipped, or it is skipped silently. In the order of config.def's values.
enum class MissingProbes : uint8_t { Error, Warn, Ignore };

// config cache_user_symbols: what the user-space symbolizer keeps. PerPid: each process's
// mappings, read when its first stack or symbol arrives; PerProgram: one process's mappings
// for every process of its executable (wrong where ASLR loads them elsewhere); None: nothing,
// the mappings and symbol tables read again for every address.
enum class UserSymbolCache : uint8_t { PerPid, PerProgram, None };

#define BTC_PIECE_ENUMERATOR(id, name, what) id,
enum class Piece : uint8_t { BTC_RUNTIME_PIECES(BTC_PIECE_ENUMERATOR) };
#undef BTC_PIECE_ENUMERATOR
#define BTC_PIECE_NAME(id, name, what) #name,
inline constexpr const char* kPieceNames[] = {BTC_RUNTIME_PIECES(BTC_PIECE_NAME)};
#undef BTC_PIECE_NAME
inline constexpr unsigned kNumPieces = sizeof(kPieceNames) / sizeof(kPieceNames[0]);
// The piece's name as its installer spells it after `install_`.
constexpr const char* name_of(Piece p) {
  return kPieceNames[static_cast<unsigned>(p)];
}
using PieceInstaller = void (*)();
#define BTC_PIECE_INSTALLER(id, name, what) void install_##name();
BTC_RUNTIME_PIECES(BTC_PIECE_INSTALLER)
#undef BTC_PIECE_INSTALLER

struct Manifest {
  const char* tool_name;
  const char* script_name; // file name for messages ("script.bt", "stdin", "-e")
  const char* script_text; // the whole script: --help shows its leading comment block,
                           // verifier errors are reported against its lines
  const char* script_hash; // short hash shown by --version
  const char* btc_version;

  const ProbeSpec* probes;
  uint32_t num_probes;
  const MapSpec* maps; // sorted by name, the order bpftrace prints them in
  uint32_t num_maps;
  const EventSpec* events;
  uint32_t num_events;
  const ParamSpec* params;
  uint32_t num_params;
  const StartValueSpec* start_values;
  uint32_t num_start_values;
  const KernelFieldSpec* kernel_fields;
  uint32_t num_kernel_fields;

  // Offsets into .rodata the runtime fills before load (-1: not used by the script).
  int64_t argc_offset;     // uint64: number of positional arguments ($#)
  int64_t start_ns_offset; // uint64: CLOCK_MONOTONIC at start (elapsed)
  // The tool needs the running kernel's BTF: CO-RE relocations (kernel fields, tracepoint
  // records, sizeof/offsetof of kernel types), BTF-typed probes (kfunc, kretfunc, iter).
  bool uses_kernel_btf;
  // uint32 set to 1 before load when the kernel has bpf_get_func_ip() for kprobes (5.15+),
  // -1 when no program asks.
  int64_t has_func_ip_offset = -1;
  // The script's config block; BPFTRACE_* variables override them where the tool runs.
  MissingProbes missing_probes = MissingProbes::Error;
  bool print_maps_on_exit = true;
  bool cpp_demangle = true;
  UserSymbolCache cache_user_symbols = UserSymbolCache::PerPid;
  // config lazy_symbolication: false reads the symbol tables of all of a process's files when
  // the process is first seen, true (the default) each file's on the first address in it.
  bool lazy_symbolication = true;
  // config show_debug_info: user frames and usym end in "@file:line" of the DWARF line tables.
  bool show_debug_info = false;
  uint32_t max_map_keys = 4096; // the size the keyed maps were compiled with
  uint32_t ring_bytes = 0;      // the ring buffer's compiled size
  // Built with `btc --unsafe`: the tool may change the traced system (override, signal,
  // system); its --help says so.
  bool unsafe = false;
  // uint32 set before load to the PID of the -p/-c process, 0 without them: the programs of
  // probes that fire in some process's context return at once in the others. -1 when no
  // program reads it.
  int64_t target_pid_offset = -1;
  // The script reads cpid (the value at target_pid_offset): the tool needs -c, unless the
  // script also tests has_cpid (cpid_optional), where cpid is 0 without -c.
  bool uses_cpid = false;
  bool cpid_optional = false;
  // uint32 set before load to the -k level (0: off, 1: -k, 2: -kk): the programs report the
  // failed helper calls of that level (HelperError events). -1 when no program checks.
  int64_t helper_checks_offset = -1;
  // The script's getopt() options, in name order.
  const NamedOptionSpec* named_options = nullptr;
  uint32_t num_named_options = 0;
  const ParamCheckSpec* param_checks = nullptr;
  uint32_t num_param_checks = 0;
  // The script's config block (BPFTRACE_STR_TRUNC_TRAILER, BPFTRACE_MAX_CAT_BYTES and
  // BPFTRACE_MAX_PROBES override the last three where the tool runs): a string of max_strlen
  // bytes whose text fills it prints with the trailer; cat() prints at most max_cat_bytes of a
  // file; the tool refuses to attach more than max_probes probes.
  uint32_t max_strlen = 64;
  const char* str_trunc_trailer = "";
  uint32_t max_cat_bytes = 10240;
  uint32_t max_probes = 1024;
  // The files skboutput() writes packets to (pcap), by btc_skb_record::file.
  const char* const* pcap_paths = nullptr;
  uint32_t num_pcap_paths = 0;
  // The installers of the optional pieces the script needs (BTC_RUNTIME_PIECES), run first.
  const PieceInstaller* pieces = nullptr;
  uint32_t num_pieces = 0;
};

// Accessors the generated driver provides from the skeleton.
struct Skeleton {
  void* skel;
  bpf_object* obj;
  void* rodata; // the skeleton's .rodata image (nullptr when the script has none)
  int (*load)(void* skel);
  void (*destroy)(void* skel);
};

// The generated skeleton: its open (with libbpf's options) and the BPF object's ELF image, whose
// BTF says what the load needs of the kernel's BTF before anything is opened.
struct SkeletonSource {
  Skeleton (*open)(const bpf_object_open_opts* opts);
  const void* (*elf_bytes)(size_t* size);
};

// Runs a produced tool: parses its command line, loads and attaches the programs, streams events
// and prints the maps at exit. Returns the process exit status.
int run_tool(const Manifest& manifest, const SkeletonSource& skeleton, int argc, char** argv);

} // namespace btc::rt
