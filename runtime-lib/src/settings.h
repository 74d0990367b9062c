// The config block's settings as the tool runs them: the script's values (in the manifest),
// overridden by BPFTRACE_* environment variables where the tool runs, as in bpftrace.
#pragma once

#include <btc/manifest.h>

#include <cstdint>
#include <string>

struct bpf_object;

namespace btc::rt {

struct RunSettings {
  MissingProbes missing_probes = MissingProbes::Error;
  bool print_maps_on_exit = true;
  bool cpp_demangle = true;
  UserSymbolCache cache_user_symbols = UserSymbolCache::PerPid;
  bool lazy_symbolication = true;
  uint32_t max_map_keys = 0;
  uint32_t ring_bytes = 0;
  std::string str_trunc_trailer;
  uint32_t max_cat_bytes = 0;
  uint32_t max_probes = 0;
  bool show_debug_info = false;
};

// False, with the message in `error`, for a variable set to a value the setting does not take.
bool read_run_settings(const Manifest& m, RunSettings& out, std::string& error);

// Before load: gives the keyed maps and the ring buffer the sizes of `s` where they differ from
// the compiled ones.
bool apply_map_sizes(const Manifest& m, bpf_object* obj, const RunSettings& s, std::string& error);

} // namespace btc::rt
