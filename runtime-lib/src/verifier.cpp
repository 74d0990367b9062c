#include "verifier.h"

#include "text.h"

#include <bpf/bpf.h>
#include <cstdlib>
#include <cstring>
#include <sys/utsname.h>
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

// `text` with the columns [column, column + length) marked, or from its first non-blank to its
// end when column is 0: the caret line under a located error.
std::string underline(const std::string& text, uint32_t column, uint32_t length) {
  size_t first = column > 0 ? column - 1 : text.find_first_not_of(" \t");
  if (first == std::string::npos || first > text.size()) first = 0;
  size_t last = column > 0 ? first + (length > 0 ? length - 1 : 0) : text.find_last_not_of(" \t\r");
  std::string marks(first, ' ');
  marks += '^';
  if (last != std::string::npos && last > first) marks += std::string(last - first, '~');
  return marks;
}

std::string kernel_release() {
  struct utsname u;
  return uname(&u) == 0 ? u.release : "unknown";
}

// The script's use of the kernel field a failed CO-RE relocation names, or nullptr. With several
// uses of the same field, the one on the line of the last @btc marker, else the first.
const KernelFieldSpec* failed_field_use(const Manifest& m, const CoreFailure& f, uint32_t line) {
  const KernelFieldSpec* found = nullptr;
  for (uint32_t i = 0; i < m.num_kernel_fields; ++i) {
    const KernelFieldSpec& k = m.kernel_fields[i];
    if (f.record != k.record || f.path != k.path) continue;
    if (!found || k.line == line) found = &k;
  }
  return found;
}

// What a failed relocation of `use` means, in the script's terms.
std::string missing_field_message(const KernelFieldSpec& use, const CoreFailure& f,
                                  std::string_view libbpf_log) {
  std::string kernel = "this kernel (" + kernel_release() + ")";
  // libbpf logs each candidate type it found; none means the type itself is missing.
  std::string candidate = " " + f.record + "___btc: found target candidate";
  bool type_found = libbpf_log.find(candidate) != std::string_view::npos;
  if (use.kind == KernelFieldKind::Struct)
    return type_found ? kernel + " has no field '" + f.path + "' in struct " + f.record
                      : kernel + " has no struct " + f.record;
  if (!type_found)
    return kernel + " has no record type " + f.record + " for tracepoint " + use.event +
           " (it was renamed or removed)";
  std::string field = f.path;
  for (std::string_view loc : {"__data_loc_", "__rel_loc_"})
    if (starts_with(field, loc)) field = field.substr(loc.size());
  return kernel + " has no field '" + field + "' in tracepoint " + use.event + "'s record";
}

} // namespace

std::string missing_loop_helpers(bpf_object* obj) {
  static constexpr struct {
    bpf_func_id id;
    const char* name;
    const char* since;
    const char* use;
  } kHelpers[] = {
      {BPF_FUNC_for_each_map_elem, "bpf_for_each_map_elem", "5.13", "over maps"},
      {BPF_FUNC_loop, "bpf_loop", "5.17", "over ranges"},
  };
  bpf_program* prog = nullptr;
  bpf_object__for_each_program(prog, obj) {
    const bpf_insn* insns = bpf_program__insns(prog);
    size_t count = bpf_program__insn_cnt(prog);
    for (const auto& h : kHelpers) {
      bool calls = false;
      for (size_t i = 0; i < count && !calls; ++i)
        calls =
            insns[i].code == (BPF_JMP | BPF_CALL) && insns[i].src_reg == 0 && insns[i].imm == h.id;
      // A kernel that cannot say (an error, not 0) is left to the verifier.
      if (calls && libbpf_probe_bpf_helper(bpf_program__type(prog), h.id, nullptr) == 0)
        return std::string("error: this kernel (") + kernel_release() + ") has no " + h.name +
               " (Linux " + h.since + " and later have it), which the script's for loops " + h.use +
               " need\n";
    }
  }
  return "";
}

