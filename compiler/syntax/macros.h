// bpftrace macros (`macro name($var, @map, expr) { ... }`): each call is replaced by a copy of
// the macro's body, a block expression, before sema. `$var` and `@map` parameters take a
// variable or a map and name it in the body (the body may change it); a plain parameter takes
// any expression, copied wherever the body names it. Other variables of the body are the
// macro's own: renamed `name#N` per expansion, so they never meet the caller's. A map the
// arguments do not pass is an error, as are recursion and a wrong number or kind of argument.
#pragma once

#include "diag/diagnostics.h"
#include "syntax/ast.h"

namespace btc {

// Expands every macro call of the program's probes; false after reporting errors.
bool expand_macros(Program& program, Diagnostics& diags);

ExprPtr clone_expr(const Expr& e);
StmtPtr clone_stmt(const Stmt& s);

} // namespace btc
