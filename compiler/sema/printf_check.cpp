#include "sema/printf_check.h"

#include <btc/printf_format.h>

namespace btc {

bool kernel_conversion(const rt::PrintfConversion& c, std::string_view integers,
                       std::string_view others) {
  bool integer = integers.find(c.conversion) != std::string_view::npos;
  bool other = others.find(c.conversion) != std::string_view::npos;
  bool length = c.length.empty() || (integer && (c.length == "l" || c.length == "ll"));
  return (integer || other) && length && c.flags.find('#') == std::string::npos &&
         c.precision.empty() && !c.absorbed;
}

namespace {

rt::PrintfArgType describe(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
    // An enum value prints as a number, or as its enumerator's name under %s.
    if (t.enum_def()) return {rt::ArgClass::Enum, "integer"};
    return {rt::ArgClass::Integer, "integer"};
  case TypeKind::Pointer:
    return {rt::ArgClass::Integer, "integer"};
  case TypeKind::Str:
  case TypeKind::Timestamp:
  case TypeKind::Stack:
  case TypeKind::Ksym:
  case TypeKind::Username:
  case TypeKind::USym:
  case TypeKind::Strerror:
  case TypeKind::Inet:
  case TypeKind::MacAddr:
  case TypeKind::CgroupPath:
    return {rt::ArgClass::String, "string"};
  case TypeKind::Buffer:
    return {rt::ArgClass::Buffer, "buffer"};
  case TypeKind::Bool:
    return {rt::ArgClass::Integer, "bool"};
  case TypeKind::Tuple:
    return {rt::ArgClass::Other, "tuple"};
  case TypeKind::Record:
    return {rt::ArgClass::Other, "record"};
  case TypeKind::Array:
    return {rt::ArgClass::Other, "array"};
  default:
    return {rt::ArgClass::Other, "none"};
  }
}

} // namespace

void check_printf_format(const Expr& call, const std::vector<Type>& arg_types, Diagnostics& diags) {
  rt::PrintfFormat format = rt::parse_printf_format(call.args[0]->str_value);
  std::vector<rt::PrintfArgType> args;
  for (const Type& t : arg_types) args.push_back(describe(t));
  std::string message = rt::check_printf_args(format, args, call.name);
  if (message.empty()) return;
  // A '%' that starts no conversion is usually the cause of a count mismatch: name it.
  if (message.find("arguments for format string") != std::string::npos && !format.stray.empty()) {
    const std::string& text = call.args[0]->str_value;
    size_t at = format.stray.front();
    size_t end = text.find_first_not_of("-+ #0123456789.hljzt", at + 1);
    std::string spec = text.substr(at, end == std::string::npos ? std::string::npos : end - at + 1);
    message = call.name + ": unknown conversion specifier '" + spec + "' in the format string";
  }
  diags.error(call.range, message);
}

} // namespace btc
