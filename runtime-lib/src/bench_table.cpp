#include "bench_table.h"

#include <algorithm>

namespace btc::rt {

namespace {

std::string padded(const std::string& text, size_t width) {
  return text + std::string(width - text.size(), ' ');
}

} // namespace

std::string bench_table(std::vector<BenchResult> results) {
  std::sort(results.begin(), results.end(),
            [](const BenchResult& a, const BenchResult& b) { return a.name < b.name; });
  const std::string head1 = "BENCHMARK", head2 = "NANOSECONDS";
  size_t w1 = head1.size(), w2 = head2.size();
  for (const BenchResult& r : results) {
    w1 = std::max(w1, r.name.size());
    w2 = std::max(w2, std::to_string(r.nanoseconds).size());
  }
  const std::string rule = "+" + std::string(w1 + 2, '-') + "+" + std::string(w2 + 2, '-') + "+\n";
  auto row = [&](const std::string& a, const std::string& b) {
    return "| " + padded(a, w1) + " | " + padded(b, w2) + " |\n";
  };
  std::string out = rule + row(head1, head2) + rule;
  for (const BenchResult& r : results) out += row(r.name, std::to_string(r.nanoseconds));
  return out + rule;
}

} // namespace btc::rt
