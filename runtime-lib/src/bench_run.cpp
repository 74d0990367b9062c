#include "bench_run.h"

#include <algorithm>
#include <bpf/bpf.h>
#include <ctime>
#include <linux/bpf.h>

namespace btc::rt {

namespace {

uint64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

// The time of `runs` runs of `fd`, 0 with errno set when one fails.
bool run_many(int fd, uint64_t runs, uint64_t& elapsed) {
  uint64_t ctx[1] = {0};
  LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = ctx, .ctx_size_in = sizeof ctx);
  uint64_t start = now_ns();
  for (uint64_t i = 0; i < runs; ++i)
    if (bpf_prog_test_run_opts(fd, &opts) != 0) return false;
  elapsed = now_ns() - start;
  return true;
}

} // namespace

int load_empty_program() {
  const bpf_insn insns[] = {
      {BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0}, // r0 = 0
      {BPF_JMP | BPF_EXIT, 0, 0, 0, 0},                  // exit
  };
  return bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "btc_bench_empty", "GPL", insns,
                       sizeof insns / sizeof insns[0], nullptr);
}

bool time_program(int prog_fd, int empty_fd, uint64_t runs, uint64_t& nanoseconds) {
  // Many short rounds, alternating: the fastest of each is one no other work got in the way of.
  constexpr int kRounds = 100;
  uint64_t per_round = std::max<uint64_t>(runs / kRounds, 1);
  uint64_t best_prog = UINT64_MAX, best_empty = UINT64_MAX;
  uint64_t elapsed = 0;
  // One round of each untimed first: caches and the CPU's clock settle.
  if (!run_many(prog_fd, per_round / 10 + 1, elapsed) ||
      !run_many(empty_fd, per_round / 10 + 1, elapsed))
    return false;
  for (int round = 0; round < kRounds; ++round) {
    if (!run_many(prog_fd, per_round, elapsed)) return false;
    best_prog = std::min(best_prog, elapsed);
    if (!run_many(empty_fd, per_round, elapsed)) return false;
    best_empty = std::min(best_empty, elapsed);
  }
  nanoseconds = best_prog > best_empty ? (best_prog - best_empty) / per_round : 0;
  return true;
}

} // namespace btc::rt
