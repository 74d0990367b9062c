// hardware and watchpoint probes: perf events of the CPU's counters and of its debug registers,
// each with the probe's program attached (docs/design/user-space.md 5).
#include "attach.h"

#include <algorithm>
#include <bpf/libbpf.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace btc::rt {

namespace {

struct HardwareEvent {
  const char* name;
  uint64_t config;
};

// The names the compiler accepts (sema/probes.cpp), aliases resolved there.
constexpr HardwareEvent kHardwareEvents[] = {
    {"backend-stalls", PERF_COUNT_HW_STALLED_CYCLES_BACKEND},
    {"branch-instructions", PERF_COUNT_HW_BRANCH_INSTRUCTIONS},
    {"branch-misses", PERF_COUNT_HW_BRANCH_MISSES},
    {"bus-cycles", PERF_COUNT_HW_BUS_CYCLES},
    {"cache-misses", PERF_COUNT_HW_CACHE_MISSES},
    {"cache-references", PERF_COUNT_HW_CACHE_REFERENCES},
    {"cpu-cycles", PERF_COUNT_HW_CPU_CYCLES},
    {"frontend-stalls", PERF_COUNT_HW_STALLED_CYCLES_FRONTEND},
    {"instructions", PERF_COUNT_HW_INSTRUCTIONS},
    {"ref-cycles", PERF_COUNT_HW_REF_CPU_CYCLES},
};

int open_perf_event(perf_event_attr* attr, int pid, int cpu) {
  return static_cast<int>(syscall(__NR_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC));
}

// Whether the CPU counts cycles at all: without a CPU PMU (most virtual machines) the kernel
// finds no PMU for PERF_TYPE_HARDWARE and says ENOENT for every event.
bool has_cpu_counters() {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = PERF_COUNT_HW_CPU_CYCLES;
  attr.disabled = 1;
  int fd = open_perf_event(&attr, -1, 0);
  if (fd < 0) return errno != ENOENT && errno != EOPNOTSUPP;
  close(fd);
  return true;
}

} // namespace

bool Attachments::attach_perf_fd(const ProbeSpec& p, bpf_program* prog, int fd,
                                 std::string& error) {
  bpf_link* link = bpf_program__attach_perf_event(prog, fd);
  if (!link) {
    int err = errno;
    close(fd);
    error = std::string("cannot attach ") + p.display + ": " + std::strerror(err);
    errno = err;
    return false;
  }
  links_.push_back(link);
  return true;
}

bool Attachments::attach_hardware(const ProbeSpec& p, bpf_program* prog, std::string& error) {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = ~0ull;
  for (const auto& ev : kHardwareEvents)
    if (std::strcmp(ev.name, p.target) == 0) attr.config = ev.config;
  if (attr.config == ~0ull) {
    error = std::string("unknown hardware event ") + p.target;
    return false;
  }
  attr.sample_period = p.period;
  for (int cpu : online_cpus()) {
    int fd = open_perf_event(&attr, -1, cpu);
    if (fd < 0) {
      int err = errno;
      if ((err == ENOENT || err == EOPNOTSUPP) && !has_cpu_counters())
        error =
            std::string("this machine has no hardware performance counters (") + p.display + ")";
      else if (err == ENOENT || err == EOPNOTSUPP)
        error = std::string("this machine's CPU does not count ") + p.display;
      else
        error = std::string("cannot open a perf event for ") + p.display + " on CPU " +
                std::to_string(cpu) + ": " + std::strerror(err);
      return false;
    }
    if (!attach_perf_fd(p, prog, fd, error)) return false;
  }
  return true;
}

bool Attachments::attach_watchpoint(const ProbeSpec& p, bpf_program* prog, int pid,
                                    uint64_t address, std::string& error) {
  perf_event_attr attr{};
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_BREAKPOINT;
  attr.bp_type = HW_BREAKPOINT_EMPTY;
  for (const char* c = p.watch_mode; *c; ++c)
    attr.bp_type |= *c == 'r' ? HW_BREAKPOINT_R : *c == 'w' ? HW_BREAKPOINT_W : HW_BREAKPOINT_X;
  attr.bp_addr = address;
  attr.bp_len = p.watch_len;
  // Every access runs the program.
  attr.sample_period = 1;
  // A process's watchpoint follows its thread on any CPU; a system-wide one takes a debug
  // register on every CPU.
  std::vector<int> cpus = pid > 0 ? std::vector<int>{-1} : online_cpus();
  for (int cpu : cpus) {
    int fd = open_perf_event(&attr, pid > 0 ? pid : -1, cpu);
    if (fd < 0) {
      int err = errno;
      error = std::string("cannot attach ") + p.display + ": ";
      if (err == ENOSPC)
        error += "no debug register is free (an x86 CPU has 4, for all watchpoints together)";
      else if (err == EINVAL)
        error += "the kernel refuses to watch " + std::to_string(p.watch_len) +
                 " bytes at this address (it must be aligned to the length)";
      else if (err == ESRCH)
        error += "no process " + std::to_string(pid);
      else
        error += std::strerror(err);
      errno = err;
      return false;
    }
    if (!attach_perf_fd(p, prog, fd, error)) return false;
    watches_.push_back({&p, address, links_.back()});
    links_.pop_back();
  }
  return true;
}

bool Attachments::watch(const Manifest& m, uint64_t probe, uint64_t address, int pid,
                        std::string& error) {
  if (probe >= m.num_probes || m.probes[probe].kind != ProbeKind::Watchpoint) {
    error = "internal error: a watchpoint event names probe " + std::to_string(probe);
    errno = EINVAL;
    return false;
  }
  const ProbeSpec& p = m.probes[probe];
  for (const Watch& w : watches_)
    if (w.probe == &p && w.address == address) return true;
  bpf_program* prog = obj_ ? bpf_object__find_program_by_name(obj_, p.program) : nullptr;
  if (!prog) {
    error = std::string("internal error: program ") + p.program + " is missing";
    errno = EINVAL;
    return false;
  }
  if (attach_watchpoint(p, prog, pid, address, error)) return true;
  int err = errno;
  char where[32];
  std::snprintf(where, sizeof where, "0x%llx", static_cast<unsigned long long>(address));
  size_t reason = error.find(": ");
  error = std::string("cannot watch ") + where + " for " + p.display +
          (reason == std::string::npos ? ": " + error : error.substr(reason));
  errno = err;
  return false;
}

void Attachments::unwatch(uint64_t address) {
  auto removed = std::remove_if(watches_.begin(), watches_.end(), [&](const Watch& w) {
    if (w.address != address) return false;
    bpf_link__destroy(w.link);
    return true;
  });
  watches_.erase(removed, watches_.end());
}

void install_hardware_events() {
  static const PieceApi<Piece::HardwareEvents> api = {
      .attach_hardware = &Attachments::attach_hardware,
      .attach_watchpoint = &Attachments::attach_watchpoint,
      .watch = &Attachments::watch,
      .unwatch = &Attachments::unwatch};
  install_piece(api);
}

} // namespace btc::rt
