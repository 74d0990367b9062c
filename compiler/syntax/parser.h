// Recursive-descent parser: tokens to AST, with located syntax errors.
#pragma once

#include "diag/diagnostics.h"
#include "syntax/ast.h"
#include "syntax/lexer.h"
#include "syntax/macros.h"

#include <deque>
#include <optional>

namespace btc {

class Parser {
public:
  // `c_preamble`: what Clang made of the script's C preamble (nullptr: it has none).
  Parser(const SourceFile& source, Diagnostics& diags, const CPreamble* c_preamble = nullptr);
  // Returns nothing when the script has syntax errors (all reported).
  std::optional<Program> parse();

private:
  struct Abort {}; // unwinds to parse() after the first syntax error

  const Token& peek(size_t ahead = 0);
  Token take();
  bool at(Tok kind) { return peek().kind == kind; }
  bool accept(Tok kind);
  Token expect(Tok kind, const char* context);
  [[noreturn]] void fail(SourceRange range, const std::string& message);
  [[noreturn]] void unexpected(const char* expected);

  Probe parse_probe();
  void parse_config(std::vector<ConfigEntry>& config);
  MapDecl parse_map_decl();
  std::vector<StmtPtr> parse_block();
  StmtPtr parse_statement(bool& needs_separator);
  StmtPtr parse_if();
  StmtPtr parse_let();
  StmtPtr parse_for();
  // `{ statements; value }`; without `value_required` (a macro's body) the value may be absent.
  ExprPtr parse_block_expr(bool value_required);
  Macro parse_macro();
  std::optional<Type> parse_type_name();
  // `typeof(expr)` in a `let` or a cast: its expression.
  ExprPtr parse_typeof();
  static bool is_tag(const std::string& word);
  // Whether the tokens from `ahead` begin a type (a built-in name, or struct/union/enum NAME).
  bool starts_type(size_t ahead);
  // Whether the '(' ahead opens a cast rather than a parenthesized expression.
  bool starts_cast();
  TypeRef parse_type_ref();
  ExprPtr parse_expr();
  ExprPtr parse_ternary();
  ExprPtr parse_binary(int level);
  ExprPtr parse_unary();
  ExprPtr parse_postfix(ExprPtr e);
  ExprPtr parse_primary();
  std::vector<ExprPtr> parse_call_args();

  const SourceFile& source_;
  Diagnostics& diags_;
  Lexer lexer_;
  std::deque<Token> lookahead_;
  bool in_predicate_ = false; // a bare '/' ends the predicate instead of dividing
  // How deep the expression or block being parsed sits: a script nesting deeper than
  // kMaxNesting is a located error, not a stack overflow here or a C compiler's limit later.
  int nesting_ = 0;
  struct Nest {
    Nest(Parser& p, int levels = 1);
    ~Nest() { p_.nesting_ -= levels_; }
    Parser& p_;
    int levels_;
  };
};

// The deepest a script's expressions and blocks may nest (a chain `a + b + ...` nests one level
// per operator).
inline constexpr int kMaxNesting = 256;

ExprPtr make_expr(ExprKind kind, SourceRange range);
// Integer type names usable in casts, `let` and sizeof: int8..int64, uint8..uint64.
std::optional<Type> int_type_named(const std::string& name);

} // namespace btc
