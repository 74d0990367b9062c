// The life of a produced tool: command line, checks, load, attach, BEGIN, the event loop, and
// on any stop (signal, exit(), a BEGIN/END-only script, the end of the -p/-c process) detach,
// END, the maps, and exit 0.
#include "attach.h"
#include "bench_run.h"
#include "btc/manifest.h"
#include "btc/output.h"
#include "btc/printf_format.h"
#include "child.h"
#include "cli.h"
#include "events.h"
#include "json_sink.h"
#include "kernel_btf.h"
#include "kernel_symbols.h"
#include "map_order.h"
#include "maps.h"
#include "pieces.h"
#include "settings.h"
#include "system_action.h"
#include "text.h"
#include "text_format.h"
#include "text_sink.h"
#include "user/user_symbols.h"
#include "values.h"
#include "verifier.h"

#include <algorithm>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <poll.h>
#include <set>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace btc::rt {

namespace {

volatile sig_atomic_t g_stop = 0;
// Set when the tool begins to stop for any reason (a signal, exit(), the end of the -c or -p
// process, a failed output): a stop signal from then on is a second one.
volatile sig_atomic_t g_stopping = 0;
// self:signal:SIGUSR1 probes: the signals received and not yet run for.
volatile sig_atomic_t g_usr1 = 0;
std::string g_libbpf_log;
bool g_verbose = false;
// What a second stop signal prints before the tool dies of it (set up before the handlers: a
// handler may only write() a ready buffer).
char g_second_signal_note[256];
size_t g_second_signal_note_size = 0;

// SIGINT, SIGTERM, SIGHUP: the first stops the tool (detach, END, maps); one while it stops
// (END or a big map still printing, a reader that does not read, hundreds of probes still
// detaching), whether a signal, exit() or the end of the traced process began the stop, ends it
// at once, by the signal, without the rest of the output. The kernel drops the tool's programs,
// links and maps with its file descriptors (nothing is pinned).
void on_stop_signal(int sig) {
  if (g_stop || g_stopping) {
    ssize_t unused = write(STDERR_FILENO, g_second_signal_note, g_second_signal_note_size);
    (void)unused;
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  g_stop = 1;
}

// nsecs(sw_tai): TAI's offset from the boot-time clock BPF reads, taken between two boot-time
// readings so that the TAI reading is compared with the moment it was made.
uint64_t tai_offset_ns() {
  auto ns = [](clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<uint64_t>(t.tv_sec) * 1000000000ull + static_cast<uint64_t>(t.tv_nsec);
  };
  uint64_t before = ns(CLOCK_BOOTTIME);
  uint64_t tai = ns(CLOCK_TAI);
  uint64_t after = ns(CLOCK_BOOTTIME);
  return tai - (before + (after - before) / 2);
}

// A reader that went away (`tool | head -1`): write() fails with EPIPE, which the sink reports
// and the tool stops on. A handler rather than SIG_IGN, which -c's command and system()'s shell
// would inherit through exec.
void on_broken_pipe(int) {}

// self:signal:SIGUSR1: noted here, run by the event loop (poll() returns on the signal).
void on_usr1(int) {
  g_usr1 = g_usr1 + 1;
}

void install_handler(int sig, void (*handler)(int)) {
  struct sigaction sa {};
  // A signal while the output blocks (a full pipe) must not fail that write with EINTR.
  sa.sa_flags = SA_RESTART;
  sa.sa_handler = handler;
  sigaction(sig, &sa, nullptr);
}

// Until they are installed (after load), a stop signal ends the tool at once: nothing is
// attached yet.
void install_stop_handlers(const std::string& name) {
  std::snprintf(g_second_signal_note, sizeof g_second_signal_note,
                "%s: stopping at once, without the rest of the output\n", name.c_str());
  g_second_signal_note_size = std::strlen(g_second_signal_note);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) install_handler(sig, on_stop_signal);
}

// A closed standard descriptor would be taken by the next open() (the -o file, a BPF map), and
// what the tool writes to it would land there: each closed one is held open on /dev/null.
// Returns whether stdout was closed.
bool hold_standard_fds() {
  bool stdout_closed = false;
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    if (fd == STDOUT_FILENO) stdout_closed = true;
    // The lowest free descriptor: `fd` itself, as the ones below it are open.
    int held = open("/dev/null", O_RDWR);
    if (held >= 0 && held != fd) close(held);
  }
  return stdout_closed;
}

int capture_libbpf_log(libbpf_print_level, const char* fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return 0;
  std::string message(n + 1, '\0');
  std::vsnprintf(message.data(), message.size(), fmt, ap);
  message.pop_back();
  g_libbpf_log += message;
  if (g_verbose) std::fputs(message.c_str(), stderr);
  return 0;
}

// Effective capabilities from /proc/self/status: CAP_SYS_ADMIN (21) or CAP_BPF (39).
// Each probe a wildcard matched holds a link or two open (and a copy of its program in some
// attach modes): a wildcard of a thousand functions attached one link each needs more
// descriptors than the usual soft limit of 1024. As current bpftrace, the soft limit is raised
// when the estimate exceeds it (up to the hard limit); system()'s commands get it back.
void raise_open_files_limit(size_t links) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  const rlim_t need = 3 * static_cast<rlim_t>(links) + 256;
  if (lim.rlim_cur == RLIM_INFINITY || lim.rlim_cur >= need) return;
  const rlim_t soft = lim.rlim_cur;
  lim.rlim_cur = lim.rlim_max == RLIM_INFINITY ? need : std::min(need, lim.rlim_max);
  if (lim.rlim_cur > soft && setrlimit(RLIMIT_NOFILE, &lim) == 0)
    set_command_open_files_limit(soft);
}

bool may_load_bpf() {
  for (const std::string& line : split_lines(read_small_file("/proc/self/status"))) {
    if (line.rfind("CapEff:", 0) != 0) continue;
    uint64_t caps = std::strtoull(line.c_str() + 7, nullptr, 16);
    return caps & ((1ull << 21) | (1ull << 39));
  }
  return geteuid() == 0;
}

bool is_kernel_function_or_iter(ProbeKind k) {
  return k == ProbeKind::Kprobe || k == ProbeKind::Kretprobe || k == ProbeKind::Fentry ||
         k == ProbeKind::Fexit || k == ProbeKind::Iter;
}

uint64_t monotonic_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + ts.tv_nsec;
}

// The stop flag in the loaded object's .bss, as the tool's mapping of it: the kernel's memory,
// once the skeleton's load has mapped the map there. Its offset is the variable's in the BTF of
// the section.
volatile uint32_t* find_stop_flag(bpf_object* obj) {
  const btf* types = bpf_object__btf(obj);
  int sec = types ? btf__find_by_name_kind(types, ".bss", BTF_KIND_DATASEC) : -1;
  if (sec < 0) return nullptr;
  const btf_type* t = btf__type_by_id(types, sec);
  const btf_var_secinfo* var = btf_var_secinfos(t);
  for (uint16_t i = 0; i < btf_vlen(t); ++i, ++var) {
    const char* name = btf__name_by_offset(types, btf__type_by_id(types, var->type)->name_off);
    if (!name || std::strcmp(name, kStopFlag) != 0) continue;
    bpf_map* map = nullptr;
    bpf_object__for_each_map(map, obj) {
      const char* map_name = bpf_map__name(map);
      size_t n = std::strlen(map_name);
      if (!bpf_map__is_internal(map) || n < 4 || std::strcmp(map_name + n - 4, ".bss") != 0)
        continue;
      size_t size = 0;
      auto* data = static_cast<uint8_t*>(const_cast<void*>(bpf_map__initial_value(map, &size)));
      // Without BPF_F_MMAPABLE the image is libbpf's copy, not the kernel's.
      if (!data || !(bpf_map__map_flags(map) & BPF_F_MMAPABLE) ||
          var->offset + sizeof(uint32_t) > size)
        return nullptr;
      return reinterpret_cast<volatile uint32_t*>(data + var->offset);
    }
  }
  return nullptr;
}

