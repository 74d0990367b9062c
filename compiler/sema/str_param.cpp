#include "sema/str_param.h"

namespace btc {

const Expr* positional_operand(const Expr& e) {
  if (e.kind != ExprKind::Binary) return nullptr;
  for (const auto& operand : e.args)
    if (operand->kind == ExprKind::Positional) return operand.get();
  return nullptr;
}

SourceRange operator_onwards(const Expr& e) {
  return {e.op_range.begin, e.args[1]->range.end};
}

std::optional<StrParam> str_param(const Expr& arg) {
  if (arg.kind == ExprKind::Positional)
    return StrParam{.index = static_cast<uint32_t>(arg.int_value), .at = arg.range};
  if (arg.kind != ExprKind::Binary || arg.op != Tok::Plus) return std::nullopt;
  for (int i = 0; i < 2; ++i) {
    const Expr& param = *arg.args[i];
    const Expr& offset = *arg.args[1 - i];
    if (param.kind == ExprKind::Positional && offset.kind == ExprKind::Int)
      return StrParam{.index = static_cast<uint32_t>(param.int_value),
                      .offset = offset.int_value,
                      .operand = i,
                      .at = operator_onwards(arg)};
  }
  return std::nullopt;
}

} // namespace btc
