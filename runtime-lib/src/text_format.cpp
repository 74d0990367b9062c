#include "text_format.h"

#include "hist_bits.h"
#include "map_order.h"
#include "pieces.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace btc::rt {
namespace {

constexpr int kBarWidth = 52;

int64_t signed_div(int64_t v, uint32_t div) {
  return v / static_cast<int64_t>(div);
}

std::string power_label(uint32_t power) {
  static constexpr struct {
    uint32_t power;
    char suffix;
  } kSuffixes[] = {{60, 'E'}, {50, 'P'}, {40, 'T'}, {30, 'G'}, {20, 'M'}, {10, 'K'}};
  for (const auto& s : kSuffixes)
    if (power >= s.power) return std::to_string(uint64_t{1} << (power - s.power)) + s.suffix;
  return std::to_string(uint64_t{1} << power);
}

std::string lhist_label(int64_t n) {
  if (n == 0) return "0";
  if (n % 1048576 == 0) return std::to_string(n / 1048576) + "M";
  if (n % 1024 == 0) return std::to_string(n / 1024) + "K";
  return std::to_string(n);
}

std::string pad_right(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string pad_left(const std::string& s, size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

// Rows from the first to the last non-zero bucket; "" when all are zero. Bars are scaled to the
// largest (undivided) bucket in float arithmetic; counts are shown divided by `div`.
template <typename LabelFn>
std::string histogram_rows(const std::vector<uint64_t>& values, uint32_t div, LabelFn label) {
  int first = -1, last = -1;
  uint64_t max_value = 0;
  for (size_t i = 0; i < values.size(); i++) {
    if (values[i] > 0) {
      if (first == -1) first = static_cast<int>(i);
      last = static_cast<int>(i);
    }
    max_value = std::max(max_value, values[i]);
  }
  if (last == -1) return "";
  std::string out;
  for (int i = first; i <= last; i++) {
    uint64_t v = values[i];
    int bar = static_cast<int>(static_cast<float>(v) / static_cast<float>(max_value) *
                               static_cast<float>(kBarWidth));
    out += pad_right(label(i), 16);
    out += pad_left(std::to_string(v / div), 8);
    out += " |";
    out += pad_right(std::string(bar, '@'), kBarWidth);
    out += "|\n";
  }
  return out;
}

std::string hist_rows(const std::vector<uint64_t>& values, uint32_t div) {
  return histogram_rows(values, div, [](int i) -> std::string {
    if (i == 0) return "(..., 0)";
    if (i == 1) return "[0]";
    if (i == 2) return "[1]";
    return "[" + power_label(i - 2) + ", " + power_label(i - 1) + ")";
  });
}

// hist(v, k) as current bpftrace prints it (runtime-lib/src/hist_bits.h).
std::string hist_bits_rows(const std::vector<uint64_t>& values, uint32_t div, uint32_t k) {
  return histogram_rows(values, div, [k](int index) -> std::string {
    uint32_t i = static_cast<uint32_t>(index);
    if (i == 0) return "(..., 0)";
    if (hist_bits_single(i, k)) return "[" + std::to_string(i - 1) + "]";
    return "[" + hist_bits_label(i - 1, k) + ", " + hist_bits_label(i, k) + ")";
  });
}

std::string lhist_rows(const Type& t, const std::vector<uint64_t>& values) {
  const int64_t buckets = (t.lhist_max - t.lhist_min) / t.lhist_step;
  return histogram_rows(values, 1, [&](int i) -> std::string {
    if (i == 0) return "(..., " + lhist_label(t.lhist_min) + ")";
    if (i == buckets + 1) return "[" + lhist_label(t.lhist_max) + ", ...)";
    return "[" + lhist_label((i - 1) * t.lhist_step + t.lhist_min) + ", " +
           lhist_label(i * t.lhist_step + t.lhist_min) + ")";
  });
}

std::string number_text(const Value& v, uint32_t div) {
  return v.type->is_signed ? std::to_string(signed_div(v.as_signed(), div))
                           : std::to_string(v.num / div);
}

// A stack as bpftrace 0.17 prints it: a newline, then a line per frame, innermost first;
// nothing at all for an empty stack. Frames are symbolized here, at print time, where the tool
// runs: a kernel stack from its kallsyms, a user stack from the process's mappings; perf mode
// names a user frame's file too.
std::string stack_text(const Value& v, size_t indent) {
  if (v.frames.empty()) return "";
  const bool user = v.kind() == Kind::UStack;
  auto symbol = [&](uint64_t addr, bool with_module) {
    return user ? piece<Piece::UserSymbols>().resolve(v.pid, addr, true, with_module, nullptr)
                : piece<Piece::KernelSymbols>().resolve(addr, true);
  };
  std::string out = "\n";
  char hex[24];
  for (uint64_t addr : v.frames) {
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(addr));
    switch (v.type->stack_mode) {
    case StackMode::Bpftrace:
      if (user) {
        // show_debug_info: the calls inlined at the address come first, innermost first.
        std::vector<std::string> inlined;
        std::string name = piece<Piece::UserSymbols>().resolve(v.pid, addr, true, false, &inlined);
        for (const std::string& call : inlined) out += std::string(indent, ' ') + call + "\n";
        out += std::string(indent, ' ') + name;
      } else {
        out += std::string(indent, ' ') + symbol(addr, false);
      }
      break;
    case StackMode::Perf:
      if (user) {
        std::vector<std::string> inlined;
        std::string name = piece<Piece::UserSymbols>().resolve(v.pid, addr, true, true, &inlined);
        for (const std::string& call : inlined) out += std::string("\t") + hex + " " + call + "\n";
        out += std::string("\t") + hex + " " + name;
      } else {
        out += std::string("\t") + hex + " " + symbol(addr, true);
      }
      break;
    case StackMode::Raw:
      out += hex;
      break;
    }
    out += "\n";
  }
  return out;
}

// The C library's message, as bpftrace prints strerror(n) ("Unknown error 200").
std::string strerror_text(int64_t n) {
  if (n < INT32_MIN || n > INT32_MAX) return "Unknown error " + std::to_string(n);
  char buf[256];
  return strerror_r(static_cast<int>(n), buf, sizeof buf);
}

// username: the name /etc/passwd gives the uid, read when the value is printed as bpftrace
// does (not through the C library's NSS, which a static tool cannot load); empty for a uid the
// file does not list.
std::string username_text(uint64_t uid) {
  FILE* file = std::fopen("/etc/passwd", "re");
  if (!file) return "";
  std::string want = std::to_string(uid), name;
  char line[1024];
  while (name.empty() && std::fgets(line, sizeof line, file)) {
    // name:password:uid:...
    char* first = std::strchr(line, ':');
    char* second = first ? std::strchr(first + 1, ':') : nullptr;
    char* third = second ? std::strchr(second + 1, ':') : nullptr;
    if (third && std::string(second + 1, third) == want) name.assign(line, first);
  }
  std::fclose(file);
  return name;
}

// buf() bytes as printf's %r (printable ASCII kept, others as \xNN), %rx (all as \xNN) and %rh
// (two hex digits each, separated by spaces) print them; %r is also the form in maps.
std::string buffer_text(const std::string& bytes, const std::string& token) {
  std::string out;
  char hex[8];
  for (size_t i = 0; i < bytes.size(); i++) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (token == "r" && b >= 32 && b <= 126) {
      out += static_cast<char>(b);
      continue;
    }
    if (token == "rh" && i) out += ' ';
    std::snprintf(hex, sizeof hex, token == "rh" ? "%02x" : "\\x%02x", b);
    out += hex;
  }
  return out;
}

std::string bool_text(const Value& v) {
  return v.num ? "true" : "false";
}

// A record or array as bpftrace 0.17 prints it: `{ .a = 1, .b = [1,2] }`, or in a map key
// `{.a=1,.b=[1,2]}`, each member as it prints in the same place.
template <typename ElemText>
std::string aggregate_text(const Value& v, bool compact, ElemText elem) {
  std::string out;
  if (v.kind() == Kind::Array) {
    out = "[";
    for (size_t i = 0; i < v.fields.size(); i++) out += (i ? "," : "") + elem(v.fields[i]);
    return out + "]";
  }
  out = compact ? "{" : "{ ";
  for (size_t i = 0; i < v.fields.size(); i++) {
    if (i) out += compact ? "," : ", ";
    out += std::string(".") + v.type->fields[i].name + (compact ? "=" : " = ") + elem(v.fields[i]);
  }
  return out + (compact ? "}" : " }");
}

std::string key_elem_text(const Value& v);

// A pointer in a map key, as bpftrace 0.17 prints it: in hexadecimal.
std::string key_pointer_text(const Value& v) {
  char hex[24];
  std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(v.num));
  return hex;
}