class Tool {
public:
  Tool(const Manifest& m, ToolOptions opts) : m_(m), opts_(std::move(opts)), records_(m) {}
  ~Tool();
  int run(const SkeletonSource& source);

private:
  int fail(const std::string& message);
  bool open_object(const SkeletonSource& source);
  // Whether --bench or --test: only BEGIN, END and the bench or test probes run.
  bool script_mode() const { return opts_.bench || opts_.test; }
  // The probes that attach nothing and run: BEGIN, END and self:signal, or with --bench (--test)
  // BEGIN, END and the bench (test) probes.
  // Every probe that attaches something was skipped as missing (missing_probes = warn or
  // ignore, a tracepoint gone) and no BEGIN, END or self:signal probe runs: the one error line
  // in `error`. With one of those the tool runs them, as bpftrace does.
  bool nothing_to_run(std::string& error) const {
    return !script_mode() && special_probes() == 0 && links_.all_missing(m_, error);
  }
  uint32_t special_probes() const {
    uint32_t n = 0;
    for (uint32_t i = 0; i < m_.num_probes; ++i) {
      ProbeKind k = m_.probes[i].kind;
      if (k == ProbeKind::Begin || k == ProbeKind::End)
        ++n;
      else if (k == ProbeKind::Signal)
        n += !script_mode();
      else if (k == ProbeKind::Bench)
        n += opts_.bench;
      else if (k == ProbeKind::Test)
        n += opts_.test;
    }
    return n;
  }
  bool param_number(uint32_t index, int64_t& value);
  bool check_params();
  bool set_parameters();
  bool resolve_start_values();
  bool start_target();
  bool load();
  bool find_maps();
  bool run_programs(ProbeKind kind);
  bool run_benches();
  bool run_tests();
  void poll_events(int timeout_ms);
  bool end_batch();
  void wait_for_events(int timeout_ms);
  bool read_iterators();
  void report_lost();
  void finish();
  static int on_event(void* ctx, void* data, size_t size);
  void receive(const uint8_t* data, size_t size);
  void release_held();
  int handle(const uint8_t* data, size_t size);
  // A watchpoint:FUNCTION+argN's function ran: set the watchpoint, then continue the process a
  // sync watchpoint stopped (also once the tool stops: it must not stay stopped).
  void on_watchpoint(const Record& r);
  std::set<std::pair<uint64_t, uint64_t>> unwatchable_; // (probe, address) warned about
  MapSnapshot snapshot(int index) const;
  void check_output();
  void report_lost_exit_output(bool failed_before_end, bool failed_before_maps);
  std::string output_name() const {
    return opts_.output_file.empty() ? "stdout" : opts_.output_file;
  }

  const Manifest& m_;
  ToolOptions opts_;
  FILE* out_ = stdout;
  std::unique_ptr<OutputSink> sink_;
  Skeleton skel_{};
  Attachments links_;
  RunSettings settings_;
  ring_buffer* ring_ = nullptr;
  std::unique_ptr<PacketOutput> pcap_; // skboutput()'s packets (the Pcap piece)
  std::vector<LiveMap> maps_;
  std::vector<PrintfFormat> formats_;
  std::vector<PrintfPlan> plans_; // one per event, referring to formats_
  RecordParser records_;
  int control_fd_ = -1; // kControlMap: [BTC_LOST] lost events
  // kStopFlag in the kernel's .bss, mapped by libbpf after load (nullptr: not mappable).
  volatile uint32_t* stop_flag_ = nullptr;
  uint64_t lost_reported_ = 0;
  uint64_t bad_records_ = 0; // records with an unknown event id or too short for their event
  bool exit_requested_ = false;
  bool finishing_ = false;     // finish() has begun: the ring buffer is drained to the end
  bool stopping_ = false;      // END runs: its events are told from late ones
  bool dropping_late_ = false; // the stop came from exit(): late events are dropped
  int status_ = 0;
  bool output_failed_ = false;  // reported (unless EPIPE); the tool stops as after a signal
  uint64_t batch_start_ns_ = 0; // when the current ring_buffer__consume() began
  uint64_t batch_events_ = 0;
  size_t batch_bytes_ = 0; // ring-buffer bytes the last batch read (wait_for_events())
  size_t ring_bytes_ = 0;
  int core_btf_fd_ = -1;      // the minimal BTF libbpf relocates against, until load
  std::vector<uint8_t> held_; // an event waiting for the -k reports behind it (receive())
  TracedProcess target_;      // -p PID, -c CMD
  bool target_exited_ = false;
};

Tool::~Tool() {
  links_.detach();
  if (ring_) ring_buffer__free(ring_);
  if (skel_.skel) skel_.destroy(skel_.skel);
  if (core_btf_fd_ >= 0) close(core_btf_fd_);
  if (out_ != stdout) std::fclose(out_);
}

int Tool::fail(const std::string& message) {
  std::fflush(out_);
  std::fprintf(stderr, "%s: %s%s", opts_.name.c_str(), message.c_str(),
               message.empty() || message.back() != '\n' ? "\n" : "");
  return 1;
}

bool Tool::open_object(const SkeletonSource& source) {
  LIBBPF_OPTS(bpf_object_open_opts, opts);
  std::string path;
  if (m_.uses_kernel_btf) {
    std::string error;
    size_t size = 0;
    const void* elf = source.elf_bytes(&size);
    if (!piece<Piece::CoreBtf>().minimal_btf(elf, size, g_verbose, path, core_btf_fd_, error)) {
      fail("error: cannot read the kernel's BTF (" + error +
           "); this tool reads kernel types, which needs a kernel built with "
           "CONFIG_DEBUG_INFO_BTF=y");
      return false;
    }
    if (!path.empty()) opts.btf_custom_path = path.c_str();
  }
  skel_ = source.open(&opts);
  if (!skel_.skel) {
    fail(std::string("error: cannot open the BPF object: ") + std::strerror(errno));
    return false;
  }
  return true;
}

bool Tool::param_number(uint32_t index, int64_t& value) {
  const std::string arg = index <= opts_.args.size() ? opts_.args[index - 1] : "";
  value = 0;
  if (arg.empty()) return true;
  char* end = nullptr;
  errno = 0;
  value = std::strtoll(arg.c_str(), &end, 0);
  if (*end != '\0' || errno == ERANGE) {
    fail("error: parameter $" + std::to_string(index) + " must be a number, got '" + arg + "'");
    return false;
  }
  return true;
}

// bpftrace checks an unroll count or lhist bounds given by $N as the literals it substitutes,
// with its messages; the program holds what bpftrace accepts.
std::string param_check_error(const ParamCheckSpec& c, const int64_t v[3]) {
  if (c.kind == ParamCheckKind::UnrollCount) {
    if (v[0] < 1) return "unroll minimum value is 1";
    if (v[0] > 100) return "unroll maximum value is 100";
    return "";
  }
  const int64_t min = v[0], max = v[1], step = v[2];
  if (step < 1) return "lhist() step must be >= 1 (" + std::to_string(step) + " provided)";
  if (min < 0) return "lhist() min must be non-negative (provided min " + std::to_string(min) + ")";
  if (max - min < step)
    return "lhist() step is too large for the given range (provided step " + std::to_string(step) +
           " for range " + std::to_string(max - min) + ")";
  if ((max - min) / step > 1000)
    return "lhist() too many buckets, must be <= 1000 (would need " +
           std::to_string((max - min) / step) + ")";
  return "";
}

