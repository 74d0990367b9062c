// --test's report: a line per test, a failed one's output after it, then the counts.
#include "test_report.h"

#include <gtest/gtest.h>

using namespace btc::rt;

TEST(TestReport, FailedTestsShowTheirOutput) {
  EXPECT_EQ(test_report({{"okay", true, "hidden\n"}, {"bad", false, "shown\nno newline"}}),
            "PASS test:okay\n"
            "FAIL test:bad\n"
            "shown\n"
            "no newline\n"
            "2 tests: 1 passed, 1 failed\n");
}

TEST(TestReport, OneTestAndNone) {
  EXPECT_EQ(test_report({{"t", true, ""}}), "PASS test:t\n1 test: 1 passed, 0 failed\n");
  EXPECT_EQ(test_report({}), "0 tests: 0 passed, 0 failed\n");
}
