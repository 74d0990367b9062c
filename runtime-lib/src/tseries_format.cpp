#include "tseries_format.h"

#include "btc/output.h"
#include "pieces.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace btc::rt {
namespace {

constexpr int kGraphWidth = 53;
constexpr int kLabelWidth = 21; // the minimum's label; the maximum's takes the rest

// A value of the series in its signedness.
struct Num {
  uint64_t bits;
  bool is_signed;
  bool operator<(const Num& o) const {
    return is_signed ? static_cast<int64_t>(bits) < static_cast<int64_t>(o.bits) : bits < o.bits;
  }
  bool operator==(const Num& o) const { return bits == o.bits; }
  std::string text() const {
    return is_signed ? std::to_string(static_cast<int64_t>(bits)) : std::to_string(bits);
  }
};

// p - other, as bpftrace's graph computes it (64-bit, signed result).
int64_t distance(const Num& p, int64_t other) {
  if (p.is_signed) return static_cast<int64_t>(p.bits - static_cast<uint64_t>(other));
  if (other < 0) return static_cast<int64_t>(static_cast<uint64_t>(-other) + p.bits);
  uint64_t o = static_cast<uint64_t>(other);
  return p.bits > o ? static_cast<int64_t>(p.bits - o) : -static_cast<int64_t>(o - p.bits);
}

int64_t distance(const Num& p, const Num& other) {
  return distance(p, static_cast<int64_t>(other.bits));
}

std::string left(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string right(const std::string& s, size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

// The unit of the interval between rows: its fraction digits and its name in the header.
struct Unit {
  int digits;
  const char* name;
};

Unit unit_of(uint64_t ns) {
  if (ns >= 1000000000) return {0, "s"};
  if (ns >= 1000000) return {3, "ms"};
  if (ns >= 1000) return {6, "\u03bcs"};
  return {9, "ns"};
}

} // namespace

std::string tseries_text(const Value& v) {
  const std::vector<SeriesPoint>& points = v.series;
  if (points.empty()) return "<no data>";
  const bool is_signed = v.type->is_signed;
  Num min{points.front().value, is_signed}, max = min;
  for (const SeriesPoint& p : points) {
    if (!p.present) continue;
    Num n{p.value, is_signed};
    if (n < min) min = n;
    if (max < n) max = n;
  }
  if (min == max) {
    // Room on both sides of a flat line, unless that would overflow.
    uint64_t lowest = is_signed ? static_cast<uint64_t>(std::numeric_limits<int64_t>::min()) : 0;
    uint64_t highest = is_signed ? static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                                 : std::numeric_limits<uint64_t>::max();
    if (min.bits != lowest) min.bits--;
    if (max.bits != highest) max.bits++;
  }

  uint64_t span = points.back().start_ns - points.front().start_ns;
  Unit unit = unit_of(span / (points.size() > 1 ? points.size() - 1 : 1));
  std::string time_fmt = "hh:mm:ss";
  size_t time_size = time_fmt.size();
  if (unit.digits != 0) {
    time_fmt += std::string(".") + unit.name;
    time_size += 1 + static_cast<size_t>(unit.digits);
  }

  std::string out = std::string(time_size + 1, ' ') + left(min.text(), kLabelWidth) +
                    right(max.text(), kGraphWidth - kLabelWidth) + "\n";
  out += left(time_fmt, time_size + 1) + "|" + std::string(kGraphWidth - 2, '_') + "|\n";

  int zero_offset = 0;
  Num zero{0, true};
  if (distance(min, 0) < 0 && distance(zero, max) < 0)
    zero_offset =
        static_cast<int>(static_cast<float>(kGraphWidth) * static_cast<float>(distance(min, 0)) /
                         static_cast<float>(distance(min, max)));
  for (const SeriesPoint& p : points) {
    std::string line(kGraphWidth, ' ');
    out += format_timestamp_fraction("%H:%M:%S", p.start_ns, unit.digits) + " ";
    line[0] = '|';
    line[kGraphWidth - 1] = '|';
    if (zero_offset > 0) line[static_cast<size_t>(zero_offset)] = '.';
    if (!p.present) {
      out += line + " -\n";
      continue;
    }
    Num n{p.value, is_signed};
    int at = kGraphWidth / 2;
    if (!(min == max))
      at = static_cast<int>(static_cast<float>(kGraphWidth - 1) *
                            static_cast<float>(distance(min, n)) /
                            static_cast<float>(distance(min, max)));
    line[static_cast<size_t>(std::max(0, std::min(kGraphWidth - 1, at)))] = '*';
    out += line + " " + n.text() + "\n";
  }

  std::string bottom(kGraphWidth, '_');
  bottom.front() = 'v';
  bottom.back() = 'v';
  out += std::string(time_size, ' ') + " " + bottom + "\n";
  out += std::string(time_size, ' ') + " " + left(min.text(), kLabelWidth) +
         right(max.text(), kGraphWidth - kLabelWidth) + "\n";
  return out;
}

std::string tseries_json(const Value& v) {
  std::string out = "[";
  bool first = true;
  for (const SeriesPoint& p : v.series) {
    if (!p.present) continue;
    if (!first) out += ",";
    first = false;
    Num n{p.value, v.type->is_signed};
    out += "{\"interval_start\":\"" +
           format_timestamp_fraction("%Y-%m-%dT%H:%M:%S", p.start_ns, 9) +
           "\",\"value\":" + n.text() + "}";
  }
  return out + "]";
}

void install_tseries() {
  static const PieceApi<Piece::TSeries> api = {.text = tseries_text, .json = tseries_json};
  install_piece(api);
}

} // namespace btc::rt
