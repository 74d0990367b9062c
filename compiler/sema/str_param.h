// The string parameter str() reads: str($N), or bpftrace's str($N + K) and str(K + $N), $N from
// its K-th byte (K an integer literal). The one description of the form: sema checks it, the
// lowering reads it.
#pragma once

#include "syntax/ast.h"

#include <cstdint>
#include <optional>

namespace btc {

struct StrParam {
  uint32_t index = 0;  // N
  uint64_t offset = 0; // K
  int operand = -1;    // which operand of the `+` the $N is; -1 for a bare $N
  // From the `+` to the end of its right operand, where bpftrace 0.17 reports a K longer than
  // $N: the tool checks that when it starts.
  SourceRange at;
};

// The string parameter that `arg`, str()'s first argument, reads, or nullopt when it is none.
std::optional<StrParam> str_param(const Expr& arg);

// The $N one operand of `e` is when `e` is a binary operation with one, or null. Inside str()
// bpftrace 0.17 allows such an operation only as the form above.
const Expr* positional_operand(const Expr& e);

// Where bpftrace 0.17 reports a binary operation `e` misused inside str(): from the operator to
// the end of its right operand.
SourceRange operator_onwards(const Expr& e);

} // namespace btc
