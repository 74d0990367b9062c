// Unit tests of the ABI shared by the compiler, the generated code and the runtime (btc/abi.h)
// and of the driver the compiler generates from it (toolchain/driver_emit).
#include "toolchain/driver_emit.h"

#include "frontend_test_util.h"

#include <btc/abi.h>
#include <btc/manifest.h>
#include <gtest/gtest.h>

#include <string>

namespace btc {
namespace {

TEST(Abi, KindNamesSpellTheEnumerators) {
  EXPECT_STREQ(rt::name_of(rt::Kind::Int), "Int");
  EXPECT_STREQ(rt::name_of(rt::Kind::Timestamp), "Timestamp");
  EXPECT_STREQ(rt::name_of(rt::Kind::LHist), "LHist");
  EXPECT_STREQ(rt::name_of(rt::ProbeKind::RawTracepoint), "RawTracepoint");
  EXPECT_STREQ(rt::name_of(rt::ProbeKind::Software), "Software");
  EXPECT_STREQ(rt::name_of(rt::EventKind::PrintMap), "PrintMap");
  EXPECT_STREQ(rt::name_of(rt::EventKind::Exit), "Exit");
}

TEST(Abi, AggregationIsAPropertyOfEachKind) {
  for (rt::Kind k : {rt::Kind::Int, rt::Kind::Str, rt::Kind::Tuple, rt::Kind::Timestamp})
    EXPECT_FALSE(rt::is_aggregation(k)) << rt::name_of(k);
  for (rt::Kind k : {rt::Kind::Count, rt::Kind::Sum, rt::Kind::Min, rt::Kind::Max, rt::Kind::Avg,
                     rt::Kind::Stats, rt::Kind::Hist, rt::Kind::LHist})
    EXPECT_TRUE(rt::is_aggregation(k)) << rt::name_of(k);
}

TEST(Abi, ProbeSections) {
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::Begin), "raw_tp");
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::End), "raw_tp");
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::Tracepoint), "tracepoint");
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::RawTracepoint), "raw_tp");
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::Interval), "perf_event");
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::Profile), "perf_event");
  EXPECT_STREQ(rt::section_of(rt::ProbeKind::Software), "perf_event");
}

TEST(Abi, SharedNamesAndLayouts) {
  EXPECT_STREQ(rt::kControlMap, "btc_control");
  EXPECT_STREQ(rt::kEventsMap, "btc_events");
  EXPECT_STREQ(rt::kZeroBuffer, "btc_zero");
  EXPECT_STREQ(BTC_LINE_MARKER, "@btc:");
  EXPECT_EQ(rt::kHistBuckets, 66u);
  EXPECT_EQ(sizeof(rt::EventHeader), 8u);
  EXPECT_EQ(offsetof(rt::btc_minmax, is_set), 8u);
  EXPECT_EQ(offsetof(rt::btc_avg, count), 8u);
  EXPECT_EQ(sizeof(rt::btc_hist), 66u * 8);
}

ManifestData sample_manifest() {
  ManifestData m;
  m.probes.push_back({rt::ProbeKind::Tracepoint, "btc_p0_0", "sched:sched_switch",
                      "tracepoint:sched:sched_switch", 0, false});
  MapEntry map;
  map.name = "@x";
  map.c_name = "m_x";
  map.has_key = true;
  map.key = Type::tuple({Type::integer(), Type::string(16)});
  map.value = Type::of(TypeKind::Count);
  map.per_cpu = true;
  m.maps.push_back(map);
  EventEntry printf_event;
  printf_event.kind = rt::EventKind::Printf;
  printf_event.format = "%d \"%s\"\n";
  printf_event.payload = Type::tuple({Type::integer(), Type::string(64)});
  m.events.push_back(printf_event);
  EventEntry exit_event;
  exit_event.kind = rt::EventKind::Exit;
  exit_event.payload = Type::of(TypeKind::Tuple);
  m.events.push_back(exit_event);
  m.params.push_back({1, true, false, 0});
  return m;
}

TEST(DriverEmit, DesignatedInitializersWithAbiNames) {
  std::string driver =
      emit_driver(sample_manifest(), {"tool", "btc_tool", "s.bt", "BEGIN {}", "1"});
  EXPECT_NE(driver.find("{.kind = ProbeKind::Tracepoint, .program = \"btc_p0_0\", .target = "
                        "\"sched:sched_switch\""),
            std::string::npos)
      << driver;
  EXPECT_NE(driver.find("{.name = \"@x\", .bpf_name = \"m_x\", .key = &"), std::string::npos)
      << driver;
  EXPECT_NE(driver.find("{.kind = EventKind::Printf, .format = \"%d \\\"%s\\\"\\n\", .args = "),
            std::string::npos)
      << driver;
  EXPECT_NE(driver.find("{.kind = EventKind::Exit, .map = -1"), std::string::npos) << driver;
  EXPECT_NE(driver.find("{.kind = Kind::Count, .is_signed = false, .size = 8}"), std::string::npos)
      << driver;
  EXPECT_NE(driver.find("{.kind = Kind::Str, .is_signed = false, .size = 16}"), std::string::npos)
      << driver;
  EXPECT_NE(driver.find("{.kind = Kind::Tuple, .is_signed = false, .size = 24, .fields = "),
            std::string::npos)
      << driver;
  EXPECT_NE(driver.find("{.index = 1, .num_offset = static_cast<int64_t>(offsetof("),
            std::string::npos)
      << driver;
  EXPECT_NE(driver.find(".str_offset = -1"), std::string::npos) << driver;
  EXPECT_NE(driver.find("    .num_events = 2,\n"), std::string::npos) << driver;
}

} // namespace
} // namespace btc
