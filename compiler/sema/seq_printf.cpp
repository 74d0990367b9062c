#include "sema/seq_printf.h"

#include "sema/printf_check.h"

#include <btc/printf_format.h>

#include <string_view>

namespace btc {

namespace {

// What every kernel from 5.10 formats: flags "-+ 0", a width, l/ll on integers; no precision,
// no '#', no %c or %p before 5.13.
constexpr std::string_view kIntegers = "diuxX";

bool kernel_integer(char c) {
  return kIntegers.find(c) != std::string_view::npos;
}

} // namespace

bool check_seq_printf(const Expr& call, const std::vector<Type>& arg_types, Diagnostics& diags) {
  const Expr& fmt = *call.args[0];
  rt::PrintfFormat format = rt::parse_printf_format(fmt.str_value);
  if (arg_types.size() > kSeqPrintfMaxArgs) {
    diags.error(call.args[kSeqPrintfMaxArgs + 1]->range,
                "printf() in a pinned iterator takes at most " + std::to_string(kSeqPrintfMaxArgs) +
                    " arguments: the kernel formats its text (bpf_seq_printf)");
    return false;
  }
  if (!format.stray.empty()) {
    diags.error(fmt.range, "printf() in a pinned iterator: a lone '%' must be written '%%'");
    return false;
  }
  for (size_t i = 0; i < format.conversions.size(); ++i) {
    const rt::PrintfConversion& c = format.conversions[i];
    std::string written = fmt.str_value.substr(c.begin, c.end - c.begin);
    if (!kernel_conversion(c, kIntegers, "s")) {
      diags.error(fmt.range, "printf() in a pinned iterator is formatted by the kernel "
                             "(bpf_seq_printf), which has no '" +
                                 written +
                                 "': it takes %d, %i, %u, %x, %X (flags -+0 and space, a width, "
                                 "l or ll) and %s");
      return false;
    }
    if (i < arg_types.size() && c.conversion != 's' && !arg_types[i].is_int() &&
        arg_types[i].kind() != TypeKind::Bool && arg_types[i].kind() != TypeKind::Pointer) {
      diags.error(call.args[i + 1]->range,
                  "printf() in a pinned iterator prints integers and strings only: '" + written +
                      "' cannot print a " + type_name(arg_types[i]));
      return false;
    }
    if (i < arg_types.size() && c.conversion == 's' && !arg_types[i].is_str()) {
      diags.error(call.args[i + 1]->range,
                  "printf() in a pinned iterator prints integers and strings only: '%s' cannot "
                  "print a " +
                      type_name(arg_types[i]));
      return false;
    }
  }
  return true;
}

std::string seq_printf_format(const std::string& format) {
  rt::PrintfFormat parsed = rt::parse_printf_format(format);
  std::string out;
  size_t at = 0;
  for (const rt::PrintfConversion& c : parsed.conversions) {
    out += format.substr(at, c.begin - at);
    out += '%' + c.flags + c.width;
    if (kernel_integer(c.conversion)) out += "ll";
    out += c.conversion;
    at = c.end;
  }
  return out + format.substr(at);
}

} // namespace btc
