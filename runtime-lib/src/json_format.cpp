#include "json_format.h"

#include "hist_bits.h"

#include "pieces.h"
#include "text_format.h"

#include <cstdio>

namespace btc::rt {
namespace {

// The length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF), 0 when there is none.
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return byte(k) >= lo && byte(k) <= hi;
  };
  unsigned b = byte(i);
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    unsigned lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    unsigned lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); i++) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string bucket(const std::string& bounds, uint64_t count) {
  return "{" + bounds + "\"count\": " + std::to_string(count) + "}";
}

// The first and last non-zero bucket, or {-1, -1}.
std::pair<int, int> used_buckets(const std::vector<uint64_t>& buckets) {
  int first = -1, last = -1;
  for (size_t i = 0; i < buckets.size(); i++)
    if (buckets[i] != 0) {
      if (first < 0) first = static_cast<int>(i);
      last = static_cast<int>(i);
    }
  return {first, last};
}

// hist(): bucket 0 holds the negative values, 1 zero, 2 one, k the values in
// [2^(k-2), 2^(k-1)).
std::string hist_json(const std::vector<uint64_t>& buckets, uint32_t div) {
  auto [first, last] = used_buckets(buckets);
  std::vector<std::string> out;
  for (int i = first; first >= 0 && i <= last; i++) {
    std::string bounds;
    if (i == 0) {
      bounds = "\"max\": -1, ";
    } else {
      uint64_t low = i == 1 ? 0 : uint64_t{1} << (i - 2);
      uint64_t high = i == 1 ? 0 : i - 1 >= 64 ? UINT64_MAX : (uint64_t{1} << (i - 1)) - 1;
      bounds = "\"min\": " + std::to_string(low) + ", \"max\": " + std::to_string(high) + ", ";
    }
    out.push_back(bucket(bounds, buckets[i] / div));
  }
  return "[" + join(out, ", ") + "]";
}

// hist(v, k): the bounds of each bucket (runtime-lib/src/hist_bits.h).
std::string hist_bits_json(const std::vector<uint64_t>& buckets, uint32_t div, uint32_t k) {
  auto [first, last] = used_buckets(buckets);
  std::vector<std::string> out;
  for (int i = first; first >= 0 && i <= last; i++) {
    uint32_t index = static_cast<uint32_t>(i);
    std::string bounds = index == 0
                             ? "\"max\": -1, "
                             : "\"min\": " + std::to_string(hist_bits_min(index, k)) +
                                   ", \"max\": " + std::to_string(hist_bits_max(index, k)) + ", ";
    out.push_back(bucket(bounds, buckets[i] / div));
  }
  return "[" + join(out, ", ") + "]";
}

// lhist(v, min, max, step): bucket 0 holds the values below min, the last the values from max
// up, bucket k the values in [min + (k-1)*step, min + k*step).
std::string lhist_json(const Type& t, const std::vector<uint64_t>& buckets) {
  const int64_t inner = (t.lhist_max - t.lhist_min) / t.lhist_step;
  auto [first, last] = used_buckets(buckets);
  std::vector<std::string> out;
  for (int i = first; first >= 0 && i <= last; i++) {
    std::string bounds;
    if (i == 0) {
      bounds = "\"max\": " + std::to_string(t.lhist_min - 1) + ", ";
    } else if (i == inner + 1) {
      bounds = "\"min\": " + std::to_string(t.lhist_max) + ", ";
    } else {
      int64_t low = (i - 1) * t.lhist_step + t.lhist_min;
      bounds = "\"min\": " + std::to_string(low) +
               ", \"max\": " + std::to_string(low + t.lhist_step - 1) + ", ";
    }
    out.push_back(bucket(bounds, buckets[i]));
  }
  return "[" + join(out, ", ") + "]";
}

// A key element's text; an enum value is its number in JSON, as current bpftrace writes it.
std::string json_key_element(const Value& v) {
  if (v.kind() == Kind::Enum)
    return v.type->is_signed ? std::to_string(v.as_signed()) : std::to_string(v.num);
  return key_element_text(v);
}

std::string key_json(const Value& key) {
  if (key.kind() != Kind::Tuple || key.is_record_tuple()) return json_string(json_key_element(key));
  std::vector<std::string> parts;
  for (const Value& f : key.fields) parts.push_back(json_key_element(f));
  return json_string(join(parts, ","));
}

} // namespace

