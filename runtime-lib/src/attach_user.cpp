// uprobe/uretprobe/usdt: the binary, its functions and their file offsets (or its USDT probes)
// are found on this host when the tool starts (runtime-lib/src/user). Functions are attached by
// file offset, so libbpf never resolves names itself (docs/design/user-space.md 1.1); USDT
// probes through libbpf, which decodes their argument specs; `usdt:*:...` finds its files in
// attach_usdt_files.cpp (piece usdt_files), and each site is attached in its own file.
//
// A uprobe's sites go into one uprobe_multi link where the kernel has them (6.6+): releasing a
// uprobe perf event waits for an RCU grace period (~63 ms here), so a 100-function wildcard
// took 6 s to detach one link per function, 6-11 ms as one link (user-space.md 1.4). Older
// kernels get one link per site.
//
// `func` and `probe` of a wildcard name the site that fired: each site has a key, the runtime
// puts its names into BTC_FUNC_MAP under it, and the program finds the key in its BPF cookie
// (5.15+; libbpf's USDT spec carries it for usdt). Without cookies each site but the first gets
// a copy of the program whose .rodata holds its key, as bpftrace compiles one program per match.
#include "attach.h"

#include "cli.h"
#include "text.h"
#include "user/elf_image.h"
#include "user/user_symbols.h"
#include "user/user_targets.h"

#include <algorithm>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace btc::rt {
namespace {

// Debian 12's <linux/bpf.h> is 6.1's: uprobe_multi (6.6) is defined here.
constexpr auto kTraceUprobeMulti = static_cast<bpf_attach_type>(48); // BPF_TRACE_UPROBE_MULTI
constexpr uint32_t kUprobeMultiReturn = 1;                           // BPF_F_UPROBE_MULTI_RETURN

// union bpf_attr's link_create for BPF_TRACE_UPROBE_MULTI.
struct LinkCreateUprobeMulti {
  uint32_t prog_fd;
  uint32_t target_fd;
  uint32_t attach_type;
  uint32_t flags;
  uint64_t path;
  uint64_t offsets;
  uint64_t ref_ctr_offsets;
  uint64_t cookies;
  uint32_t cnt;
  uint32_t multi_flags;
  uint32_t pid; // 0: every process
  uint32_t pad;
};
static_assert(sizeof(LinkCreateUprobeMulti) == 64);

int link_create_uprobe_multi(const LinkCreateUprobeMulti& attr) {
  return static_cast<int>(syscall(__NR_bpf, BPF_LINK_CREATE, &attr, sizeof attr));
}

// A kprobe-type program that calls `helper` (none when 0) and returns 0, loaded with
// `expected`: what a kernel accepts says what it has. Its fd, or -1.
int load_feature_probe(bpf_attach_type expected, int helper) {
  std::vector<bpf_insn> insns;
  if (helper) insns.push_back({BPF_JMP | BPF_CALL, 0, 0, 0, helper});
  insns.push_back({BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0});
  insns.push_back({BPF_JMP | BPF_EXIT, 0, 0, 0, 0});
  LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = expected);
  return bpf_prog_load(BPF_PROG_TYPE_KPROBE, "btc_feature", "GPL", insns.data(), insns.size(),
                       &opts);
}

bool has_uprobe_multi() {
  static const bool has = [] {
    // Before 6.6 the load fails (unknown attach type). Then a link on a directory: EBADF means
    // the kernel got as far as checking the file.
    int prog = load_feature_probe(kTraceUprobeMulti, 0);
    if (prog < 0) return false;
    uint64_t offset = 0;
    LinkCreateUprobeMulti attr{};
    attr.prog_fd = static_cast<uint32_t>(prog);
    attr.attach_type = kTraceUprobeMulti;
    attr.path = reinterpret_cast<uintptr_t>("/");
    attr.offsets = reinterpret_cast<uintptr_t>(&offset);
    attr.cnt = 1;
    int link = link_create_uprobe_multi(attr);
    bool ok = link < 0 && errno == EBADF;
    if (link >= 0) close(link);
    close(prog);
    return ok;
  }();
  return has;
}

