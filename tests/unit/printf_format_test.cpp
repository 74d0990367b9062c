// Unit tests of printf() format parsing, checking and formatting. Every expected string was
// printed (or reported) by bpftrace 0.17 for the same format and arguments.
#include "btc/printf_format.h"
#include "text_format.h"
#include "values.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <variant>
#include <vector>

using namespace btc::rt;

namespace {

// A Printf event as the tool handles it: each argument decoded from the payload, then the
// text sink's printf.
std::string format_payload(const PrintfFormat& f, const Field* args, uint32_t nargs,
                           const uint8_t* payload) {
  std::vector<Value> values;
  for (uint32_t i = 0; i < nargs; ++i)
    values.push_back(decode_value(*args[i].type, payload + args[i].offset));
  return printf_text(f, values);
}

std::string format_payload(const char* format, const Field* args, uint32_t nargs,
                           const uint8_t* payload) {
  return format_payload(parse_printf_format(format), args, nargs, payload);
}

const Type kI64{.kind = Kind::Int, .is_signed = true};
const Type kU64{.kind = Kind::Int, .is_signed = false};
const Type kStr{.kind = Kind::Str, .size = 64};

using Arg = std::variant<int64_t, std::string>;

// Lays the arguments out like a Printf event payload (8-byte ints, 64-byte strings) and formats.
std::string fmt(const char* format, const std::vector<Arg>& args) {
  std::vector<Field> fields;
  std::vector<uint8_t> payload;
  for (const Arg& a : args) {
    uint32_t off = static_cast<uint32_t>(payload.size());
    if (const int64_t* v = std::get_if<int64_t>(&a)) {
      fields.push_back(Field{&kI64, off});
      payload.resize(off + 8);
      std::memcpy(payload.data() + off, v, 8);
    } else {
      const std::string& s = std::get<std::string>(a);
      fields.push_back(Field{&kStr, off});
      payload.resize(off + 64, 0);
      std::memcpy(payload.data() + off, s.data(), s.size());
    }
  }
  PrintfFormat f = parse_printf_format(format);
  return format_payload(f, fields.data(), static_cast<uint32_t>(fields.size()), payload.data());
}

const PrintfArgType kInt{ArgClass::Integer, "integer"};
const PrintfArgType kString{ArgClass::String, "string"};

std::string check(const char* format, const std::vector<PrintfArgType>& args,
                  const char* func = "printf") {
  return check_printf_args(parse_printf_format(format), args, func);
}

size_t count(const char* format) {
  return parse_printf_format(format).conversions.size();
}

} // namespace

// ---- parsing ---------------------------------------------------------------------------------

// Which specifications bpftrace 0.17 counts: printf("<%X>\n", 65) either ran or failed with
// "Too many arguments for format string (1 supplied, 0 expected)".
TEST(PrintfParse, CountedConversions) {
  for (const char* f :
       {"%d",  "%u",   "%o",   "%x",    "%X",     "%c",    "%s",    "%p",    "%hd",   "%hhd",
        "%ld", "%lld", "%jd",  "%zd",   "%td",    "%hu",   "%hhu",  "%lu",   "%llu",  "%ju",
        "%zu", "%tu",  "%hx",  "%lx",   "%llx",   "%hX",   "%lX",   "%hp",   "%lp",   "%llp",
        "%ho", "%lo",  "%llo", "%-.3d", "%-5c",   "%5.3c", "%.3x",  "%-05d", "%.10d", "%100d",
        "%r",  "%rx",  "%rh",  "%5r",   "%-5.2r", "%5s",   "%-.2s", "%5p",   "%-20p"})
    EXPECT_EQ(count(f), 1u) << f;
  // Beyond bpftrace 0.17 (docs/differences.md): %i and the '+', ' ' and '#' flags.
  for (const char* f : {"%i", "%hi", "%li", "%--5d", "%+d", "% d", "%#x", "%#p", "%+-#5lld"})
    EXPECT_EQ(count(f), 1u) << f;
  for (const char* f :
       {"%e",  "%f",  "%g",    "%a",     "%n",    "%hc",     "%lc",   "%Lf",   "%q",
        "%k",  "%ls", "%hs",   "%lr",    "%.d",   "%*d",     "%hhhd", "%lhd",  "%Ld",
        "%qd", "%5%", "%lllx", "%hhhhx", "%0-5d", "%1.2.3d", "%%",    "100%%", "%%d"})
    EXPECT_EQ(count(f), 0u) << f;
  EXPECT_EQ(count("%ldd"), 1u);
}

