#include "kernel_funcs.h"
#include "attach_glob.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <linux/bpf.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace btc::rt {

namespace {

bool exists(const char* path) {
  struct stat st;
  return stat(path, &st) == 0;
}

// Loads a two-instruction kprobe program (`r0 = 0; exit`, or a call of `helper` first).
int load_probe_program(bpf_attach_type expected, int helper) {
  bpf_insn insns[3] = {};
  int n = 0;
  if (helper) {
    insns[n].code = BPF_JMP | BPF_CALL;
    insns[n++].imm = helper;
  }
  insns[n].code = BPF_ALU64 | BPF_MOV | BPF_K; // r0 = 0
  insns[n++].dst_reg = BPF_REG_0;
  insns[n++].code = BPF_JMP | BPF_EXIT;
  LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = expected);
  return bpf_prog_load(BPF_PROG_TYPE_KPROBE, "btc_feature", "GPL", insns, n, &opts);
}

// Reads `path` line by line; false when it cannot be opened (access() is not enough: some
// kernels refuse available_filter_functions at open, even to root).
template <typename F> bool each_line(const char* path, F&& f) {
  FILE* file = std::fopen(path, "re");
  if (!file) return false;
  char* line = nullptr;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, file)) > 0) {
    if (line[n - 1] == '\n') line[--n] = '\0';
    f(line);
  }
  std::free(line);
  std::fclose(file);
  return true;
}

} // namespace

KernelFuncs::~KernelFuncs() {
  for (auto& [name, b] : btfs_) btf__free(b);
  for (auto& [name, fd] : module_fds_)
    if (fd >= 0) close(fd);
}

bool KernelFuncs::has_kprobes() {
  if (has_kprobes_ < 0)
    has_kprobes_ = exists("/sys/bus/event_source/devices/kprobe/type") ||
                   exists("/sys/kernel/tracing/kprobe_events") ||
                   exists("/sys/kernel/debug/tracing/kprobe_events");
  return has_kprobes_;
}

bool KernelFuncs::has_kprobe_multi() {
  if (has_multi_ >= 0) return has_multi_;
  // A link on a function that does not exist: ESRCH means the kernel looked it up, so it has
  // multi-kprobes; 5.10 says EINVAL (unknown attach type), kernels without fprobe EOPNOTSUPP.
  has_multi_ = 0;
  int prog = load_probe_program(BPF_TRACE_KPROBE_MULTI, 0);
  if (prog < 0) return has_multi_;
  const char* syms[] = {"btc_no_such_function__"};
  LIBBPF_OPTS(bpf_link_create_opts, opts);
  opts.kprobe_multi.syms = syms;
  opts.kprobe_multi.cnt = 1;
  int link = bpf_link_create(prog, 0, BPF_TRACE_KPROBE_MULTI, &opts);
  has_multi_ = link < 0 && errno == ESRCH;
  if (link >= 0) close(link);
  close(prog);
  return has_multi_;
}

bool KernelFuncs::has_func_ip() {
  if (has_func_ip_ < 0) {
    // The helper reads r1, which holds the context at the first instruction.
    int prog = load_probe_program(static_cast<bpf_attach_type>(0), BPF_FUNC_get_func_ip);
    has_func_ip_ = prog >= 0;
    if (prog >= 0) close(prog);
  }
  return has_func_ip_;
}

bool KernelFuncs::kprobe_pmu(int& type, int& retprobe_bit) {
  std::string t, bit;
  each_line("/sys/bus/event_source/devices/kprobe/type", [&](const char* line) { t = line; });
  // "config:0"
  each_line("/sys/bus/event_source/devices/kprobe/format/retprobe",
            [&](const char* line) { bit = line; });
  if (t.empty() || bit.rfind("config:", 0) != 0) return false;
  type = std::atoi(t.c_str());
  retprobe_bit = std::atoi(bit.c_str() + 7);
  return true;
}

std::vector<std::string> KernelFuncs::match(const std::string& module, const std::string& glob,
                                            std::string& error) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](const std::string& name, const std::string& mod) {
    if (mod != module || !attach_glob_match(glob, name)) return;
    if (seen.insert(name).second) out.push_back(name);
  };
  // "name" or "name [module]"
  auto filter_line = [&](const char* line) {
    const char* sp = std::strchr(line, ' ');
    std::string name = sp ? std::string(line, sp - line) : std::string(line);
    std::string mod;
    if (sp && sp[1] == '[') {
      const char* end = std::strchr(sp, ']');
      if (end) mod.assign(sp + 2, end - sp - 2);
    }
    add(name, mod);
  };
  for (const char* path : {"/sys/kernel/tracing/available_filter_functions",
                           "/sys/kernel/debug/tracing/available_filter_functions"})
    if (each_line(path, filter_line)) return out;
  // "ffffffff81000000 T name\t[module]"
  auto kallsyms_line = [&](const char* line) {
    char type = 0;
    char name[256], mod[256] = "";
    if (std::sscanf(line, "%*s %c %255s [%255[^]]]", &type, name, mod) < 2) return;
    if (type != 't' && type != 'T') return;
    add(name, mod);
  };
  if (each_line("/proc/kallsyms", kallsyms_line)) return out;
  error = std::string("cannot read the kernel's functions (available_filter_functions, "
                      "/proc/kallsyms): ") +
          std::strerror(errno);
  return out;
}