bool Tool::check_params() {
  // Every check that fails is reported, as bpftrace reports every error of a script.
  bool ok = true;
  for (uint32_t i = 0; i < m_.num_param_checks; ++i) {
    const ParamCheckSpec& c = m_.param_checks[i];
    auto located = [&](const std::string& error) {
      fail("error: " + std::string(m_.script_name) + ":" + std::to_string(c.line) + ":" +
           std::to_string(c.column) + ": " + error);
      ok = false;
    };
    if (c.kind == ParamCheckKind::StrOffset) {
      // str($N + K): bpftrace's check of the string it substitutes, with its message.
      const uint32_t n = c.params[0];
      const size_t length = n <= opts_.args.size() ? opts_.args[n - 1].size() : 0;
      if (static_cast<uint64_t>(c.values[0]) > length)
        located("only addition of a single constant less or equal to the length of $" +
                std::to_string(n) + " (which is " + std::to_string(length) +
                ") is allowed inside str()");
      continue;
    }
    int64_t v[3];
    std::string given;
    for (int k = 0; k < 3; ++k) {
      v[k] = c.values[k];
      if (c.params[k] == 0) continue;
      if (!param_number(c.params[k], v[k])) return false;
      given += std::string(given.empty() ? "" : ", ") + "$" + std::to_string(c.params[k]) + " = " +
               std::to_string(v[k]);
    }
    if (std::string error = param_check_error(c, v); !error.empty()) {
      located(error + " (" + given + ")");
    } else if (c.lhist) {
      c.lhist->lhist_min = v[0];
      c.lhist->lhist_max = v[1];
      c.lhist->lhist_step = v[2];
    }
  }
  return ok;
}

bool Tool::set_parameters() {
  auto* rodata = static_cast<uint8_t*>(skel_.rodata);
  for (uint32_t i = 0; i < m_.num_params; ++i) {
    const ParamSpec& p = m_.params[i];
    const std::string arg = p.index <= opts_.args.size() ? opts_.args[p.index - 1] : "";
    if (p.num_offset >= 0) {
      int64_t value = 0;
      if (!param_number(p.index, value)) return false;
      std::memcpy(rodata + p.num_offset, &value, sizeof value);
    }
    if (p.str_offset >= 0) {
      std::memset(rodata + p.str_offset, 0, p.str_size);
      std::memcpy(rodata + p.str_offset, arg.data(), std::min<size_t>(arg.size(), p.str_size - 1));
    }
  }
  if (m_.argc_offset >= 0) {
    uint64_t argc = opts_.args.size();
    std::memcpy(rodata + m_.argc_offset, &argc, sizeof argc);
  }
  return true;
}

// The id of the cgroup at `path`: its cgroup v2 file handle, which is what the kernel's
// bpf_get_current_cgroup_id() returns. 0 with errno set when there is none.
uint64_t cgroup_id_of(const char* path) {
  struct {
    file_handle handle;
    uint64_t id;
  } h{};
  h.handle.handle_bytes = sizeof h.id;
  int mount_id = 0;
  if (name_to_handle_at(AT_FDCWD, path, &h.handle, &mount_id, 0) != 0) return 0;
  uint64_t id = 0;
  std::memcpy(&id, h.handle.f_handle, sizeof id);
  return id;
}

bool Tool::resolve_start_values() {
  auto* rodata = static_cast<uint8_t*>(skel_.rodata);
  std::vector<std::string> symbols;
  for (uint32_t i = 0; i < m_.num_start_values; ++i)
    if (m_.start_values[i].kind == StartLookup::KernelAddress)
      symbols.push_back(m_.start_values[i].arg);
  std::vector<uint64_t> addresses = kernel_symbol_addresses(symbols);
  size_t next_symbol = 0;
  for (uint32_t i = 0; i < m_.num_start_values; ++i) {
    const StartValueSpec& v = m_.start_values[i];
    uint64_t value = 0;
    if (v.kind == StartLookup::KernelAddress) {
      value = addresses[next_symbol++];
      if (value == 0) {
        fail(std::string("error: ") + v.call + ": " +
             (kernel_addresses_visible()
                  ? std::string("this kernel has no symbol named ") + v.arg
                  : std::string("/proc/kallsyms shows no addresses (kptr_restrict, or not root)")));
        return false;
      }
    } else if (v.kind == StartLookup::UserAddress) {
      std::string error;
      if (!piece<Piece::UserProbes>().symbol_address(v.binary, v.arg, value, error)) {
        fail(std::string("error: ") + v.call + ": " + error);
        return false;
      }
    } else if (v.kind == StartLookup::CpuCount) {
      value = static_cast<uint64_t>(sysconf(_SC_NPROCESSORS_ONLN));
    } else if (v.kind == StartLookup::TaiOffset) {
      value = tai_offset_ns();
    } else if (v.kind == StartLookup::KernelFunc) {
      std::string error;
      bool found = false;
      if (!kernel_has_kfunc(v.arg, found, error)) {
        fail(std::string("error: ") + v.call + ": " + error);
        return false;
      }
      value = found ? 1 : 0;
    } else if (v.kind == StartLookup::KfuncAllowed) {
      std::string error;
      bool allowed = false;
      if (!piece<Piece::KfuncTest>().allowed(v.arg, v.binary, allowed, error)) {
        fail(std::string("error: ") + v.call + ": " + error);
        return false;
      }
      value = allowed ? 1 : 0;
    } else if (v.kind == StartLookup::KernelFuncRequired) {
      std::string error;
      bool found = false, allowed = false;
      if (!kernel_has_kfunc(v.arg, found, error) ||
          (found && !piece<Piece::KfuncTest>().allowed(v.arg, v.binary, allowed, error))) {
        fail(std::string("error: ") + v.call + ": " + error);
        return false;
      }
      if (!found) {
        fail(std::string("error: ") + v.call + " needs the kernel function " + v.arg +
             piece<Piece::KfuncTest>().since(v.arg) + ", which this kernel lacks");
        return false;
      }
      if (!allowed) {
        fail(std::string("error: ") + v.call + ": this kernel does not let " + v.binary +
             " programs call " + v.arg + " (kfunc, kretfunc and iter probes may)");
        return false;
      }
      value = 1;
    } else if (v.kind == StartLookup::CommandGiven) {
      value = opts_.command.empty() ? 0 : 1;
    } else if (v.kind == StartLookup::PidNamespace) {
      // The device and inode the kernel's bpf_get_ns_current_pid_tgid() compares with.
      struct stat st {};
      if (stat("/proc/self/ns/pid", &st) != 0) {
        fail(std::string("error: ") + v.call + ": cannot read /proc/self/ns/pid (" +
             std::strerror(errno) + ")");
        return false;
      }
      value = std::strcmp(v.arg, "dev") == 0 ? static_cast<uint64_t>(st.st_dev)
                                             : static_cast<uint64_t>(st.st_ino);
    } else if (v.kind == StartLookup::PossibleCpus) {
      int n = libbpf_num_possible_cpus();
      value = n > 0 ? static_cast<uint64_t>(n) : 1;
    } else {
      value = cgroup_id_of(v.arg);
      if (value == 0) {
        fail(std::string("error: ") + v.call + ": no cgroup at " + v.arg + " (" +
             std::strerror(errno) + ")");
        return false;
      }
    }
    std::memcpy(rodata + v.offset, &value, sizeof value);
  }
  return true;
}

