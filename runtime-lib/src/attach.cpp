#include "attach.h"

#include "text.h"

#include <algorithm>
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

} // namespace

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

bool Attachments::attach_one(const ProbeSpec& p, bpf_program* prog, std::string& error) {
  bpf_link* link = nullptr;
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
  for (uint32_t i = 0; i < m.num_probes; ++i) {
    const ProbeSpec& p = m.probes[i];
    if (p.kind == ProbeKind::Begin || p.kind == ProbeKind::End) continue;
    if (p.kind == ProbeKind::Tracepoint && !ensure_tracefs(error)) return false;
    ++wanted;
    bpf_program* prog = bpf_object__find_program_by_name(obj, p.program);
    if (!prog) {
      error = std::string("internal error: program ") + p.program + " is missing";
      return false;
    }
    std::string why;
    if (attach_one(p, prog, why)) continue;
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
}

} // namespace btc::rt
