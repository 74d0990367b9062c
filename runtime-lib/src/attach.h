// Attaching the programs of a tool to their probes.
#pragma once

#include "btc/manifest.h"
#include "pieces.h"
#include "user/elf_image.h"

#include <csignal>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

struct bpf_link;
struct bpf_map;
struct bpf_program;
struct bpf_prog_load_opts;

namespace btc::rt {

class KernelFuncs;

// A kfunc's function on this kernel and what its copy of the program finds in .rodata.
struct KfuncTarget {
  std::string name;
  int btf_id = -1;
  int btf_obj_fd = 0;         // the module's BTF object, 0 for vmlinux
  std::vector<uint32_t> args; // positions of the arguments read by name (ProbeSpec::args)
  uint32_t nargs = 0;         // argument count (kretfunc's retval follows them)
};

class Attachments {
public:
  Attachments() = default;
  Attachments(const Attachments&) = delete;
  Attachments& operator=(const Attachments&) = delete;
  ~Attachments();

  // Before load: resolves kernel functions and iterators on this kernel, decides each kprobe's
  // attach type (one multi-kprobe link or one link per function), sets each kfunc's target and
  // writes its argument positions into `rodata`. Missing functions fail (returns false, message
  // in `error`) or, as set_missing_probes() says, are skipped with or without a warning.
  bool prepare(const Manifest& m, bpf_object* obj, uint8_t* rodata, const char* tool,
               std::string& error);
  // -v: say how each kprobe wildcard is attached.
  void set_verbose(bool verbose) { verbose_ = verbose; }
  // A stop signal's flag: once it is set, attach_all() attaches nothing more (a wildcard of
  // hundreds of functions stops between two of them) and returns true with what is attached,
  // which the stop detaches; each link not made is one less to detach (~70 ms or more each).
  void set_stop_flag(const volatile sig_atomic_t* flag) { stop_flag_ = flag; }
  bool stop_requested() const { return stop_flag_ && *stop_flag_; }
  // -p/-c: uprobes and USDT probes attach to this process alone, and library names resolve
  // through its mappings first. Before prepare().
  void set_target_pid(int pid) { target_pid_ = pid; }
  // --no-feature: wildcards attach with one link per function even where the kernel has
  // multi-kprobe or uprobe_multi links. Before prepare().
  void disable_multi_links(bool kprobes, bool uprobes) {
    no_kprobe_multi_ = kprobes;
    no_uprobe_multi_ = uprobes;
  }
  // -c/-p: the program the process runs (-c: the command's file, found before its exec), the
  // binary of a watchpoint:FUNCTION+argN's uprobe. Before prepare().
  void set_target_program(std::string path) { target_program_ = std::move(path); }
  // -c: the process is held before its exec, so it maps the files of its program only once it
  // runs (usdt:*:... attaches to those it will map). Before prepare().
  void set_target_before_exec(bool held) { target_before_exec_ = held; }
  // A watchpoint:FUNCTION+argN's function ran (a WatchAttach event): watches `address` in
  // process `pid` for manifest probe `probe`, unless that probe watches it already. False with
  // a message in `error` and errno set (ENOSPC: no debug register is free, ESRCH: the process
  // is gone).
  bool watch(const Manifest& m, uint64_t probe, uint64_t address, int pid, std::string& error);
  // unwatch(addr): removes every watchpoint on `address`; nothing when there is none.
  void unwatch(uint64_t address);
  // config missing_probes, as the tool runs it.
  void set_missing_probes(MissingProbes mode) { missing_probes_ = mode; }
  // The probes that will be attached, counting each function a wildcard matched.
  size_t planned() const { return planned_; }
  // Attaches every probe except BEGIN/END. Missing tracepoints (and, as set_missing_probes()
  // says, kprobes) are skipped with a warning; it fails (returns false, message in `error`)
  // when any other probe fails.
  bool attach_all(const Manifest& m, bpf_object* obj, const char* tool, std::string& error);
  // After prepare() or attach_all(): whether every probe that attaches something (all but
  // BEGIN, END, self:signal, bench and test) was skipped as missing, and if so the one line
  // saying it in `error`. With no BEGIN, END or self:signal probe either, the tool has nothing
  // to run: an error, status 1, as bpftrace's "Attachment failed for all probes".
  bool all_missing(const Manifest& m, std::string& error) const;
  // Whether manifest probe `probe` was skipped as missing.
  bool skipped(size_t probe) const { return probe < plans_.size() && plans_[probe].skip; }
  void detach();
  size_t count() const { return links_.size(); }
  // The file user-space probe `probe` (an index into the manifest's probes) is attached to;
  // empty for other probes.
  std::string user_file(size_t probe) const {
    return probe < plans_.size() ? plans_[probe].path : std::string();
  }
  // The iterators to read after BEGIN: the probe and the fd of its stream.
  const std::vector<std::pair<const ProbeSpec*, int>>& iterators() const { return iters_; }
  // The files iterators were pinned at (iter:NAME:PIN), in attach order.
  const std::vector<std::string>& pinned() const { return pinned_; }

private:
  // The UserProbes piece (attach_user.cpp) reaches its functions below through its hooks.
  template <Piece> friend struct PieceApi;
  friend void install_user_probes();
  friend void install_usdt_files();
  friend void install_hardware_events();