// A member of a record in a map key as bpftrace 0.17 prints it: an integer signed at its width
// whatever its type says, a pointer in hexadecimal.
std::string key_member_text(const Value& v) {
  if (v.kind() != Kind::Int) return key_elem_text(v);
  if (v.type->is_pointer) return key_pointer_text(v);
  uint32_t bits = v.type->size * 8;
  if (bits >= 64) return std::to_string(v.as_signed());
  uint64_t sign = uint64_t{1} << (bits - 1);
  uint64_t low = v.num & ((sign << 1) - 1);
  return std::to_string(static_cast<int64_t>((low ^ sign) - sign));
}

std::string key_elem_text(const Value& v) {
  if (v.kind() == Kind::Int)
    return v.type->is_pointer ? key_pointer_text(v) : std::to_string(v.as_signed());
  if (v.kind() == Kind::Record) return aggregate_text(v, true, key_member_text);
  if (v.kind() == Kind::Array) return aggregate_text(v, true, key_elem_text);
  // bpftrace indents the frames of a stack in a key by 4, elsewhere by 8.
  if (v.kind() == Kind::Stack || v.kind() == Kind::UStack) return stack_text(v, 4);
  return value_text(v);
}

} // namespace

std::string value_text(const Value& v, uint32_t div) {
  switch (v.kind()) {
  case Kind::Int:
  case Kind::Sum:
    return number_text(v, div);
  case Kind::Str:
  case Kind::Inet:
  case Kind::MacAddr:
    return v.str;
  case Kind::CgroupPath:
    return piece<Piece::CgroupPaths>().text(v.num,
                                            v.type->cgroup_filter ? v.type->cgroup_filter : "*");
  case Kind::Buffer:
    return buffer_text(v.str, "r");
  case Kind::Tuple: {
    // Current bpftrace prints a record like a struct, its elements as they print alone.
    if (v.is_record_tuple())
      return aggregate_text(v, false, [div](const Value& m) { return value_text(m, div); });
    std::string out = "(";
    for (size_t i = 0; i < v.fields.size(); i++) {
      if (i) out += ", ";
      out += value_text(v.fields[i], div);
    }
    return out + ")";
  }
  case Kind::Record:
  case Kind::Array:
    return aggregate_text(v, false, [div](const Value& m) { return value_text(m, div); });
  case Kind::Bool:
    return bool_text(v);
  case Kind::Timestamp:
    return format_timestamp(v.type->strftime_fmt, v.num);
  case Kind::Stack:
  case Kind::UStack:
    return stack_text(v, 8);
  case Kind::Ksym:
    return piece<Piece::KernelSymbols>().resolve(v.num, false);
  case Kind::USym:
    return piece<Piece::UserSymbols>().resolve(v.pid, v.num, false, false, nullptr);
  case Kind::Strerror:
    return strerror_text(v.as_signed());
  case Kind::Enum:
    return piece<Piece::EnumNames>().text(*v.type, v.num);
  case Kind::Username:
    return username_text(v.num);
  case Kind::Count:
    return std::to_string(v.num / div);
  case Kind::Min:
  case Kind::Max:
    return std::to_string(signed_div(v.as_signed(), div));
  case Kind::Avg:
    return std::to_string(signed_div(v.average(), div));
  case Kind::Stats:
    return "count " + std::to_string(v.count) + ", average " + std::to_string(v.average()) +
           ", total " + std::to_string(v.total);
  case Kind::Hist:
    return v.type->count ? hist_bits_rows(v.buckets, div, v.type->count)
                         : hist_rows(v.buckets, div);
  case Kind::LHist:
    return lhist_rows(*v.type, v.buckets);
  case Kind::TSeries:
    return piece<Piece::TSeries>().text(v);
  }
  return "";
}

