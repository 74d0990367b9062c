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
  const char* values; // "" for a positive integer, else "a|b|c"
};

// Every supported setting, then the names of the planned ones, in config.def's order.
const std::vector<ConfigInfo>& config_settings();
const std::vector<const char*>& planned_config_settings();

// The default map size of bpftrace (BPFTRACE_MAP_KEYS_MAX in 0.17).
inline constexpr uint32_t kDefaultMapKeys = 4096;

struct ScriptConfig {
  uint32_t max_map_keys = kDefaultMapKeys;
  uint32_t perf_rb_pages = 0; // 0: btc's default ring buffer (1 MiB)
  rt::MissingProbes missing_probes = rt::MissingProbes::Error;
  bool print_maps_on_exit = true;
  bool cpp_demangle = true;
  StackMode stack_mode = StackMode::Bpftrace;
  rt::UserSymbolCache cache_user_symbols = rt::UserSymbolCache::PerPid;
};

// Checks the block (located errors for unknown or planned names, bad values, a setting given
// twice) and returns the settings, defaults for those not given.
ScriptConfig check_config(const std::vector<ConfigEntry>& entries, Diagnostics& diags);

} // namespace btc
