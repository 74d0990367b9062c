// printf() format validation, with the runtime's own format parser so that what the compiler
// accepts is exactly what the tool prints.
#pragma once

#include "diag/diagnostics.h"
#include "syntax/ast.h"

#include <btc/printf_format.h>

#include <string_view>
#include <vector>

namespace btc {

void check_printf_format(const Expr& call, const std::vector<Type>& arg_types, Diagnostics& diags);

// Whether a helper that formats in the kernel (bpf_trace_printk, bpf_seq_printf) takes `c`: one
// of `integers` (optionally with l or ll) or of `others` (without a length), with flags and a
// width but no '#' and no precision.
bool kernel_conversion(const rt::PrintfConversion& c, std::string_view integers,
                       std::string_view others);

} // namespace btc