std::string key_element_text(const Value& element) {
  return key_elem_text(element);
}

std::string key_text(const Value& key) {
  if (key.kind() != Kind::Tuple || key.is_record_tuple()) return key_elem_text(key);
  std::string out;
  for (size_t i = 0; i < key.fields.size(); i++) {
    if (i) out += ", ";
    out += key_elem_text(key.fields[i]);
  }
  return out;
}

std::string map_text(const MapSnapshot& snap, uint64_t top64, uint64_t div64) {
  const MapSpec& map = *snap.map;
  const Kind kind = map.value->kind;
  const uint32_t top = static_cast<uint32_t>(top64);
  uint32_t div = static_cast<uint32_t>(div64);
  if (div == 0) div = 1;

  // bpftrace 0.17 shows a count() map without keys as 0 when it has no entry (never fired,
  // cleared or deleted).
  if (snap.items.empty() && kind == Kind::Count && !map.key) return map.name + std::string(": 0\n");

  std::string blank_after = "\n";
  bool hist_style = false;
  bool apply_top = true;
  switch (kind) {
  case Kind::Avg:
    blank_after = "\n\n";
    break;
  case Kind::Stats:
    blank_after = "\n\n";
    apply_top = false; // bpftrace ignores top and div for stats maps
    div = 1;
    break;
  case Kind::Hist:
  case Kind::LHist:
    hist_style = true;
    break;
  case Kind::TSeries:
    apply_top = false;
    break;
  default:
    break;
  }

  const size_t n = snap.items.size();
  size_t skip = 0;
  if (apply_top && top != 0 && n > top) skip = n - top;

  std::string out;
  for (size_t i = skip; i < n; i++) {
    const MapItem& item = snap.items[i];
    if (i > skip) out += "\n";
    out += map.name;
    if (map.key) out += "[" + key_text(item.key) + "]";
    // A tseries graph starts on the next line, as current bpftrace prints it.
    out += kind == Kind::TSeries ? ":\n" : hist_style ? ": \n" : ": ";
    out += value_text(item.value, div);
  }
  return out + blank_after;
}

