// printf() in a pinned iterator (iter:NAME:PIN): the program runs when the pin file is read,
// long after the tool ended, so the kernel formats the text (bpf_seq_printf) into that file.
// The kernel knows fewer conversions than the tool, and takes every argument as a 64-bit word
// (a string as its address).
#pragma once

#include "diag/diagnostics.h"
#include "syntax/ast.h"

#include <string>
#include <vector>

namespace btc {

// The most arguments bpf_seq_printf() takes (MAX_SEQ_PRINTF_VARARGS on 5.10).
inline constexpr size_t kSeqPrintfMaxArgs = 12;

// Reports, at the call, what the kernel cannot format: true when all of it can. `arg_types`
// are the checked types of the arguments after the format.
bool check_seq_printf(const Expr& call, const std::vector<Type>& arg_types, Diagnostics& diags);

// The format as the kernel takes it: each integer conversion made 64-bit ("%5d" -> "%5lld").
std::string seq_printf_format(const std::string& format);

} // namespace btc