// bpf_get_attach_cookie() for kprobe-type programs and BPF links on perf events (5.15+; libbpf
// passes cookies only through such links).
bool has_attach_cookie() {
  static const bool has = [] {
    int prog = load_feature_probe(static_cast<bpf_attach_type>(0), BPF_FUNC_get_attach_cookie);
    if (prog >= 0) close(prog);
    return prog >= 0;
  }();
  return has;
}

// The uprobe PMU's perf event type and the config bit of return probes; false without it.
bool uprobe_pmu(int& type, int& retprobe_bit) {
  std::string t = read_small_file("/sys/bus/event_source/devices/uprobe/type");
  std::string bit = read_small_file("/sys/bus/event_source/devices/uprobe/format/retprobe");
  if (t.empty() || bit.rfind("config:", 0) != 0) return false;
  type = std::atoi(t.c_str());
  retprobe_bit = std::atoi(bit.c_str() + 7);
  return true;
}

} // namespace

std::string runtime_probe_name(const ProbeSpec& p, const std::string& path, const std::string* site,
                               const char* tool, bool& warned) {
  std::string name = p.probe_name_head + path + (site ? ":" + *site : p.probe_name_tail);
  if (name.size() < p.probe_name_len) return name;
  if (!warned)
    warn("%s: warning: %s: the probe name %s is cut to its first %u bytes\n", tool, p.display,
         name.c_str(), p.probe_name_len - 1);
  warned = true;
  return name.substr(0, p.probe_name_len - 1);
}

