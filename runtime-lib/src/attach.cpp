#include "attach.h"

#include "kernel_funcs.h"
#include "text.h"

#include <algorithm>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <linux/perf_event.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <thread>
#include <unistd.h>

namespace btc::rt {

namespace {

constexpr long kTracefsMagic = 0x74726163;

std::vector<int> online_cpus() {
  std::vector<int> cpus;
  std::string list = read_small_file("/sys/devices/system/cpu/online");
  // "0-3,5,7-8\n"
  const char* p = list.c_str();
  while (*p >= '0' && *p <= '9') {
    char* end;
    int first = static_cast<int>(std::strtol(p, &end, 10));
    int last = *end == '-' ? static_cast<int>(std::strtol(end + 1, &end, 10)) : first;
    for (int c = first; c <= last; ++c) cpus.push_back(c);
    p = *end == ',' ? end + 1 : end;
  }
  if (cpus.empty()) cpus.push_back(0);
  return cpus;
}

struct SoftwareEvent {
  const char* name;
  uint64_t config;
};

constexpr SoftwareEvent kSoftwareEvents[] = {
    {"cpu-clock", PERF_COUNT_SW_CPU_CLOCK},
    {"task-clock", PERF_COUNT_SW_TASK_CLOCK},
    {"page-faults", PERF_COUNT_SW_PAGE_FAULTS},
    {"context-switches", PERF_COUNT_SW_CONTEXT_SWITCHES},
    {"cpu-migrations", PERF_COUNT_SW_CPU_MIGRATIONS},
    {"minor-faults", PERF_COUNT_SW_PAGE_FAULTS_MIN},
    {"major-faults", PERF_COUNT_SW_PAGE_FAULTS_MAJ},
    {"alignment-faults", PERF_COUNT_SW_ALIGNMENT_FAULTS},
    {"emulation-faults", PERF_COUNT_SW_EMULATION_FAULTS},
    {"dummy", PERF_COUNT_SW_DUMMY},
    {"bpf-output", PERF_COUNT_SW_BPF_OUTPUT},
};

int perf_event_open(perf_event_attr* attr, int cpu) {
  return static_cast<int>(syscall(__NR_perf_event_open, attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC));
}

bool is_kprobe(ProbeKind k) {
  return k == ProbeKind::Kprobe || k == ProbeKind::Kretprobe;
}

bool has_glob(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

// "mod:fn" -> {"mod", "fn"}; "fn" -> {"", "fn"}.
std::pair<std::string, std::string> split_function(const char* target) {
  std::string t = target;
  size_t colon = t.find(':');
  if (colon == std::string::npos) return {"", t};
  return {t.substr(0, colon), t.substr(colon + 1)};
}

// Why the kernel refused a kprobe on `fn`, from the errno of the attach.
std::string kprobe_failure(int err, const std::string& fn, uint64_t offset) {
  switch (err) {
  case ENOENT:
    return "function " + fn + " does not exist on this kernel";
  case EINVAL:
    return "the kernel does not allow probing " + fn + " (blacklisted or notrace)";
  case EILSEQ:
    return "offset " + std::to_string(offset) + " is not an instruction boundary of " + fn +
           " on this kernel";
  case EADDRNOTAVAIL:
    return "several kernel functions are named " + fn;
  default:
    return std::strerror(err);
  }
}

} // namespace

Attachments::~Attachments() {
  detach();
}

bool Attachments::missing(const Manifest& m, const ProbeSpec& p, Plan& plan, const std::string& why,
                          const char* tool, std::string& error) {
  if (!m.missing_probes_warn && !p.optional) {
    error = std::string("cannot attach ") + p.display + ": " + why;
    return false;
  }
  std::fprintf(stderr, "%s: warning: skipping %s: %s\n", tool, p.display, why.c_str());
  plan.skip = true;
  return true;
}

bool Attachments::prepare(const Manifest& m, bpf_object* obj, uint8_t* rodata, const char* tool,
                          std::string& error) {
  KernelFuncs kernel;
  plans_.assign(m.num_probes, Plan{});
  planned_ = 0;
  bool want_func_names = false;
  for (uint32_t i = 0; i < m.num_probes; ++i) {
    const ProbeSpec& p = m.probes[i];
    Plan& plan = plans_[i];
    if (p.kind == ProbeKind::Begin || p.kind == ProbeKind::End) continue;
    bpf_program* prog = bpf_object__find_program_by_name(obj, p.program);
    if (!prog) {
      error = std::string("internal error: program ") + p.program + " is missing";
      return false;
    }
    auto [module, fn] = split_function(p.target);
    if (is_kprobe(p.kind)) {
      // kprobe_events and available_filter_functions live in tracefs; without it the PMU and
      // /proc/kallsyms still serve.
      std::string no_tracefs;
      ensure_tracefs(no_tracefs);
      if (!kernel.has_kprobes()) {
        error = std::string("cannot attach ") + p.display +
                ": this kernel has no kprobes (CONFIG_KPROBES is off)";
        return false;
      }
      if (has_glob(fn)) {
        std::string why;
        plan.functions = kernel.match(module, fn, why);
        if (!why.empty()) {
          error = std::string("cannot attach ") + p.display + ": " + why;
          return false;
        }
        if (plan.functions.empty() &&
            !missing(m, p, plan, "no function of this kernel matches " + fn, tool, error))
          return false;
        // The attach type is fixed at load: decide now.
        plan.multi = !plan.functions.empty() && kernel.has_kprobe_multi();
        if (plan.multi) bpf_program__set_expected_attach_type(prog, BPF_TRACE_KPROBE_MULTI);
      } else {
        plan.functions = {std::string(p.target)};
      }
      if (p.func_names && !plan.functions.empty()) {
        want_func_names = true;
        for (const auto& [name, addr] : kernel.addresses(plan.functions))
          func_names_.emplace_back(addr, name);
      }
      planned_ += plan.skip ? 0 : plan.functions.size();
      continue;
    }
    if (p.kind == ProbeKind::Fentry || p.kind == ProbeKind::Fexit) {
      std::vector<std::string> params;
      if (!kernel.params(module, fn, params) ||
          bpf_program__set_attach_target(prog, 0, fn.c_str()) != 0) {
        if (!missing(m, p, plan,
                     "function " + fn +
                         " is not in this kernel's BTF (missing, inlined, or a syscall wrapper)",
                     tool, error))
          return false;
        bpf_program__set_autoload(prog, false);
        continue;
      }
      for (uint32_t a = 0; a < p.num_args; ++a) {
        uint32_t index = 0;
        while (index < params.size() && params[index] != p.args[a].name) ++index;
        if (index == params.size()) {
          error = std::string("cannot attach ") + p.display + ": function " + fn +
                  " on this kernel has no argument '" + p.args[a].name + "'";
          return false;
        }
        std::memcpy(rodata + p.args[a].rodata_offset, &index, sizeof index);
      }
      if (p.nargs_offset >= 0) {
        uint32_t n = static_cast<uint32_t>(params.size());
        std::memcpy(rodata + p.nargs_offset, &n, sizeof n);
      }
      ++planned_;
      continue;
    }
    if (p.kind == ProbeKind::Uprobe || p.kind == ProbeKind::Uretprobe ||
        p.kind == ProbeKind::Usdt) {
      if (!prepare_uprobe(m, p, plan, tool, error)) return false;
      planned_ += plan.sites.size();
      if (plan.skip) bpf_program__set_autoload(prog, false);
      continue;
    }
    if (p.kind == ProbeKind::Iter) {
      if (!kernel.has_struct(std::string("bpf_iter__") + p.target)) {
        if (!missing(m, p, plan, "this iterator is not available on this kernel", tool, error))
          return false;
        bpf_program__set_autoload(prog, false);
        continue;
      }
      ++planned_;
      continue;
    }
    ++planned_;
  }
  if (m.has_func_ip_offset >= 0) {
    uint32_t has = kernel.has_func_ip();
    std::memcpy(rodata + m.has_func_ip_offset, &has, sizeof has);
  }
  if (want_func_names)
    if (bpf_map* names = bpf_object__find_map_by_name(obj, kFuncMap))
      bpf_map__set_max_entries(names, std::max<uint32_t>(1, func_names_.size()));
  return true;
}

bool Attachments::attach_kprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                const char* tool, std::string& error) {
  bool retprobe = p.kind == ProbeKind::Kretprobe;
  if (verbose_ && has_glob(p.target))
    std::fprintf(stderr, "%s: %s: %zu functions, %s\n", tool, p.display, plan.functions.size(),
                 plan.multi ? "one multi-kprobe link" : "one link per function");
  if (plan.multi) {
    std::vector<const char*> syms;
    for (const auto& f : plan.functions) syms.push_back(f.c_str());
    LIBBPF_OPTS(bpf_kprobe_multi_opts, mo, .syms = syms.data(), .cnt = syms.size(),
                .retprobe = retprobe);
    bpf_link* link = bpf_program__attach_kprobe_multi_opts(prog, nullptr, &mo);
    if (!link) {
      error = std::string("cannot attach ") + p.display + " (" + std::to_string(syms.size()) +
              " functions): " + std::strerror(errno);
      return false;
    }
    links_.push_back(link);
    return true;
  }
  bool wildcard = has_glob(p.target);
  size_t attached = 0;
  for (const auto& f : plan.functions) {
    LIBBPF_OPTS(bpf_kprobe_opts, ko, .offset = p.offset, .retprobe = retprobe);
    bpf_link* link = bpf_program__attach_kprobe_opts(prog, f.c_str(), &ko);
    if (link) {
      links_.push_back(link);
      ++attached;
      continue;
    }
    int err = errno;
    std::string fn = split_function(f.c_str()).second;
    if (wildcard) {
      // As bpftrace: a match of a wildcard that cannot be probed is skipped.
      std::fprintf(stderr, "%s: warning: skipping %s:%s: %s\n", tool,
                   retprobe ? "kretprobe" : "kprobe", f.c_str(),
                   kprobe_failure(err, fn, p.offset).c_str());
      continue;
    }
    error = std::string("cannot attach ") + p.display + ": " + kprobe_failure(err, fn, p.offset);
    errno = err;
    return false;
  }
  if (wildcard && attached == 0) {
    error = std::string("cannot attach ") + p.display + ": none of the " +
            std::to_string(plan.functions.size()) + " matching functions can be probed";
    return false;
  }
  return true;
}

bool ensure_tracefs(std::string& error) {
  for (const char* path : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
    struct statfs fs;
    if (statfs(path, &fs) == 0 && fs.f_type == kTracefsMagic) return true;
  }
  if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, nullptr) == 0) return true;
  error = std::string("tracefs is not mounted and mounting it at /sys/kernel/tracing failed: ") +
          std::strerror(errno);
  return false;
}

