// Unit tests of the JSON output (-f json). Every expected line is bpftrace 0.17's `-f json` line
// for the value or map described above it, except where the comment names a difference of
// docs/differences.md.
#include "json_format.h"
#include "json_sink.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdio>
#include <string>

using namespace btc::rt;

namespace {

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kU8{.kind = Kind::Int, .size = 1};
const Type kStr{.kind = Kind::Str, .size = 64};
const Type kCount{.kind = Kind::Count};
const Type kAvg{.kind = Kind::Avg, .is_signed = true, .size = 16};
const Type kStats{.kind = Kind::Stats, .is_signed = true, .size = 16};
const Type kHist{.kind = Kind::Hist, .size = kHistBuckets * 8};
const Type kStrerror{.kind = Kind::Strerror};
const Type kMac{.kind = Kind::MacAddr, .size = 6};
const Type kTime{.kind = Kind::Timestamp, .strftime_fmt = "fixed"};
const Type kBool{.kind = Kind::Bool, .size = 1};
const Field kPairFields[] = {{&kI64, 0}, {&kStr, 8}};
const Type kPair{.kind = Kind::Tuple, .size = 72, .fields = kPairFields, .num_fields = 2};
const Field kRlimitFields[] = {{&kI64, 0, "rlim_cur"}, {&kI64, 8, "rlim_max"}};
const Type kRlimit{.kind = Kind::Record, .size = 16, .fields = kRlimitFields, .num_fields = 2};
const Field kBytesField[] = {{&kU8, 0}};
const Type kBytes{.kind = Kind::Array, .size = 3, .fields = kBytesField, .count = 3};

Value num(const Type& t, int64_t n) {
  Value v;
  v.type = &t;
  v.num = static_cast<uint64_t>(n);
  return v;
}

Value str(const std::string& s) {
  Value v;
  v.type = &kStr;
  v.str = s;
  return v;
}

Value tuple(const Type& t, std::vector<Value> fields) {
  Value v;
  v.type = &t;
  v.fields = std::move(fields);
  return v;
}

Value stats(const Type& t, int64_t total, int64_t count) {
  Value v;
  v.type = &t;
  v.total = total;
  v.count = count;
  return v;
}

Value buckets(const Type& t, std::vector<uint64_t> b) {
  Value v;
  v.type = &t;
  v.buckets = std::move(b);
  v.buckets.resize(t.kind == Kind::Hist ? kHistBuckets : lhist_buckets(t));
  return v;
}

std::string contents(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[256];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

} // namespace

TEST(JsonFormat, EscapesStrings) {
  // printf("q\" b\\ \t\r\n\x01\x1f/\x7f")
  EXPECT_EQ(json_string("q\" b\\ \t\r\n\x01\x1f/\x7f"), R"("q\" b\\ \t\r\n\u0001\u001f/)"
                                                        "\x7f\"");
  // Differs from 0.17 (`\uffffffc3\uffffffa9`): valid UTF-8 stays as it is, other bytes over 0x7f
  // are \u00XX.
  EXPECT_EQ(json_string("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "\"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  EXPECT_EQ(json_string("\xff\xc3(\xe2\x82 \xed\xa0\x80 \xc0\xaf"),
            R"("\u00ff\u00c3(\u00e2\u0082 \u00ed\u00a0\u0080 \u00c0\u00af")");
  EXPECT_EQ(json_string(""), "\"\"");
}

TEST(JsonFormat, Values) {
  EXPECT_EQ(json_value(num(kI64, -5)), "-5");
  EXPECT_EQ(json_value(str("s\"x")), R"("s\"x")");
  // print((1, "a"))
  EXPECT_EQ(json_value(tuple(kPair, {num(kI64, 1), str("a")})), R"([1,"a"])");
  // print(curtask->signal->rlim[1])
  EXPECT_EQ(json_value(tuple(kRlimit, {num(kI64, 8), num(kI64, -1)})),
            R"({ "rlim_cur": 8, "rlim_max": -1 })");
  EXPECT_EQ(json_value(tuple(kBytes, {num(kU8, 1), num(kU8, 2), num(kU8, 3)})), "[1,2,3]");
  // Differs from 0.17 (`No such file or directory` unquoted): strerror() text is a string.
  EXPECT_EQ(json_value(num(kStrerror, 2)), R"("No such file or directory")");
  // Differs from 0.17 (unquoted): macaddr() and strftime() text are strings too.
  Value mac = str("0F:1F:44:00:00:41");
  mac.type = &kMac;
  EXPECT_EQ(json_value(mac), R"("0F:1F:44:00:00:41")");
  EXPECT_EQ(json_value(num(kTime, 0)), R"("fixed")");
  EXPECT_EQ(json_value(num(kBool, 1)), "true");
  EXPECT_EQ(json_value(stats(kStats, 13, 2)), R"({"count": 2, "average": 6, "total": 13})");
  EXPECT_EQ(json_value(stats(kAvg, 13, 2), 2), "3");
}

TEST(JsonFormat, Histograms) {
  // @h = hist(-1); @h = hist(0); @h = hist(5); @h = hist(1000)
  EXPECT_EQ(json_value(buckets(kHist, {1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1})),
            R"([{"max": -1, "count": 1}, {"min": 0, "max": 0, "count": 1}, )"
            R"({"min": 1, "max": 1, "count": 0}, {"min": 2, "max": 3, "count": 0}, )"
            R"({"min": 4, "max": 7, "count": 1}, {"min": 8, "max": 15, "count": 0}, )"
            R"({"min": 16, "max": 31, "count": 0}, {"min": 32, "max": 63, "count": 0}, )"
            R"({"min": 64, "max": 127, "count": 0}, {"min": 128, "max": 255, "count": 0}, )"
            R"({"min": 256, "max": 511, "count": 0}, {"min": 512, "max": 1023, "count": 1}])");
  // print(@h, 0, 2) of hist(1 << 20) twice
  std::vector<uint64_t> big(23, 0);
  big[22] = 2;
  EXPECT_EQ(json_value(buckets(kHist, big), 2),
            R"([{"min": 1048576, "max": 2097151, "count": 1}])");
  EXPECT_EQ(json_value(buckets(kHist, {})), "[]");
  // @l = lhist(-5, 0, 100, 10); @l = lhist(5, 0, 100, 10); @l = lhist(200, 0, 100, 10)
  Type lhist{.kind = Kind::LHist, .lhist_min = 0, .lhist_max = 100, .lhist_step = 10};
  EXPECT_EQ(json_value(buckets(lhist, {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})),
            R"([{"max": -1, "count": 1}, {"min": 0, "max": 9, "count": 1}, )"
            R"({"min": 10, "max": 19, "count": 0}, {"min": 20, "max": 29, "count": 0}, )"
            R"({"min": 30, "max": 39, "count": 0}, {"min": 40, "max": 49, "count": 0}, )"
            R"({"min": 50, "max": 59, "count": 0}, {"min": 60, "max": 69, "count": 0}, )"
            R"({"min": 70, "max": 79, "count": 0}, {"min": 80, "max": 89, "count": 0}, )"
            R"({"min": 90, "max": 99, "count": 0}, {"min": 100, "count": 1}])");
  // lhist(9, 0, 10, 3): the overflow bucket starts at 10, after the last whole step
  Type odd{.kind = Kind::LHist, .lhist_min = 0, .lhist_max = 10, .lhist_step = 3};
  EXPECT_EQ(json_value(buckets(odd, {0, 0, 0, 0, 1})), R"([{"min": 10, "count": 1}])");
}

TEST(JsonFormat, Maps) {
  MapSpec scalar{"@c", "AT_c", nullptr, &kCount, true};
  EXPECT_EQ(json_map({&scalar, {{Value{}, num(kCount, 3)}}}),
            "{\"type\": \"map\", \"data\": {\"@c\": 3}}\n");
  // A count() map without keys that never fired, as in text.
  EXPECT_EQ(json_map({&scalar, {}}), "{\"type\": \"map\", \"data\": {\"@c\": 0}}\n");
  MapSpec keyed{"@a", "AT_a", &kI64, &kI64, false};
  EXPECT_EQ(json_map({&keyed, {}}), "");
  EXPECT_EQ(json_map({&keyed, {{num(kI64, 1), num(kI64, 2)}, {num(kI64, -2), num(kI64, 5)}}}),
            "{\"type\": \"map\", \"data\": {\"@a\": {\"1\": 2, \"-2\": 5}}}\n");
  // @t["a,b", "q\""] = 3: key elements joined with a comma, then escaped
  MapSpec pair_key{"@t", "AT_t", &kPair, &kCount, true};
  EXPECT_EQ(json_map({&pair_key, {{tuple(kPair, {num(kI64, -1), str("q\"")}), num(kCount, 3)}}}),
            "{\"type\": \"map\", \"data\": {\"@t\": {\"-1,q\\\"\": 3}}}\n");
  // print(@s, 1, 2) of stats: top and div are ignored
  MapSpec st{"@s", "AT_s", &kI64, &kStats, true};
  EXPECT_EQ(
      json_map({&st, {{num(kI64, 1), stats(kStats, 5, 1)}, {num(kI64, 2), stats(kStats, 10, 1)}}},
               1, 2),
      "{\"type\": \"stats\", \"data\": {\"@s\": {\"1\": {\"count\": 1, \"average\": 5, "
      "\"total\": 5}, \"2\": {\"count\": 1, \"average\": 10, \"total\": 10}}}}\n");
  // print(@a, 1, 2) of avg: the last entry, divided
  MapSpec av{"@a", "AT_a", &kI64, &kAvg, true};
  EXPECT_EQ(
      json_map({&av, {{num(kI64, 1), stats(kAvg, 4, 1)}, {num(kI64, 2), stats(kAvg, 7, 1)}}}, 1, 2),
      "{\"type\": \"stats\", \"data\": {\"@a\": {\"2\": 3}}}\n");
  MapSpec h{"@h", "AT_h", nullptr, &kHist, true};
  EXPECT_EQ(json_map({&h, {{Value{}, buckets(kHist, {})}}}),
            "{\"type\": \"hist\", \"data\": {\"@h\": []}}\n");
}

TEST(JsonSink, WritesEveryKindOfOutput) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  JsonSink sink(f, false);
  sink.attaching(2);
  sink.printf(parse_printf_format("a=%d \"%s\"\n"), {num(kI64, -1), str("x\ty")});
  sink.time_text("12:00:00\n");
  sink.text(TextKind::Cat, "line\n");
  sink.text(TextKind::System, "out\n");
  sink.text(TextKind::Join, "a b");
  sink.print_value(num(kI64, -4));
  MapSpec c{"@c", "AT_c", nullptr, &kCount, true};
  MapSpec k{"@k", "AT_k", &kI64, &kCount, true};
  sink.print_map({&k, {}}, 0, 0);
  sink.lost_events(3);
  sink.maps_at_exit({{&c, {}}, {&k, {}}});
  sink.flush();
  EXPECT_EQ(sink.write_error(), 0);
  EXPECT_EQ(contents(f), "{\"type\": \"attached_probes\", \"data\": {\"probes\": 2}}\n"
                         "{\"type\": \"printf\", \"data\": \"a=-1 \\\"x\\ty\\\"\\n\"}\n"
                         "{\"type\": \"time\", \"data\": \"12:00:00\\n\"}\n"
                         "{\"type\": \"cat\", \"data\": \"line\\n\"}\n"
                         "{\"type\": \"syscall\", \"data\": \"out\\n\"}\n"
                         "{\"type\": \"join\", \"data\": \"a b\"}\n"
                         "{\"type\": \"value\", \"data\": -4}\n"
                         "{\"type\": \"lost_events\", \"data\": {\"events\": 3}}\n"
                         "\n\n"
                         "{\"type\": \"map\", \"data\": {\"@c\": 0}}\n");
  std::fclose(f);
}

TEST(JsonSink, AnOutputFileHoldsOnlyJsonLines) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  JsonSink sink(f, true);
  MapSpec c{"@c", "AT_c", nullptr, &kCount, true};
  sink.maps_at_exit({{&c, {}}});
  sink.flush();
  EXPECT_EQ(contents(f), "{\"type\": \"map\", \"data\": {\"@c\": 0}}\n");
  std::fclose(f);
}

TEST(JsonSink, KeepsTheFirstWriteError) {
  FILE* f = std::fopen("/dev/full", "w");
  ASSERT_NE(f, nullptr);
  JsonSink sink(f, true);
  sink.printf(parse_printf_format("lost\n"), {});
  sink.flush();
  EXPECT_EQ(sink.write_error(), ENOSPC);
  std::fclose(f);
}