// Whether `pid` is a kernel thread (PF_KTHREAD in the flags of /proc/PID/stat, the seventh
// field after the command's closing parenthesis): it runs no user-space code.
static bool is_kernel_thread(int pid) {
  std::string stat = read_small_file(("/proc/" + std::to_string(pid) + "/stat").c_str());
  size_t at = stat.rfind(')');
  if (at == std::string::npos) return false;
  for (int field = 0; field < 7; ++field) {
    at = stat.find_first_not_of(' ', at + 1);
    if (at == std::string::npos) return false;
    if (field < 6) at = stat.find(' ', at);
    if (at == std::string::npos) return false;
  }
  constexpr unsigned long kPfKthread = 0x00200000;
  return (std::strtoul(stat.c_str() + at, nullptr, 10) & kPfKthread) != 0;
}

// -p/-c: the process to trace, before load because its PID goes into .rodata. A -c command is
// started now and held before its exec until the probes are attached.
bool Tool::start_target() {
  std::string error;
  if (opts_.pid != 0 && !target_.attach(opts_.pid, error)) {
    fail("error: " + error);
    return false;
  }
  if (opts_.pid != 0 && is_kernel_thread(opts_.pid))
    for (uint32_t i = 0; i < m_.num_probes; ++i) {
      ProbeKind k = m_.probes[i].kind;
      if (k != ProbeKind::Uprobe && k != ProbeKind::Uretprobe && k != ProbeKind::Usdt) continue;
      fail("error: PID " + std::to_string(opts_.pid) + " is a kernel thread: " +
           m_.probes[i].display + " would never fire in it (it runs no user-space code)");
      return false;
    }
  if (!opts_.command.empty() && !target_.spawn(opts_.command, error)) {
    fail("error: " + error);
    return false;
  }
  if (!target_.active()) return true;
  if (m_.target_pid_offset >= 0) {
    uint32_t pid = static_cast<uint32_t>(target_.pid());
    std::memcpy(static_cast<uint8_t*>(skel_.rodata) + m_.target_pid_offset, &pid, sizeof pid);
  }
  links_.set_target_pid(target_.pid());
  links_.set_target_program(target_.program_path());
  links_.set_target_before_exec(!opts_.command.empty());
  return true;
}

bool Tool::load() {
  if (m_.start_ns_offset >= 0) {
    uint64_t now = monotonic_ns();
    std::memcpy(static_cast<uint8_t*>(skel_.rodata) + m_.start_ns_offset, &now, sizeof now);
  }
  if (std::string missing = missing_loop_helpers(skel_.obj); !missing.empty()) {
    std::fprintf(stderr, "%s: %s", opts_.name.c_str(), missing.c_str());
    return false;
  }
  int err = skel_.load(skel_.skel);
  if (err == 0) return true;
  // A kernel that refuses a kind of program outright (this one's fentry, say) says so without
  // a verifier log; libbpf's log names the program, the manifest its probe.
  const std::string failed = "': BPF program load failed";
  size_t at = g_libbpf_log.find(failed);
  size_t start = at == std::string::npos ? at : g_libbpf_log.rfind("prog '", at);
  if (start != std::string::npos &&
      g_libbpf_log.find("-- BEGIN PROG LOAD LOG --") == std::string::npos) {
    std::string program = g_libbpf_log.substr(start + 6, at - start - 6);
    for (uint32_t i = 0; i < m_.num_probes; ++i)
      if (program == m_.probes[i].program && is_kernel_function_or_iter(m_.probes[i].kind)) {
        fail(std::string("error: cannot load ") + m_.probes[i].display +
             ": the kernel refused it (" + std::strerror(-err) + ")");
        return false;
      }
  }
  std::string report = explain_load_failure(m_, g_libbpf_log, err);
  std::fflush(out_);
  if (report.find(": error: ") != std::string::npos && report.rfind("error:", 0) != 0)
    std::fputs(report.c_str(), stderr);
  else
    std::fprintf(stderr, "%s: %s", opts_.name.c_str(), report.c_str());
  return false;
}

bool Tool::find_maps() {
  int ncpus = libbpf_num_possible_cpus();
  if (ncpus <= 0) {
    fail(std::string("error: cannot count the possible CPUs (/sys/devices/system/cpu/possible): ") +
         std::strerror(ncpus < 0 ? -ncpus : EINVAL));
    return false;
  }
  for (uint32_t i = 0; i < m_.num_maps; ++i) {
    const MapSpec& spec = m_.maps[i];
    bpf_map* map = bpf_object__find_map_by_name(skel_.obj, spec.bpf_name);
    if (!map) {
      fail(std::string("internal error: the BPF object has no map ") + spec.bpf_name + " for " +
           spec.name);
      return false;
    }
    maps_.push_back({&spec, bpf_map__fd(map), bpf_map__key_size(map), bpf_map__value_size(map),
                     static_cast<uint32_t>(ncpus),
                     bpf_map__type(map) == BPF_MAP_TYPE_PERCPU_ARRAY});
  }
  if (bpf_map* control = bpf_object__find_map_by_name(skel_.obj, kControlMap))
    control_fd_ = bpf_map__fd(control);
  stop_flag_ = find_stop_flag(skel_.obj);
  set_stack_reader([obj = skel_.obj](const Type& type, int64_t id) {
    std::vector<uint64_t> frames;
    bpf_map* map = type.stack_map ? bpf_object__find_map_by_name(obj, type.stack_map) : nullptr;
    if (!map) return frames;
    std::vector<uint64_t> slots(bpf_map__value_size(map) / sizeof(uint64_t));
    uint32_t key = static_cast<uint32_t>(id);
    if (bpf_map_lookup_elem(bpf_map__fd(map), &key, slots.data()) != 0) return frames;
    // The kernel zeroes the slots past the stack's depth.
    for (uint64_t addr : slots) {
      if (addr == 0) break;
      frames.push_back(addr);
    }
    return frames;
  });
  for (uint32_t i = 0; i < m_.num_events; ++i)
    formats_.push_back(parse_printf_format(m_.events[i].format ? m_.events[i].format : ""));
  plans_.reserve(m_.num_events);
  for (uint32_t i = 0; i < m_.num_events; ++i) plans_.emplace_back(formats_[i], m_.events[i]);
  return true;
}

bool Tool::run_programs(ProbeKind kind) {
  for (uint32_t i = 0; i < m_.num_probes; ++i) {
    const ProbeSpec& p = m_.probes[i];
    if (p.kind != kind) continue;
    bpf_program* prog = bpf_object__find_program_by_name(skel_.obj, p.program);
    uint64_t ctx[1] = {0};
    LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof ctx);
    if (!prog || bpf_prog_test_run_opts(bpf_program__fd(prog), &opts) != 0) {
      fail(std::string("error: cannot run ") + p.display + ": " + std::strerror(errno));
      return false;
    }
    poll_events(0);
    if (exit_requested_) return true;
  }
  return true;
}

