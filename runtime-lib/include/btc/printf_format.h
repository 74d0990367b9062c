// printf()-style format strings, with the exact rules of bpftrace 0.17.
//
// bpftrace 0.17 does not hand the whole format to the C library. It finds its conversions with a
// regular expression, `%-?[0-9]*(\.[0-9]+)?` followed by one of
//   [length]d u x X o p   (length: hh h l ll j z t)
//   c  s  r  rx  rh
// searched left to right (a failed match at one '%' retries at the next character, so "%%d"
// contains the conversion "%d"). Everything else is not a conversion and is not counted: no
// "%i", no flags other than '-' and a leading '0' (which is part of the width), no '*'.
// Then, for conversion i, the text from the end of conversion i-1 up to the end of conversion i
// is given to snprintf() with argument i ("%%" in that text becomes "%"; the output is cut at a
// NUL, so "%c" of 0 prints nothing), and the text after the last conversion is printed verbatim
// ("%d%%\n" prints "5%%", as does a format without conversions: "100%%\n" prints "100%%").
// That last rule is a bug btc does not copy (docs/differences.md): btc prints the text after the
// last conversion like the text before one, so "%d%%\n" prints "5%" as in C and current bpftrace.
//
// The compiler parses a format once to validate the arguments; the runtime parses each format
// once (not per event) and formats events with the parsed form.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "btc/manifest.h"

namespace btc::rt {

// Which arguments a conversion accepts.
enum class ArgClass : uint8_t {
  Integer, // d u x X o p c with any length modifier
  String,  // s
  Buffer,  // r rx rh (bpftrace buffers; no btc type has this class)
  Enum,    // only for describing arguments: an enum value, for integer conversions and s
  Other,   // only for describing arguments: tuples, aggregations, ...
};

struct PrintfConversion {
  uint32_t begin = 0; // offset of the '%' in the format string
  uint32_t end = 0;   // offset one past the conversion character(s)
  std::string token;  // length + conversion, as bpftrace names it in errors: "d", "lld", "rx"
  ArgClass accepts = ArgClass::Integer;
  bool left_align = false; // '-'
  std::string flags;       // the flags as written, each once: any of "-+ #"
  std::string width;       // the digits as written (a leading '0' pads with zeros), or ""
  std::string precision;   // the digits after '.', or "" when there is no precision
  std::string length;      // "", "hh", "h", "l", "ll", "j", "z", "t"
  char conversion = 'd';   // 'd' 'u' 'x' 'X' 'o' 'p' 'c' 's' 'r'

  // Runtime form: the literal text printed before the conversion (the snprintf() rules for the
  // text that precedes it already applied), and the single-conversion snprintf() format.
  std::string prefix;
  std::string cformat;
  bool absorbed = false; // the '%' paired with a lone '%' before it ("%%%d" -> "%d"): the
                         // argument is not printed; the rest of the conversion is literal text
};

struct PrintfFormat {
  std::string format;
  std::vector<PrintfConversion> conversions;
  std::string tail; // the text printed after the last conversion ("%%" already made "%")
  // Offsets of '%' characters that start neither a conversion nor a "%%" pair. bpftrace 0.17
  // accepts them silently (verbatim after the last conversion, undefined before one); btc prints
  // them as written. The compiler names the first one when the argument count is wrong.
  std::vector<uint32_t> stray;
};

PrintfFormat parse_printf_format(std::string_view format);

// An argument as the compiler sees it. `type_name` is bpftrace's name for the type in messages:
// "integer", "string", "tuple", "count", "sum", "min", "max", "avg", "stats", "hist", "lhist",
// "none", ...
struct PrintfArgType {
  ArgClass cls;
  std::string_view type_name;
};

// The description of a value of kind `k` (timestamps print as strings).
PrintfArgType printf_arg_type(Kind k);

// The name bpftrace gives a conversion's expected type: "integer", "string" or "buffer".
const char* arg_class_name(ArgClass c);

// Checks the arguments of printf()/cat()/system() (`func` is "printf", "cat" or "system").
// Returns "" when they fit, otherwise bpftrace 0.17's message (without "ERROR: "), e.g.
//   printf: Not enough arguments for format string (1 supplied, 2 expected)
//   printf: Too many arguments for format string (2 supplied, 1 expected)
//   printf: %d specifier expects a value of type integer (string supplied)
// The count is checked first; then the first argument whose class does not fit is reported.
// bpftrace underlines the whole call for all of these.
std::string check_printf_args(const PrintfFormat& format, const std::vector<PrintfArgType>& args,
                              std::string_view func = "printf");

// One conversion applied to its argument as snprintf() would, with bpftrace's rules: an
// integer (already extended to 64 bits by its signedness) or the text a %s shows.
std::string format_conversion(const PrintfConversion& c, uint64_t value);
std::string format_conversion(const PrintfConversion& c, const std::string& text);
// A conversion printed as literal text: one whose '%' a lone '%' before it took ("absorbed"),
// or one without an argument.
std::string literal_conversion(const PrintfFormat& format, const PrintfConversion& c);

} // namespace btc::rt
