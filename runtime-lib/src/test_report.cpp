#include "test_report.h"

namespace btc::rt {

std::string test_report(const std::vector<TestResult>& results) {
  std::string out;
  size_t passed = 0;
  for (const TestResult& r : results) {
    passed += r.passed;
    out += (r.passed ? "PASS test:" : "FAIL test:") + r.name + "\n";
    if (r.passed) continue;
    out += r.output;
    if (!r.output.empty() && r.output.back() != '\n') out += '\n';
  }
  out += std::to_string(results.size()) + (results.size() == 1 ? " test: " : " tests: ") +
         std::to_string(passed) + " passed, " + std::to_string(results.size() - passed) +
         " failed\n";
  return out;
}

} // namespace btc::rt
