// Small text helpers for the runtime. Plain C stdio on purpose: iostreams would add about
// 500 KB of locale machinery to every statically linked tool.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace btc::rt {

std::vector<std::string> split_lines(std::string_view text);
// The whole content of a small file such as /proc/self/status; "" when unreadable.
std::string read_small_file(const char* path);
// Whether `text` matches `pattern`, where `*` matches any run of characters and everything else
// itself (C++ names and cgroup hierarchy names hold [ ] ( ) ?, which are not special).
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace btc::rt