bool Attachments::attach_perf(const ProbeSpec& p, bpf_program* prog, std::string& error) {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_SOFTWARE;
  attr.config = PERF_COUNT_SW_CPU_CLOCK;
  if (p.kind == ProbeKind::Software) {
    attr.config = ~0ull;
    for (const auto& ev : kSoftwareEvents)
      if (std::strcmp(ev.name, p.target) == 0) attr.config = ev.config;
    if (attr.config == ~0ull) {
      error = std::string("unknown software event ") + p.target;
      return false;
    }
  }
  if (p.freq) {
    attr.freq = 1;
    attr.sample_freq = p.period;
  } else {
    attr.sample_period = p.period;
  }
  std::vector<int> cpus =
      p.kind == ProbeKind::Interval ? std::vector<int>{online_cpus()[0]} : online_cpus();
  for (int cpu : cpus) {
    int fd = perf_event_open(&attr, cpu);
    if (fd < 0) {
      error = std::string("cannot open a perf event for ") + p.display + " on CPU " +
              std::to_string(cpu) + ": " + std::strerror(errno);
      return false;
    }
    bpf_link* link = bpf_program__attach_perf_event(prog, fd);
    if (!link) {
      int err = errno;
      close(fd);
      error = std::string("cannot attach ") + p.display + ": " + std::strerror(err);
      return false;
    }
    links_.push_back(link);
  }
  return true;
}

