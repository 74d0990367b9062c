#include "sema/config.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
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

// The most a value may be given for integer setting `id`, with the reason.
std::pair<uint64_t, std::string> int_limit(ConfigId id) {
  switch (id) {
  case ConfigId::PerfRbPages:
    // The ring buffer is one power-of-two size: at most 1 GiB of 4 KiB pages.
    return {1u << 18, " (1 GiB of 4 KiB pages)"};
  case ConfigId::MaxStrlen:
    return {kMaxStrlenLimit, " (a string lives in its probe's per-CPU scratch)"};
  case ConfigId::OnStackLimit:
    return {512, " (the size of the BPF stack)"};
  default:
    return {std::numeric_limits<uint32_t>::max(), ""};
  }
}

void apply(ScriptConfig& config, ConfigId id, uint64_t number, int choice,
           const std::string& text) {
  switch (id) {
  case ConfigId::MaxMapKeys:
    config.max_map_keys = static_cast<uint32_t>(number);
    break;
  case ConfigId::PerfRbPages:
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
  case ConfigId::MaxStrlen:
    config.max_strlen = static_cast<uint32_t>(number);
    break;
  case ConfigId::StrTruncTrailer:
    config.str_trunc_trailer = text;
    break;
  case ConfigId::OnStackLimit:
    config.on_stack_limit = static_cast<uint32_t>(number);
    break;
  case ConfigId::MaxProbes:
    config.max_probes = static_cast<uint32_t>(number);
    break;
  case ConfigId::MaxBpfProgs:
    config.max_bpf_progs = static_cast<uint32_t>(number);
    break;
  case ConfigId::LogSize:
    // Accepted as bpftrace does, to no effect: libbpf sizes the verifier log itself, growing
    // it until the log fits, and the tool reports the verifier's reason from it.
    break;
  case ConfigId::License:
    config.license = text;
    break;
  case ConfigId::MaxCatBytes:
    config.max_cat_bytes = static_cast<uint32_t>(number);
    break;
  case ConfigId::CacheUserSymbols:
    config.cache_user_symbols = static_cast<rt::UserSymbolCache>(choice);
    break;
  case ConfigId::LazySymbolication:
    config.lazy_symbolication = choice == 0;
    break;
  case ConfigId::ShowDebugInfo:
    config.show_debug_info = choice == 0;
    break;
  case ConfigId::UnstableTseries:
    config.unstable_tseries = static_cast<uint8_t>(choice);
    break;
  case ConfigId::UnstableTypeinfo:
    config.unstable_typeinfo = static_cast<uint8_t>(choice);
    break;
  }
}

const ConfigInfo& setting(ConfigId id) {
  for (const auto& s : config_settings())
    if (s.id == id) return s;
  return config_settings().front();
}

// The first of `names` set (and not empty) where btc runs overrides the setting `info`; a bad
// value is reported.
void env_setting(const std::vector<const char*>& names, const ConfigInfo& info,
                 ScriptConfig& config, Diagnostics& diags) {
  for (const char* name : names) {
    const char* v = std::getenv(name);
    if (!v || !*v) continue;
    std::string values = info.values;
    std::string text = v;
    if (values.empty()) {
      uint64_t max = int_limit(info.id).first;
      char* end = nullptr;
      errno = 0;
      unsigned long long n = std::strtoull(v, &end, 10);
      if (errno != 0 || *end != '\0' || n == 0 || n > max || v[0] == '-') {
        diags.error(std::string(name) + "=" + text + ": expected a number from 1 to " +
                    std::to_string(max));
        return;
      }
      apply(config, info.id, n, -1, text);
    } else {
      int choice = values == "*" ? -1 : value_index(values, text);
      if (values != "*" && choice < 0) {
        diags.error(std::string(name) + "=" + text + ": expected one of " + listed(values));
        return;
      }
      apply(config, info.id, 0, choice, text);
    }
    return;
  }
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
      auto [max, why] = int_limit(info->id);
      if (e.kind != Tok::Int || e.int_value == 0 ||
          e.int_value > std::numeric_limits<uint32_t>::max()) {
        diags.error(e.value_range, name + " must be a positive integer");
        continue;
      }
      if (e.int_value > max) {
        diags.error(e.value_range, name + " must be at most " + std::to_string(max) + why);
        continue;
      }
      number = e.int_value;
    } else if (values == "*") {
      // As in bpftrace, an integer stands for its digits.
      if (e.kind == Tok::Ident) {
        diags.error(e.value_range, name + " must be a string");
        continue;
      }
    } else {
      std::string v = e.kind == Tok::Int ? std::to_string(e.int_value) : e.text;
      if (values == "true|false" && e.kind == Tok::Int && e.int_value <= 1)
        v = e.int_value ? "true" : "false";
      // License names have blanks and slashes, and bpftrace writes cache_user_symbols' values
      // as strings ("PER_PROGRAM"): both are taken quoted.
      bool string_ok = info->id == ConfigId::License || info->id == ConfigId::CacheUserSymbols;
      choice = e.kind == Tok::String && !string_ok ? -1 : value_index(values, v);
      if (choice < 0) {
        diags.error(e.value_range, name + " must be one of " + listed(values));
        continue;
      }
    }
    apply(config, info->id, number, choice,
          e.kind == Tok::Int ? std::to_string(e.int_value) : e.text);
  }
  // The variables btc itself is run with, for the settings that shape the BPF program.
  env_setting({"BPFTRACE_MAX_STRLEN", "BPFTRACE_STRLEN"}, setting(ConfigId::MaxStrlen), config,
              diags);
  env_setting({"BPFTRACE_ON_STACK_LIMIT"}, setting(ConfigId::OnStackLimit), config, diags);
  env_setting({"BPFTRACE_MAX_BPF_PROGS"}, setting(ConfigId::MaxBpfProgs), config, diags);
  env_setting({"BPFTRACE_LICENSE"}, setting(ConfigId::License), config, diags);
  return config;
}

} // namespace btc
