#include "text.h"

#include "attach_glob.h"

#include <cstdio>

namespace btc::rt {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return lines;
}

std::string read_small_file(const char* path) {
  std::string out;
  FILE* f = std::fopen(path, "re");
  if (!f) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  return attach_glob_match(attach_glob_escape_all_but_star(pattern), text);
}

} // namespace btc::rt
