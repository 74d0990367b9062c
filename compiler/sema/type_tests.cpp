// Compile-time questions about an expression's type (current bpftrace's is_str(), is_ptr(),
// is_array(), is_integer(), is_unsigned_integer(), is_literal(), assert_str()). The expression
// asked about is never evaluated.
#include "sema/checker.h"
#include "sema/registry.h"

namespace btc {

namespace {

bool is_literal_expr(const Expr& a) {
  if (a.kind == ExprKind::Int || a.kind == ExprKind::String) return true;
  if (a.kind == ExprKind::Builtin && (a.name == "true" || a.name == "false")) return true;
  return a.kind == ExprKind::Unary && a.op == Tok::Minus && a.args[0]->kind == ExprKind::Int;
}

} // namespace

Type Checker::check_type_test(Expr& e, FunctionId test) {
  Expr& a = *e.args[0];
  bool answer = false;
  if (test == FunctionId::IsLiteral) {
    answer = is_literal_expr(a);
  } else {
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    bool integer = t.kind() == TypeKind::Int || t.kind() == TypeKind::Enum;
    switch (test) {
    case FunctionId::IsStr:
      answer = t.is_str();
      break;
    case FunctionId::IsPtr:
      answer = t.kind() == TypeKind::Pointer;
      break;
    case FunctionId::IsArray:
      answer = t.kind() == TypeKind::Array;
      break;
    case FunctionId::IsInteger:
      answer = integer;
      break;
    default:
      answer = integer && !t.is_signed();
      break;
    }
  }
  // The call becomes the constant `true` or `false`.
  e.name = answer ? "true" : "false";
  return check_bool_literal(e);
}

void Checker::check_assert_str(Expr& a) {
  // A string, or an array of or a pointer to char-like bytes: what the string helpers read.
  Type t = check(a);
  if (t.kind() == TypeKind::None || t.is_str()) return;
  auto char_like = [](const Type* p) { return p && p->kind() == TypeKind::Int && p->bits() == 8; };
  if (t.kind() == TypeKind::Array) {
    if (!char_like(t.pointee())) error(a.range, "string-like arrays must contain a char-like type");
  } else if (t.kind() == TypeKind::Pointer) {
    if (!char_like(t.pointee()))
      error(a.range, "string-like pointers must point to a char-like type");
  } else {
    error(a.range,
          "string-like values must be either strings, arrays or pointers, not " + type_name(t));
  }
}

} // namespace btc
