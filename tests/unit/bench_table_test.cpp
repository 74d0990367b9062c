// --bench's table: columns as wide as their widest cell, rows in name order.
#include "bench_table.h"

#include <gtest/gtest.h>

using namespace btc::rt;

TEST(BenchTable, HeadingsSetTheMinimumWidth) {
  EXPECT_EQ(bench_table({{"lhist", 88}, {"count", 40}, {"my_loop", 124}}),
            "+-----------+-------------+\n"
            "| BENCHMARK | NANOSECONDS |\n"
            "+-----------+-------------+\n"
            "| count     | 40          |\n"
            "| lhist     | 88          |\n"
            "| my_loop   | 124         |\n"
            "+-----------+-------------+\n");
}

TEST(BenchTable, LongCellsWidenTheirColumn) {
  EXPECT_EQ(bench_table({{"a_rather_long_name", 123456789012345}}),
            "+--------------------+-----------------+\n"
            "| BENCHMARK          | NANOSECONDS     |\n"
            "+--------------------+-----------------+\n"
            "| a_rather_long_name | 123456789012345 |\n"
            "+--------------------+-----------------+\n");
}

TEST(BenchTable, NoBenchProbes) {
  EXPECT_EQ(bench_table({}), "+-----------+-------------+\n"
                             "| BENCHMARK | NANOSECONDS |\n"
                             "+-----------+-------------+\n"
                             "+-----------+-------------+\n");
}
