// The config block: `config = { max_map_keys = 8192; stack_mode = perf }` checked against
// config.def into the settings later stages read.
#pragma once

#include "diag/diagnostics.h"
#include "syntax/ast.h"
#include "types/types.h"

#include <btc/manifest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace btc {

enum class ConfigId : uint8_t {
#define CONFIG(Id, NAME, VALUES) Id,
#include "sema/config.def"
};

struct ConfigInfo {
  ConfigId id;
  const char* name;
  const char* values; // "" for a positive integer, "*" for any string, else "a|b|c"
};

// Every supported setting, then the names of the planned ones, in config.def's order.
const std::vector<ConfigInfo>& config_settings();
const std::vector<const char*>& planned_config_settings();

// The default map size of bpftrace (BPFTRACE_MAP_KEYS_MAX in 0.17).
inline constexpr uint32_t kDefaultMapKeys = 4096;
// The largest max_strlen: a string must fit the per-CPU scratch of its probe.
inline constexpr uint32_t kMaxStrlenLimit = kMaxScratchBytes;
// Current bpftrace's defaults of its resource guards (bpftrace 0.17 had 512 for both).
inline constexpr uint32_t kDefaultMaxProbes = 1024;
inline constexpr uint32_t kDefaultMaxBpfProgs = 1024;
// bpftrace 0.17's BPFTRACE_CAT_BYTES_MAX: cat() prints at most this much of a file.
inline constexpr uint32_t kDefaultMaxCatBytes = 10240;

struct ScriptConfig {
  uint32_t max_map_keys = kDefaultMapKeys;
  uint32_t perf_rb_pages = 0; // 0: btc's default ring buffer (1 MiB)
  rt::MissingProbes missing_probes = rt::MissingProbes::Error;
  bool print_maps_on_exit = true;
  bool cpp_demangle = true;
  StackMode stack_mode = StackMode::Bpftrace;
  // The size (with its NUL) of str(), path(), buf(), tracepoint strings, string parameters
  // and options, and `string` declared without one.
  uint32_t max_strlen = kStrLen;
  // Printed after a string that filled its max_strlen buffer; bpftrace 0.17 has none.
  std::string str_trunc_trailer;
  // Values larger than this (strings, tuples, records, arrays) live in per-CPU map memory
  // rather than on the 512-byte BPF stack. 0, the default: strings over 64 bytes when
  // max_strlen is larger than that (bpftrace's default), and other values over kMaxValueBytes.
  uint32_t on_stack_limit = 0;
  uint32_t max_probes = kDefaultMaxProbes;
  uint32_t max_bpf_progs = kDefaultMaxBpfProgs;
  std::string license = "GPL";
  uint32_t max_cat_bytes = kDefaultMaxCatBytes;
  rt::UserSymbolCache cache_user_symbols = rt::UserSymbolCache::PerPid;
  bool lazy_symbolication = true;
  bool show_debug_info = false;
  // unstable_tseries: 0 error, 1 warn (the default, as current bpftrace), 2 enable.
  uint8_t unstable_tseries = 1;
  uint8_t unstable_typeinfo = 1; // the same for typeinfo()
};

// Checks the block (located errors for unknown or planned names, bad values, a setting given
// twice) and returns the settings, defaults for those not given. The BPFTRACE_* variables of
// the settings that shape the BPF program (max_strlen and its 0.17 name BPFTRACE_STRLEN,
// on_stack_limit, max_bpf_progs, license) win over the block, as in bpftrace; a bad value
// there is one unlocated error.
ScriptConfig check_config(const std::vector<ConfigEntry>& entries, Diagnostics& diags);

} // namespace btc