std::optional<CoreFailure> parse_core_failure(std::string_view reason) {
  static constexpr std::string_view kFailed = "failed to resolve CO-RE relocation ";
  size_t at = reason.find(kFailed);
  if (at == std::string_view::npos) return std::nullopt;
  // "<byte_off> [5] struct trace_event_raw_timer_start___btc.bucket_expiry (0:1 @ offset 8)"
  size_t id_end = reason.find("] ", at);
  if (id_end == std::string_view::npos) return std::nullopt;
  std::string_view rest = reason.substr(id_end + 2);
  for (std::string_view kind : {"struct ", "union "})
    if (rest.substr(0, kind.size()) == kind) rest.remove_prefix(kind.size());
  rest = rest.substr(0, rest.find(' '));
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  CoreFailure f;
  f.record = std::string(rest.substr(0, dot));
  f.path = std::string(rest.substr(dot + 1));
  // libbpf ignores a `___flavor` suffix when matching, and so does the table.
  size_t flavor = f.record.find("___");
  if (flavor != std::string::npos) f.record.resize(flavor);
  if (f.record.empty() || f.path.empty()) return std::nullopt;
  return f;
}

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
    // percpu_kaddr(): the verifier places a typed kernel symbol by its /proc/kallsyms address,
    // which a kernel built without CONFIG_KALLSYMS_ALL does not list for variables.
    const std::string no_address = "failed to find the address for kernel symbol '";
    if (size_t at = reason.find(no_address); at != std::string::npos) {
      std::string name = reason.substr(at + no_address.size());
      name = name.substr(0, name.find('\''));
      return "error: percpu_kaddr(\"" + name + "\"): this kernel does not list " + name +
             " in /proc/kallsyms (built without CONFIG_KALLSYMS_ALL), so BPF programs cannot "
             "address it\n";
    }
    size_t marker = log.rfind(BTC_LINE_MARKER);
    uint32_t line = marker == std::string::npos
                        ? 0
                        : static_cast<uint32_t>(std::strtoul(
                              log.c_str() + marker + sizeof(BTC_LINE_MARKER) - 1, nullptr, 10));
    if (auto failure = parse_core_failure(reason)) {
      if (const KernelFieldSpec* use = failed_field_use(m, *failure, line)) {
        std::string text = script_line(m.script_text, use->line);
        return std::string(m.script_name) + ":" + std::to_string(use->line) + ":" +
               std::to_string(use->column) +
               ": error: " + missing_field_message(*use, *failure, libbpf_log) + "\n" + text +
               "\n" + underline(text, use->column, use->length) + "\n";
      }
    }
    if (line > 0) {
      std::string text = script_line(m.script_text, line);
      size_t first = text.find_first_not_of(" \t");
      if (first == std::string::npos) first = 0;
      return std::string(m.script_name) + ":" + std::to_string(line) + ":" +
             std::to_string(first + 1) +
             ": error: the kernel's BPF verifier rejected this code: " + reason + "\n" + text +
             "\n" + underline(text, 0, 0) + "\n";
    }
    return std::string("error: the kernel's BPF verifier rejected the program: ") + reason + "\n";
  }
  // percpu_kaddr()'s typed kernel symbols, which libbpf looks up in this kernel's BTF.
  const std::string ksym = "extern (var ksym) '";
  if (size_t at = libbpf_log.find(ksym); at != std::string::npos) {
    size_t name_end = libbpf_log.find('\'', at + ksym.size());
    std::string name = libbpf_log.substr(at + ksym.size(), name_end - at - ksym.size());
    bool missing = libbpf_log.find("not found in kernel BTF", at) != std::string::npos;
    return "error: percpu_kaddr(\"" + name + "\"): " +
           (missing ? "this kernel has no per-CPU variable named " + name + " in its BTF\n"
                    : "this kernel's " + name + " has another type than the build host's\n");
  }
  if (err == -EPERM || err == -EACCES)
    return "error: permission denied loading BPF programs: run as root (or with CAP_BPF, "
           "CAP_PERFMON and CAP_SYS_RESOURCE)\n";
  // Older kernels take hash-map keys of at most 512 bytes (the BPF stack): 5.10 refuses a key
  // holding a large record that 6.1 takes.
  constexpr uint32_t kOldMaxKeyBytes = 512;
  if (err == -E2BIG)
    for (uint32_t i = 0; i < m.num_maps; ++i)
      if (m.maps[i].key && m.maps[i].key->size > kOldMaxKeyBytes)
        return std::string("error: map ") + m.maps[i].name + "'s keys take " +
               std::to_string(m.maps[i].key->size) + " bytes, more than the " +
               std::to_string(kOldMaxKeyBytes) + " this kernel (" + kernel_release() + ") allows\n";
  // A map the kernel would not create: too many entries (max_map_keys), a ring buffer too big
  // (perf_rb_pages) for this kernel or its memory.
  const std::string create_failed = "': failed to create: ";
  if (size_t at = libbpf_log.find(create_failed); at != std::string::npos) {
    size_t start = libbpf_log.rfind("map '", at);
    std::string bpf_name =
        start == std::string::npos ? "" : libbpf_log.substr(start + 5, at - start - 5);
    std::string what = "the map " + bpf_name, hint;
    if (bpf_name == kEventsMap) {
      what = "the ring buffer";
      hint = " (its size is perf_rb_pages, BPFTRACE_PERF_RB_PAGES: lower it)";
    }
    for (uint32_t i = 0; i < m.num_maps; ++i)
      if (bpf_name == m.maps[i].bpf_name) {
        what = std::string("map ") + m.maps[i].name;
        if (!m.maps[i].declared)
          hint = " (its size is max_map_keys, BPFTRACE_MAX_MAP_KEYS: lower it)";
      }
    return "error: cannot create " + what + ": " + std::strerror(-err) + hint + "\n";
  }
  return std::string("error: loading the BPF programs failed: ") + std::strerror(-err) + "\n";
}

} // namespace btc::rt
