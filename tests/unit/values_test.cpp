// Unit tests of decoding: map and event bytes into typed values, per-CPU copies combined.
#include "values.h"

#include "map_order.h"
#include "text_format.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

using namespace btc::rt;

namespace {

struct Bytes {
  std::vector<uint8_t> b;
  Bytes& u64(uint64_t v) { return raw(&v, 8); }
  Bytes& i64(int64_t v) { return u64(static_cast<uint64_t>(v)); }
  Bytes& u32(uint32_t v) { return raw(&v, 4); }
  Bytes& u16(uint16_t v) { return raw(&v, 2); }
  Bytes& u8(uint8_t v) { return raw(&v, 1); }
  Bytes& str(const std::string& s, size_t size) {
    size_t at = b.size();
    b.resize(at + size, 0);
    std::memcpy(b.data() + at, s.data(), std::min(s.size(), size));
    return *this;
  }
  Bytes& raw(const void* p, size_t n) {
    size_t at = b.size();
    b.resize(at + n);
    std::memcpy(b.data() + at, p, n);
    return *this;
  }
  operator std::vector<uint8_t>() const { return b; }
};

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kU64{.kind = Kind::Int};
const Type kI32{.kind = Kind::Int, .is_signed = true, .size = 4};
const Type kU16{.kind = Kind::Int, .size = 2};
const Type kI8{.kind = Kind::Int, .is_signed = true, .size = 1};
const Type kStr8{.kind = Kind::Str, .size = 8};
const Type kCount{.kind = Kind::Count};
const Type kSum{.kind = Kind::Sum, .is_signed = true};
const Type kMin{.kind = Kind::Min, .is_signed = true, .size = 16};
const Type kMax{.kind = Kind::Max, .is_signed = true, .size = 16};
const Type kAvg{.kind = Kind::Avg, .is_signed = true, .size = 16};
const Type kHist{.kind = Kind::Hist, .size = kHistBuckets * 8};
const Type kTs{.kind = Kind::Timestamp, .strftime_fmt = "%s"};

const Field kPairFields[] = {{&kI32, 0}, {&kStr8, 8}};
const Type kPair{.kind = Kind::Tuple, .size = 16, .fields = kPairFields, .num_fields = 2};

} // namespace

TEST(DecodeValue, IntegersBySizeAndSignedness) {
  EXPECT_EQ(decode_value(kI64, Bytes().i64(-5).b.data()).as_signed(), -5);
  EXPECT_EQ(decode_value(kU64, Bytes().u64(~0ull).b.data()).num, ~0ull);
  EXPECT_EQ(decode_value(kI32, Bytes().u32(0xffffffffu).b.data()).as_signed(), -1);
  EXPECT_EQ(decode_value(kU16, Bytes().u16(0xffff).b.data()).num, 0xffffu);
  EXPECT_EQ(decode_value(kI8, Bytes().u8(0x80).b.data()).as_signed(), -128);
  Value v = decode_value(kI32, Bytes().u32(7).b.data());
  EXPECT_EQ(v.type, &kI32);
  EXPECT_EQ(v.kind(), Kind::Int);
}

TEST(DecodeValue, StringsStopAtNulOrBufferEnd) {
  EXPECT_EQ(decode_value(kStr8, Bytes().str("abc", 8).b.data()).str, "abc");
  EXPECT_EQ(decode_value(kStr8, Bytes().str("abcdefghij", 8).b.data()).str, "abcdefgh");
}

// str_trunc_trailer: only a string of the max_strlen size that fills it (NUL last) gets it.
TEST(DecodeValue, TruncatedStringsGetTheTrailer) {
  set_truncation_trailer(8, "..");
  EXPECT_EQ(decode_value(kStr8, Bytes().str("abcdefg", 8).b.data()).str, "abcdefg..");
  EXPECT_EQ(decode_value(kStr8, Bytes().str("abcdef", 8).b.data()).str, "abcdef");
  const Type str4{.kind = Kind::Str, .size = 4};
  EXPECT_EQ(decode_value(str4, Bytes().str("abc", 4).b.data()).str, "abc");
  set_truncation_trailer(8, "");
  EXPECT_EQ(decode_value(kStr8, Bytes().str("abcdefg", 8).b.data()).str, "abcdefg");
}

TEST(DecodeValue, TuplesDecodeTheirFields) {
  Value v = decode_value(kPair, Bytes().u32(0xfffffffeu).u32(0).str("xy", 8).b.data());
  ASSERT_EQ(v.fields.size(), 2u);
  EXPECT_EQ(v.fields[0].as_signed(), -2);
  EXPECT_EQ(v.fields[1].str, "xy");
}

