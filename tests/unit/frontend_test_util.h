// Helpers shared by the compiler front-end unit tests: run the lexer, parser and sema over a
// script held in memory and capture the rendered diagnostics.
#pragma once

#include "diag/diagnostics.h"
#include "sema/sema.h"
#include "syntax/lexer.h"
#include "syntax/parser.h"

#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace btc {

// Token kinds and types print readably in test failure messages.
inline void PrintTo(Tok kind, std::ostream* os) {
  *os << tok_spelling(kind);
}
inline void PrintTo(const Type& type, std::ostream* os) {
  *os << type_name(type);
}

namespace test {

inline constexpr const char* kFileName = "test.bt";

// A script parsed (and maybe analyzed). Kept behind a unique_ptr: SemaResult points into the
// program's probes.
struct Compiled {
  SourceFile source;
  std::ostringstream diag_text;
  Diagnostics diags;
  std::optional<Program> program;
  std::optional<SemaResult> sema;

  explicit Compiled(const std::string& text) : source(kFileName, text), diags(source, diag_text) {}
  std::string diagnostics() const { return diag_text.str(); }
};

inline std::unique_ptr<Compiled> parse(const std::string& text) {
  auto c = std::make_unique<Compiled>(text);
  Parser parser(c->source, c->diags);
  c->program = parser.parse();
  return c;
}

// Parses and, when parsing succeeds, runs sema.
inline std::unique_ptr<Compiled> analyze_script(const std::string& text) {
  auto c = parse(text);
  if (c->program) c->sema = btc::analyze(*c->program, c->diags);
  return c;
}

// The diagnostics of parse + sema ("" when the script is fine).
inline std::string diagnostics_of(const std::string& text) {
  return analyze_script(text)->diagnostics();
}

// Every token of `text` up to and including End or the first Error.
struct Lexed {
  std::vector<Token> tokens;
  std::string diagnostics;
};

inline Lexed lex(const std::string& text) {
  SourceFile source(kFileName, text);
  std::ostringstream out;
  Diagnostics diags(source, out);
  Lexer lexer(source, diags);
  Lexed result;
  while (lexer.skip_preamble_directive()) {
  }
  for (;;) {
    Token t = lexer.next();
    result.tokens.push_back(t);
    if (t.kind == Tok::End || t.kind == Tok::Error) break;
  }
  result.diagnostics = out.str();
  return result;
}

// The first token of `text`.
inline Token lex_one(const std::string& text) {
  return lex(text).tokens.front();
}

} // namespace test
} // namespace btc
