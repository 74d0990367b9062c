// printf() format validation, with the runtime's own format parser so that what the compiler
// accepts is exactly what the tool prints.
#pragma once

#include "diag/diagnostics.h"
#include "syntax/ast.h"

#include <vector>

namespace btc {

void check_printf_format(const Expr& call, const std::vector<Type>& arg_types, Diagnostics& diags);

} // namespace btc
