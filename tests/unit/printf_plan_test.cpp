// Unit tests of PrintfPlan: the text written straight from a payload is printf_text()'s, byte for
// byte, for the conversions it writes by hand and for the ones it hands to the general path.
#include "printf_plan.h"
#include "text_format.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace btc::rt;

namespace {

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kU64{.kind = Kind::Int, .is_signed = false};
const Type kI32{.kind = Kind::Int, .is_signed = true, .size = 4};
const Type kU16{.kind = Kind::Int, .is_signed = false, .size = 2};
const Type kStr8{.kind = Kind::Str, .size = 8};
const Type kBool{.kind = Kind::Bool, .size = 1};

// A payload of one 8-byte slot per argument.
struct Payload {
  std::vector<Field> fields;
  std::vector<uint8_t> bytes;

  void add_int(const Type& t, uint64_t v) {
    fields.push_back({&t, static_cast<uint32_t>(bytes.size())});
    bytes.resize(bytes.size() + 8);
    std::memcpy(bytes.data() + fields.back().offset, &v, t.size);
  }
  void add_str(const std::string& s) {
    fields.push_back({&kStr8, static_cast<uint32_t>(bytes.size())});
    bytes.resize(bytes.size() + 8);
    std::memcpy(bytes.data() + fields.back().offset, s.data(), std::min<size_t>(s.size(), 8));
  }
};

// The plan's text, checked against printf_text() of the decoded arguments.
std::string planned(const std::string& format, const Payload& p) {
  PrintfFormat f = parse_printf_format(format);
  EventSpec e{.kind = EventKind::Printf,
              .format = format.c_str(),
              .args = p.fields.data(),
              .num_args = static_cast<uint32_t>(p.fields.size())};
  PrintfPlan plan(f, e);
  std::string out = "previous ";
  plan.append(p.bytes.data(), out);
  EXPECT_EQ(out, "previous " + printf_text(f, plan.decode(p.bytes.data()))) << format;
  return out.substr(9);
}

} // namespace

TEST(PrintfPlan, IntegersAsPrintfWritesThem) {
  const std::vector<uint64_t> values = {0,
                                        1,
                                        42,
                                        static_cast<uint64_t>(-1),
                                        static_cast<uint64_t>(-42),
                                        0x7fffffff,
                                        0x80000000,
                                        0xffffffff,
                                        0x123456789abcdefull,
                                        0x8000000000000000ull,
                                        0x7fffffffffffffffull};
  const std::vector<std::string> formats = {
      "%d", "%i", "%u", "%x", "%X", "%ld", "%lu", "%lx", "%llX", "%lld", "%jd", "%zu", "%td", "%5d",
      "%-5d|", "%05d", "%-05d|", "%012lx", "%20lld", "%-20llu|", "%0d", "%1d",
      // Handed to the general path.
      "%+d", "% d", "%#x", "%.3d", "%o", "%hd", "%hhu", "%c", "%p", "%5.2ld"};
  for (const Type* t : {&kI64, &kU64, &kI32}) {
    for (uint64_t v : values) {
      for (const std::string& f : formats) {
        Payload p;
        p.add_int(*t, v);
        planned("<" + f + ">", p);
      }
    }
  }
  Payload small;
  small.add_int(kU16, 0xfffe);
  EXPECT_EQ(planned("%d %x\n", small), "65534 %x\n");
  Payload p;
  p.add_int(kI64, static_cast<uint64_t>(-5));
  EXPECT_EQ(planned("%05d|%-4d|%4d|%x|%lx", p), "-0005|%-4d|%4d|%x|%lx");
}

TEST(PrintfPlan, StringsAndMixedArguments) {
  Payload p;
  p.add_int(kI64, 1234);
  p.add_str("evbench");
  p.add_str("12345678"); // fills its 8 bytes: no NUL
  p.add_int(kBool, 1);
  EXPECT_EQ(planned("%d %s %s %d\n", p), "1234 evbench 12345678 1\n");
  EXPECT_EQ(planned("%-6d|%-10s|%3s|%d", p), "1234  |evbench   |12345678|1");
  EXPECT_EQ(planned("%d %.3s %09s %d", p), "1234 evb  12345678 1");
  EXPECT_EQ(planned("%%%d%% 100%% %s%s", p), "%1234% 100% evbench12345678");
  // Fewer arguments than conversions: the rest is printed as written.
  Payload one;
  one.add_str("x");
  EXPECT_EQ(planned("%s %d %s\n", one), "x %d %s\n");
  EXPECT_EQ(planned("no conversions %%\n", one), "no conversions %\n");
}