  struct Plan {
    // kprobe: the functions to attach to; tracepoint with a wildcard from the tool's arguments:
    // its "category:event" matches
    std::vector<std::string> functions;
    bool multi = false; // one multi-kprobe (uprobe: uprobe_multi) link for all of them
    bool skip = false;  // missing here, skipped with a warning
    // uprobe: the file and, per matched function, its file offset and name; usdt: the file and
    // each matched probe's "provider:name"
    std::string path;
    std::vector<std::pair<uint64_t, std::string>> sites;
    // usdt whose binary is every file of a process (usdt:*:...): the file of each site, whose
    // `path` is empty unless they are all in one file.
    std::vector<std::string> site_paths;
    // uprobe/usdt whose program reads `func` or `probe`: the BTC_FUNC_MAP key of the first
    // site's name (the other sites' keys follow it); 0 when the program reads neither.
    uint64_t first_key = 0;
    // kfunc: the first is the program libbpf loads; each other one gets a copy of it.
    std::vector<KfuncTarget> kfuncs;
    // kretprobe reading its function's name without bpf_get_func_ip(): every function but the
    // first gets a copy of the program with the function's address (`addresses`) in .rodata;
    // uprobe reading `func`/`probe` without BPF cookies: every site but the first gets a copy
    // with its key.
    bool copies = false;
    std::vector<uint64_t> addresses;
    int pmu_type = 0, pmu_retprobe_bit = 0; // the kprobe PMU the copies are attached through
  };

