// printf()-style format strings with bpftrace 0.17's rules (see printf_format.h).
#include "btc/printf_format.h"

#include <cstdio>
#include <cstring>
#include <sys/types.h>

namespace btc::rt {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_int_conversion(char c) {
  return std::strchr("diuxXpo", c) != nullptr && c != '\0';
}

// Matches one conversion starting at fmt[p] == '%'. Returns false when there is none.
bool match_conversion(std::string_view fmt, size_t p, PrintfConversion& c) {
  auto at = [&](size_t i) { return i < fmt.size() ? fmt[i] : '\0'; };
  size_t q = p + 1;
  c = PrintfConversion{};
  // bpftrace 0.17 knows only '-'; btc also takes C's '+', ' ' and '#' (a leading '0' stays part
  // of the width, as in bpftrace).
  while (at(q) == '-' || at(q) == '+' || at(q) == ' ' || at(q) == '#') {
    if (at(q) == '-') c.left_align = true;
    if (c.flags.find(at(q)) == std::string::npos) c.flags += at(q);
    q++;
  }
  size_t w = q;
  while (is_digit(at(q))) q++;
  c.width = std::string(fmt.substr(w, q - w));
  if (at(q) == '.' && is_digit(at(q + 1))) {
    size_t pr = ++q;
    while (is_digit(at(q))) q++;
    c.precision = std::string(fmt.substr(pr, q - pr));
  }

  const char ch = at(q);
  if (ch == 'c' || ch == 's') {
    c.conversion = ch;
    c.token = std::string(1, ch);
    c.accepts = ch == 's' ? ArgClass::String : ArgClass::Integer;
    q++;
  } else if (ch == 'g' && at(q + 1) == 'r') {
    // Current bpftrace: GFP flags as text (an integer printed as a string).
    c.conversion = 'g';
    c.accepts = ArgClass::Integer;
    c.token = "gr";
    q += 2;
  } else if (ch == 'r') {
    c.conversion = 'r';
    c.accepts = ArgClass::Buffer;
    c.token = "r";
    if (at(q + 1) == 'x' || at(q + 1) == 'h') c.token += at(++q);
    q++;
  } else {
    static constexpr std::string_view kLengths[] = {"hh", "h", "ll", "l", "j", "z", "t", ""};
    bool found = false;
    for (std::string_view len : kLengths) {
      if (fmt.substr(q, len.size()) == len && is_int_conversion(at(q + len.size()))) {
        c.length = std::string(len);
        q += len.size();
        found = true;
        break;
      }
    }
    if (!found) return false;
    c.conversion = at(q);
    c.token = c.length + c.conversion;
    c.accepts = ArgClass::Integer;
    q++;
  }
  c.begin = static_cast<uint32_t>(p);
  c.end = static_cast<uint32_t>(q);
  c.cformat = "%";
  c.cformat += c.flags;
  c.cformat += c.width;
  if (!c.precision.empty()) c.cformat += "." + c.precision;
  c.cformat += c.length;
  c.cformat += c.conversion == 'r' || c.conversion == 'g' ? 's' : c.conversion;
  return true;
}

// Literal text is printed as C's printf() prints it without arguments: glibc prints "%" for a '%'
// conversion, whatever flags, width, precision and length it has ("%%", "%-%", "%5%"). Other
// specifications would consume an argument, which is undefined; they are kept as written and
// their '%' is recorded in `stray`. Returns the offset of a specification left open at the end of
// `text` (nothing of it is appended), or npos.
size_t append_literal(std::string_view text, uint32_t base, std::string& out,
                      std::vector<uint32_t>& stray) {
  auto skip = [&](size_t j, const char* set) {
    while (j < text.size() && text[j] != '\0' && std::strchr(set, text[j])) j++;
    return j;
  };
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    size_t j = skip(i + 1, "-+ #0'I");
    j = skip(j, "0123456789");
    if (j < text.size() && text[j] == '.') j = skip(j + 1, "0123456789");
    j = skip(j, "hlLqjzZt");
    if (j == text.size()) {
      stray.push_back(base + static_cast<uint32_t>(i));
      return i;
    }
    out += '%';
    if (text[j] == '%') {
      if (j != i + 1) stray.push_back(base + static_cast<uint32_t>(i));
      i = j;
      continue;
    }
    stray.push_back(base + static_cast<uint32_t>(i));
  }
  return std::string_view::npos;
}

// The text before a conversion goes through snprintf() in bpftrace; when it ends inside a
// specification, the conversion's own '%' completes it (so the conversion is not made).
void build_prefix(std::string_view text, uint32_t base, PrintfConversion& c,
                  std::vector<uint32_t>& stray) {
  if (append_literal(text, base, c.prefix, stray) != std::string_view::npos) {
    c.prefix += '%';
    c.absorbed = true;
  }
}

// snprintf() of one conversion and one argument; the result stops at a NUL like bpftrace's.
template <typename T> std::string c_format(const std::string& fmt, T value) {
  char small[256];
  int n = std::snprintf(small, sizeof small, fmt.c_str(), value);
  if (n < 0) return "";
  if (static_cast<size_t>(n) < sizeof small) return std::string(small);
  std::string big(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(big.data(), big.size(), fmt.c_str(), value);
  return std::string(big.c_str());
}

} // namespace

