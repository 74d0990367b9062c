// One line of /proc/PID/maps, read by user-space symbols, uprobe bias and USDT file lookup.
#pragma once

#include <cstdint>
#include <string_view>

namespace btc::rt {

// "start-end perms offset dev inode   path" of a /proc/PID/maps line.
struct MapsLine {
  uint64_t start = 0, end = 0, offset = 0;
  std::string_view perms, dev, inode, path;
};

// Whether `line` is a well-formed maps line; `out`'s views point into `line`.
bool parse_maps_line(std::string_view line, MapsLine& out);

} // namespace btc::rt