TEST(PrintfParse, ConversionFields) {
  PrintfFormat f = parse_printf_format("ab %-08.3lld|%rx%s");
  ASSERT_EQ(f.conversions.size(), 3u);
  const PrintfConversion& c = f.conversions[0];
  EXPECT_EQ(c.begin, 3u);
  EXPECT_EQ(c.end, 12u);
  EXPECT_TRUE(c.left_align);
  EXPECT_EQ(c.width, "08");
  EXPECT_EQ(c.precision, "3");
  EXPECT_EQ(c.length, "ll");
  EXPECT_EQ(c.conversion, 'd');
  EXPECT_EQ(c.token, "lld");
  EXPECT_EQ(c.accepts, ArgClass::Integer);
  EXPECT_EQ(c.prefix, "ab ");
  EXPECT_EQ(f.conversions[1].token, "rx");
  EXPECT_EQ(f.conversions[1].accepts, ArgClass::Buffer);
  EXPECT_EQ(f.conversions[1].begin, 13u);
  EXPECT_EQ(f.conversions[2].accepts, ArgClass::String);
  EXPECT_EQ(f.tail, "");
}

TEST(PrintfParse, StrayPercents) {
  PrintfFormat f = parse_printf_format("%q %d %% %*d");
  ASSERT_EQ(f.conversions.size(), 1u);
  EXPECT_EQ(f.stray, (std::vector<uint32_t>{0, 9}));
  EXPECT_EQ(f.tail, " % %*d");
}

// ---- checking --------------------------------------------------------------------------------

TEST(PrintfCheck, ArgumentCounts) {
  EXPECT_EQ(check("%d %d\n", {kInt}),
            "printf: Not enough arguments for format string (1 supplied, 2 expected)");
  EXPECT_EQ(check("%d\n", {kInt, kInt}),
            "printf: Too many arguments for format string (2 supplied, 1 expected)");
  EXPECT_EQ(check("%q\n", {kInt}),
            "printf: Too many arguments for format string (1 supplied, 0 expected)");
  EXPECT_EQ(check("%i\n", {kInt}), "");
  EXPECT_EQ(check("%d\n", {}),
            "printf: Not enough arguments for format string (0 supplied, 1 expected)");
  EXPECT_EQ(check("%d %d\n", {kInt}, "cat"),
            "cat: Not enough arguments for format string (1 supplied, 2 expected)");
  EXPECT_EQ(check("%d %d\n", {kInt}, "system"),
            "system: Not enough arguments for format string (1 supplied, 2 expected)");
  // "%+d", "% d", "%#x" and "%#o" are conversions too (bpftrace 0.17 would not count them).
  std::vector<PrintfArgType> args(25, kInt);
  args[13] = kString;
  args[23] = kString;
  args[24] = kString;
  EXPECT_EQ(check("%d|%u|%ld|%lld|%hd|%hhd|%hu|%hhu|%x|%X|%lx|%o|%c|%s|%p|%%|%5d|%-5d|%05d|%+d|% "
                  "d|%#x|%#o|%.3d|%10.4s|%-10s|\n",
                  args),
            "");
}

TEST(PrintfCheck, ArgumentTypes) {
  EXPECT_EQ(check("%d\n", {kString}),
            "printf: %d specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(check("%s\n", {kInt}),
            "printf: %s specifier expects a value of type string (integer supplied)");
  EXPECT_EQ(check("%c %c\n", {kString, kInt}),
            "printf: %c specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(check("%-5.3lld\n", {kString}),
            "printf: %lld specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(check("%d %s %d\n", {kString, kInt, kString}),
            "printf: %d specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(check("%s %d\n", {kInt, kString}),
            "printf: %s specifier expects a value of type string (integer supplied)");
  EXPECT_EQ(check("%r\n", {kString}),
            "printf: %r specifier expects a value of type buffer (string supplied)");
  EXPECT_EQ(check("%rx\n", {kString}),
            "printf: %rx specifier expects a value of type buffer (string supplied)");
  EXPECT_EQ(check("%5p\n", {kString}),
            "printf: %p specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Tuple)}),
            "printf: %d specifier expects a value of type integer (tuple supplied)");
  EXPECT_EQ(check("%s\n", {printf_arg_type(Kind::Tuple)}),
            "printf: %s specifier expects a value of type string (tuple supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Timestamp)}),
            "printf: %d specifier expects a value of type integer (string supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Count)}),
            "printf: %d specifier expects a value of type integer (count supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Sum)}),
            "printf: %d specifier expects a value of type integer (sum supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Min)}),
            "printf: %d specifier expects a value of type integer (min supplied)");
  EXPECT_EQ(check("%s\n", {printf_arg_type(Kind::Max)}),
            "printf: %s specifier expects a value of type string (max supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Avg)}),
            "printf: %d specifier expects a value of type integer (avg supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Stats)}),
            "printf: %d specifier expects a value of type integer (stats supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::Hist)}),
            "printf: %d specifier expects a value of type integer (hist supplied)");
  EXPECT_EQ(check("%d\n", {printf_arg_type(Kind::LHist)}),
            "printf: %d specifier expects a value of type integer (lhist supplied)");
  EXPECT_EQ(check("%d\n", {{ArgClass::Other, "none"}}),
            "printf: %d specifier expects a value of type integer (none supplied)");
  EXPECT_EQ(check("%d %s\n", {kInt, kString}), "");
}