std::string format_conversion(const PrintfConversion& c, uint64_t v) {
  const std::string& len = c.length;
  switch (c.conversion) {
  case 'p':
    return c_format(c.cformat, reinterpret_cast<void*>(static_cast<uintptr_t>(v)));
  case 'c':
    return c_format(c.cformat, static_cast<int>(v));
  case 'd':
  case 'i':
    if (len == "l") return c_format(c.cformat, static_cast<long>(v));
    if (len == "ll") return c_format(c.cformat, static_cast<long long>(v));
    if (len == "j") return c_format(c.cformat, static_cast<intmax_t>(v));
    if (len == "z") return c_format(c.cformat, static_cast<ssize_t>(v));
    if (len == "t") return c_format(c.cformat, static_cast<ptrdiff_t>(v));
    return c_format(c.cformat, static_cast<int>(v)); // also h, hh: promoted to int
  default:                                           // u x X o
    if (len == "l") return c_format(c.cformat, static_cast<unsigned long>(v));
    if (len == "ll") return c_format(c.cformat, static_cast<unsigned long long>(v));
    if (len == "j") return c_format(c.cformat, static_cast<uintmax_t>(v));
    if (len == "z" || len == "t") return c_format(c.cformat, static_cast<size_t>(v));
    return c_format(c.cformat, static_cast<unsigned int>(v));
  }
}

std::string format_conversion(const PrintfConversion& c, const std::string& text) {
  return c_format(c.cformat, text.c_str());
}

std::string literal_conversion(const PrintfFormat& format, const PrintfConversion& c) {
  return format.format.substr(c.begin + (c.absorbed ? 1 : 0), c.end - c.begin - c.absorbed);
}

PrintfFormat parse_printf_format(std::string_view format) {
  PrintfFormat f;
  f.format = std::string(format);
  size_t last = 0;
  for (size_t p = 0; p < format.size(); p++) {
    if (format[p] != '%') continue;
    // "%%" is a literal '%' wherever it stands, as in C: "%%d" prints "%d" and consumes no
    // argument (bpftrace 0.17 takes its "%d" for a conversion: docs/differences.md).
    if (p + 1 < format.size() && format[p + 1] == '%') {
      p++;
      continue;
    }
    PrintfConversion c;
    if (!match_conversion(format, p, c)) continue;
    build_prefix(format.substr(last, p - last), static_cast<uint32_t>(last), c, f.stray);
    last = c.end;
    p = c.end - 1;
    f.conversions.push_back(std::move(c));
  }
  // bpftrace 0.17 prints the text after the last conversion verbatim ("%d%%" prints "5%%"); btc
  // prints it like the text before a conversion, as C and current bpftrace do.
  std::string_view rest = format.substr(last);
  size_t open = append_literal(rest, static_cast<uint32_t>(last), f.tail, f.stray);
  if (open != std::string_view::npos) f.tail += rest.substr(open);
  return f;
}

const char* arg_class_name(ArgClass c) {
  switch (c) {
  case ArgClass::Integer:
    return "integer";
  case ArgClass::String:
    return "string";
  case ArgClass::Buffer:
    return "buffer";
  case ArgClass::Enum:
  case ArgClass::Other:
    break;
  }
  return "none";
}

PrintfArgType printf_arg_type(Kind k) {
  switch (k) {
  case Kind::Int:
    return {ArgClass::Integer, "integer"};
  case Kind::Str:
  case Kind::Timestamp:
  case Kind::Stack:
  case Kind::Ksym:
  case Kind::Username:
  case Kind::Strerror:
  case Kind::Inet:
  case Kind::MacAddr:
  case Kind::CgroupPath:
  case Kind::UStack:
  case Kind::USym:
    return {ArgClass::String, "string"};
  case Kind::Buffer:
    return {ArgClass::Buffer, "buffer"};
  case Kind::Enum:
    return {ArgClass::Enum, "integer"};
  case Kind::Bool:
    return {ArgClass::Integer, "bool"};
  case Kind::Tuple:
    return {ArgClass::Other, "tuple"};
  case Kind::Record:
    return {ArgClass::Other, "record"};
  case Kind::Array:
    return {ArgClass::Other, "array"};
  case Kind::Count:
    return {ArgClass::Other, "count"};
  case Kind::Sum:
    return {ArgClass::Other, "sum"};
  case Kind::Min:
    return {ArgClass::Other, "min"};
  case Kind::Max:
    return {ArgClass::Other, "max"};
  case Kind::Avg:
    return {ArgClass::Other, "avg"};
  case Kind::Stats:
    return {ArgClass::Other, "stats"};
  case Kind::Hist:
    return {ArgClass::Other, "hist"};
  case Kind::LHist:
    return {ArgClass::Other, "lhist"};
  case Kind::TSeries:
    return {ArgClass::Other, "tseries"};
  }
  return {ArgClass::Other, "none"};
}

std::string check_printf_args(const PrintfFormat& format, const std::vector<PrintfArgType>& args,
                              std::string_view func) {
  const size_t expected = format.conversions.size();
  std::string f(func);
  auto counts = [&]() {
    return " arguments for format string (" + std::to_string(args.size()) + " supplied, " +
           std::to_string(expected) + " expected)";
  };
  if (args.size() < expected) return f + ": Not enough" + counts();
  if (args.size() > expected) return f + ": Too many" + counts();
  for (size_t i = 0; i < expected; i++) {
    const PrintfConversion& c = format.conversions[i];
    if (args[i].cls == c.accepts) continue;
    // An enum value prints as its number or, under %s, as its enumerator's name.
    if (args[i].cls == ArgClass::Enum &&
        (c.accepts == ArgClass::Integer || c.accepts == ArgClass::String))
      continue;
    return f + ": %" + c.token + " specifier expects a value of type " + arg_class_name(c.accepts) +
           " (" + std::string(args[i].type_name) + " supplied)";
  }
  return "";
}

} // namespace btc::rt