  bool attach_one(const ProbeSpec& p, const Plan& plan, bpf_program* prog, const char* tool,
                  std::string& error);
  bool attach_perf(const ProbeSpec& p, bpf_program* prog, std::string& error);
  bool pin_iter(const ProbeSpec& p, bpf_link* link, std::string& error);
  // A syscall tracepoint served by a raw_syscalls program (ProbeSpec::syscall_nr): the program
  // is attached once, and each of its tracepoints that exists here gets its slot in the
  // program's map. ENOENT when this kernel lacks the event.
  bool attach_syscall(const ProbeSpec& p, bpf_program* prog, std::string& error);
  // hardware and watchpoint probes (attach_perf.cpp). A watchpoint watches `address` in process
  // `pid`, or system-wide (every CPU) when pid is -1.
  bool attach_hardware(const ProbeSpec& p, bpf_program* prog, std::string& error);
  bool attach_watchpoint(const ProbeSpec& p, bpf_program* prog, int pid, uint64_t address,
                         std::string& error);
  // Attaches `prog` to perf event `fd` (closed on failure).
  bool attach_perf_fd(const ProbeSpec& p, bpf_program* prog, int fd, std::string& error);
  bool attach_kprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog, const char* tool,
                     std::string& error);
  // uprobe/uretprobe/usdt (attach_user.cpp): the file and the functions of this host, the
  // attach type (one uprobe_multi link where the kernel has them: fixed at load) and the names
  // `func`/`probe` read, put into BTC_FUNC_MAP under keys the program finds in its BPF cookie
  // (or, without cookies, in the .rodata of its copy).
  bool prepare_uprobe(const Manifest& m, const ProbeSpec& p, Plan& plan, bpf_program* prog,
                      uint8_t* rodata, const char* tool, std::string& error);
  // usdt:*:... and usdt::... (no binary; attach_usdt_files.cpp): the USDT probes of every file
  // the -p process maps, the -c command maps when it starts, or (usdt:* without either) any
  // running process maps.
  bool prepare_usdt_files(const Manifest& m, const ProbeSpec& p, Plan& plan, uint8_t* rodata,
                          const char* tool, std::string& error);
  // A usdt probe's matched sites (`plan.sites`, in `plan.site_paths` or `plan.path`): their
  // names for `probe` and `func`, when the program reads them (rt::ProbeSpec::func_names).
  void name_usdt_sites(const ProbeSpec& p, Plan& plan, const char* tool);
  // The link-time addresses in `image` of the sites `plan` matched: where uaddr()'s file is
  // placed from (place_file()).
  static std::vector<uint64_t> usdt_site_pcs(const ElfImage& image, const Plan& plan);
  // `probe` of a probe (not a wildcard) whose file was found here: written into its .rodata
  // (rt::ProbeSpec::probe_name_offset).
  void write_probe_name(const ProbeSpec& p, const Plan& plan, uint8_t* rodata, const char* tool);
  // uaddr() in a user probe on a position-independent file: tells the program where the file
  // is loaded (rt::ProbeSpec::uload_offset) from `sites`, the link-time addresses where the
  // probe fires, or from the -p process's mappings.
  bool place_file(const ProbeSpec& p, const ElfImage& image, std::vector<uint64_t> sites,
                  uint8_t* rodata, std::string& error);
  // `pid` -1: every process running the file.
  bool attach_uprobe(const ProbeSpec& p, const Plan& plan, bpf_program* prog, const char* tool,
                     int pid, std::string& error);
  bool attach_uprobe_multi(const ProbeSpec& p, const Plan& plan, bpf_program* prog, int pid,
                           std::string& error);
  // Site `i` of a uprobe through a copy of the loaded program holding the site's key.
  bool attach_uprobe_copy(const ProbeSpec& p, const Plan& plan, bpf_program* prog, size_t i,
                          int pid, std::string& error);
  bool attach_usdt(const ProbeSpec& p, const Plan& plan, bpf_program* prog, int pid,
                   std::string& error);
  // A wildcard kfunc's other functions: copies of the loaded program, each with its own
  // .rodata (argument positions, function name) and attached to its function.
  bool attach_kfunc_copies(const ProbeSpec& p, const Plan& plan, bpf_program* prog,
                           const char* tool, std::string& error);
  // A copy of the loaded `prog` whose .rodata is a frozen copy of the object's, changed by
  // `patch`: its fd, or -1 with errno set.
  int load_copy(bpf_program* prog, const std::function<void(uint8_t*)>& patch,
                const bpf_prog_load_opts& opts);
  // A copy of a kretprobe's program for `function` (its address in .rodata), attached through
  // the kprobe PMU; false with errno set.
  bool attach_kprobe_copy(const ProbeSpec& p, const Plan& plan, bpf_program* prog, size_t i);
  // Resolves a kfunc's functions on this kernel into `plan`, and writes the first one's values
  // into `rodata`.
  bool prepare_kfunc(const Manifest& m, const ProbeSpec& p, Plan& plan, bpf_program* prog,
                     KernelFuncs& kernel, uint8_t* rodata, const char* tool, std::string& error);
  // A raw tracepoint reading arguments by name: their positions on this kernel, from its
  // __bpf_trace_<class> (ProbeSpec::symbol), into `rodata`; a kernel without that BTF keeps the
  // build host's, with a warning.
  bool prepare_raw_tracepoint(const ProbeSpec& p, KernelFuncs& kernel, uint8_t* rodata,
                              const char* tool, std::string& error);
  // A kernel function or iterator missing here: an error, or a warning and the probe skipped.
  bool missing(const Manifest& m, const ProbeSpec& p, Plan& plan, const std::string& why,
               const char* tool, std::string& error);

