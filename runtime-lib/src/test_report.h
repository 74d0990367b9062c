// --test: the results of a script's test:NAME probes and the report that prints them.
#pragma once

#include <string>
#include <vector>

namespace btc::rt {

struct TestResult {
  std::string name;   // NAME of test:NAME
  bool passed;        // its program returned 0 and it did not call exit()
  std::string output; // what it printed, held back: shown when it failed
};

// One line per test in script order, `PASS test:NAME` or `FAIL test:NAME` and after a failure
// its output; then `N tests: P passed, F failed`.
std::string test_report(const std::vector<TestResult>& results);

} // namespace btc::rt
