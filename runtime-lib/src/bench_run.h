// --bench: timing a bench:NAME probe's program with BPF_PROG_TEST_RUN.
#pragma once

#include <cstdint>

namespace btc::rt {

// An empty raw_tp program (return 0), run as often as a bench probe: its time is the syscall's
// own, taken off the probe's. -1 with errno set when the kernel refuses it.
int load_empty_program();

// The average time in nanoseconds of one run of `prog_fd` beyond one of `empty_fd`, over
// `runs` runs of each (the best of 100 alternating rounds, so a preempted round does not count).
// The kernel does not time raw_tp programs (BPF_PROG_TEST_RUN's `repeat` and `duration` are for
// networking programs), so the tool does. False with errno set when a run fails.
bool time_program(int prog_fd, int empty_fd, uint64_t runs, uint64_t& nanoseconds);

} // namespace btc::rt