bool Attachments::prepare_uprobe(const Manifest& m, const ProbeSpec& p, Plan& plan,
                                 bpf_program* prog, uint8_t* rodata, const char* tool,
                                 std::string& error) {
  if (p.kind == ProbeKind::Usdt && (!*p.target || std::strcmp(p.target, "*") == 0))
    return (this->*piece<Piece::UsdtFiles>().prepare)(m, p, plan, rodata, tool, error);
  // watchpoint:FUNCTION+argN's uprobe without a binary: the -p/-c process's program.
  if (!*p.target && target_program_.empty()) {
    error = std::string(p.display) + " needs -p PID or -c CMD (the process whose function " +
            p.symbol + " it watches), or the program in the probe: " +
            std::string(p.display).insert(std::string(p.display).find(':') + 1, "PROGRAM:");
    return false;
  }
  ResolvedBinary bin = resolve_binary(*p.target ? p.target : target_program_, target_pid_);
  if (bin.path.empty()) return missing(m, p, plan, bin.error + bin.hint, tool, error);
  std::string why;
  std::unique_ptr<ElfImage>& image = elf_images_[bin.path];
  if (!image) image = ElfImage::open(bin.path, why);
  if (!image) return missing(m, p, plan, why, tool, error);
  plan.path = bin.path;

  if (p.kind == ProbeKind::Usdt) {
    std::string_view spec = p.symbol;
    size_t colon = spec.find(':');
    for (const auto& [provider, name] :
         match_usdt(*image, spec.substr(0, colon), spec.substr(colon + 1)))
      plan.sites.emplace_back(0, provider + ":" + name);
    if (plan.sites.empty())
      return missing(m, p, plan,
                     "no USDT probe " + std::string(spec.substr(colon == 0 ? 1 : 0)) + " in " +
                         bin.path,
                     tool, error);
    name_usdt_sites(p, plan, tool);
    write_probe_name(p, plan, rodata, tool);
    return place_file(p, *image, usdt_site_pcs(*image, plan), rodata, error);
  }

  // `args` were placed and typed from the debug info of the build host's file: another build
  // of it may pass them elsewhere, and a wrong value must never pass for a right one.
  if (*p.build_id && image->build_id() != p.build_id) {
    error = std::string(p.display) + ": args were read from the debug info of a build of " +
            bin.path + " with build-id " + p.build_id + ", but this one has " +
            (image->build_id().empty() ? "none" : "build-id " + image->build_id()) +
            "; compile the script against this file";
    return false;
  }
  std::vector<UprobeSite> sites;
  const ElfImage* file = image.get();
  SiteProblem problem = uprobe_sites(*file, p.symbol, p.cpp, p.offset, p.address, sites, why);
  if (problem == SiteProblem::NotFound) {
    if (std::string other = needed_library_with(p.target, *file, p.symbol, p.cpp); !other.empty()) {
      std::unique_ptr<ElfImage>& provider = elf_images_[other];
      if (!provider) provider = ElfImage::open(other, why);
      if (provider) {
        file = provider.get();
        plan.path = other;
        problem = uprobe_sites(*file, p.symbol, p.cpp, p.offset, p.address, sites, why);
      }
    }
  }
  if (problem != SiteProblem::None) return missing(m, p, plan, why, tool, error);
  for (UprobeSite& site : sites)
    plan.sites.emplace_back(site.file_offset, std::move(site.function));
  // The attach type is fixed at load: decide now.
  plan.multi = !no_uprobe_multi_ && has_uprobe_multi();
  if (plan.multi) bpf_program__set_expected_attach_type(prog, kTraceUprobeMulti);
  write_probe_name(p, plan, rodata, tool);
  if (p.func_names) {
    plan.first_key = next_user_key_;
    bool warned = false;
    for (const auto& [unused, symbol] : plan.sites) {
      // `func` prints the C++ name, as bpftrace's symbolizer does; `probe` the symbol.
      std::string cpp = cpp_demangle() ? demangle(symbol) : std::string();
      func_names_.emplace_back(next_user_key_, cpp.empty() ? symbol : cpp);
      func_names_.emplace_back(
          next_user_key_++ + kProbeNameKey,
          p.probe_name_len ? runtime_probe_name(p, plan.path, &symbol, tool, warned) : symbol);
    }
    plan.copies = !plan.multi && !has_attach_cookie();
    if (plan.copies && p.func_ip_offset >= 0)
      std::memcpy(rodata + p.func_ip_offset, &plan.first_key, sizeof plan.first_key);
  }
  std::vector<uint64_t> vaddrs;
  for (const auto& [offset, unused] : plan.sites)
    if (std::optional<uint64_t> v = file->vaddr_of(offset)) vaddrs.push_back(*v);
  return place_file(p, *file, vaddrs, rodata, error);
}

void Attachments::name_usdt_sites(const ProbeSpec& p, Plan& plan, const char* tool) {
  if (!p.func_names) return;
  plan.first_key = next_user_key_;
  bool warned = false;
  for (size_t i = 0; i < plan.sites.size(); ++i) {
    const std::string& probe = plan.sites[i].second;
    const std::string& path = plan.site_paths.empty() ? plan.path : plan.site_paths[i];
    func_names_.emplace_back(next_user_key_++ + kProbeNameKey,
                             p.probe_name_len ? runtime_probe_name(p, path, &probe, tool, warned)
                                              : probe);
  }
}

std::vector<uint64_t> Attachments::usdt_site_pcs(const ElfImage& image, const Plan& plan) {
  std::vector<uint64_t> pcs;
  for (const UsdtNote& note : image.usdt())
    for (const auto& [unused, probe] : plan.sites)
      if (probe == note.provider + ":" + note.name) pcs.push_back(note.pc);
  return pcs;
}

void Attachments::write_probe_name(const ProbeSpec& p, const Plan& plan, uint8_t* rodata,
                                   const char* tool) {
  if (!p.probe_name_len || p.probe_name_offset < 0) return;
  bool warned = false;
  std::string name = runtime_probe_name(p, plan.path, nullptr, tool, warned);
  std::memcpy(rodata + p.probe_name_offset, name.c_str(), name.size() + 1);
}