TEST(DecodeValue, TimestampKeepsNanoseconds) {
  Value v = decode_value(kTs, Bytes().u64(1234567890123).b.data());
  EXPECT_EQ(v.num, 1234567890123u);
  EXPECT_STREQ(v.type->strftime_fmt, "%s");
}

TEST(DecodeCombined, CountAndSumAddCpus) {
  std::vector<uint8_t> c = Bytes().u64(3).u64(0).u64(4);
  EXPECT_EQ(decode_combined(kCount, c.data(), 8, 3).num, 7u);
  std::vector<uint8_t> s = Bytes().i64(-10).i64(3).i64(0);
  EXPECT_EQ(decode_combined(kSum, s.data(), 8, 3).as_signed(), -7);
}

TEST(DecodeCombined, MinMaxSkipCpusWithoutValue) {
  // CPU 1 never saw a value: its -100 must not count.
  std::vector<uint8_t> b = Bytes().i64(5).u64(1).i64(-100).u64(0).i64(9).u64(1);
  Value min = decode_combined(kMin, b.data(), 16, 3);
  EXPECT_TRUE(min.is_set);
  EXPECT_EQ(min.as_signed(), 5);
  EXPECT_EQ(decode_combined(kMax, b.data(), 16, 3).as_signed(), 9);
  std::vector<uint8_t> none = Bytes().i64(4).u64(0).i64(8).u64(0);
  Value unset = decode_combined(kMax, none.data(), 16, 2);
  EXPECT_FALSE(unset.is_set);
  EXPECT_EQ(unset.num, 0u);
}

TEST(DecodeCombined, AvgKeepsTotalAndCount) {
  std::vector<uint8_t> b = Bytes().i64(-9).u64(2).i64(2).u64(1);
  Value v = decode_combined(kAvg, b.data(), 16, 2);
  EXPECT_EQ(v.total, -7);
  EXPECT_EQ(v.count, 3);
  EXPECT_EQ(v.average(), -2);
  Value empty;
  empty.type = &kAvg;
  EXPECT_EQ(empty.average(), 0);
}

TEST(DecodeCombined, HistBucketsAddCpus) {
  Bytes b;
  for (uint32_t cpu = 0; cpu < 2; cpu++)
    for (uint32_t k = 0; k < kHistBuckets; k++) b.u64(k == 3 ? cpu + 1 : 0);
  Value v = decode_combined(kHist, b.b.data(), kHistBuckets * 8, 2);
  ASSERT_EQ(v.buckets.size(), kHistBuckets);
  EXPECT_EQ(v.buckets[3], 3u);
  EXPECT_EQ(v.buckets[2], 0u);
}

TEST(DecodeMap, PerCpuStrideAndShortEntries) {
  // A 4-byte per-CPU value is stored 8 bytes apart.
  const Type count4{.kind = Kind::Count, .size = 4};
  MapSpec m{"@m", "AT_m", &kI64, &count4, true};
  std::vector<MapEntry> entries = {
      {Bytes().i64(1), Bytes().u64(2).u64(5)},
      {Bytes().u32(1), Bytes().u64(1).u64(1)}, // key too short: dropped
      {Bytes().i64(2), Bytes().u16(1)},        // value too short: dropped
  };
  MapSnapshot snap = decode_map(m, entries);
  ASSERT_EQ(snap.items.size(), 1u);
  EXPECT_EQ(snap.map, &m);
  EXPECT_EQ(snap.items[0].key.as_signed(), 1);
  EXPECT_EQ(snap.items[0].value.num, 7u);
}

TEST(DecodeMap, MapWithoutKeys) {
  MapSpec m{"@v", "AT_v", nullptr, &kI64, false};
  MapSnapshot snap = decode_map(m, {{Bytes().u64(0), Bytes().i64(-3)}});
  ASSERT_EQ(snap.items.size(), 1u);
  EXPECT_EQ(snap.items[0].key.type, nullptr);
  EXPECT_EQ(map_text(snap), "@v: -3\n");
}

TEST(TextFormat, RendersDecodedValues) {
  Value v = decode_value(kPair, Bytes().u32(0xfffffffeu).u32(0).str("xy", 8).b.data());
  EXPECT_EQ(value_text(v), "(-2, xy)");
  EXPECT_EQ(key_text(v), "-2, xy");
  EXPECT_EQ(key_text(decode_value(kU64, Bytes().u64(~0ull).b.data())), "-1");
  EXPECT_EQ(value_text(decode_value(kU64, Bytes().u64(~0ull).b.data())), "18446744073709551615");
}