// --bench: each bench probe in script order, timed over kBenchRuns runs; then the table.
bool Tool::run_benches() {
  constexpr uint64_t kBenchRuns = 100000;
  int empty_fd = load_empty_program();
  if (empty_fd < 0) {
    fail(std::string("error: cannot load the empty program --bench times against: ") +
         std::strerror(errno));
    return false;
  }
  std::vector<BenchResult> results;
  for (uint32_t i = 0; i < m_.num_probes && !exit_requested_ && !g_stop; ++i) {
    const ProbeSpec& p = m_.probes[i];
    if (p.kind != ProbeKind::Bench) continue;
    bpf_program* prog = bpf_object__find_program_by_name(skel_.obj, p.program);
    uint64_t ns = 0;
    if (!prog || !time_program(bpf_program__fd(prog), empty_fd, kBenchRuns, ns)) {
      fail(std::string("error: cannot run ") + p.display + ": " + std::strerror(errno));
      close(empty_fd);
      return false;
    }
    poll_events(0);
    results.push_back({p.target, ns});
  }
  close(empty_fd);
  std::sort(results.begin(), results.end(),
            [](const BenchResult& a, const BenchResult& b) { return a.name < b.name; });
  if (!exit_requested_ && !g_stop) sink_->bench_results(results);
  return true;
}

// --test: each test probe once, in script order, its output held back (shown when it fails). A
// test passes when its program returns 0 and it does not call exit(); exit() also ends the run.
bool Tool::run_tests() {
  std::vector<TestResult> results;
  for (uint32_t i = 0; i < m_.num_probes && !exit_requested_ && !g_stop; ++i) {
    const ProbeSpec& p = m_.probes[i];
    if (p.kind != ProbeKind::Test) continue;
    char* text = nullptr;
    size_t size = 0;
    FILE* held = open_memstream(&text, &size);
    if (!held) {
      fail(std::string("error: cannot hold a test's output: ") + std::strerror(errno));
      return false;
    }
    std::unique_ptr<OutputSink> out = std::move(sink_);
    if (opts_.format == OutputFormat::Json)
      sink_ = std::make_unique<JsonSink>(held, false);
    else
      sink_ = std::make_unique<TextSink>(held);
    bpf_program* prog = bpf_object__find_program_by_name(skel_.obj, p.program);
    uint64_t ctx[1] = {0};
    LIBBPF_OPTS(bpf_test_run_opts, run, .ctx_in = ctx, .ctx_size_in = sizeof ctx);
    bool ran = prog && bpf_prog_test_run_opts(bpf_program__fd(prog), &run) == 0;
    int error = errno;
    if (ran) poll_events(0);
    sink_->flush();
    sink_ = std::move(out);
    std::fclose(held);
    std::string output(text, size);
    std::free(text);
    if (!ran) {
      fail(std::string("error: cannot run ") + p.display + ": " + std::strerror(error));
      return false;
    }
    results.push_back({p.target, run.retval == 0 && !exit_requested_, output});
  }
  sink_->test_results(results);
  for (const TestResult& r : results)
    if (!r.passed) status_ = 1;
  return true;
}

int Tool::on_event(void* ctx, void* data, size_t size) {
  auto* tool = static_cast<Tool*>(ctx);
  // The record's room in the ring: its 8-byte header, rounded up to 8 bytes.
  tool->batch_bytes_ += (size + 8 + 7) & ~size_t{7};
  tool->receive(static_cast<const uint8_t*>(data), size);
  // libbpf returns from ring_buffer__consume() when the callback is negative, the record
  // consumed. A held event's reports are already in the ring: the batch goes on to them.
  return tool->held_.empty() && tool->end_batch() ? -1 : 0;
}

// With -k, an event whose filling may raise reports (EventSpec::holds_reports: a failed read
// or update in printf's arguments) waits for those right behind it in the ring, submitted
// before it was: bpftrace evaluates the arguments first, so prints the reports first.
void Tool::receive(const uint8_t* data, size_t size) {
  if (opts_.helper_checks == 0) {
    handle(data, size);
    return;
  }
  const EventSpec* e = records_.parse(data, size).event;
  if (!(e && e->kind == EventKind::HelperError && e->inside_event)) release_held();
  if (e && e->holds_reports) {
    held_.assign(data, data + size);
    return;
  }
  handle(data, size);
}

void Tool::release_held() {
  if (held_.empty()) return;
  std::vector<uint8_t> event;
  event.swap(held_);
  handle(event.data(), event.size());
}

// Whether ring_buffer__consume() should return before the ring is empty. Under a flood it would
// never return: the tool would notice neither a signal nor a failed output, and report no losses
// until the flood ends. When the tool finishes, the probes are quiet and the rest is drained
// (with a failed output too: system() and clear() still act).
bool Tool::end_batch() {
  if (finishing_) return false;
  if (g_stop || sink_->write_error() != 0) return true;
  // The clock is read every few events only: a record costs less than a microsecond.
  constexpr uint64_t kBatchNs = 200'000'000;
  return ++batch_events_ % 256 == 0 && monotonic_ns() - batch_start_ns_ >= kBatchNs;
}

MapSnapshot Tool::snapshot(int index) const {
  const LiveMap& map = maps_[index];
  MapSnapshot snap = decode_map(*map.spec, read_map(map));
  sort_for_print(snap);
  return snap;
}

void Tool::on_watchpoint(const Record& r) {
  auto arg = [&](int i) {
    return decode_value(*r.event->args[i].type, r.payload + r.event->args[i].offset).num;
  };
  uint64_t probe = arg(0);
  int pid = static_cast<int>(arg(2));
  std::string error;
  // A process gone has nothing left to watch; no free debug register is a warning, as in
  // bpftrace, and the tool goes on with the watchpoints it has. The warning is given once per
  // address: the function may run again and again with it.
  if (!stopping_ && !exit_requested_ &&
      !(links_.*piece<Piece::HardwareEvents>().watch)(m_, probe, arg(1), pid, error) &&
      errno != ESRCH && unwatchable_.insert({probe, arg(1)}).second)
    warn("%s: warning: %s\n", opts_.name.c_str(), error.c_str());
  if (probe < m_.num_probes && !m_.probes[probe].watch_async && kill(pid, SIGCONT) != 0 &&
      errno != ESRCH)
    warn("%s: warning: cannot continue process %d: %s\n", opts_.name.c_str(), pid,
         std::strerror(errno));
}