bool Attachments::place_file(const ProbeSpec& p, const ElfImage& image, std::vector<uint64_t> sites,
                             uint8_t* rodata, std::string& error) {
  if (p.uload_offset < 0) return true;
  std::sort(sites.begin(), sites.end());
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  // bpf_get_func_ip() tells a uretprobe its function from 6.6, as uprobe_multi links came.
  bool site_fired_known = p.kind != ProbeKind::Uretprobe || has_uprobe_multi();
  uint64_t load[3] = {0, 0, 1};
  if (image.fixed_address()) {
    // Link-time addresses are the process's.
  } else if (sites.size() == 1 && site_fired_known) {
    load[0] = sites[0];
  } else if (target_pid_ <= 0 || !load_bias(target_pid_, image.path(), image, load[1])) {
    if (p.uaddr) {
      error =
          std::string(p.display) + ": uaddr() needs where " + image.path() +
          " is loaded, which is position-independent: " +
          (site_fired_known ? "the probe fires at " + std::to_string(sites.size()) + " places"
                            : std::string("a uretprobe cannot tell before Linux 6.6")) +
          (target_pid_ > 0 ? ", and process " + std::to_string(target_pid_) + " has not mapped it"
                           : "; give the process with -p PID");
      return false;
    }
    load[2] = 0; // ustack/usym read the mappings of the process only
  }
  std::memcpy(rodata + p.uload_offset, load, sizeof load);
  return true;
}

bool Attachments::attach_uprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                const char* tool, int pid, std::string& error) {
  if (verbose_)
    std::fprintf(stderr, "%s: %s: %zu function%s, %s\n", tool, p.display, plan.sites.size(),
                 plan.sites.size() == 1 ? "" : "s",
                 plan.multi    ? "one uprobe_multi link"
                 : plan.copies ? "one link and one copy of the program per function"
                               : "one link per function");
  if (plan.multi) return attach_uprobe_multi(p, plan, prog, pid, error);
  for (size_t i = 0; i < plan.sites.size(); ++i) {
    if (stop_requested()) return true;
    const auto& [offset, name] = plan.sites[i];
    if (plan.copies && i > 0) {
      if (!attach_uprobe_copy(p, plan, prog, i, pid, error)) return false;
      continue;
    }
    LIBBPF_OPTS(bpf_uprobe_opts, uo,
                .bpf_cookie = plan.first_key && !plan.copies ? plan.first_key + i : 0,
                .retprobe = p.kind == ProbeKind::Uretprobe);
    bpf_link* link = bpf_program__attach_uprobe_opts(prog, pid, plan.path.c_str(),
                                                     static_cast<size_t>(offset), &uo);
    if (!link) {
      error = std::string("cannot attach ") + p.display + " (" + name + " in " + plan.path +
              "): " + std::strerror(errno);
      return false;
    }
    links_.push_back(link);
  }
  return true;
}

bool Attachments::attach_uprobe_multi(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                      int pid, std::string& error) {
  std::vector<uint64_t> offsets, cookies;
  for (size_t i = 0; i < plan.sites.size(); ++i) {
    offsets.push_back(plan.sites[i].first);
    cookies.push_back(plan.first_key ? plan.first_key + i : 0);
  }
  LinkCreateUprobeMulti attr{};
  attr.prog_fd = static_cast<uint32_t>(bpf_program__fd(prog));
  attr.attach_type = kTraceUprobeMulti;
  attr.path = reinterpret_cast<uintptr_t>(plan.path.c_str());
  attr.offsets = reinterpret_cast<uintptr_t>(offsets.data());
  attr.cookies = reinterpret_cast<uintptr_t>(cookies.data());
  attr.cnt = static_cast<uint32_t>(offsets.size());
  attr.multi_flags = p.kind == ProbeKind::Uretprobe ? kUprobeMultiReturn : 0;
  attr.pid = pid > 0 ? static_cast<uint32_t>(pid) : 0;
  int link = link_create_uprobe_multi(attr);
  if (link < 0) {
    std::string what = plan.sites.size() == 1 ? plan.sites[0].second
                                              : std::to_string(plan.sites.size()) + " functions";
    error = std::string("cannot attach ") + p.display + " (" + what + " in " + plan.path +
            "): " + std::strerror(errno);
    return false;
  }
  fds_.push_back(link);
  return true;
}

