// The preamble: what a script says before its first probe. Plain `#define NAME body` lines are
// btc's own macros, expanded by the lexer. Anything else there is C: other preprocessor
// directives (#include, #if, #undef, ...) and struct/union/enum/typedef declarations. C is
// parsed by Clang (compiler/cdecl); a script without any pays nothing for it.
#pragma once

#include "diag/source.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace btc {

struct PreambleScan {
  uint32_t end = 0;   // the preamble is [0, end); the first probe starts at `end`
  bool has_c = false; // holds C that Clang must parse
  // Just past the `}` of each struct/union/enum definition written without its `;` (bpftrace
  // accepts `struct S { int x; }` before a probe), and past the last word of a typedef whose
  // line ends without one: Clang's "expected ';'" there is no error.
  std::vector<uint32_t> unterminated;
};

PreambleScan scan_preamble(const std::string& text);

// Where the C declaration starting at `pos` (at `struct`, `enum`, ...) ends: just past its `;`
// outside braces and parentheses, or the end of the text. A struct, union or enum definition
// also ends at its closing `}` when what follows starts something else (a probe, the config
// block, a directive, another declaration), as bpftrace lets the `;` out, and a typedef at the
// end of a line followed by such a thing; `unterminated` (if given) then says so.
uint32_t skip_c_declaration(const std::string& text, uint32_t pos, bool* unterminated = nullptr);

// Whether `word` starts a C declaration in a preamble.
bool is_c_declaration_keyword(const std::string& word);

// What Clang made of the C preamble, as the lexer needs it: which of its lines the
// preprocessor skipped (#if/#ifdef/#else branches not taken), so their #define lines do not
// count.
struct CPreamble {
  uint32_t end = 0;
  std::vector<SourceRange> inactive;
  // Object-like macros of the C (a header's `#define NAME "text"`) whose value is a string
  // literal: the lexer reads NAME as that string, as bpftrace expands them.
  std::map<std::string, std::string> string_macros;
};

// The identifier-like words of a script outside comments, strings and character literals, and
// not variable or map names, once each: the names it may use as C constants.
std::vector<std::string> script_identifiers(const std::string& text);

} // namespace btc