// ---- formatting ------------------------------------------------------------------------------

// The value goes to snprintf() as a 64-bit integer: "%d" shows its low 32 bits.
TEST(PrintfFormat, IntegerConversionsAndLengths) {
  const int64_t div = static_cast<int64_t>(static_cast<uint64_t>(-10) / 3); // -10/3 in bpftrace
  EXPECT_EQ(fmt("%d|%u|%hhd|%hhu|%hd|%hu|%x|%lx|%ld|%lld|%zd|%jd|%td|%o|%c\n",
                {div, -1, 300, 300, 70000, -1, -1, -1, div, -1, -1, -1, -1, -1, 65 + 256}),
            "1431655762|4294967295|44|44|4464|65535|ffffffff|ffffffffffffffff|6148914691236517202|"
            "-1|-1|-1|-1|37777777777|A\n");
  // (int32)-1, (int32)-1, (int8)-1, (uint32)-1, (uint32)-1, (uint8)255, (int16)-2
  EXPECT_EQ(fmt("%lu %lx %ld|%lu %ld|%ld %lu\n", {-1, -1, -1, 4294967295, 4294967295, 255, -2}),
            "18446744073709551615 ffffffffffffffff -1|4294967295 4294967295|255 "
            "18446744073709551614\n");
}

TEST(PrintfFormat, SingleConversions) {
  struct Case {
    const char* format;
    const char* out;
  } cases[] = {
      {"<%d>", "<65>"},
      {"<%u>", "<65>"},
      {"<%o>", "<101>"},
      {"<%x>", "<41>"},
      {"<%X>", "<41>"},
      {"<%c>", "<A>"},
      {"<%p>", "<0x41>"},
      {"<%hhp>", "<0x41>"},
      {"<%ho>", "<101>"},
      {"<%-.3d>", "<065>"},
      {"<%-5c>", "<A    >"},
      {"<%5.3c>", "<    A>"},
      {"<%.3x>", "<041>"},
      {"<%-05d>", "<65   >"},
      {"<%.10d>", "<0000000065>"},
      {"<%ldd>", "<65d>"},
      {"<%%d>", "<%d>"},
      {"<%100d>", "<                                                                             "
                  "                     65>"},
  };
  for (const Case& c : cases) EXPECT_EQ(fmt(c.format, {65}), c.out) << c.format;
}