bool Attachments::attach_uprobe_copy(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                                     size_t i, int pid, std::string& error) {
  const auto& [offset, name] = plan.sites[i];
  uint64_t key = plan.first_key + i;
  int type = 0, retprobe_bit = 0;
  int event = -1, prog_fd = -1;
  if (uprobe_pmu(type, retprobe_bit)) {
    LIBBPF_OPTS(bpf_prog_load_opts, po);
    prog_fd = load_copy(
        prog, [&](uint8_t* rodata) { std::memcpy(rodata + p.func_ip_offset, &key, sizeof key); },
        po);
  } else {
    errno = ENOENT;
  }
  if (prog_fd >= 0) {
    // What libbpf does for a uprobe through the PMU, with a program it did not load.
    perf_event_attr attr{};
    attr.size = sizeof attr;
    attr.type = static_cast<uint32_t>(type);
    attr.config = p.kind == ProbeKind::Uretprobe ? 1ull << retprobe_bit : 0;
    attr.config1 = reinterpret_cast<uintptr_t>(plan.path.c_str());
    attr.config2 = offset;
    event = static_cast<int>(syscall(__NR_perf_event_open, &attr, pid < 0 ? -1 : pid,
                                     pid < 0 ? 0 : -1, -1, PERF_FLAG_FD_CLOEXEC));
  }
  if (event < 0 || ioctl(event, PERF_EVENT_IOC_SET_BPF, prog_fd) != 0 ||
      ioctl(event, PERF_EVENT_IOC_ENABLE, 0) != 0) {
    int err = errno;
    if (event >= 0) close(event);
    if (prog_fd >= 0) close(prog_fd);
    error = std::string("cannot attach ") + p.display + " (" + name + " in " + plan.path +
            "): " + std::strerror(err);
    return false;
  }
  fds_.push_back(event);
  fds_.push_back(prog_fd);
  return true;
}

bool Attachments::attach_usdt(const ProbeSpec& p, const Plan& plan, bpf_program* prog, int pid,
                              std::string& error) {
  for (size_t i = 0; i < plan.sites.size(); ++i) {
    if (stop_requested()) return true;
    const std::string& probe = plan.sites[i].second;
    size_t colon = probe.find(':');
    std::string provider = probe.substr(0, colon), name = probe.substr(colon + 1);
    // libbpf decodes each site's argument specs into the object's USDT maps, with the cookie,
    // and the kernel sets the probe's semaphore while it is attached.
    LIBBPF_OPTS(bpf_usdt_opts, uo, .usdt_cookie = plan.first_key ? plan.first_key + i : 0);
    const std::string& path = plan.site_paths.empty() ? plan.path : plan.site_paths[i];
    bpf_link* link =
        bpf_program__attach_usdt(prog, pid, path.c_str(), provider.c_str(), name.c_str(), &uo);
    if (!link) {
      error = std::string("cannot attach ") + p.display + " (" + probe + " in " + path +
              "): " + std::strerror(errno);
      return false;
    }
    links_.push_back(link);
  }
  return true;
}

void install_user_probes() {
  static const PieceApi<Piece::UserProbes> api = {.prepare = &Attachments::prepare_uprobe,
                                                  .attach_uprobe = &Attachments::attach_uprobe,
                                                  .attach_usdt = &Attachments::attach_usdt,
                                                  .symbol_address = user_symbol_address};
  install_piece(api);
}

} // namespace btc::rt
