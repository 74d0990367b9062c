#include "system_action.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace btc::rt {

std::string run_system_command(const std::string& command, std::string& error) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    error = std::strerror(errno);
    return "";
  }
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

} // namespace btc::rt
