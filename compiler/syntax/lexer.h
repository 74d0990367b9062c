// Hand-written lexer. Pull-based so the parser can ask for raw probe specs at the start of each
// action block, where the normal token rules do not apply (`t:syscalls:sys_enter_*`).
#pragma once

#include "diag/diagnostics.h"
#include "syntax/preamble.h"
#include "syntax/token.h"

#include <deque>
#include <map>
#include <vector>

namespace btc {

class Lexer {
public:
  Lexer(const SourceFile& source, Diagnostics& diags);

  Token next();
  // Lexes a probe spec (or the end of input) at the current position.
  Token next_probe_spec();
  // Whether '=' (not '==') comes next: `config =` starts a config block, not a probe.
  bool at_assignment();
  // Handles `#define` and `#include` lines at the current position; true while any were found.
  bool skip_preamble_directive();
  // The script's preamble holds C that Clang has parsed: the lexer skips it, keeping only the
  // #define and #undef lines the preprocessor did not skip. `c` must outlive the lexer.
  void set_c_preamble(const CPreamble* c) { c_ = c; }

private:
  void skip_space_and_comments();
  Token lex_number();
  Token lex_string();
  Token lex_char();
  Token lex_punct();
  Token make(Tok kind, uint32_t begin);
  Token error(uint32_t begin, const std::string& message);
  bool decode_escape(std::string& out);
  char peek(uint32_t ahead = 0) const;
  bool skip_c_preamble_item();
  bool lex_define(uint32_t begin, uint32_t eol);

  const SourceFile& source_;
  Diagnostics& diags_;
  const std::string& text_;
  uint32_t pos_ = 0;
  std::map<std::string, std::vector<Token>> macros_;
  std::deque<Token> pending_; // tokens of an expanded macro
  const CPreamble* c_ = nullptr;
};

} // namespace btc