std::string json_string(std::string_view text) {
  std::string out = "\"";
  char hex[8];
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      std::snprintf(hex, sizeof hex, "\\u%04x", c);
      out += hex;
    } else if (c >= 0x80) {
      size_t n = utf8_length(text, i);
      if (n != 0) {
        out.append(text.substr(i, n));
        i += n;
        continue;
      }
      std::snprintf(hex, sizeof hex, "\\u%04x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
    i++;
  }
  return out + "\"";
}

std::string json_value(const Value& v, uint32_t div) {
  switch (v.kind()) {
  case Kind::Int:
  case Kind::Sum:
  case Kind::Count:
  case Kind::Min:
  case Kind::Max:
  case Kind::Avg:
  case Kind::Bool:
    return value_text(v, div);
  case Kind::Enum:
    // The number, as current bpftrace writes an enum value in JSON.
    return v.type->is_signed ? std::to_string(v.as_signed()) : std::to_string(v.num);
  case Kind::Str:
  case Kind::Inet:
  case Kind::MacAddr:
  case Kind::CgroupPath:
  case Kind::Buffer:
  case Kind::Timestamp:
  case Kind::Stack:
  case Kind::UStack:
  case Kind::Ksym:
  case Kind::USym:
  case Kind::Strerror:
  case Kind::Username:
    return json_string(value_text(v, div));
  case Kind::Tuple:
    if (v.is_record_tuple()) {
      // A JSON object, as current bpftrace writes records and structs.
      std::vector<std::string> parts;
      for (size_t i = 0; i < v.fields.size(); i++)
        parts.push_back(json_string(v.type->fields[i].name) + ": " + json_value(v.fields[i], div));
      return "{" + join(parts, ", ") + "}";
    }
    [[fallthrough]];
  case Kind::Array: {
    std::vector<std::string> parts;
    for (const Value& f : v.fields) parts.push_back(json_value(f, div));
    return "[" + join(parts, ",") + "]";
  }
  case Kind::Record: {
    std::vector<std::string> parts;
    for (size_t i = 0; i < v.fields.size(); i++)
      parts.push_back(json_string(v.type->fields[i].name) + ": " + json_value(v.fields[i], div));
    return "{ " + join(parts, ", ") + " }";
  }
  case Kind::Stats:
    return "{\"count\": " + std::to_string(v.count) +
           ", \"average\": " + std::to_string(v.average()) +
           ", \"total\": " + std::to_string(v.total) + "}";
  case Kind::Hist:
    return v.type->count ? hist_bits_json(v.buckets, div, v.type->count)
                         : hist_json(v.buckets, div);
  case Kind::LHist:
    return lhist_json(*v.type, v.buckets);
  case Kind::TSeries:
    return piece<Piece::TSeries>().json(v);
  }
  return "null";
}

std::string json_text_line(std::string_view type, std::string_view text) {
  return "{\"type\": \"" + std::string(type) + "\", \"data\": " + json_string(text) + "}\n";
}

std::string json_count_line(std::string_view type, std::string_view field, uint64_t n) {
  return "{\"type\": \"" + std::string(type) + "\", \"data\": {\"" + std::string(field) +
         "\": " + std::to_string(n) + "}}\n";
}

std::string json_map(const MapSnapshot& snap, uint64_t top64, uint64_t div64) {
  const MapSpec& map = *snap.map;
  const Kind kind = map.value->kind;
  const std::string head = "\"data\": {" + json_string(map.name) + ": ";
  // As in the text output, a count() map without keys and without an entry is 0.
  if (snap.items.empty())
    return kind == Kind::Count && !map.key ? "{\"type\": \"map\", " + head + "0}}\n" : "";

  const char* type = "map";
  uint32_t top = static_cast<uint32_t>(top64);
  uint32_t div = static_cast<uint32_t>(div64);
  if (div == 0) div = 1;
  if (kind == Kind::Hist || kind == Kind::LHist) type = "hist";
  if (kind == Kind::Avg || kind == Kind::Stats) type = "stats";
  if (kind == Kind::TSeries) type = "tseries", top = 0;
  // bpftrace ignores top and div for stats maps.
  if (kind == Kind::Stats) top = 0, div = 1;

  const size_t n = snap.items.size();
  const size_t skip = top != 0 && n > top ? n - top : 0;
  std::vector<std::string> parts;
  for (size_t i = skip; i < n; i++) {
    std::string value = json_value(snap.items[i].value, div);
    parts.push_back(map.key ? key_json(snap.items[i].key) + ": " + value : value);
  }
  std::string data = join(parts, ", ");
  if (map.key) data = "{" + data + "}";
  return "{\"type\": \"" + std::string(type) + "\", " + head + data + "}}\n";
}

} // namespace btc::rt
