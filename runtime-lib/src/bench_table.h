// --bench: the results of a script's bench:NAME probes and the table that prints them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace btc::rt {

struct BenchResult {
  std::string name;     // NAME of bench:NAME
  uint64_t nanoseconds; // average time of one run
};

// The table current bpftrace prints after --bench: a BENCHMARK and a NANOSECONDS column, each
// as wide as its widest cell, rows in name order, between +---+ rules.
std::string bench_table(std::vector<BenchResult> results);

} // namespace btc::rt
