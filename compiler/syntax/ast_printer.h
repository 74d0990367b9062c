// A readable, stable text dump of the AST, one node per line, indented by depth: the node kind,
// its name, operator or value, and the type sema gave it (when it has one). Used by the golden
// tests of the parser and sema.
//
//   Program
//     Probe
//       Spec tracepoint:syscalls:sys_enter_openat
//       Predicate
//         Binary == : int64
//           Builtin pid : uint64
//           Int 1 : int64
//       Body
//         Assign =
//           Map @x : int64
//           Int 1 : int64
#pragma once

#include "syntax/ast.h"

#include <string>

namespace btc {

std::string print_ast(const Program& program);

// The text of one expression or statement subtree, starting at `indent` levels (two spaces
// each).
std::string print_expr(const Expr& expr, int indent = 0);
std::string print_stmt(const Stmt& stmt, int indent = 0);

// A type as the dump shows it: type_name(), plus the parameters that type_name() leaves out
// (lhist bounds, strftime format).
std::string describe_type(const Type& type);

} // namespace btc