int Tool::handle(const uint8_t* data, size_t size) {
  Record r = records_.parse(data, size);
  if (r.event && r.event->kind == EventKind::NewPid) {
    // Also after exit(): the maps printed at the end may hold this process's stacks.
    auto arg = [&](int i) {
      return decode_value(*r.event->args[i].type, r.payload + r.event->args[i].offset).num;
    };
    uint64_t probe = arg(1);
    piece<Piece::UserSymbols>().note_process(
        static_cast<uint32_t>(arg(0)), probe ? links_.user_file(probe - 1) : std::string(), arg(2));
    return 0;
  }
  if (r.event && r.event->kind == EventKind::WatchAttach) {
    on_watchpoint(r);
    return 0;
  }
  if (!r.event) {
    ++bad_records_;
    return 0;
  }
  // Once the tool stops, a program that was already running may still send events while END
  // runs: they are dropped when exit() stopped the tool, printed otherwise, and never stop END.
  bool late = stopping_ && !r.event->in_end;
  if (late ? dropping_late_ : exit_requested_) return 0;
  if (late && r.event->kind == EventKind::Exit) return 0;
  const EventSpec& e = *r.event;
  switch (e.kind) {
  case EventKind::Printf:
    sink_->printf_event(plans_[r.id], r.payload);
    break;
  case EventKind::Print:
    sink_->print_value(decode_value(*e.args[0].type, r.payload + e.args[0].offset));
    break;
  case EventKind::PrintMap:
    sink_->print_map(snapshot(e.map), e.top, e.div);
    break;
  case EventKind::Clear:
    clear_map(maps_[e.map]);
    break;
  case EventKind::Zero:
    zero_map(maps_[e.map]);
    break;
  case EventKind::Time: {
    char buf[256];
    time_t now = time(nullptr);
    tm local;
    localtime_r(&now, &local);
    size_t n = strftime(buf, sizeof buf, e.format, &local);
    sink_->time_text(std::string(buf, n));
    break;
  }
  case EventKind::Cat: {
    std::vector<Value> args;
    for (uint32_t i = 0; i < e.num_args; ++i)
      args.push_back(decode_value(*e.args[i].type, r.payload + e.args[i].offset));
    std::string path = printf_text(formats_[r.id], args);
    // stdio, not an ifstream: iostreams would add ~500 KB of locale code to every tool.
    FILE* file = std::fopen(path.c_str(), "rbe");
    if (!file) {
      // As bpftrace 0.17: reported, and the tool goes on.
      int err = errno;
      std::fflush(out_);
      std::fprintf(stderr, "%s: error: failed to open file '%s': %s\n", opts_.name.c_str(),
                   path.c_str(), std::strerror(err));
      // Nothing in text; an empty "cat" line in JSON, as bpftrace 0.17 writes.
      sink_->text(TextKind::Cat, "");
      break;
    }
    // At most max_cat_bytes of it, as bpftrace.
    std::string text;
    char buf[4096];
    size_t n;
    while (
        text.size() < settings_.max_cat_bytes &&
        (n = std::fread(buf, 1, std::min<size_t>(sizeof buf, settings_.max_cat_bytes - text.size()),
                        file)) > 0)
      text.append(buf, n);
    std::fclose(file);
    sink_->text(TextKind::Cat, text);
    break;
  }
  case EventKind::System: {
    std::vector<Value> args;
    for (uint32_t i = 0; i < e.num_args; ++i)
      args.push_back(decode_value(*e.args[i].type, r.payload + e.args[i].offset));
    // What the tool printed before goes out first: the command's stderr is the tool's.
    sink_->flush();
    std::string error;
    std::string out = run_system_command(printf_text(formats_[r.id], args), error);
    if (!error.empty())
      std::fprintf(stderr, "%s: error: cannot run /bin/sh for system(): %s\n", opts_.name.c_str(),
                   error.c_str());
    sink_->text(TextKind::System, out);
    break;
  }
  case EventKind::Join: {
    // bpftrace 0.17 stops at the first empty argument.
    std::string text;
    for (uint32_t i = 0; i < e.num_args; ++i) {
      Value arg = decode_value(*e.args[i].type, r.payload + e.args[i].offset);
      if (arg.str.empty()) break;
      text += (i ? e.format : "") + arg.str;
    }
    sink_->text(TextKind::Join, text);
    break;
  }
  case EventKind::Errorf:
  case EventKind::Warnf: {
    if (e.kind == EventKind::Warnf && !warnings_enabled()) break; // --no-warnings
    std::vector<Value> args;
    for (uint32_t i = 0; i < e.num_args; ++i)
      args.push_back(decode_value(*e.args[i].type, r.payload + e.args[i].offset));
    // The messages of errorf()/warnf() go to stderr, after what the tool printed before them.
    sink_->flush();
    std::string text = printf_text(formats_[r.id], args) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
    break;
  }
  case EventKind::Exit:
    exit_requested_ = true; // later records are consumed and dropped
    // exit(code) and a failed assert() give the tool's exit status.
    if (e.num_args == 1)
      status_ = static_cast<int>(decode_value(*e.args[0].type, r.payload + e.args[0].offset).num);
    return 0;
  case EventKind::NewPid:
    break;
  case EventKind::Unwatch:
    (links_.*piece<Piece::HardwareEvents>().unwatch)(
        decode_value(*e.args[0].type, r.payload + e.args[0].offset).num);
    break;
  case EventKind::WatchAttach: // on_watchpoint()
    break;
  case EventKind::HelperError:
    if (warnings_enabled()) {
      int64_t ret = decode_value(*e.args[0].type, r.payload + e.args[0].offset).num;
      sink_->helper_error(helper_error_text(m_, e, ret), e.format, ret, e.line, e.column);
    }
    break;
  }
  return 0;
}

// Until events arrive, the traced process exits, a signal comes or `timeout_ms` pass.
//
// A program wakes the tool (an interrupt on its CPU and a wakeup: about a microsecond, several
// times the rest of a printf event) when its record is the first the tool has not read, which
// under a steady stream of events is nearly every record when the tool keeps up. So after a
// batch the tool lingers a few milliseconds before it reads again: the next record pays for a
// wakeup, the ones after it find the tool behind and pay nothing, and the tool reads them all in
// one batch. An event after a quiet spell still wakes the tool at once. Only a batch that took a
// small part of the ring is followed by a linger, so that the ring does not fill meanwhile.
void Tool::wait_for_events(int timeout_ms) {
  constexpr int kLingerMs = 4;
  pollfd fds[3];
  nfds_t n = 0;
  if (target_.exit_fd() >= 0) fds[n++] = {target_.exit_fd(), POLLIN, 0};
  if (batch_bytes_ > 0 && batch_bytes_ < ring_bytes_ / 16) {
    // A signal ends the wait (poll() is never restarted).
    poll(fds, n, kLingerMs);
    batch_bytes_ = 0;
  }
  if (!g_stop && !target_.exited()) {
    if (ring_) fds[n++] = {ring_buffer__epoll_fd(ring_), POLLIN, 0};
    if (pcap_ && pcap_->epoll_fd() >= 0) fds[n++] = {pcap_->epoll_fd(), POLLIN, 0};
    poll(fds, n, timeout_ms);
  }
  if (target_.exited()) target_exited_ = true;
}

void Tool::poll_events(int timeout_ms) {
  if (timeout_ms > 0) wait_for_events(timeout_ms);
  if (pcap_) {
    pcap_->consume();
    if (uint64_t lost = pcap_->take_lost())
      std::fprintf(stderr,
                   "%s: warning: %llu skboutput() packets lost (the perf buffer was full)\n",
                   opts_.name.c_str(), static_cast<unsigned long long>(lost));
  }
  // A script without events only waits.
  if (!ring_) return;
  // Drain what is buffered before reporting losses: they happened after those events (up to a
  // batch, end_batch()).
  batch_start_ns_ = monotonic_ns();
  batch_events_ = 0;
  batch_bytes_ = 0;
  ring_buffer__consume(ring_);
  release_held();
  report_lost();
  // -B full: out when the buffer is full, or at exit.
  if (opts_.buffering != Buffering::Full) sink_->flush();
  check_output();
}

void Tool::check_output() {
  int err = sink_->write_error();
  if (err == 0 || output_failed_) return;
  output_failed_ = true;
  // The reader went away (`tool | head -1`): the tool stops quietly, with status 0, as a
  // command that dies of SIGPIPE in a pipeline says nothing either.
  if (err == EPIPE) return;
  status_ = fail("error: cannot write the output to " + output_name() + ": " + std::strerror(err));
}