bool Attachments::attach_one(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                             const char* tool, std::string& error) {
  bpf_link* link = nullptr;
  if (plan.skip) return true;
  switch (p.kind) {
  case ProbeKind::Tracepoint: {
    std::string target = p.target;
    size_t colon = target.find(':');
    link = bpf_program__attach_tracepoint(prog, target.substr(0, colon).c_str(),
                                          target.substr(colon + 1).c_str());
    break;
  }
  case ProbeKind::RawTracepoint:
    link = bpf_program__attach_raw_tracepoint(prog, p.target);
    break;
  case ProbeKind::Interval:
  case ProbeKind::Profile:
  case ProbeKind::Software:
    return attach_perf(p, prog, error);
  case ProbeKind::Kprobe:
  case ProbeKind::Kretprobe:
    return attach_kprobe(p, plan, prog, tool, error);
  case ProbeKind::Fentry:
  case ProbeKind::Fexit:
    link = bpf_program__attach(prog);
    if (!link) {
      error = std::string("cannot attach ") + p.display + ": the kernel refused it (" +
              std::strerror(errno) + ")";
      return false;
    }
    links_.push_back(link);
    return true;
  case ProbeKind::Iter: {
    link = bpf_program__attach_iter(prog, nullptr);
    int fd = link ? bpf_iter_create(bpf_link__fd(link)) : -1;
    if (fd < 0) {
      error = std::string("cannot attach ") + p.display + ": " + std::strerror(errno);
      if (link) bpf_link__destroy(link);
      return false;
    }
    links_.push_back(link);
    iters_.emplace_back(&p, fd);
    return true;
  }
  case ProbeKind::Uprobe:
  case ProbeKind::Uretprobe:
    return attach_uprobe(p, plan, prog, error);
  case ProbeKind::Usdt:
    return attach_usdt(p, plan, prog, error);
  case ProbeKind::Begin:
  case ProbeKind::End:
    return true;
  }
  if (!link) {
    error = std::string("cannot attach ") + p.display + ": " + std::strerror(errno);
    return false;
  }
  links_.push_back(link);
  return true;
}