  std::vector<bpf_link*> links_;
  // Watchpoints, which unwatch() removes by address: their probe, address and link (one per CPU
  // for a system-wide one).
  struct Watch {
    const ProbeSpec* probe;
    uint64_t address;
    bpf_link* link;
  };
  std::vector<Watch> watches_;
  std::string target_program_;
  bpf_object* obj_ = nullptr;               // from attach_all() on
  std::set<bpf_program*> syscall_programs_; // raw_syscalls programs already attached
  // The files user-space probes go in, each read once however many probes name it (sslsnoop.bt
  // has eleven on libcrypto); released after prepare().
  std::map<std::string, std::unique_ptr<ElfImage>> elf_images_;
  // usdt:*:...: the files looked through (read once for all such probes), and their USDT notes
  // (ElfImage::open_notes); released after prepare().
  std::optional<std::vector<std::string>> usdt_files_;
  std::map<std::string, std::unique_ptr<ElfImage>> note_images_;
  std::vector<int> fds_; // kfunc copies: their links and programs, closed in that order
  // Modules' BTF objects by name, which kfunc copies on their functions are loaded against after
  // prepare() (whose KernelFuncs closes its own descriptors); closed with the Attachments.
  std::map<std::string, int> module_btf_fds_;
  bpf_map* rodata_ = nullptr; // the object's .rodata, which kfunc copies replace with theirs
  std::vector<Plan> plans_;   // per manifest probe, from prepare()
  std::vector<std::pair<const ProbeSpec*, int>> iters_;
  std::vector<std::string> pinned_;
  std::vector<std::pair<uint64_t, std::string>> func_names_; // for BTC_FUNC_MAP
  uint64_t next_user_key_ = 1; // the next uprobe/usdt site's key in BTC_FUNC_MAP
  size_t planned_ = 0;
  bool verbose_ = false;
  const volatile sig_atomic_t* stop_flag_ = nullptr;
  int target_pid_ = 0; // 0: every process
  bool target_before_exec_ = false;
  bool no_kprobe_multi_ = false;
  bool no_uprobe_multi_ = false;
  MissingProbes missing_probes_ = MissingProbes::Error;
};

// uprobe, uretprobe and usdt probes (attach_user.cpp): found on this host before load and
// attached; uaddr()'s symbols.
template <> struct PieceApi<Piece::UserProbes> {
  bool (Attachments::*prepare)(const Manifest& m, const ProbeSpec& p, Attachments::Plan& plan,
                               bpf_program* prog, uint8_t* rodata, const char* tool,
                               std::string& error);
  bool (Attachments::*attach_uprobe)(const ProbeSpec& p, const Attachments::Plan& plan,
                                     bpf_program* prog, const char* tool, int pid,
                                     std::string& error);
  bool (Attachments::*attach_usdt)(const ProbeSpec& p, const Attachments::Plan& plan,
                                   bpf_program* prog, int pid, std::string& error);
  bool (*symbol_address)(const std::string& binary, const std::string& name, uint64_t& value,
                         std::string& error);
};

// usdt probes whose binary is every file of a process (attach_usdt_files.cpp).
template <> struct PieceApi<Piece::UsdtFiles> {
  bool (Attachments::*prepare)(const Manifest& m, const ProbeSpec& p, Attachments::Plan& plan,
                               uint8_t* rodata, const char* tool, std::string& error);
};

// `probe` of a user probe whose file was found here (ProbeSpec::probe_name_len): its type, the
// file, then the rest of its name, or ':' and `site`. What does not fit is cut, with a warning
// (`warned`: once per probe). attach_user.cpp.
std::string runtime_probe_name(const ProbeSpec& p, const std::string& path, const std::string* site,
                               const char* tool, bool& warned);

// hardware and watchpoint probes (attach_perf.cpp), and the watchpoints of FUNCTION+argN and
// unwatch().
template <> struct PieceApi<Piece::HardwareEvents> {
  bool (Attachments::*attach_hardware)(const ProbeSpec& p, bpf_program* prog, std::string& error);
  bool (Attachments::*attach_watchpoint)(const ProbeSpec& p, bpf_program* prog, int pid,
                                         uint64_t address, std::string& error);
  bool (Attachments::*watch)(const Manifest& m, uint64_t probe, uint64_t address, int pid,
                             std::string& error);
  void (Attachments::*unwatch)(uint64_t address);
};

// The CPUs online now (/sys/devices/system/cpu/online).
std::vector<int> online_cpus();

// Mounts tracefs at /sys/kernel/tracing when no tracefs is there; false with a message when
// that fails.
bool ensure_tracefs(std::string& error);

} // namespace btc::rt
