#include "sema/printf_check.h"

#include <btc/printf_format.h>

namespace btc {

namespace {

rt::PrintfArgType describe(const Type& t) {
  switch (t.kind) {
  case TypeKind::Int:
  case TypeKind::Pointer: return {rt::ArgClass::Integer, "integer"};
  case TypeKind::Str:
  case TypeKind::Timestamp: return {rt::ArgClass::String, "string"};
  case TypeKind::Tuple: return {rt::ArgClass::Other, "tuple"};
  default: return {rt::ArgClass::Other, "none"};
  }
}

} // namespace

void check_printf_format(const Expr& call, const std::vector<Type>& arg_types,
                         Diagnostics& diags) {
  rt::PrintfFormat format = rt::parse_printf_format(call.args[0]->str_value);
  std::vector<rt::PrintfArgType> args;
  for (const Type& t : arg_types) args.push_back(describe(t));
  std::string message = rt::check_printf_args(format, args, call.name);
  if (!message.empty()) diags.error(call.range, message);
}

} // namespace btc