std::multimap<std::string, uint64_t> KernelFuncs::addresses(const std::vector<std::string>& names) {
  std::set<std::string> wanted(names.begin(), names.end());
  std::multimap<std::string, uint64_t> out;
  each_line("/proc/kallsyms", [&](const char* line) {
    unsigned long long addr = 0;
    char type = 0;
    char name[256];
    if (std::sscanf(line, "%llx %c %255s", &addr, &type, name) != 3) return;
    if ((type == 't' || type == 'T') && addr != 0 && wanted.count(name)) out.emplace(name, addr);
  });
  return out;
}

const btf* KernelFuncs::kernel_btf(const std::string& module) {
  auto it = btfs_.find(module);
  if (it != btfs_.end()) return it->second;
  btf* b = nullptr;
  if (module.empty()) {
    b = btf__load_vmlinux_btf();
  } else if (const btf* base = kernel_btf("")) {
    b = btf__load_module_btf(module.c_str(), const_cast<btf*>(base));
  }
  if (libbpf_get_error(b)) b = nullptr;
  return btfs_[module] = b;
}

bool KernelFuncs::params(const std::string& module, const std::string& name,
                         std::vector<std::string>& out) {
  const btf* b = kernel_btf(module);
  if (!b) return false;
  int id = btf__find_by_name_kind(b, name.c_str(), BTF_KIND_FUNC);
  if (id <= 0) return false;
  const btf_type* proto = btf__type_by_id(b, btf__type_by_id(b, id)->type);
  if (!proto || !btf_is_func_proto(proto)) return false;
  const btf_param* p = btf_params(proto);
  for (uint16_t i = 0; i < btf_vlen(proto); ++i)
    out.emplace_back(btf__name_by_offset(b, p[i].name_off));
  return true;
}

std::vector<std::string> KernelFuncs::btf_functions(const std::string& module,
                                                    const std::string& glob) {
  std::vector<std::string> out;
  const btf* b = kernel_btf(module);
  if (!b) return out;
  const btf* base = module.empty() ? nullptr : kernel_btf("");
  uint32_t first = base ? btf__type_cnt(base) : 1;
  std::set<std::string> seen;
  for (uint32_t id = first; id < btf__type_cnt(b); ++id) {
    const btf_type* t = btf__type_by_id(b, id);
    if (!btf_is_func(t)) continue;
    const char* name = btf__name_by_offset(b, t->name_off);
    if (attach_glob_match(glob, name) && seen.insert(name).second) out.emplace_back(name);
  }
  // BTF also describes functions ftrace cannot hook (notrace, inlined everywhere).
  std::string error;
  std::vector<std::string> traceable = match(module, glob, error);
  if (error.empty()) {
    std::set<std::string> ok(traceable.begin(), traceable.end());
    std::erase_if(out, [&](const std::string& name) { return !ok.count(name); });
  }
  return out;
}

int KernelFuncs::btf_function_id(const std::string& module, const std::string& name) {
  const btf* b = kernel_btf(module);
  int id = b ? btf__find_by_name_kind(b, name.c_str(), BTF_KIND_FUNC) : -1;
  return id > 0 ? id : -1;
}

int KernelFuncs::module_btf_fd(const std::string& module) {
  auto it = module_fds_.find(module);
  if (it != module_fds_.end()) return it->second;
  int found = -1;
  for (uint32_t id = 0; found < 0 && bpf_btf_get_next_id(id, &id) == 0;) {
    int fd = bpf_btf_get_fd_by_id(id);
    if (fd < 0) continue;
    char name[64] = {};
    bpf_btf_info info = {};
    info.name = reinterpret_cast<uintptr_t>(name);
    info.name_len = sizeof name;
    uint32_t len = sizeof info;
    if (bpf_obj_get_info_by_fd(fd, &info, &len) == 0 && info.kernel_btf && module == name)
      found = fd;
    else
      close(fd);
  }
  return module_fds_[module] = found;
}

bool KernelFuncs::module_loaded(const std::string& name) {
  // Built-in code has a /sys/module entry too (for its parameters), but no initstate.
  return !exists("/sys/module") || exists(("/sys/module/" + name + "/initstate").c_str());
}

std::string KernelFuncs::module_btf_problem(const std::string& name) {
  if (!module_loaded(name)) return "kernel module " + name + " is not loaded";
  if (!kernel_btf("")) return "this kernel has no BTF (/sys/kernel/btf/vmlinux)";
  return "kernel module " + name + " has no BTF on this kernel (/sys/kernel/btf/" + name +
         ", CONFIG_DEBUG_INFO_BTF_MODULES): kfunc probes need it";
}

bool KernelFuncs::has_struct(const std::string& name) {
  const btf* b = kernel_btf("");
  return b && btf__find_by_name_kind(b, name.c_str(), BTF_KIND_STRUCT) > 0;
}

} // namespace btc::rt
