#include "sema/config.h"

#include <cctype>
#include <limits>
#include <set>

namespace btc {

const std::vector<ConfigInfo>& config_settings() {
  static const std::vector<ConfigInfo> kSettings = {
#define CONFIG(Id, NAME, VALUES) {ConfigId::Id, NAME, VALUES},
#include "sema/config.def"
  };
  return kSettings;
}

const std::vector<const char*>& planned_config_settings() {
  static const std::vector<const char*> kPlanned = {
#define PLANNED_CONFIG(NAME) NAME,
#include "sema/config.def"
  };
  return kPlanned;
}

namespace {

// `BPFTRACE_STACK_MODE`, `STACK_MODE` and `stack_mode` name one setting.
std::string canonical_name(const std::string& written) {
  std::string name;
  for (char c : written) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.rfind("bpftrace_", 0) == 0) name.erase(0, 9);
  return name;
}

// The position of `value` among "a|b|c", or -1.
int value_index(const std::string& values, const std::string& value) {
  int index = 0;
  size_t start = 0;
  for (;;) {
    size_t bar = values.find('|', start);
    if (values.compare(start, bar == std::string::npos ? std::string::npos : bar - start, value) ==
        0)
      return index;
    if (bar == std::string::npos) return -1;
    start = bar + 1;
    ++index;
  }
}

std::string listed(const std::string& values) {
  std::string out;
  for (char c : values) out += c == '|' ? std::string(", ") : std::string(1, c);
  return out;
}

} // namespace

ScriptConfig check_config(const std::vector<ConfigEntry>& entries, Diagnostics& diags) {
  ScriptConfig config;
  std::set<std::string> seen;
  for (const ConfigEntry& e : entries) {
    std::string name = canonical_name(e.name);
    const ConfigInfo* info = nullptr;
    for (const auto& s : config_settings())
      if (name == s.name) info = &s;
    if (!info) {
      bool planned = false;
      for (const char* p : planned_config_settings()) planned = planned || name == p;
      if (planned) {
        diags.error(e.name_range, "the config setting " + name + " is not supported by btc yet");
        continue;
      }
      std::string known;
      for (const auto& s : config_settings())
        known += (known.empty() ? "" : ", ") + std::string(s.name);
      diags.error(e.name_range,
                  "unknown config setting '" + e.name + "' (btc knows " + known + ")");
      continue;
    }
    if (!seen.insert(name).second) {
      diags.error(e.name_range, "the config setting " + name + " is given twice");
      continue;
    }
    std::string values = info->values;
    uint64_t number = 0;
    int choice = -1;
    if (values.empty()) {
      if (e.kind != Tok::Int || e.int_value == 0 ||
          e.int_value > std::numeric_limits<uint32_t>::max()) {
        diags.error(e.value_range, name + " must be a positive integer");
        continue;
      }
      number = e.int_value;
    } else {
      std::string v = e.kind == Tok::Int ? std::to_string(e.int_value) : e.text;
      if (values == "true|false" && e.kind == Tok::Int && e.int_value <= 1)
        v = e.int_value ? "true" : "false";
      // bpftrace writes cache_user_symbols' values as strings ("PER_PROGRAM").
      bool quoted_ok = info->id == ConfigId::CacheUserSymbols;
      choice = e.kind == Tok::String && !quoted_ok ? -1 : value_index(values, v);
      if (choice < 0) {
        diags.error(e.value_range, name + " must be one of " + listed(values));
        continue;
      }
    }
    switch (info->id) {
    case ConfigId::MaxMapKeys:
      config.max_map_keys = static_cast<uint32_t>(number);
      break;
    case ConfigId::PerfRbPages:
      // The ring buffer is one power-of-two size: at most 1 GiB of 4 KiB pages.
      if (number > (1u << 18)) {
        diags.error(e.value_range, "perf_rb_pages must be at most 262144 (1 GiB of 4 KiB pages)");
        continue;
      }
      config.perf_rb_pages = static_cast<uint32_t>(number);
      break;
    case ConfigId::MissingProbes:
      config.missing_probes = static_cast<rt::MissingProbes>(choice);
      break;
    case ConfigId::PrintMapsOnExit:
      config.print_maps_on_exit = choice == 0;
      break;
    case ConfigId::CppDemangle:
      config.cpp_demangle = choice == 0;
      break;
    case ConfigId::StackMode:
      config.stack_mode = static_cast<StackMode>(choice);
      break;
    case ConfigId::CacheUserSymbols:
      config.cache_user_symbols = static_cast<rt::UserSymbolCache>(choice);
      break;
    }
  }
  return config;
}

} // namespace btc
