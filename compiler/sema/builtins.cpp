// Builtin identifiers: pid, comm, args, arg0, ...
#include "sema/checker.h"

namespace btc {

Type Checker::check_builtin(Expr& e) {
  const std::string& n = e.name;
  if (n == "pid" || n == "tid" || n == "uid" || n == "gid" || n == "cpu")
    return e.type = Type::integer(64, false);
  if (n == "nsecs" || n == "cgroup" || n == "rand") return e.type = Type::integer(64, false);
  if (n == "elapsed") {
    result_.uses_elapsed = true;
    return e.type = Type::integer(64, false);
  }
  if (n == "comm") return e.type = Type::string(kCommLen);
  if (n == "probe") {
    probe_->uses_probe_name = true;
    size_t longest = 0;
    for (const auto& p : probe_->attach) longest = std::max(longest, p.display.size());
    return e.type = Type::string(static_cast<uint32_t>(longest + 1));
  }
  if (n == "args") {
    if (probe_->attach.empty() || probe_->attach[0].type != ProbeType::Tracepoint) {
      error(e.range, "args can only be used in tracepoint probes");
      return e.type = Type::none();
    }
    probe_->uses_args = true;
    return e.type = Type::of(TypeKind::Args);
  }
  if (n.size() > 3 && n.rfind("arg", 0) == 0 &&
      n.find_first_not_of("0123456789", 3) == std::string::npos) {
    if (probe_->attach.empty() || probe_->attach[0].type != ProbeType::RawTracepoint) {
      error(e.range, n + " can only be used in rawtracepoint probes here; tracepoints use args");
      return e.type = Type::none();
    }
    unsigned long index = n.size() > 6 ? 99 : std::stoul(n.substr(3));
    if (index > 11) {
      error(e.range, "a raw tracepoint has at most 12 arguments (arg0 .. arg11)");
      return e.type = Type::none();
    }
    for (const auto& p : probe_->attach) {
      if (p.raw_args >= 0 && static_cast<int>(index) >= p.raw_args) {
        error(e.range,
              p.display + " has " + std::to_string(p.raw_args) + " argument" +
                  (p.raw_args == 1 ? "" : "s") +
                  (p.raw_args ? " (arg0 .. arg" + std::to_string(p.raw_args - 1) + ")" : ""));
        return e.type = Type::none();
      }
    }
    return e.type = Type::integer(64, false);
  }
  if (n == "retval") {
    error(e.range, "retval can only be used in return probes (kretprobe, uretprobe, kretfunc)");
    return e.type = Type::none();
  }
  static const char* planned[] = {"kstack", "ustack",  "curtask", "func",  "username",
                                  "cpid",   "jiffies", "numaid",  "sarg0", "ctx"};
  for (const char* p : planned) {
    if (n == p) {
      error(e.range, "the builtin '" + n + "' is not supported by btc yet");
      return e.type = Type::none();
    }
  }
  error(e.range, "unknown identifier '" + n + "'");
  return e.type = Type::none();
}

} // namespace btc