TEST(PrintfFormat, WidthsPrecisionAndStrings) {
  EXPECT_EQ(fmt("%-5d|%05d|%5d|%.3d|%-08.3d|\n", {1, 2, 3, 4, 5}),
            "1    |00002|    3|004|005     |\n");
  EXPECT_EQ(fmt("%s|%-10s|%10s|%.2s|\n", {"abc", "de", "fg", "hijk"}),
            "abc|de        |        fg|hi|\n");
  EXPECT_EQ(fmt("<%5s>", {"abc"}), "<  abc>");
  EXPECT_EQ(fmt("<%-.2s>", {"abc"}), "<ab>");
  EXPECT_EQ(fmt("%c%c%c\n", {72, 105, 256 + 33}), "Hi!\n");
  EXPECT_EQ(fmt("%p|%p\n", {0, -1}), "(nil)|0xffffffffffffffff\n");
  EXPECT_EQ(fmt("%d %d %d %d %d %d %d %d %d %d %d %d\n", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
            "1 2 3 4 5 6 7 8 9 10 11 12\n");
}

// "%c" of 0: bpftrace keeps its output as a C string, so the piece ending in that conversion
// stops at the NUL.
TEST(PrintfFormat, NulCharacter) {
  EXPECT_EQ(fmt("%c|\n", {0}), "|\n");
  EXPECT_EQ(fmt("[%-5c][%5c]\n", {0, 0}), "[][    ]\n");
  EXPECT_EQ(fmt("a%cb%d\n", {0, 5}), "ab5\n");
}

// Beyond bpftrace 0.17: %i and C's '+', ' ' and '#' flags format as in C.
TEST(PrintfFormat, FlagsBeyondBpftrace) {
  EXPECT_EQ(fmt("%+d|% d|%#x|%#o|%i|%-+5d|\n", {5, 5, 255, 8, -3, 7}),
            "+5| 5|0xff|010|-3|+7   |\n");
}

// Literal text prints as C's printf() prints it: "%%" is "%" before, between and after the
// conversions; other stray specifications stay as written.
TEST(PrintfFormat, LiteralText) {
  EXPECT_EQ(fmt("%q|%5.2f|%%|%*d\n", {}), "%q|%5.2f|%|%*d\n");
  EXPECT_EQ(fmt("a%%b %d\n", {5}), "a%b 5\n");
  EXPECT_EQ(fmt("%d %q|%*d\n", {7}), "7 %q|%*d\n");
  EXPECT_EQ(fmt("hi\n", {}), "hi\n");
  EXPECT_EQ(fmt("%s%%\n", {"a"}), "a%\n");
  EXPECT_EQ(fmt("trailing %d %", {1}), "trailing 1 %");
  EXPECT_EQ(fmt("open %d %-5", {1}), "open 1 %-5");
}

// bpftrace 0.17 printed the text after the last conversion verbatim ("5%%"); btc does not copy
// that bug (docs/differences.md). "%%" at the start, in the middle, at the end, several times,
// and in a format without conversions.
TEST(PrintfFormat, PercentAfterTheLastConversion) {
  EXPECT_EQ(fmt("%d%%\n", {5}), "5%\n");
  EXPECT_EQ(fmt("100%%\n", {}), "100%\n");
  EXPECT_EQ(fmt("%%\n", {}), "%\n");
  EXPECT_EQ(fmt("%%begin %d\n", {1}), "%begin 1\n");
  EXPECT_EQ(fmt("%d (%%) %d%%\n", {1, 2}), "1 (%) 2%\n");
  EXPECT_EQ(fmt("%% %d%% %%%%\n", {5}), "% 5% %%\n");
  EXPECT_EQ(fmt("%d%%|%q\n", {5}), "5%|%q\n");
  EXPECT_EQ(fmt("%d %5%|%-%\n", {5}), "5 %|%\n");
  EXPECT_EQ(fmt("%d%%%%%%\n", {5}), "5%%%\n");
}

// glibc prints "%" for a '%' conversion with any flags; a specification left open before a
// conversion takes the conversion's '%', and the argument is not printed.
TEST(PrintfFormat, PercentPairsBeforeAConversion) {
  EXPECT_EQ(fmt("%%%d|%%%%d|\n", {5}), "%5|%%d|\n");
  EXPECT_EQ(fmt("x%-%5d|\n", {7}), "x%5d|\n");
}

// "%%" is a literal '%' wherever it stands: the letters after it are text, not a conversion.
TEST(PrintfFormat, PercentPairIsNeverAConversion) {
  EXPECT_EQ(parse_printf_format("%%d %d\n").conversions.size(), 1u);
  EXPECT_EQ(fmt("%%d %d\n", {7}), "%d 7\n");
  EXPECT_EQ(parse_printf_format("%%d\n").conversions.size(), 0u);
  EXPECT_EQ(fmt("%%d\n", {}), "%d\n");
  EXPECT_EQ(fmt("%d%%%%x\n", {7}), "7%%x\n");
}

// Formats parsed by the runtime once: the same parsed format serves every event.
TEST(PrintfFormat, ParsedOnceUsedTwice) {
  PrintfFormat f = parse_printf_format("%s=%d\n");
  uint8_t payload[72] = {'p', 'i', 'd'};
  int64_t v = 42;
  std::memcpy(payload + 64, &v, 8);
  Field fields[] = {{&kStr, 0}, {&kI64, 64}};
  EXPECT_EQ(format_payload(f, fields, 2, payload), "pid=42\n");
  v = -1;
  std::memcpy(payload + 64, &v, 8);
  EXPECT_EQ(format_payload(f, fields, 2, payload), "pid=-1\n");
  EXPECT_EQ(format_payload("%s=%u\n", fields, 2, payload), "pid=4294967295\n");
}

// Narrower integer arguments are extended by their signedness before formatting.
TEST(PrintfFormat, NarrowArguments) {
  const Type s32{.kind = Kind::Int, .is_signed = true, .size = 4};
  const Type u32{.kind = Kind::Int, .is_signed = false, .size = 4};
  uint8_t payload[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  Field a[] = {{&s32, 0}, {&u32, 4}};
  EXPECT_EQ(format_payload("%lu %lu\n", a, 2, payload), "18446744073709551615 4294967295\n");
  Field b[] = {{&kU64, 0}};
  EXPECT_EQ(format_payload("%ld\n", b, 1, payload), "-1\n");
}

TEST(PrintfFormat, TimestampArgument) {
  const Type ts{.kind = Kind::Timestamp, .strftime_fmt = "%Q"};
  uint8_t payload[8] = {};
  Field f[] = {{&ts, 0}};
  EXPECT_EQ(format_payload("[%s]\n", f, 1, payload), "[%Q]\n");
}