TEST(DecodeValue, MacAddrIsUpperCaseHexPairs) {
  const Type mac{.kind = Kind::MacAddr};
  Value v =
      decode_value(mac, Bytes().u8(0x0f).u8(0x1f).u8(0x44).u8(0).u8(0xab).u8(0x41).u16(0).b.data());
  EXPECT_EQ(v.str, "0F:1F:44:00:AB:41");
  EXPECT_EQ(value_text(v), "0F:1F:44:00:AB:41");
}

// tseries: per slot the latest interval any CPU holds, its CPUs combined; every key's points
// laid from its first interval in the window to the map's latest one.
TEST(DecodeMap, TseriesCombinesLatestIntervalAndPlacesPoints) {
  const Type ts{.kind = Kind::TSeries,
                .is_signed = true,
                .size = 4 * 24,
                .tseries_interval = 100000000,
                .tseries_count = 4,
                .tseries_agg = TSeriesAgg::Min};
  MapSpec m{"@t", "m_t", &kI64, &ts, true};
  auto slots = [](std::vector<std::array<int64_t, 2>> s) { // {value, epoch} per slot
    Bytes b;
    for (auto [value, epoch] : s) b.i64(value).u64(0).u64(static_cast<uint64_t>(epoch));
    return b;
  };
  // Key 1: slot 0 epoch 8; slot 2 epoch 10 on both CPUs (min 3); slot 3 epoch 11 on CPU 0,
  // an older epoch 7 on CPU 1 (ignored).
  Bytes k1 = slots({{1, 8}, {0, 0}, {5, 10}, {-2, 11}});
  Bytes cpu1 = slots({{0, 0}, {0, 0}, {3, 10}, {100, 7}});
  k1.raw(cpu1.b.data(), cpu1.b.size());
  // Key 2: one value in epoch 9 (slot 1).
  Bytes k2 = slots({{0, 0}, {4, 9}, {0, 0}, {0, 0}});
  Bytes empty = slots({{0, 0}, {0, 0}, {0, 0}, {0, 0}});
  k2.raw(empty.b.data(), empty.b.size());
  MapSnapshot snap = decode_map(m, {{Bytes().i64(1), k1}, {Bytes().i64(2), k2}});
  ASSERT_EQ(snap.items.size(), 2u);
  const auto& p1 = snap.items[0].value.series;
  ASSERT_EQ(p1.size(), 4u);
  EXPECT_EQ(p1[0].start_ns, 800000000u);
  EXPECT_EQ(static_cast<int64_t>(p1[0].value), 1);
  EXPECT_FALSE(p1[1].present);
  EXPECT_EQ(static_cast<int64_t>(p1[2].value), 3);
  EXPECT_EQ(static_cast<int64_t>(p1[3].value), -2);
  const auto& p2 = snap.items[1].value.series;
  ASSERT_EQ(p2.size(), 3u); // epochs 9 to the map's latest, 11
  EXPECT_TRUE(p2[0].present);
  EXPECT_FALSE(p2[1].present);
  EXPECT_FALSE(p2[2].present);

  // The graph of key 1: min -2, max 3; zero at (int)(53f * 2 / 5) = 21, 1 at
  // (int)(52f * 3 / 5) = 31 (the time column is 12 wide, then a space).
  std::string text = value_text(snap.items[0].value);
  std::vector<std::string> lines;
  for (size_t at = 0, nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(text.substr(at, nl - at));
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], std::string(13, ' ') + "-2" + std::string(19 + 31, ' ') + "3");
  EXPECT_EQ(lines[1], "hh:mm:ss.ms  |" + std::string(51, '_') + "|");
  EXPECT_EQ(lines[2].substr(13), "|" + std::string(20, ' ') + "." + std::string(9, ' ') + "*" +
                                     std::string(20, ' ') + "| 1");
  EXPECT_EQ(lines[3].substr(13), "|" + std::string(20, ' ') + "." + std::string(30, ' ') + "| -");
  EXPECT_EQ(lines[5].substr(13), "*" + std::string(20, ' ') + "." + std::string(30, ' ') + "| -2");
  EXPECT_EQ(lines[6], std::string(13, ' ') + "v" + std::string(51, '_') + "v");
}
