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

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.rfind(prefix, 0) == 0;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "R1=ctx() R10=fp0", "R0_w=scalar()", "fp-8=mmmmmmmm": a register or stack slot state.
bool is_state_token(const std::string& l) {
  size_t i = 0;
  if (starts_with(l, "fp-")) {
    i = 3;
  } else if (starts_with(l, "R")) {
    i = 1;
  } else {
    return false;
  }
  size_t digits = i;
  while (i < l.size() && is_digit(l[i])) i++;
  if (i == digits) return false;
  while (i < l.size() && (l[i] == '_' || (l[i] >= 'a' && l[i] <= 'z'))) i++;
  return i < l.size() && l[i] == '=';
}

// Lines of the log that trace the verifier's walk rather than say why it stopped: instructions
// and states ("12: (85) call ...", "0: R1=ctx() R10=fp0"), the states compared when it finds a
// loop ("cur state:", "old state:"), branch and precision tracking, source lines, statistics.
bool is_trace(const std::string& l) {
  static constexpr std::string_view kPrefixes[] = {
      "processed ",
      "verification time",
      "stack depth",
      "libbpf:",
      ";",
      "cur state:",
      "old state:",
      "from ",
      "mark_precise",
      "last_idx ",
      "parent ",
      "regs=",
      "func#",
      "Func#",
      "Validating ",
      "arg#",
      "Live regs",
  };
  if (l.find_first_not_of(" \t") == std::string::npos) return true;
  if (l.find("PROG LOAD LOG") != std::string::npos) return true;
  for (std::string_view p : kPrefixes)
    if (starts_with(l, p)) return true;
  size_t i = 0;
  while (i < l.size() && is_digit(l[i])) i++;
  if (i > 0 && l.compare(i, 2, ": ") == 0) return true;
  return is_state_token(l);
}

} // namespace

std::string verifier_reason(std::string_view log) {
  std::vector<std::string> lines = split_lines(log);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it)
    if (!is_trace(*it)) return *it;
  // Nothing but trace: the last line still says more than nothing.
  for (auto it = lines.rbegin(); it != lines.rend(); ++it)
    if (it->find_first_not_of(" \t") != std::string::npos &&
        it->find("PROG LOAD LOG") == std::string::npos)
      return *it;
  return "";
}

std::string explain_load_failure(const Manifest& m, const std::string& libbpf_log, int err) {
  size_t begin = libbpf_log.find("-- BEGIN PROG LOAD LOG --");
  size_t end = libbpf_log.find("-- END PROG LOAD LOG --", begin);
  if (begin != std::string::npos && end != std::string::npos) {
    std::string log = libbpf_log.substr(begin, end - begin);
    std::string reason = verifier_reason(log);
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