bool Attachments::attach_all(const Manifest& m, bpf_object* obj, const char* tool,
                             std::string& error) {
  size_t wanted = 0, skipped = 0;
  if (plans_.size() != m.num_probes) plans_.assign(m.num_probes, Plan{});
  if (!func_names_.empty()) {
    bpf_map* names = bpf_object__find_map_by_name(obj, kFuncMap);
    for (const auto& [addr, name] : func_names_) {
      char value[kFuncNameLen] = {};
      std::strncpy(value, name.c_str(), sizeof value - 1);
      if (names) bpf_map_update_elem(bpf_map__fd(names), &addr, value, BPF_ANY);
    }
  }
  for (uint32_t i = 0; i < m.num_probes; ++i) {
    const ProbeSpec& p = m.probes[i];
    if (p.kind == ProbeKind::Begin || p.kind == ProbeKind::End) continue;
    if ((p.kind == ProbeKind::Tracepoint || is_kprobe(p.kind)) && !ensure_tracefs(error))
      return false;
    ++wanted;
    if (plans_[i].skip) {
      ++skipped;
      continue;
    }
    bpf_program* prog = bpf_object__find_program_by_name(obj, p.program);
    if (!prog) {
      error = std::string("internal error: program ") + p.program + " is missing";
      return false;
    }
    std::string why;
    if (attach_one(p, plans_[i], prog, tool, why)) continue;
    if (is_kprobe(p.kind) && errno == ENOENT && m.missing_probes_warn) {
      std::fprintf(stderr, "%s: warning: skipping %s: it does not exist on this kernel\n", tool,
                   p.display);
      ++skipped;
      continue;
    }
    if (p.kind == ProbeKind::Tracepoint && (errno == ENOENT || errno == EINVAL)) {
      std::fprintf(stderr, "%s: warning: skipping %s: it does not exist on this kernel\n", tool,
                   p.display);
      ++skipped;
      continue;
    }
    error = why;
    return false;
  }
  if (wanted > 0 && skipped == wanted) {
    error = "none of the script's probes exist on this kernel";
    return false;
  }
  return true;
}

void Attachments::detach() {
  // Releasing a tracepoint waits for an RCU grace period (~70 ms here). Closing from several
  // threads overlaps part of those waits: 361 tracepoints detach in ~14 s instead of ~24 s (the
  // kernel serializes the rest). The maps are printed before this, so nobody waits for output.
  constexpr size_t kThreads = 16;
  constexpr size_t kPerThread = 8;
  if (links_.size() <= kPerThread) {
    for (bpf_link* link : links_) bpf_link__destroy(link);
  } else {
    std::vector<std::thread> threads;
    size_t n = std::min(kThreads, (links_.size() + kPerThread - 1) / kPerThread);
    for (size_t t = 0; t < n; ++t)
      threads.emplace_back([this, t, n] {
        for (size_t i = t; i < links_.size(); i += n) bpf_link__destroy(links_[i]);
      });
    for (auto& thread : threads) thread.join();
  }
  links_.clear();
  for (auto& [p, fd] : iters_) close(fd);
  iters_.clear();
}

} // namespace btc::rt
