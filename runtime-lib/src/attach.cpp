#include "attach.h"
#include "attach_glob.h"

#include "cli.h"
#include "kernel_funcs.h"
#include "text.h"

#include <algorithm>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <map>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <thread>
#include <unistd.h>

namespace btc::rt {

namespace {

constexpr long kTracefsMagic = 0x74726163;

} // namespace

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

namespace {

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
  return attach_glob_has_wildcard(s);
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

// The tracepoints of this kernel that "CATEGORY:EVENT" (with wildcards) names, sorted, from
// tracefs' events directory.
std::vector<std::string> matching_tracepoints(const std::string& target) {
  size_t colon = target.find(':');
  std::string category = target.substr(0, colon), event = target.substr(colon + 1);
  auto subdirs = [](const std::string& dir, const std::string& glob) {
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    if (!d) return names;
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      struct stat st;
      if (name[0] != '.' && attach_glob_match(glob, name) &&
          stat((dir + "/" + name).c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        names.push_back(name);
    }
    closedir(d);
    return names;
  };
  std::vector<std::string> found;
  for (const char* root : {"/sys/kernel/tracing/events", "/sys/kernel/debug/tracing/events"}) {
    if (access(root, F_OK) != 0) continue;
    for (const std::string& c : subdirs(root, category))
      for (const std::string& e : subdirs(std::string(root) + "/" + c, event))
        found.push_back(c + ":" + e);
    break;
  }
  std::sort(found.begin(), found.end());
  return found;
}

// The values a kfunc's copy of the program reads from its .rodata.
void write_kfunc_rodata(const ProbeSpec& p, const KfuncTarget& t, uint8_t* rodata) {
  for (uint32_t a = 0; a < p.num_args; ++a)
    std::memcpy(rodata + p.args[a].rodata_offset, &t.args[a], sizeof t.args[a]);
  if (p.nargs_offset >= 0) std::memcpy(rodata + p.nargs_offset, &t.nargs, sizeof t.nargs);
  if (p.func_name_offset >= 0) {
    char name[kFuncNameLen] = {};
    std::strncpy(name, t.name.c_str(), sizeof name - 1);
    std::memcpy(rodata + p.func_name_offset, name, sizeof name);
  }
}

} // namespace

Attachments::~Attachments() {
  detach();
  for (auto& [module, fd] : module_btf_fds_)
    if (fd >= 0) close(fd);
}

bool Attachments::missing(const Manifest&, const ProbeSpec& p, Plan& plan, const std::string& why,
                          const char* tool, std::string& error) {
  if (missing_probes_ == MissingProbes::Error && !p.optional) {
    error = std::string("cannot attach ") + p.display + ": " + why;
    return false;
  }
  if (missing_probes_ != MissingProbes::Ignore)
    warn("%s: warning: skipping %s: %s\n", tool, p.display, why.c_str());
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
    if (run_by_tool(p.kind)) continue;
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
      // The kernel would say ENOENT, as for a function it lacks: name the module instead.
      if (!module.empty() && !kernel.module_loaded(module)) {
        if (!missing(m, p, plan, "kernel module " + module + " is not loaded", tool, error))
          return false;
        bpf_program__set_autoload(prog, false);
        continue;
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
        plan.multi = !plan.functions.empty() && !no_kprobe_multi_ && kernel.has_kprobe_multi();
        if (plan.multi) bpf_program__set_expected_attach_type(prog, BPF_TRACE_KPROBE_MULTI);
      } else {
        plan.functions = {std::string(p.target)};
      }
      if (p.func_names && !plan.functions.empty()) {
        want_func_names = true;
        std::multimap<std::string, uint64_t> addresses = kernel.addresses(plan.functions);
        for (const auto& [name, addr] : addresses) func_names_.emplace_back(addr, name);
        if (p.func_ip_offset >= 0 && !plan.multi && !kernel.has_func_ip() &&
            kernel.kprobe_pmu(plan.pmu_type, plan.pmu_retprobe_bit)) {
          for (const auto& f : plan.functions) {
            auto it = addresses.find(split_function(f.c_str()).second);
            plan.addresses.push_back(it == addresses.end() ? 0 : it->second);
          }
          plan.copies = plan.functions.size() > 1;
          std::memcpy(rodata + p.func_ip_offset, &plan.addresses[0], sizeof(uint64_t));
        }
      }
      planned_ += plan.skip ? 0 : plan.functions.size();
      continue;
    }
    if (p.kind == ProbeKind::Fentry || p.kind == ProbeKind::Fexit) {
      if (!prepare_kfunc(m, p, plan, prog, kernel, rodata, tool, error)) return false;
      planned_ += plan.kfuncs.size();
      continue;
    }
    if (p.kind == ProbeKind::Uprobe || p.kind == ProbeKind::Uretprobe ||
        p.kind == ProbeKind::Usdt) {
      if (!(this->*piece<Piece::UserProbes>().prepare)(m, p, plan, prog, rodata, tool, error))
        return false;
      planned_ += plan.sites.size();
      want_func_names = want_func_names || plan.first_key != 0;
      if (plan.skip) bpf_program__set_autoload(prog, false);
      continue;
    }
    // A FUNCTION+argN watchpoint is counted as its uprobe, as bpftrace counts it.
    if (p.kind == ProbeKind::Watchpoint && p.watch_arg >= 0) continue;
    if (p.kind == ProbeKind::Tracepoint && has_glob(p.target)) {
      // A wildcard from the tool's arguments (tracepoint:$1:*): expanded now, as the compiler
      // expands the others.
      std::string no_tracefs;
      ensure_tracefs(no_tracefs);
      plan.functions = matching_tracepoints(p.target);
      if (plan.functions.empty()) {
        if (!missing(m, p, plan, std::string("no tracepoint of this kernel matches ") + p.target,
                     tool, error))
          return false;
        bpf_program__set_autoload(prog, false);
        continue;
      }
      planned_ += plan.functions.size();
      continue;
    }
    if (p.kind == ProbeKind::RawTracepoint && p.num_args > 0 &&
        !prepare_raw_tracepoint(p, kernel, rodata, tool, error))
      return false;
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
  elf_images_.clear();
  note_images_.clear();
  usdt_files_.reset();
  if (m.has_func_ip_offset >= 0) {
    uint32_t has = kernel.has_func_ip();
    std::memcpy(rodata + m.has_func_ip_offset, &has, sizeof has);
  }
  if (want_func_names)
    if (bpf_map* names = bpf_object__find_map_by_name(obj, kFuncMap))
      bpf_map__set_max_entries(names, std::max<uint32_t>(1, func_names_.size()));
  return true;
}

bool Attachments::prepare_kfunc(const Manifest& m, const ProbeSpec& p, Plan& plan,
                                bpf_program* prog, KernelFuncs& kernel, uint8_t* rodata,
                                const char* tool, std::string& error) {
  auto [module, fn] = split_function(p.target);
  bool wildcard = has_glob(fn);
  if (!module.empty() && !kernel.kernel_btf(module)) {
    if (!missing(m, p, plan, kernel.module_btf_problem(module), tool, error)) return false;
    bpf_program__set_autoload(prog, false);
    return true;
  }
  std::vector<std::string> names =
      wildcard ? kernel.btf_functions(module, fn) : std::vector<std::string>{fn};
  for (const std::string& name : names) {
    KfuncTarget t;
    t.name = name;
    std::vector<std::string> params;
    t.btf_id = kernel.btf_function_id(module, name);
    if (t.btf_id < 0 || !kernel.params(module, name, params)) {
      if (wildcard) continue;
      if (!missing(m, p, plan,
                   "function " + fn +
                       " is not in this kernel's BTF (missing, inlined, or a syscall wrapper)",
                   tool, error))
        return false;
      bpf_program__set_autoload(prog, false);
      return true;
    }
    if (!module.empty()) {
      auto [it, added] = module_btf_fds_.emplace(module, -1);
      if (added && kernel.module_btf_fd(module) >= 0)
        it->second = fcntl(kernel.module_btf_fd(module), F_DUPFD_CLOEXEC, 0);
      t.btf_obj_fd = it->second;
    }
    std::string absent;
    for (uint32_t a = 0; a < p.num_args && absent.empty(); ++a) {
      auto it = std::find(params.begin(), params.end(), p.args[a].name);
      if (it == params.end()) absent = p.args[a].name;
      t.args.push_back(static_cast<uint32_t>(it - params.begin()));
    }
    t.nargs = static_cast<uint32_t>(params.size());
    if (!absent.empty()) {
      std::string why = "function " + name + " on this kernel has no argument '" + absent + "'";
      if (!wildcard) {
        error = std::string("cannot attach ") + p.display + ": " + why;
        return false;
      }
      // As a wildcard kprobe's match that cannot be probed: skipped.
      warn("%s: warning: skipping %s%s%s: %s\n", tool,
           p.kind == ProbeKind::Fexit ? "kretfunc:" : "kfunc:",
           module.empty() ? "" : (module + ":").c_str(), name.c_str(), why.c_str());
      continue;
    }
    plan.kfuncs.push_back(std::move(t));
  }
  if (plan.kfuncs.empty()) {
    if (!missing(m, p, plan, "no function of this kernel's BTF matches " + fn, tool, error))
      return false;
    bpf_program__set_autoload(prog, false);
    return true;
  }
  const KfuncTarget& first = plan.kfuncs.front();
  if (bpf_program__set_attach_target(prog, 0, first.name.c_str()) != 0) {
    error = std::string("cannot attach ") + p.display + ": function " + first.name +
            " is not in this kernel's BTF";
    return false;
  }
  write_kfunc_rodata(p, first, rodata);
  return true;
}

bool Attachments::prepare_raw_tracepoint(const ProbeSpec& p, KernelFuncs& kernel, uint8_t* rodata,
                                         const char* tool, std::string& error) {
  // rawtracepoint:module:event has its class function in the module's BTF.
  std::string display = p.display;
  size_t first = display.find(':'), last = display.rfind(':');
  std::string module = first == last ? "" : display.substr(first + 1, last - first - 1);
  if (module == "vmlinux") module.clear();
  std::vector<std::string> params;
  if (!kernel.params(module, p.symbol, params) || params.empty()) {
    std::fprintf(stderr,
                 "%s: warning: %s: this kernel's BTF has no %s to name its arguments; reading "
                 "them where the build host's kernel has them\n",
                 tool, p.display, p.symbol);
    return true;
  }
  params.erase(params.begin()); // the tracepoint's data pointer
  for (uint32_t a = 0; a < p.num_args; ++a) {
    auto it = std::find(params.begin(), params.end(), p.args[a].name);
    if (it == params.end()) {
      error = std::string("cannot attach ") + p.display + ": it has no argument '" +
              p.args[a].name + "' on this kernel";
      return false;
    }
    uint32_t position = static_cast<uint32_t>(it - params.begin());
    std::memcpy(rodata + p.args[a].rodata_offset, &position, sizeof position);
  }
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
  for (size_t i = 0; i < plan.functions.size(); ++i) {
    if (stop_requested()) return true;
    const std::string& f = plan.functions[i];
    if (plan.copies && i > 0) {
      if (attach_kprobe_copy(p, plan, prog, i)) {
        ++attached;
        continue;
      }
    } else {
      LIBBPF_OPTS(bpf_kprobe_opts, ko, .offset = p.offset, .retprobe = retprobe);
      bpf_link* link = bpf_program__attach_kprobe_opts(prog, f.c_str(), &ko);
      if (link) {
        links_.push_back(link);
        ++attached;
        continue;
      }
    }
    int err = errno;
    std::string fn = split_function(f.c_str()).second;
    if (wildcard) {
      // As bpftrace: a match of a wildcard that cannot be probed is skipped.
      warn("%s: warning: skipping %s:%s: %s\n", tool, retprobe ? "kretprobe" : "kprobe", f.c_str(),
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

int Attachments::load_copy(bpf_program* prog, const std::function<void(uint8_t*)>& patch,
                           const bpf_prog_load_opts& opts) {
  // The loaded program's instructions are final: maps are file descriptors in them. A copy
  // gets a frozen, program-read-only .rodata of its own, so that the verifier still sees its
  // values as constants.
  std::vector<bpf_insn> insns(bpf_program__insns(prog),
                              bpf_program__insns(prog) + bpf_program__insn_cnt(prog));
  int map = -1;
  if (rodata_) {
    int rodata_fd = bpf_map__fd(rodata_);
    std::vector<uint8_t> values(bpf_map__value_size(rodata_));
    uint32_t zero = 0;
    if (bpf_map_lookup_elem(rodata_fd, &zero, values.data()) != 0) return -1;
    patch(values.data());
    LIBBPF_OPTS(bpf_map_create_opts, mo, .map_flags = BPF_F_RDONLY_PROG);
    map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "btc_rodata", sizeof zero,
                         static_cast<uint32_t>(values.size()), 1, &mo);
    if (map < 0) return -1;
    if (bpf_map_update_elem(map, &zero, values.data(), BPF_ANY) != 0 || bpf_map_freeze(map) != 0) {
      int err = errno;
      close(map);
      errno = err;
      return -1;
    }
    for (size_t k = 0; k + 1 < insns.size(); ++k) {
      if (insns[k].code != (BPF_LD | BPF_IMM | BPF_DW)) continue;
      if (insns[k].src_reg == BPF_PSEUDO_MAP_VALUE && insns[k].imm == rodata_fd) insns[k].imm = map;
      ++k;
    }
  }
  int fd = bpf_prog_load(bpf_program__type(prog), bpf_program__name(prog), "GPL", insns.data(),
                         insns.size(), &opts);
  int err = errno;
  if (map >= 0) close(map);
  errno = err;
  return fd;
}

bool Attachments::attach_kfunc_copies(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                      const char* tool, std::string&) {
  if (plan.kfuncs.size() < 2) return true;
  if (verbose_)
    std::fprintf(stderr, "%s: %s: %zu functions, one program each\n", tool, p.display,
                 plan.kfuncs.size());
  bpf_attach_type type = p.kind == ProbeKind::Fexit ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY;
  for (size_t i = 1; i < plan.kfuncs.size(); ++i) {
    if (stop_requested()) return true;
    const KfuncTarget& t = plan.kfuncs[i];
    LIBBPF_OPTS(bpf_prog_load_opts, po, .expected_attach_type = type,
                .attach_btf_id = static_cast<__u32>(t.btf_id),
                .attach_btf_obj_fd = static_cast<__u32>(t.btf_obj_fd > 0 ? t.btf_obj_fd : 0));
    int prog_fd = load_copy(
        prog, [&](uint8_t* rodata) { write_kfunc_rodata(p, t, rodata); }, po);
    int link = prog_fd >= 0 ? bpf_link_create(prog_fd, 0, type, nullptr) : -1;
    if (link < 0) {
      int err = errno;
      if (prog_fd >= 0) close(prog_fd);
      // As a wildcard kprobe's match that cannot be probed: skipped.
      auto [module, fn] = split_function(p.target);
      warn("%s: warning: skipping %s%s%s: the kernel refused it (%s)\n", tool,
           p.kind == ProbeKind::Fexit ? "kretfunc:" : "kfunc:",
           module.empty() ? "" : (module + ":").c_str(), t.name.c_str(), std::strerror(err));
      continue;
    }
    fds_.push_back(link);
    fds_.push_back(prog_fd);
  }
  return true;
}

bool Attachments::attach_kprobe_copy(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                     size_t i) {
  uint64_t address = plan.addresses[i];
  const std::string& function = plan.functions[i];
  LIBBPF_OPTS(bpf_prog_load_opts, po);
  int prog_fd = load_copy(
      prog,
      [&](uint8_t* rodata) { std::memcpy(rodata + p.func_ip_offset, &address, sizeof address); },
      po);
  if (prog_fd < 0) return false;
  // What libbpf does for a kprobe through the PMU, with a program it did not load.
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = static_cast<uint32_t>(plan.pmu_type);
  attr.config = p.kind == ProbeKind::Kretprobe ? 1ull << plan.pmu_retprobe_bit : 0;
  attr.config1 = reinterpret_cast<uintptr_t>(function.c_str());
  attr.config2 = p.offset;
  int event = perf_event_open(&attr, 0);
  if (event < 0 || ioctl(event, PERF_EVENT_IOC_SET_BPF, prog_fd) != 0 ||
      ioctl(event, PERF_EVENT_IOC_ENABLE, 0) != 0) {
    int err = errno;
    if (event >= 0) close(event);
    close(prog_fd);
    errno = err;
    return false;
  }
  fds_.push_back(event);
  fds_.push_back(prog_fd);
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

bool Attachments::attach_syscall(const ProbeSpec& p, bpf_program* prog, std::string& error) {
  std::string target = p.target; // "syscalls:sys_enter_openat"
  std::string event = target.substr(target.find(':') + 1);
  bool exists = false;
  for (const char* root : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"})
    if (access((std::string(root) + "/events/syscalls/" + event).c_str(), F_OK) == 0) exists = true;
  if (!exists) {
    error = std::string("cannot attach ") + p.display + ": it does not exist on this kernel";
    errno = ENOENT;
    return false;
  }
  if (syscall_programs_.insert(prog).second) {
    bool exit = event.rfind("sys_exit_", 0) == 0;
    bpf_link* link = bpf_program__attach_raw_tracepoint(prog, exit ? "sys_exit" : "sys_enter");
    if (!link) {
      error = std::string("cannot attach ") + p.display + ": " + std::strerror(errno);
      syscall_programs_.erase(prog);
      return false;
    }
    links_.push_back(link);
  }
  bpf_map* map = bpf_object__find_map_by_name(obj_, (std::string(p.program) + "_nr").c_str());
  uint32_t key = static_cast<uint32_t>(p.syscall_nr), slot = p.syscall_slot + 1;
  if (!map || bpf_map_update_elem(bpf_map__fd(map), &key, &slot, BPF_ANY) != 0) {
    error = std::string("cannot attach ") + p.display + ": " +
            (map ? std::strerror(errno) : "internal error: its syscall map is missing");
    return false;
  }
  return true;
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
    if (p.syscall_nr >= 0) return attach_syscall(p, prog, error);
    for (const std::string& t : plan.functions) {
      if (stop_requested()) return true;
      size_t colon = t.find(':');
      link = bpf_program__attach_tracepoint(prog, t.substr(0, colon).c_str(),
                                            t.substr(colon + 1).c_str());
      if (!link) {
        error = "cannot attach tracepoint:" + t + ": " + std::strerror(errno);
        return false;
      }
      links_.push_back(link);
    }
    if (!plan.functions.empty()) return true;
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
    return attach_kfunc_copies(p, plan, prog, tool, error);
  case ProbeKind::Iter: {
    link = bpf_program__attach_iter(prog, nullptr);
    if (link && p.pin[0]) return pin_iter(p, link, error);
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
    return (this->*piece<Piece::UserProbes>().attach_uprobe)(
        p, plan, prog, tool, target_pid_ > 0 ? target_pid_ : -1, error);
  case ProbeKind::Usdt:
    return (this->*piece<Piece::UserProbes>().attach_usdt)(
        p, plan, prog, target_pid_ > 0 ? target_pid_ : -1, error);
  case ProbeKind::Hardware:
    return (this->*piece<Piece::HardwareEvents>().attach_hardware)(p, prog, error);
  case ProbeKind::Watchpoint:
    // FUNCTION+argN: set when the function runs (watch()).
    if (p.watch_arg >= 0) return true;
    return (this->*piece<Piece::HardwareEvents>().attach_watchpoint)(
        p, prog, target_pid_ > 0 ? target_pid_ : -1, p.address, error);
  case ProbeKind::Begin:
  case ProbeKind::End:
  case ProbeKind::Signal:
  case ProbeKind::Bench:
  case ProbeKind::Test:
    return true;
  }
  if (!link) {
    error = std::string("cannot attach ") + p.display + ": " + std::strerror(errno);
    return false;
  }
  links_.push_back(link);
  return true;
}

constexpr long kBpfFsMagic = 0xcafe4a11; // BPF_FS_MAGIC

// The link outlives the tool in its pin file: every read of the file runs the program.
bool Attachments::pin_iter(const ProbeSpec& p, bpf_link* link, std::string& error) {
  std::string dir = p.pin;
  dir.erase(std::max<size_t>(dir.rfind('/'), 1));
  struct statfs fs {};
  int err = statfs(dir.c_str(), &fs) ? -errno : 0;
  if (!err && fs.f_type != kBpfFsMagic) {
    error = std::string("cannot pin ") + p.display + " at " + p.pin + ": " + dir +
            " is not a BPF file system (mount -t bpf bpf " + dir + ")";
    bpf_link__destroy(link);
    return false;
  }
  if (!err) err = bpf_link__pin(link, p.pin);
  if (err) {
    error = std::string("cannot pin ") + p.display + " at " + p.pin + ": " + std::strerror(-err);
    bpf_link__destroy(link);
    return false;
  }
  links_.push_back(link);
  pinned_.push_back(p.pin);
  return true;
}

bool Attachments::attach_all(const Manifest& m, bpf_object* obj, const char* tool,
                             std::string& error) {
  if (plans_.size() != m.num_probes) plans_.assign(m.num_probes, Plan{});
  obj_ = obj;
  rodata_ = nullptr;
  bpf_map* map;
  bpf_object__for_each_map(map, obj) {
    std::string name = bpf_map__name(map);
    if (bpf_map__is_internal(map) && name.size() >= 7 &&
        name.compare(name.size() - 7, 7, ".rodata") == 0)
      rodata_ = map;
  }
  if (!func_names_.empty()) {
    bpf_map* names = bpf_object__find_map_by_name(obj, kFuncMap);
    // A function's name, or a user site's whole `probe` (rt::ProbeSpec::probe_name_len): the
    // value is as long as the longest of those.
    std::vector<char> value(names ? bpf_map__value_size(names) : kFuncNameLen);
    for (const auto& [addr, name] : func_names_) {
      std::fill(value.begin(), value.end(), 0);
      std::strncpy(value.data(), name.c_str(), value.size() - 1);
      if (names) bpf_map_update_elem(bpf_map__fd(names), &addr, value.data(), BPF_ANY);
    }
  }
  for (uint32_t i = 0; i < m.num_probes; ++i) {
    if (stop_requested()) return true;
    const ProbeSpec& p = m.probes[i];
    if (run_by_tool(p.kind)) continue;
    if (p.kind == ProbeKind::Watchpoint && p.watch_arg >= 0) continue; // set by watch()
    if ((p.kind == ProbeKind::Tracepoint || is_kprobe(p.kind)) && !ensure_tracefs(error))
      return false;
    if (plans_[i].skip) continue;
    bpf_program* prog = bpf_object__find_program_by_name(obj, p.program);
    if (!prog) {
      error = std::string("internal error: program ") + p.program + " is missing";
      return false;
    }
    std::string why;
    if (attach_one(p, plans_[i], prog, tool, why)) continue;
    bool absent =
        (is_kprobe(p.kind) && errno == ENOENT && missing_probes_ != MissingProbes::Error) ||
        (p.kind == ProbeKind::Tracepoint && (errno == ENOENT || errno == EINVAL));
    if (!absent) {
      error = why;
      return false;
    }
    if (missing_probes_ != MissingProbes::Ignore) {
      // attach_one()'s reason when it gave one ("function F does not exist on this kernel").
      std::string prefix = std::string("cannot attach ") + p.display + ": ";
      std::string reason = why.compare(0, prefix.size(), prefix) == 0 &&
                                   why.find("does not exist") != std::string::npos
                               ? why.substr(prefix.size())
                               : "it does not exist on this kernel";
      warn("%s: warning: skipping %s: %s\n", tool, p.display, reason.c_str());
    }
    plans_[i].skip = true;
  }
  return true;
}

bool Attachments::all_missing(const Manifest& m, std::string& error) const {
  size_t wanted = 0;
  const ProbeSpec* last = nullptr;
  for (uint32_t i = 0; i < m.num_probes; ++i) {
    const ProbeSpec& p = m.probes[i];
    if (run_by_tool(p.kind) || (p.kind == ProbeKind::Watchpoint && p.watch_arg >= 0)) continue;
    if (!skipped(i)) return false;
    ++wanted;
    last = &p;
  }
  if (wanted == 0) return false;
  error = wanted == 1 ? std::string("no probe could be attached: the script's one probe, ") +
                            last->display + ", is missing here"
                      : "no probe could be attached: all " + std::to_string(wanted) +
                            " of the script's probes are missing here";
  return true;
}

void Attachments::detach() {
  // Releasing a tracepoint waits for an RCU grace period (~70 ms here), a kfunc copy's link
  // for its trampoline. Closing from several threads overlaps part of those waits: 361
  // tracepoints detach in ~14 s instead of ~24 s (the kernel serializes the rest). The maps are
  // printed before this, so nobody waits for output.
  constexpr size_t kThreads = 16;
  constexpr size_t kPerThread = 8;
  size_t total = links_.size() + fds_.size();
  auto release = [this](size_t i) {
    if (i < links_.size())
      bpf_link__destroy(links_[i]);
    else
      close(fds_[i - links_.size()]);
  };
  if (total <= kPerThread) {
    for (size_t i = 0; i < total; ++i) release(i);
  } else {
    std::vector<std::thread> threads;
    size_t n = std::min(kThreads, (total + kPerThread - 1) / kPerThread);
    for (size_t t = 0; t < n; ++t)
      threads.emplace_back([&release, t, n, total] {
        for (size_t i = t; i < total; i += n) release(i);
      });
    for (auto& thread : threads) thread.join();
  }
  links_.clear();
  for (const Watch& w : watches_) bpf_link__destroy(w.link);
  watches_.clear();
  fds_.clear();
  syscall_programs_.clear();
  for (auto& [p, fd] : iters_) close(fd);
  iters_.clear();
}

} // namespace btc::rt
