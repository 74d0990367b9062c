#include "toolchain/stage_times.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/resource.h>
#include <vector>

namespace btc {

namespace {

using Clock = std::chrono::steady_clock;

bool enabled() {
  static const bool on = [] {
    const char* v = std::getenv("BTC_TIMINGS");
    return v && *v && std::strcmp(v, "0") != 0;
  }();
  return on;
}

// CPU seconds of this process (every thread: Clang runs on one of its own) and of the children
// it waited for (bpftool, the C++ compiler and linker): on a busy machine wall time says little.
double cpu_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage u{};
    getrusage(who, &u);
    for (const timeval& t : {u.ru_utime, u.ru_stime})
      total += static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  }
  return total;
}

struct Stage {
  const char* name;
  double wall, cpu;
};

struct Stages {
  Clock::time_point start = Clock::now(), last = start;
  double cpu_start = cpu_seconds(), cpu_last = cpu_start;
  std::vector<Stage> ended;
};

// Created when the process starts, so that the first stage counts from there.
Stages g_stages;

} // namespace

void end_stage(const char* name) {
  if (!enabled()) return;
  Clock::time_point now = Clock::now();
  double cpu = cpu_seconds();
  g_stages.ended.push_back(
      {name, std::chrono::duration<double>(now - g_stages.last).count(), cpu - g_stages.cpu_last});
  g_stages.last = now;
  g_stages.cpu_last = cpu;
}

void report_stage_times() {
  if (!enabled()) return;
  std::string line = "btc: timings (wall/cpu):";
  char buf[96];
  for (const Stage& s : g_stages.ended) {
    std::snprintf(buf, sizeof buf, " %s %.2f/%.2f s,", s.name, s.wall, s.cpu);
    line += buf;
  }
  std::snprintf(buf, sizeof buf, " total %.2f/%.2f s\n",
                std::chrono::duration<double>(g_stages.last - g_stages.start).count(),
                g_stages.cpu_last - g_stages.cpu_start);
  line += buf;
  std::fputs(line.c_str(), stderr);
}

} // namespace btc
