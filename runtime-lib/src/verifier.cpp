#include "verifier.h"

#include "text.h"

#include <cstdlib>
#include <cstring>
#include <vector>

namespace btc::rt {

namespace {

std::string script_line(const char* script, uint32_t n) {
  std::vector<std::string> lines = split_lines(script);
  return n >= 1 && n <= lines.size() ? lines[n - 1] : "";
}

// The verifier's reason: the last line of the program's log that is not bookkeeping.
std::string verifier_reason(const std::vector<std::string>& log) {
  for (auto it = log.rbegin(); it != log.rend(); ++it) {
    const std::string& l = *it;
    if (l.empty() || l.rfind("processed ", 0) == 0 || l.rfind("verification time", 0) == 0 ||
        l.rfind("stack depth", 0) == 0 || l.find("PROG LOAD LOG") != std::string::npos ||
        l.rfind("libbpf:", 0) == 0 || l.rfind(";", 0) == 0)
      continue;
    return l;
  }
  return "";
}

} // namespace

std::string explain_load_failure(const Manifest& m, const std::string& libbpf_log, int err) {
  size_t begin = libbpf_log.find("-- BEGIN PROG LOAD LOG --");
  size_t end = libbpf_log.find("-- END PROG LOAD LOG --", begin);
  if (begin != std::string::npos && end != std::string::npos) {
    std::string log = libbpf_log.substr(begin, end - begin);
    std::vector<std::string> lines = split_lines(log);
    std::string reason = verifier_reason(lines);
    size_t marker = log.rfind(BTC_LINE_MARKER);
    uint32_t line = marker == std::string::npos
                        ? 0
                        : static_cast<uint32_t>(std::strtoul(
                              log.c_str() + marker + sizeof(BTC_LINE_MARKER) - 1, nullptr, 10));
    if (line > 0) {
      std::string text = script_line(m.script_text, line);
      size_t first = text.find_first_not_of(" \t");
      if (first == std::string::npos) first = 0;
      size_t last = text.find_last_not_of(" \t\r");
      std::string marks(first, ' ');
      marks += '^';
      if (last != std::string::npos && last > first) marks += std::string(last - first, '~');
      return std::string(m.script_name) + ":" + std::to_string(line) + ":" +
             std::to_string(first + 1) +
             ": error: the kernel's BPF verifier rejected this code: " + reason + "\n" + text +
             "\n" + marks + "\n";
    }
    return std::string("error: the kernel's BPF verifier rejected the program: ") + reason + "\n";
  }
  if (err == -EPERM || err == -EACCES)
    return "error: permission denied loading BPF programs: run as root (or with CAP_BPF, "
           "CAP_PERFMON and CAP_SYS_RESOURCE)\n";
  return std::string("error: loading the BPF programs failed: ") + std::strerror(-err) + "\n";
}

} // namespace btc::rt
