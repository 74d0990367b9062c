#include "settings.h"

#include <bpf/libbpf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace btc::rt {

namespace {

// The variable's value, or nullptr when it is unset or empty.
const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

bool positive(const char* name, const char* text, uint64_t max, uint64_t& out, std::string& error) {
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0' || v == 0 || v > max || text[0] == '-') {
    error = std::string(name) + "=" + text + ": expected a number from 1 to " + std::to_string(max);
    return false;
  }
  out = v;
  return true;
}

// The ring buffer's size for `pages` pages: a power of two, as the kernel requires.
uint32_t ring_size(uint64_t pages) {
  uint64_t want = pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  uint64_t size = 1;
  while (size < want) size <<= 1;
  return static_cast<uint32_t>(size);
}

// A boolean setting from the environment: "true"/"1" or "false"/"0"; `expected` for the error.
// True when unset too (out unchanged).
bool env_bool(const char* name, const char* expected, bool& out, std::string& error) {
  const char* v = env(name);
  if (!v) return true;
  if (std::strcmp(v, "true") == 0 || std::strcmp(v, "1") == 0) {
    out = true;
  } else if (std::strcmp(v, "false") == 0 || std::strcmp(v, "0") == 0) {
    out = false;
  } else {
    error = std::string(name) + "=" + v + ": expected " + expected;
    return false;
  }
  return true;
}

} // namespace

bool read_run_settings(const Manifest& m, RunSettings& out, std::string& error) {
  out =
      RunSettings{m.missing_probes,     m.print_maps_on_exit, m.cpp_demangle, m.cache_user_symbols,
                  m.lazy_symbolication, m.max_map_keys,       m.ring_bytes,   m.str_trunc_trailer,
                  m.max_cat_bytes,      m.max_probes};
  out.show_debug_info = m.show_debug_info;
  uint64_t n = 0;
  // BPFTRACE_MAP_KEYS_MAX is bpftrace 0.17's name, BPFTRACE_MAX_MAP_KEYS today's.
  for (const char* name : {"BPFTRACE_MAP_KEYS_MAX", "BPFTRACE_MAX_MAP_KEYS"})
    if (const char* v = env(name)) {
      if (!positive(name, v, UINT32_MAX, n, error)) return false;
      out.max_map_keys = static_cast<uint32_t>(n);
    }
  if (const char* v = env("BPFTRACE_PERF_RB_PAGES")) {
    if (!positive("BPFTRACE_PERF_RB_PAGES", v, 1u << 18, n, error)) return false;
    out.ring_bytes = ring_size(n);
  }
  if (const char* v = env("BPFTRACE_MISSING_PROBES")) {
    static const char* const kModes[] = {"error", "warn", "ignore"};
    int found = -1;
    for (int i = 0; i < 3; ++i)
      if (std::strcmp(v, kModes[i]) == 0) found = i;
    if (found < 0) {
      error = std::string("BPFTRACE_MISSING_PROBES=") + v + ": expected error, warn or ignore";
      return false;
    }
    out.missing_probes = static_cast<MissingProbes>(found);
  }
  // bpftrace 0.17's BPFTRACE_NO_CPP_DEMANGLE=1 turns demangling off.
  if (const char* v = env("BPFTRACE_NO_CPP_DEMANGLE")) {
    if (std::strcmp(v, "1") == 0) {
      out.cpp_demangle = false;
    } else if (std::strcmp(v, "0") == 0) {
      out.cpp_demangle = true;
    } else {
      error = std::string("BPFTRACE_NO_CPP_DEMANGLE=") + v + ": expected 1 or 0";
      return false;
    }
  }
  // Today's names; bpftrace 0.17 took 1 (a cache per program) and 0 (per process).
  if (const char* v = env("BPFTRACE_CACHE_USER_SYMBOLS")) {
    static const char* const kModes[][2] = {{"PER_PID", "0"}, {"PER_PROGRAM", "1"}, {"NONE", ""}};
    int found = -1;
    for (int i = 0; i < 3; ++i)
      if (std::strcmp(v, kModes[i][0]) == 0 || std::strcmp(v, kModes[i][1]) == 0) found = i;
    if (found < 0) {
      error = std::string("BPFTRACE_CACHE_USER_SYMBOLS=") + v +
              ": expected PER_PID, PER_PROGRAM or NONE (or 0.17's 0 or 1)";
      return false;
    }
    out.cache_user_symbols = static_cast<UserSymbolCache>(found);
  }
  if (!env_bool("BPFTRACE_LAZY_SYMBOLICATION", "1 or 0", out.lazy_symbolication, error))
    return false;
  if (!env_bool("BPFTRACE_SHOW_DEBUG_INFO", "true or false", out.show_debug_info, error))
    return false;
  if (!env_bool("BPFTRACE_PRINT_MAPS_ON_EXIT", "true or false", out.print_maps_on_exit, error))
    return false;
  // Set and empty turns the trailer off, as in bpftrace.
  if (const char* v = std::getenv("BPFTRACE_STR_TRUNC_TRAILER")) out.str_trunc_trailer = v;
  // BPFTRACE_CAT_BYTES_MAX is bpftrace 0.17's name, BPFTRACE_MAX_CAT_BYTES today's.
  for (const char* name : {"BPFTRACE_CAT_BYTES_MAX", "BPFTRACE_MAX_CAT_BYTES"})
    if (const char* v = env(name)) {
      if (!positive(name, v, UINT32_MAX, n, error)) return false;
      out.max_cat_bytes = static_cast<uint32_t>(n);
    }
  if (const char* v = env("BPFTRACE_MAX_PROBES")) {
    if (!positive("BPFTRACE_MAX_PROBES", v, UINT32_MAX, n, error)) return false;
    out.max_probes = static_cast<uint32_t>(n);
  }
  return true;
}

bool apply_map_sizes(const Manifest& m, bpf_object* obj, const RunSettings& s, std::string& error) {
  auto resize = [&](const char* name, uint32_t size) {
    bpf_map* map = bpf_object__find_map_by_name(obj, name);
    if (!map) return true; // a map no program uses is not in the object
    int err = bpf_map__set_max_entries(map, size);
    if (err == 0) return true;
    error = std::string("cannot size map ") + name + ": " + std::strerror(-err);
    return false;
  };
  if (s.max_map_keys != m.max_map_keys)
    for (uint32_t i = 0; i < m.num_maps; ++i)
      if (m.maps[i].key && !m.maps[i].declared && !resize(m.maps[i].bpf_name, s.max_map_keys))
        return false;
  if (s.ring_bytes != m.ring_bytes && !resize(kEventsMap, s.ring_bytes)) return false;
  return true;
}

} // namespace btc::rt