std::string maps_at_exit_text(const std::vector<MapSnapshot>& maps) {
  std::string out = "\n\n";
  for (const MapSnapshot& m : maps) out += map_text(m);
  return out;
}

// --- btc/output.h on raw bytes -----------------------------------------------------------------

std::string format_value(const Type& type, const uint8_t* data) {
  return value_text(decode_value(type, data));
}

std::string format_key(const Type& key, const uint8_t* data) {
  return key_text(decode_value(key, data));
}

std::string format_map(const MapSpec& map, std::vector<MapEntry> entries, uint64_t top,
                       uint64_t div) {
  MapSnapshot snap = decode_map(map, entries);
  sort_for_print(snap);
  return map_text(snap, top, div);
}

std::string format_maps_at_exit(std::vector<MapContents> maps) {
  std::vector<MapSnapshot> snaps;
  for (const MapContents& m : maps) {
    snaps.push_back(decode_map(*m.map, m.entries));
    sort_for_print(snaps.back());
  }
  return maps_at_exit_text(snaps);
}

std::string printf_argument_text(const PrintfConversion& c, const Value& arg) {
  if (c.conversion == 'g') return format_conversion(c, piece<Piece::GfpFlags>().text(arg.num));
  if (c.accepts == ArgClass::Integer)
    return format_conversion(
        c, arg.kind() == Kind::Int || arg.kind() == Kind::Bool || arg.kind() == Kind::Enum ? arg.num
                                                                                           : 0);
  if (c.accepts == ArgClass::Buffer && arg.kind() == Kind::Buffer)
    return format_conversion(c, buffer_text(arg.str, c.token));
  return format_conversion(c, value_text(arg));
}

std::string printf_text(const PrintfFormat& format, const std::vector<Value>& args) {
  std::string out;
  for (size_t i = 0; i < format.conversions.size(); i++) {
    const PrintfConversion& c = format.conversions[i];
    out += c.prefix;
    if (c.absorbed || i >= args.size())
      out += literal_conversion(format, c);
    else
      out += printf_argument_text(c, args[i]);
  }
  return out + format.tail;
}

} // namespace btc::rt