bool Tool::read_iterators() {
  // The iterator's programs run inside read(); their events arrive as whole records in the
  // stream (EventHeader::reserved is the record's size), in the order they were sent.
  std::vector<uint8_t> buf(1 << 16);
  for (const auto& [probe, fd] : links_.iterators()) {
    std::vector<uint8_t> pending;
    for (;;) {
      ssize_t n = read(fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        fail(std::string("error: cannot read ") + probe->display + ": " + std::strerror(errno));
        return false;
      }
      if (n == 0) break;
      pending.insert(pending.end(), buf.begin(), buf.begin() + n);
      size_t at = 0;
      while (pending.size() - at >= sizeof(EventHeader)) {
        EventHeader h;
        std::memcpy(&h, pending.data() + at, sizeof h);
        if (h.reserved < sizeof h) {
          ++bad_records_;
          at = pending.size();
          break;
        }
        if (pending.size() - at < h.reserved) break;
        handle(pending.data() + at, h.reserved);
        at += h.reserved;
      }
      pending.erase(pending.begin(), pending.begin() + at);
      poll_events(0);
      if (exit_requested_ || g_stop || output_failed_) return true;
    }
  }
  return true;
}

void Tool::report_lost() {
  if (control_fd_ < 0) return;
  uint32_t key = BTC_LOST;
  uint64_t lost = 0;
  if (bpf_map_lookup_elem(control_fd_, &key, &lost) != 0 || lost == lost_reported_) return;
  sink_->lost_events(lost - lost_reported_);
  lost_reported_ = lost;
}

// What the tool prints when it stops is often the whole point of running it (a histogram
// collected for an hour): when the output failed, stderr says what is missing or cut short.
// Not for a reader that went away, which did not want it. The output failed before END ran
// (`failed_before_end`), while END's output was written (`failed_before_maps`), or while the maps
// printed.
void Tool::report_lost_exit_output(bool failed_before_end, bool failed_before_maps) {
  if (!output_failed_ || sink_->write_error() == EPIPE) return;
  bool has_end = false;
  for (uint32_t i = 0; i < m_.num_probes; ++i) has_end |= m_.probes[i].kind == ProbeKind::End;
  bool has_maps = settings_.print_maps_on_exit && !maps_.empty();
  if (!has_end && !has_maps) return;
  const std::string file = output_name();
  std::string message;
  if (failed_before_end || (failed_before_maps && !has_end)) {
    std::string what = has_end && has_maps ? "END's output and the maps"
                       : has_end           ? "END's output"
                                           : "the maps";
    message = what + (has_end && !has_maps ? " was" : " were") + " not written to " + file;
  } else if (failed_before_maps) {
    message = "END's output was cut short in " + file +
              (has_maps ? " and the maps were not written" : "");
  } else if (has_maps) {
    message = "the maps were cut short in " + file;
  } else {
    return; // END's output was out; only what followed it failed
  }
  status_ = fail("error: " + message);
}

void Tool::finish() {
  g_stopping = 1;
  // Probes go quiet at once; detaching them (~70 ms per tracepoint in the kernel) waits until
  // the output is out.
  if (stop_flag_)
    *stop_flag_ = 1;
  else
    links_.detach();
  finishing_ = true;
  // Everything sent before that: printed, or after exit() dropped (handle() discards while
  // exit_requested_ is set), as bpftrace does. Then END's events, and late ones of programs
  // that were still running (handle() tells them apart). Each part is flushed, so that a
  // failed output says which one it cut.
  poll_events(0);
  sink_->flush();
  check_output();
  bool failed_before_end = output_failed_;
  stopping_ = true;
  dropping_late_ = exit_requested_;
  exit_requested_ = false;
  run_programs(ProbeKind::End);
  exit_requested_ = false;
  poll_events(0);
  sink_->flush();
  check_output();
  bool failed_before_maps = output_failed_;
  if (settings_.print_maps_on_exit) {
    std::vector<MapSnapshot> snaps;
    for (size_t i = 0; i < maps_.size(); ++i) snaps.push_back(snapshot(static_cast<int>(i)));
    sink_->maps_at_exit(snaps);
  }
  report_lost();
  sink_->flush();
  check_output();
  report_lost_exit_output(failed_before_end, failed_before_maps);
  links_.detach();
  if (bad_records_ != 0)
    status_ = fail("internal error: dropped " + std::to_string(bad_records_) +
                   " malformed ring-buffer record(s): unknown event, or too short for it");
}

