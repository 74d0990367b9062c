#include "user/proc_maps.h"

#include <algorithm>

namespace btc::rt {

bool parse_maps_line(std::string_view line, MapsLine& out) {
  auto word = [&line]() {
    size_t b = line.find_first_not_of(' ');
    if (b == std::string_view::npos) {
      line = {};
      return std::string_view();
    }
    line.remove_prefix(b);
    size_t e = std::min(line.find(' '), line.size());
    std::string_view w = line.substr(0, e);
    line.remove_prefix(e);
    return w;
  };
  std::string_view range = word();
  out.perms = word();
  std::string_view offset = word();
  out.dev = word();
  out.inode = word();
  size_t b = line.find_first_not_of(' ');
  out.path = b == std::string_view::npos ? std::string_view() : line.substr(b);
  size_t dash = range.find('-');
  if (dash == std::string_view::npos || out.perms.size() < 3 || out.inode.empty()) return false;
  auto hex = [](std::string_view s, uint64_t& v) {
    v = 0;
    for (char c : s) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v << 4 | static_cast<uint64_t>(d);
    }
    return !s.empty();
  };
  return hex(range.substr(0, dash), out.start) && hex(range.substr(dash + 1), out.end) &&
         hex(offset, out.offset);
}

} // namespace btc::rt
