// The compiler's view of the manifest: what lowering learned about probes, maps, events and
// parameters. The driver emitter turns it into the runtime's constant data (btc/manifest.h).
#pragma once

#include "lower/kernel_fields.h"
#include "types/types.h"

#include <btc/manifest.h>

#include <array>
#include <string>
#include <vector>

namespace btc {

struct ProbeEntry {
  rt::ProbeKind kind;
  std::string program;
  std::string target;
  std::string display;
  uint64_t period = 0;
  bool freq = false;
  uint64_t offset = 0;                                        // kprobe:fn+offset
  std::vector<std::pair<std::string, std::string>> args = {}; // kfunc: argument, .rodata global
  std::string nargs_global = {};     // kretfunc retval: .rodata global of the argument count
  bool func_names = false;           // a wildcard kprobe reading `func`
  std::string func_name_global = {}; // a wildcard kfunc's `func`: .rodata global of its name
  std::string func_ip_global = {};   // a wildcard kretprobe's `func`: .rodata global, address
  std::string symbol = {};           // uprobe: the function (name, glob or C++ name)
  uint64_t address = 0;              // uprobe:BIN:ADDRESS
  bool cpp = false;                  // uprobe: `symbol` names demangled C++ functions only
  bool optional = false;             // missing where the tool runs: skipped with a warning
  std::string build_id = {};         // uprobe args from DWARF: the build host file's build-id
  uint32_t watch_len = 0;            // watchpoint: rt::ProbeSpec says
  std::string watch_mode = {};
  int32_t watch_arg = -1;
  bool watch_async = false;
  int32_t syscall_nr = -1; // rt::ProbeSpec says
  uint32_t syscall_slot = 0;
  std::string uload_global = {}; // a user probe's load bias: rt::ProbeSpec::uload_offset
  bool uaddr = false;            // the probe calls uaddr(): rt::ProbeSpec says
  uint32_t probe_name_len = 0;   // `probe` written by the tool: rt::ProbeSpec says
  std::string probe_name_global = {};
  std::string probe_name_head = {};
  std::string probe_name_tail = {};
  std::string pin = {}; // iter:NAME:PIN: rt::ProbeSpec says
};

struct MapEntry {
  std::string name;
  std::string c_name;
  bool has_key = false;
  Type key;
  Type value;
  bool per_cpu = false;
  bool declared = false; // `let @name = hash(N);`: sized by its declaration (rt::MapSpec)
};

struct EventEntry {
  rt::EventKind kind;
  std::string format;
  Type payload; // a Tuple of the arguments (Printf, Print)
  int map = -1;
  uint64_t top = 0;
  uint64_t div = 0;
  bool in_end = false; // sent by the END probe (rt::EventSpec)
  uint32_t line = 0;   // HelperError: where the script calls the helper (rt::EventSpec)
  uint32_t column = 0;
  uint32_t length = 0;
  bool inside_event = false;  // HelperError: raised while another event is filled (rt::EventSpec)
  bool holds_reports = false; // its filling may raise such reports (rt::EventSpec)
};

struct ParamEntry {
  uint32_t index;
  bool as_number;
  bool as_string;
  uint32_t str_size; // as_string: the bytes of its global (rt::ParamSpec)
};

struct NamedOptionEntry {
  std::string name;
  rt::OptionType type;
  std::string default_value;
  std::string description;
};

struct StartValueEntry {
  rt::StartLookup kind;
  std::string arg;
  std::string call;   // as written: kaddr("name")
  std::string binary; // UserAddress: the traced file as written ("/bin/bash", "libc"); kfunc
                      // tests (KfuncAllowed, KernelFuncRequired): the program's section
};

// rt::ParamCheckSpec.
struct ParamCheckEntry {
  rt::ParamCheckKind kind;
  uint32_t line;
  uint32_t column;
  std::array<int64_t, 3> values;
  std::array<uint32_t, 3> params;
  Type lhist; // LhistBounds: the map value's type
};

struct ManifestData {
  std::vector<ProbeEntry> probes;
  std::vector<MapEntry> maps; // in name order
  std::vector<EventEntry> events;
  std::vector<ParamEntry> params;
  std::vector<StartValueEntry> start_values;   // start_value_name(i) in .rodata
  std::vector<KernelFieldEntry> kernel_fields; // fields read through CO-RE relocations
  bool uses_argc = false;
  bool uses_elapsed = false;
  bool uses_func_ip = false;    // kHasFuncIpName is in .rodata
  bool unsafe = false;          // built with --unsafe
  bool uses_kernel_btf = false; // the tool needs the running kernel's BTF (rt::Manifest)
  bool uses_cpid = false;       // cpid reads kTargetTgidName
  bool cpid_optional = false;   // the script tests has_cpid: no -c needed for cpid
  bool filters_target = false;  // some program returns early outside the -p/-c process
  // The config block's settings the runtime acts on (rt::Manifest).
  rt::MissingProbes missing_probes = rt::MissingProbes::Error;
  bool print_maps_on_exit = true;
  bool cpp_demangle = true;
  rt::UserSymbolCache cache_user_symbols = rt::UserSymbolCache::PerPid;
  bool lazy_symbolication = true;
  bool show_debug_info = false;
  uint32_t max_map_keys = 0;
  uint32_t ring_bytes = 0;     // 0: the script sends no events
  bool checks_helpers = false; // some program reports failed helpers with -k (kHelperChecksName)
  std::vector<NamedOptionEntry> named_options; // option_name(i) in .rodata
  std::vector<ParamCheckEntry> param_checks;
  uint32_t max_strlen = kStrLen; // string parameters and options, the truncation trailer
  std::string str_trunc_trailer;
  uint32_t max_cat_bytes = 0;
  uint32_t max_probes = 0;
  std::vector<std::string> pcap_paths; // skboutput()'s files, by btc_skb_record::file
};

// The C names of the .rodata globals the runtime fills before load.
std::string param_num_name(uint32_t index);
std::string param_str_name(uint32_t index);
std::string start_value_name(uint32_t index);
inline std::string option_name(uint32_t index) {
  return "btc_opt" + std::to_string(index);
}
inline constexpr const char* kArgcName = "btc_argc";
inline constexpr const char* kStartNsName = "btc_start_ns";
inline constexpr const char* kHasFuncIpName = "BTC_HAS_FUNC_IP";
inline constexpr const char* kTargetTgidName = "btc_target_tgid";
inline constexpr const char* kHelperChecksName = "btc_helper_checks";

} // namespace btc