int Tool::run(const SkeletonSource& source) {
  install_handler(SIGPIPE, on_broken_pipe);
  if (hold_standard_fds() && opts_.output_file.empty())
    return fail(std::string("error: cannot write the output to stdout: ") + std::strerror(EBADF));
  if (!opts_.output_file.empty()) {
    out_ = std::fopen(opts_.output_file.c_str(), "we");
    if (!out_) {
      out_ = stdout;
      return fail("error: cannot write " + opts_.output_file + ": " + std::strerror(errno));
    }
  }
  out_ = blocking_stream(out_);
  // fopencookie()'s stream has no descriptor: isatty() asks the one below it.
  if (!opts_.buffering_given && !isatty(opts_.output_file.empty() ? STDOUT_FILENO : fileno(out_)))
    opts_.buffering = Buffering::Batch;
  set_buffering(out_, opts_.buffering);
  if (opts_.format == OutputFormat::Json)
    sink_ = std::make_unique<JsonSink>(out_, !opts_.output_file.empty());
  else
    sink_ = std::make_unique<TextSink>(out_);
  g_verbose = opts_.verbose;
  links_.set_verbose(opts_.verbose);
  links_.set_stop_flag(&g_stop);
  links_.disable_multi_links(opts_.no_kprobe_multi, opts_.no_uprobe_multi);
  libbpf_set_print(capture_libbpf_log);
  if (m_.uses_cpid && !m_.cpid_optional && opts_.command.empty())
    return fail("error: this script uses cpid, the PID of the command it runs: run it with -c CMD");
  if (!may_load_bpf())
    return fail("error: permission denied: loading BPF programs needs root (or CAP_BPF and "
                "CAP_PERFMON)");
  if (!check_params() || !open_object(source)) return 1;
  if (!set_parameters() || !resolve_start_values() || !start_target()) return 1;
  if (m_.num_named_options) set_named_options(m_, opts_, static_cast<uint8_t*>(skel_.rodata));
  if (m_.helper_checks_offset >= 0) {
    auto level = static_cast<uint32_t>(opts_.helper_checks);
    std::memcpy(static_cast<uint8_t*>(skel_.rodata) + m_.helper_checks_offset, &level,
                sizeof level);
  }
  {
    std::string error;
    if (!read_run_settings(m_, settings_, error) ||
        !apply_map_sizes(m_, skel_.obj, settings_, error))
      return fail("error: " + error);
    // Without -k, a script whose only events are -k's reports sends none: one page of ring
    // buffer instead of its megabyte.
    bool only_reports = std::all_of(m_.events, m_.events + m_.num_events, [](const EventSpec& e) {
      return e.kind == EventKind::HelperError;
    });
    if (opts_.helper_checks == 0 && only_reports)
      if (bpf_map* events = bpf_object__find_map_by_name(skel_.obj, kEventsMap))
        bpf_map__set_max_entries(events, static_cast<uint32_t>(sysconf(_SC_PAGESIZE)));
    links_.set_missing_probes(settings_.missing_probes);
    set_cpp_demangle(settings_.cpp_demangle);
    set_show_debug_info(settings_.show_debug_info);
    set_truncation_trailer(m_.max_strlen, settings_.str_trunc_trailer);
    if (piece_installed<Piece::UserSymbols>())
      piece<Piece::UserSymbols>().configure(settings_.cache_user_symbols,
                                            settings_.lazy_symbolication, opts_.verbose);
    // --bench and --test attach nothing: only BEGIN, the bench or test probes and END run.
    if (!script_mode() && !links_.prepare(m_, skel_.obj, static_cast<uint8_t*>(skel_.rodata),
                                          opts_.name.c_str(), error))
      return fail("error: " + error);
    if (nothing_to_run(error)) return fail("error: " + error);
    // bpftrace's guard, on the probes counted as its "Attaching N probes" line counts them.
    size_t probes = links_.planned() + special_probes();
    if (probes > settings_.max_probes)
      return fail("error: can't attach to " + std::to_string(probes) +
                  " probes because it exceeds the current limit of " +
                  std::to_string(settings_.max_probes) +
                  " probes; raise it with config = { max_probes = N } or BPFTRACE_MAX_PROBES, "
                  "but a high number of probes attached can make the system unstable");
  }
  raise_open_files_limit(links_.planned());
  if (!load()) return 1;
  if (core_btf_fd_ >= 0) {
    close(core_btf_fd_);
    core_btf_fd_ = -1;
  }
  if (!find_maps()) return 1;
  if (bpf_map* events = bpf_object__find_map_by_name(skel_.obj, kEventsMap)) {
    ring_ = ring_buffer__new(bpf_map__fd(events), on_event, this, nullptr);
    ring_bytes_ = bpf_map__max_entries(events);
    if (!ring_)
      return fail(std::string("error: cannot set up the ring buffer: ") + std::strerror(errno));
  }
  if (bpf_map* packets = bpf_object__find_map_by_name(skel_.obj, kSkbMap)) {
    // As many pages per CPU as the ring buffer has (BPFTRACE_PERF_RB_PAGES), 64 without one.
    size_t pages = settings_.ring_bytes ? settings_.ring_bytes / 4096 : 64;
    std::string error;
    pcap_ = piece<Piece::Pcap>().create();
    if (!pcap_->open(m_.pcap_paths, m_.num_pcap_paths, error) ||
        !pcap_->listen(packets, pages, error))
      return fail("error: " + error);
  }

  install_stop_handlers(opts_.name);
  bool self_signal = false;
  for (uint32_t i = 0; i < m_.num_probes; ++i)
    self_signal |= m_.probes[i].kind == ProbeKind::Signal;
  // Without a self:signal probe SIGUSR1 keeps its default action, as in bpftrace.
  if (self_signal) install_handler(SIGUSR1, on_usr1);

  if (!opts_.quiet) {
    sink_->attaching(static_cast<uint32_t>(links_.planned() + special_probes()));
    check_output();
    // Nothing is attached yet, and nothing the tool would print could be written.
    if (output_failed_) return status_;
  }
  std::string error;
  if (!script_mode() && !links_.attach_all(m_, skel_.obj, opts_.name.c_str(), error)) {
    // The estimate was short, or the hard limit too low: say which limit to raise.
    if (error.find(std::strerror(EMFILE)) != std::string::npos) {
      rlimit lim{};
      getrlimit(RLIMIT_NOFILE, &lim);
      error += " (the limit is " + std::to_string(lim.rlim_cur) +
               " open files for this tool: raise it with ulimit -n)";
    }
    // -p's process ended while its probes attached (its uprobes found no process, ESRCH): the
    // tool stops as when it ends later. It may still be exiting when the attach fails.
    pollfd gone{target_.exit_fd(), POLLIN, 0};
    if (opts_.pid == 0 || gone.fd < 0 || poll(&gone, 1, 200) <= 0) return fail("error: " + error);
    target_exited_ = true;
  }
  if (!target_exited_ && nothing_to_run(error)) return fail("error: " + error);
  if (opts_.dry_run) {
    // Loaded and attached: that is all --dry-run checks. Nothing runs, the command neither,
    // and no pinned iterator stays behind.
    for (const std::string& path : links_.pinned()) unlink(path.c_str());
    links_.detach();
    target_.stop();
    sink_->flush();
    check_output();
    return status_;
  }
  for (const std::string& path : links_.pinned()) sink_->pinned(path);
  if (!run_programs(ProbeKind::Begin)) return 1;
  if (script_mode()) {
    // As bpftrace's manual shows the table: the maps are not printed after it (nor after the
    // test report).
    if (!exit_requested_ && !(opts_.bench ? run_benches() : run_tests()))
      return status_ ? status_ : 1;
    settings_.print_maps_on_exit = false;
    finish();
    target_.stop();
    return status_;
  }
  // After BEGIN, as bpftrace: its output comes first. exit() in BEGIN, or a stop signal (also
  // one while the probes attached): the command never runs.
  if (!exit_requested_ && !g_stop && !target_.release(error)) return fail("error: " + error);

  // A script whose probes are all BEGIN, END and iterators ends once the iterators are read,
  // or with -p/-c when the process ends.
  bool runs_on = target_.active();
  for (uint32_t i = 0; i < m_.num_probes; ++i)
    if (m_.probes[i].kind != ProbeKind::Begin && m_.probes[i].kind != ProbeKind::End &&
        m_.probes[i].kind != ProbeKind::Iter && !links_.skipped(i))
      runs_on = true;
  if (!exit_requested_ && !read_iterators()) return status_ ? status_ : 1;
  while (!g_stop && !exit_requested_ && !output_failed_ && !target_exited_ && runs_on) {
    poll_events(1000);
    // Once per signal received, in the order the probes are written.
    while (g_usr1 > 0 && !g_stop && !exit_requested_) {
      g_usr1 = g_usr1 - 1;
      if (!run_programs(ProbeKind::Signal)) break;
    }
  }
  finish();
  target_.stop();
  return status_;
}

// `text` with each $N replaced by the tool's argument N; false with `missing` set to N when
// the tool has no such argument.
bool substitute_params(const std::string& text, const std::vector<std::string>& args,
                       std::string& out, uint32_t& missing) {
  out.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 >= text.size() ||
        !std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
      out += text[i];
      continue;
    }
    uint32_t n = 0;
    while (i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])))
      n = n * 10 + static_cast<uint32_t>(text[++i] - '0');
    if (n == 0 || n > args.size()) {
      missing = n;
      return false;
    }
    out += args[n - 1];
  }
  return true;
}

// The manifest with the attach points that name $N (uprobe:$1:main) completed from the tool's
// arguments, as bpftrace substitutes them before it resolves a probe.
struct ProbesWithArgs {
  std::vector<ProbeSpec> probes;
  std::deque<std::string> strings;
  Manifest manifest;
};

bool complete_attach_points(const Manifest& m, const ToolOptions& opts, ProbesWithArgs& out) {
  out.manifest = m;
  out.probes.assign(m.probes, m.probes + m.num_probes);
  for (ProbeSpec& p : out.probes) {
    for (const char** field : {&p.target, &p.symbol, &p.display}) {
      if (!*field || !std::strchr(*field, '$')) continue;
      std::string value;
      uint32_t missing = 0;
      if (!substitute_params(*field, opts.args, value, missing)) {
        std::fprintf(stderr,
                     "%s: error: the probe %s names $%u, but the tool was given %zu argument%s\n",
                     opts.name.c_str(), p.display, missing, opts.args.size(),
                     opts.args.size() == 1 ? "" : "s");
        return false;
      }
      *field = out.strings.emplace_back(std::move(value)).c_str();
    }
  }
  out.manifest.probes = out.probes.data();
  return true;
}

} // namespace

int run_tool(const Manifest& manifest, const SkeletonSource& skeleton, int argc, char** argv) {
  install_pieces(manifest);
  ToolOptions opts;
  int status = parse_tool_options(manifest, argc, argv, opts);
  if (status >= 0) return status;
  auto with_args = std::make_unique<ProbesWithArgs>();
  if (!complete_attach_points(manifest, opts, *with_args)) return 1;
  Tool tool(with_args->manifest, std::move(opts));
  return tool.run(skeleton);
}

} // namespace btc::rt
