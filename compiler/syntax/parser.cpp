#include "syntax/parser.h"

namespace btc {

namespace {

SourceRange join(SourceRange a, SourceRange b) {
  return {a.begin, std::max(a.end, b.end)};
}

struct BinaryLevel {
  Tok ops[4];
};

// Lowest precedence first; unused slots are Tok::End.
constexpr BinaryLevel kLevels[] = {
    {{Tok::OrOr}},
    {{Tok::AndAnd}},
    {{Tok::Pipe}},
    {{Tok::Caret}},
    {{Tok::Amp}},
    {{Tok::EqEq, Tok::Ne}},
    {{Tok::Lt, Tok::Le, Tok::Gt, Tok::Ge}},
    {{Tok::Shl, Tok::Shr}},
    {{Tok::Plus, Tok::Minus}},
    {{Tok::Star, Tok::Slash, Tok::Percent}},
};
constexpr int kNumLevels = sizeof(kLevels) / sizeof(kLevels[0]);

bool is_assign_op(Tok t) {
  switch (t) {
  case Tok::Assign:
  case Tok::PlusAssign:
  case Tok::MinusAssign:
  case Tok::StarAssign:
  case Tok::SlashAssign:
  case Tok::PercentAssign:
  case Tok::AmpAssign:
  case Tok::PipeAssign:
  case Tok::CaretAssign:
  case Tok::ShlAssign:
  case Tok::ShrAssign:
    return true;
  default:
    return false;
  }
}

} // namespace

ExprPtr make_expr(ExprKind kind, SourceRange range) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->range = range;
  return e;
}

std::optional<Type> int_type_named(const std::string& name) {
  static const struct {
    const char* name;
    uint8_t bits;
    bool is_signed;
  } types[] = {{"int8", 8, true},     {"int16", 16, true},  {"int32", 32, true},
               {"int64", 64, true},   {"uint8", 8, false},  {"uint16", 16, false},
               {"uint32", 32, false}, {"uint64", 64, false}};
  for (const auto& t : types)
    if (name == t.name) return Type::integer(t.bits, t.is_signed);
  return std::nullopt;
}

Parser::Parser(const SourceFile& source, Diagnostics& diags, const CPreamble* c_preamble)
    : source_(source), diags_(diags), lexer_(source, diags) {
  lexer_.set_c_preamble(c_preamble);
}

const Token& Parser::peek(size_t ahead) {
  while (lookahead_.size() <= ahead) {
    Token t = lexer_.next();
    if (t.kind == Tok::Error) fail(t.range, t.text);
    lookahead_.push_back(std::move(t));
  }
  return lookahead_[ahead];
}

Token Parser::take() {
  peek();
  Token t = std::move(lookahead_.front());
  lookahead_.pop_front();
  return t;
}

bool Parser::accept(Tok kind) {
  if (!at(kind)) return false;
  take();
  return true;
}

void Parser::fail(SourceRange range, const std::string& message) {
  diags_.error(range, message);
  throw Abort{};
}

void Parser::unexpected(const char* expected) {
  const Token& t = peek();
  std::string found =
      t.kind == Tok::End
          ? "end of input"
          : "'" + source_.text().substr(t.range.begin, t.range.end - t.range.begin) + "'";
  if (t.kind == Tok::String) found = "string \"" + t.text + "\"";
  SourceRange range = t.range;
  if (range.end == range.begin) range.end = range.begin + 1;
  fail(range, std::string("syntax error: unexpected ") + found + ", expected " + expected);
}

Token Parser::expect(Tok kind, const char* context) {
  if (!at(kind)) unexpected(context);
  return take();
}

std::optional<Program> Parser::parse() {
  Program program;
  try {
    while (lexer_.skip_preamble_directive()) {
    }
    if (diags_.errors()) return std::nullopt;
    for (;;) {
      Token spec = lexer_.next_probe_spec();
      if (spec.kind == Tok::End) break;
      if (spec.kind == Tok::Error) fail(spec.range, spec.text);
      if (spec.text == "struct" || spec.text == "union" || spec.text == "enum")
        fail(spec.range, spec.text + " definitions are not supported by btc yet");
      if (spec.text == "config" && lexer_.at_assignment()) {
        if (!program.probes.empty() || !program.config.empty() || !program.map_decls.empty())
          fail(spec.range, !program.config.empty()   ? "a script has one config block"
                           : !program.probes.empty() ? "the config block must come before the "
                                                       "first probe"
                                                     : "the config block must come before the "
                                                       "map declarations");
        parse_config(program.config);
        continue;
      }
      if (spec.text == "let" && !lexer_.at_assignment()) {
        if (!program.probes.empty())
          fail(spec.range, "map declarations must come before the first probe");
        program.map_decls.push_back(parse_map_decl());
        continue;
      }
      if (spec.text == "macro" && !lexer_.at_assignment()) {
        program.macros.push_back(parse_macro());
        continue;
      }
      lookahead_.push_back(std::move(spec));
      program.probes.push_back(parse_probe());
    }
    if (program.probes.empty()) fail({0, 0}, "the program has no probes");
  } catch (const Abort&) {
    return std::nullopt;
  }
  if (!expand_macros(program, diags_)) return std::nullopt;
  if (diags_.errors()) return std::nullopt;
  return program;
}

void Parser::parse_config(std::vector<ConfigEntry>& config) {
  expect(Tok::Assign, "'=' after config");
  expect(Tok::LBrace, "'{' to start the config block");
  while (!accept(Tok::RBrace)) {
    Token name = expect(Tok::Ident, "a config setting's name or '}'");
    expect(Tok::Assign, "'=' after the setting's name");
    ConfigEntry entry;
    entry.name = name.text;
    entry.name_range = name.range;
    const Token& value = peek();
    if (value.kind != Tok::Ident && value.kind != Tok::Int && value.kind != Tok::String)
      unexpected("a name, an integer or a string as the setting's value");
    Token v = take();
    entry.kind = v.kind;
    entry.text = v.text;
    entry.int_value = v.int_value;
    entry.value_range = v.range;
    config.push_back(std::move(entry));
    if (!at(Tok::RBrace)) expect(Tok::Semi, "';' or '}' after the setting");
    while (accept(Tok::Semi)) {
    }
  }
}

MapDecl Parser::parse_map_decl() {
  MapDecl d;
  Token name = expect(Tok::Map, "a map's name after 'let' (let @name = hash(100);)");
  if (name.text == "@") fail(name.range, "a map declaration names its map: let @name = ...");
  d.name = name.text;
  d.range = name.range;
  expect(Tok::Assign, "'=' after the declared map's name");
  Token kind = expect(Tok::Ident, "the map's type (hash, lruhash, percpuhash, percpulruhash)");
  d.kind = kind.text;
  d.kind_range = kind.range;
  expect(Tok::LParen, "'(' and the map's maximum number of entries");
  Token size = expect(Tok::Int, "the map's maximum number of entries, an integer");
  d.max_entries = size.int_value;
  d.size_range = size.range;
  expect(Tok::RParen, "')' after the map's maximum number of entries");
  expect(Tok::Semi, "';' after the map declaration");
  return d;
}

Probe Parser::parse_probe() {
  Probe probe;
  // `name=probe` (current bpftrace): the name is reserved there for internal use and future
  // features, and does nothing; btc accepts and ignores it.
  auto unnamed = [&](Token spec) {
    bool identifier = !spec.text.empty() && !std::isdigit(static_cast<unsigned char>(spec.text[0]));
    for (char c : spec.text)
      identifier = identifier && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!identifier || !at(Tok::Assign)) return spec;
    take();
    Token probe_spec = lexer_.next_probe_spec();
    if (probe_spec.kind != Tok::ProbeSpec) fail(probe_spec.range, "expected a probe after 'name='");
    return probe_spec;
  };
  Token first = unnamed(take());
  probe.specs.push_back({first.text, first.range});
  while (at(Tok::Comma)) {
    take();
    Token spec = unnamed(lexer_.next_probe_spec());
    if (spec.kind != Tok::ProbeSpec) fail(spec.range, "expected a probe after ','");
    probe.specs.push_back({spec.text, spec.range});
  }
  if (at(Tok::Slash)) {
    take();
    in_predicate_ = true;
    probe.predicate = parse_expr();
    in_predicate_ = false;
    expect(Tok::Slash, "'/' to end the predicate");
  }
  if (!at(Tok::LBrace)) unexpected("'{' to start the probe's action block");
  probe.body = parse_block();
  probe.range = join(first.range, first.range);
  return probe;
}

Parser::Nest::Nest(Parser& p, int levels) : p_(p), levels_(levels) {
  p.nesting_ += levels;
  if (p.nesting_ > kMaxNesting) {
    p.nesting_ -= levels;
    p.fail(p.peek().range, "the script nests too deeply here (more than " +
                               std::to_string(kMaxNesting) + " levels of expressions and blocks)");
  }
}

std::vector<StmtPtr> Parser::parse_block() {
  Nest nest(*this);
  expect(Tok::LBrace, "'{'");
  std::vector<StmtPtr> body;
  for (;;) {
    if (at(Tok::End)) unexpected("'}' to end the action block");
    if (at(Tok::RBrace)) break;
    bool needs_separator = true;
    body.push_back(parse_statement(needs_separator));
    if (at(Tok::RBrace)) break;
    if (accept(Tok::Semi)) {
      while (accept(Tok::Semi)) {
      }
      continue;
    }
    if (needs_separator) unexpected("';' or '}' after the statement");
  }
  // The closing brace is consumed without looking further: at the top level what follows is a
  // probe spec, which needs the lexer's probe rules.
  take();
  return body;
}

bool Parser::is_tag(const std::string& word) {
  return word == "struct" || word == "union" || word == "enum";
}

bool Parser::starts_type(size_t ahead) {
  const Token& t = peek(ahead);
  if (t.kind != Tok::Ident) return false;
  if (is_tag(t.text)) return peek(ahead + 1).kind == Tok::Ident;
  return int_type_named(t.text).has_value();
}

bool Parser::starts_cast() {
  if (peek(1).kind != Tok::Ident) return false;
  if (peek(1).text == "typeof" && peek(2).kind == Tok::LParen) return true;
  if (starts_type(1)) {
    if (is_tag(peek(1).text)) return true;
    return peek(2).kind == Tok::RParen || peek(2).kind == Tok::Star ||
           peek(2).kind == Tok::LBracket;
  }
  // `(name) operand` or `(name *) operand`: a typedef name, which sema looks up.
  size_t after = 2;
  while (peek(after).kind == Tok::Star) ++after;
  if (peek(after).kind != Tok::RParen) return false;
  if (after > 2) return true;
  Tok next = peek(3).kind;
  return next == Tok::Int || next == Tok::Var || next == Tok::Map || next == Tok::Ident ||
         next == Tok::Positional || next == Tok::LParen || next == Tok::String;
}

TypeRef Parser::parse_type_ref() {
  TypeRef ref;
  Token first = expect(Tok::Ident, "a type name");
  ref.range = first.range;
  if (is_tag(first.text)) {
    ref.tag = first.text;
    Token name = expect(Tok::Ident, ("a name after '" + first.text + "'").c_str());
    ref.name = name.text;
    ref.range = join(ref.range, name.range);
  } else if (auto t = int_type_named(first.text)) {
    ref.builtin = *t;
  } else {
    ref.name = first.text;
  }
  while (at(Tok::Star)) {
    ref.range = join(ref.range, take().range);
    ++ref.pointers;
  }
  return ref;
}

ExprPtr Parser::parse_typeof() {
  take();
  expect(Tok::LParen, "'(' after typeof");
  bool saved = in_predicate_;
  in_predicate_ = false;
  ExprPtr e = parse_expr();
  in_predicate_ = saved;
  expect(Tok::RParen, "')' after the expression of typeof");
  return e;
}

std::optional<Type> Parser::parse_type_name() {
  if (!at(Tok::Ident)) return std::nullopt;
  auto type = int_type_named(peek().text);
  if (type) take();
  return type;
}

StmtPtr Parser::parse_statement(bool& needs_separator) {
  auto stmt = std::make_unique<Stmt>();
  const Token& t = peek();
  stmt->range = t.range;
  if (t.kind == Tok::Ident) {
    if (t.text == "if") {
      needs_separator = false;
      return parse_if();
    }
    if (t.text == "while" || t.text == "unroll") {
      bool is_while = t.text == "while";
      take();
      stmt->kind = is_while ? StmtKind::While : StmtKind::Unroll;
      expect(Tok::LParen, is_while ? "'(' after 'while'" : "'(' after 'unroll'");
      if (is_while) {
        stmt->cond = parse_expr();
      } else if (at(Tok::Positional)) {
        // unroll($N): the tool checks the count when it starts.
        Token n = take();
        stmt->cond = make_expr(ExprKind::Positional, n.range);
        stmt->cond->int_value = n.int_value;
      } else {
        Token n = expect(Tok::Int, "an integer literal repeat count");
        if (n.int_value < 1 || n.int_value > 100)
          fail(n.range, "unroll count must be between 1 and 100");
        stmt->count = n.int_value;
      }
      expect(Tok::RParen, "')'");
      stmt->body = parse_block();
      needs_separator = false;
      return stmt;
    }
    if (t.text == "for") {
      needs_separator = false;
      return parse_for();
    }
    if (t.text == "return" || t.text == "break" || t.text == "continue") {
      stmt->kind = t.text == "return"  ? StmtKind::Return
                   : t.text == "break" ? StmtKind::Break
                                       : StmtKind::Continue;
      take();
      // Current bpftrace's `return EXPR;`: a test probe's result (sema allows it there).
      if (stmt->kind == StmtKind::Return && !at(Tok::Semi) && !at(Tok::RBrace))
        stmt->value = parse_expr();
      return stmt;
    }
    if (t.text == "let") return parse_let();
    if (t.text == "else") fail(t.range, "'else' without a matching 'if'");
  }
  if (t.kind == Tok::LBrace) {
    stmt->kind = StmtKind::Block;
    stmt->body = parse_block();
    needs_separator = false;
    return stmt;
  }
  ExprPtr e = parse_expr();
  if (e->kind == ExprKind::Builtin && e->name == "_" && is_assign_op(peek().kind)) {
    // `_ = expr;` discards a value, as in current bpftrace: an expression statement that needs
    // one.
    if (peek().kind != Tok::Assign) fail(peek().range, "'_' only takes '=': it discards a value");
    take();
    stmt->kind = StmtKind::Expr;
    stmt->discard = true;
    stmt->value = parse_expr();
    stmt->range = join(e->range, stmt->value->range);
    return stmt;
  }
  if (is_assign_op(peek().kind)) {
    if (e->kind != ExprKind::Var && e->kind != ExprKind::Map)
      fail(e->range, "only variables and maps can be assigned to");
    stmt->kind = StmtKind::Assign;
    stmt->op = take().kind;
    stmt->target = std::move(e);
    stmt->value = parse_expr();
    stmt->range = join(stmt->target->range, stmt->value->range);
    return stmt;
  }
  stmt->kind = StmtKind::Expr;
  stmt->range = e->range;
  stmt->value = std::move(e);
  return stmt;
}

StmtPtr Parser::parse_if() {
  auto stmt = std::make_unique<Stmt>();
  stmt->kind = StmtKind::If;
  stmt->range = take().range;
  stmt->cond = parse_expr();
  stmt->body = parse_block();
  if (at(Tok::Ident) && peek().text == "else") {
    take();
    if (at(Tok::Ident) && peek().text == "if") {
      stmt->else_body.push_back(parse_if());
    } else {
      stmt->else_body = parse_block();
    }
  }
  return stmt;
}

Macro Parser::parse_macro() {
  Macro m;
  Token name = expect(Tok::Ident, "the macro's name");
  m.name = name.text;
  m.range = name.range;
  expect(Tok::LParen, "'(' after the macro's name");
  if (!at(Tok::RParen)) {
    do {
      const Token& p = peek();
      if (p.kind != Tok::Var && p.kind != Tok::Map && p.kind != Tok::Ident)
        unexpected("a parameter: $variable, @map or a name");
      Token t = take();
      for (const MacroParam& other : m.params)
        if (other.kind == t.kind && other.name == t.text)
          fail(t.range, "macro " + m.name + " has two parameters named " + t.text);
      m.params.push_back({t.kind, t.text, t.range});
    } while (accept(Tok::Comma));
  }
  expect(Tok::RParen, "',' or ')' after the parameter");
  m.body = parse_block_expr(false);
  return m;
}

ExprPtr Parser::parse_block_expr(bool value_required) {
  Token open = expect(Tok::LBrace, "'{'");
  bool saved = in_predicate_;
  in_predicate_ = false;
  auto e = make_expr(ExprKind::Block, open.range);
  for (;;) {
    if (at(Tok::RBrace)) {
      if (!value_required) break;
      unexpected("an expression ending the block, as in { let $y = 1; $y + 1 }");
    }
    bool needs_separator = true;
    StmtPtr s = parse_statement(needs_separator);
    if (at(Tok::RBrace) && s->kind == StmtKind::Expr) {
      e->args.push_back(std::move(s->value));
      break;
    }
    e->stmts.push_back(std::move(s));
    if (accept(Tok::Semi)) {
      while (accept(Tok::Semi)) {
      }
      continue;
    }
    if (needs_separator) unexpected("';' or '}' after the statement");
  }
  e->range = join(open.range, take().range);
  in_predicate_ = saved;
  return e;
}

StmtPtr Parser::parse_for() {
  auto stmt = std::make_unique<Stmt>();
  stmt->kind = StmtKind::For;
  stmt->range = take().range;
  expect(Tok::LParen, "'(' after 'for'");
  Token var = expect(Tok::Var, "a variable name, as in for ($kv : @map)");
  stmt->target = make_expr(ExprKind::Var, var.range);
  stmt->target->name = var.text;
  expect(Tok::Colon, "':' after the loop variable");
  // The bounds of a range are unary expressions, as in bpftrace: `0..$n + 1` is not one.
  stmt->value = parse_unary();
  if (accept(Tok::DotDot)) stmt->end = parse_unary();
  expect(Tok::RParen,
         stmt->end ? "')' after the range" : "'..' or ')' after what the loop iterates");
  stmt->body = parse_block();
  return stmt;
}

StmtPtr Parser::parse_let() {
  auto stmt = std::make_unique<Stmt>();
  stmt->kind = StmtKind::Let;
  stmt->range = take().range;
  Token var = expect(Tok::Var, "a variable name after 'let'");
  stmt->target = make_expr(ExprKind::Var, var.range);
  stmt->target->name = var.text;
  if (accept(Tok::Colon)) {
    if (at(Tok::Ident) && peek().text == "typeof" && peek(1).kind == Tok::LParen) {
      // `let $x: typeof(expr)`: sema gives $x the type of expr.
      stmt->type_of = parse_typeof();
      stmt->has_declared_type = true;
      if (accept(Tok::Assign)) stmt->value = parse_expr();
      return stmt;
    }
    auto type = parse_type_name();
    if (!type && at(Tok::Ident) && (peek().text == "bool" || peek().text == "string")) {
      // `string[N]` is a string of N bytes (with its NUL); `string` one of size 0, which sema
      // gives the script's max_strlen.
      Token name = take();
      type = Type::boolean();
      if (name.text == "string") {
        uint64_t size = 0;
        if (accept(Tok::LBracket)) {
          Token n = expect(Tok::Int, "a string size");
          if (n.int_value < 1 || n.int_value > 65536)
            fail(n.range, "a string size must be between 1 and 65536");
          size = n.int_value;
          expect(Tok::RBracket, "']' after the string size");
        }
        type = Type::string(static_cast<uint32_t>(size));
      }
    }
    if (!type) unexpected("a type name (int8 ... uint64, bool, string, string[N])");
    stmt->has_declared_type = true;
    stmt->declared_type = *type;
  }
  if (accept(Tok::Assign)) stmt->value = parse_expr();
  return stmt;
}

ExprPtr Parser::parse_expr() {
  return parse_ternary();
}

ExprPtr Parser::parse_ternary() {
  ExprPtr cond = parse_binary(0);
  if (!at(Tok::Question)) return cond;
  Nest nest(*this);
  take();
  auto e = make_expr(ExprKind::Ternary, cond->range);
  ExprPtr then = parse_expr();
  expect(Tok::Colon, "':' in the conditional expression");
  ExprPtr otherwise = parse_ternary();
  e->range = join(cond->range, otherwise->range);
  e->args.push_back(std::move(cond));
  e->args.push_back(std::move(then));
  e->args.push_back(std::move(otherwise));
  return e;
}

ExprPtr Parser::parse_binary(int level) {
  if (level == kNumLevels) return parse_unary();
  ExprPtr left = parse_binary(level + 1);
  std::optional<Nest> chain; // each operator of a chain nests the chain one level deeper
  for (int ops = 1;; ++ops) {
    Tok kind = peek().kind;
    bool matches = false;
    for (Tok op : kLevels[level].ops)
      if (op != Tok::End && op == kind) matches = true;
    if (!matches || (kind == Tok::Slash && in_predicate_)) return left;
    chain.reset();
    chain.emplace(*this, ops);
    SourceRange op_range = take().range;
    ExprPtr right = parse_binary(level + 1);
    auto e = make_expr(ExprKind::Binary, join(left->range, right->range));
    e->op = kind;
    e->op_range = op_range;
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    left = std::move(e);
  }
}

ExprPtr Parser::parse_unary() {
  Nest nest(*this);
  const Token& t = peek();
  switch (t.kind) {
  case Tok::Bang:
  case Tok::Tilde:
  case Tok::Minus:
  case Tok::Plus:
  case Tok::Amp: // `&p->field`: the address of what an expression reads (current bpftrace)
  case Tok::PlusPlus:
  case Tok::MinusMinus: {
    Token op = take();
    ExprPtr operand = parse_unary();
    if (op.kind == Tok::Plus) return operand;
    auto e = make_expr(ExprKind::Unary, join(op.range, operand->range));
    e->op = op.kind;
    e->args.push_back(std::move(operand));
    return e;
  }
  case Tok::Star: {
    Token op = take();
    ExprPtr operand = parse_unary();
    auto e = make_expr(ExprKind::Deref, join(op.range, operand->range));
    e->args.push_back(std::move(operand));
    return e;
  }
  case Tok::LParen: {
    if (!starts_cast()) break;
    Token open = take();
    if (peek().text == "typeof") {
      // `(typeof(expr)) operand`: sema casts to the type of expr.
      ExprPtr of = parse_typeof();
      expect(Tok::RParen, "')' after the type of the cast");
      ExprPtr operand = parse_unary();
      auto e = make_expr(ExprKind::Cast, join(open.range, operand->range));
      e->type_of = std::move(of);
      e->args.push_back(std::move(operand));
      return e;
    }
    TypeRef ref = parse_type_ref();
    if (ref.builtin.kind() != TypeKind::None && !ref.pointers && at(Tok::LBracket)) {
      // `(uint8[8]) value`, `(uint8[]) value`: an integer as an array of integers.
      take();
      ref.array = true;
      if (at(Tok::Int)) {
        Token n = take();
        if (n.int_value == 0 || n.int_value > 4096)
          fail(n.range, "an array cast needs 1 to 4096 elements");
        ref.array_count = static_cast<uint32_t>(n.int_value);
      }
      ref.range = join(ref.range, expect(Tok::RBracket, "']' after the array's length").range);
    }
    expect(Tok::RParen, "')' after the type of the cast");
    ExprPtr operand = parse_unary();
    auto e = make_expr(ExprKind::Cast, join(open.range, operand->range));
    e->cast_type = ref.pointers || ref.array ? Type::none() : ref.builtin;
    e->type_ref = std::move(ref);
    e->args.push_back(std::move(operand));
    return e;
  }
  case Tok::Ident:
    if (t.text == "sizeof") {
      Token kw = take();
      expect(Tok::LParen, "'(' after sizeof");
      bool saved = in_predicate_;
      in_predicate_ = false;
      auto e = make_expr(ExprKind::Sizeof, kw.range);
      if (starts_type(0) &&
          (peek(1).kind == Tok::RParen || peek(1).kind == Tok::Star || is_tag(peek().text))) {
        e->type_ref = parse_type_ref();
        e->cast_type = e->type_ref.pointers ? Type::integer(64, false) : e->type_ref.builtin;
      } else {
        e->args.push_back(parse_expr());
      }
      e->range = join(kw.range, expect(Tok::RParen, "')'").range);
      in_predicate_ = saved;
      return e;
    }
    if (t.text == "offsetof" && peek(1).kind == Tok::LParen) {
      Token kw = take();
      take();
      auto e = make_expr(ExprKind::Offsetof, kw.range);
      // offsetof(TYPE, f) or, as in current bpftrace, offsetof(EXPRESSION, f): the offset in
      // the expression's struct type (the expression is not evaluated).
      bool saved = in_predicate_;
      in_predicate_ = false;
      if (starts_type(0) &&
          (peek(1).kind == Tok::Comma || peek(1).kind == Tok::Star || is_tag(peek().text)))
        e->type_ref = parse_type_ref();
      else
        e->args.push_back(parse_expr());
      in_predicate_ = saved;
      expect(Tok::Comma, "',' after the type in offsetof");
      Token f = expect(Tok::Ident, "a field name");
      e->name = f.text;
      while (accept(Tok::Dot)) e->name += "." + expect(Tok::Ident, "a field name").text;
      e->range = join(kw.range, expect(Tok::RParen, "')'").range);
      return e;
    }
    break;
  default:
    break;
  }
  return parse_postfix(parse_primary());
}

ExprPtr Parser::parse_postfix(ExprPtr e) {
  for (;;) {
    if (at(Tok::Dot) || at(Tok::Arrow)) {
      bool arrow = take().kind == Tok::Arrow;
      auto field = make_expr(ExprKind::Field, e->range);
      field->arrow = arrow;
      if (at(Tok::Int) && !arrow) {
        Token n = take();
        field->int_value = n.int_value;
        field->name = n.text;
        field->range = join(e->range, n.range);
      } else {
        Token name = expect(Tok::Ident, "a field name");
        field->name = name.text;
        field->range = join(e->range, name.range);
      }
      field->args.push_back(std::move(e));
      e = std::move(field);
    } else if (at(Tok::LBracket)) {
      take();
      bool saved = in_predicate_;
      in_predicate_ = false;
      auto index = make_expr(ExprKind::Index, e->range);
      index->args.push_back(std::move(e));
      index->args.push_back(parse_expr());
      in_predicate_ = saved;
      index->range = join(index->range, expect(Tok::RBracket, "']' after the index").range);
      e = std::move(index);
    } else if (at(Tok::PlusPlus) || at(Tok::MinusMinus)) {
      Token op = take();
      auto u = make_expr(ExprKind::Unary, join(e->range, op.range));
      u->op = op.kind;
      u->postfix = true;
      u->args.push_back(std::move(e));
      e = std::move(u);
    } else {
      return e;
    }
  }
}

std::vector<ExprPtr> Parser::parse_call_args() {
  std::vector<ExprPtr> args;
  expect(Tok::LParen, "'('");
  bool saved = in_predicate_;
  in_predicate_ = false;
  if (!at(Tok::RParen)) {
    do {
      args.push_back(parse_expr());
    } while (accept(Tok::Comma));
  }
  in_predicate_ = saved;
  return args;
}

ExprPtr Parser::parse_primary() {
  Token t = peek();
  switch (t.kind) {
  case Tok::Int: {
    take();
    auto e = make_expr(ExprKind::Int, t.range);
    e->int_value = t.int_value;
    e->is_unsigned = t.is_unsigned;
    return e;
  }
  case Tok::String: {
    take();
    auto e = make_expr(ExprKind::String, t.range);
    e->str_value = t.text;
    return e;
  }
  case Tok::Var: {
    take();
    auto e = make_expr(ExprKind::Var, t.range);
    e->name = t.text;
    return e;
  }
  case Tok::Positional: {
    take();
    auto e = make_expr(ExprKind::Positional, t.range);
    e->int_value = t.int_value;
    return e;
  }
  case Tok::ArgCount:
    take();
    return make_expr(ExprKind::ArgCount, t.range);
  case Tok::Map: {
    take();
    auto e = make_expr(ExprKind::Map, t.range);
    e->name = t.text;
    if (at(Tok::LBracket)) {
      take();
      bool saved = in_predicate_;
      in_predicate_ = false;
      do {
        e->args.push_back(parse_expr());
      } while (accept(Tok::Comma));
      in_predicate_ = saved;
      e->range = join(t.range, expect(Tok::RBracket, "']' or ',' in the map key").range);
    }
    return e;
  }
  case Tok::Ident: {
    if (t.text == "struct" || t.text == "union" || t.text == "enum")
      fail(t.range, t.text + " types are not supported by btc yet");
    take();
    if (at(Tok::LParen)) {
      auto e = make_expr(ExprKind::Call, t.range);
      e->name = t.text;
      e->args = parse_call_args();
      e->range = join(t.range, expect(Tok::RParen, "')' or ',' in the argument list").range);
      return e;
    }
    auto e = make_expr(ExprKind::Builtin, t.range);
    e->name = t.text;
    return e;
  }
  case Tok::LBrace:
    return parse_block_expr(true);
  case Tok::LParen: {
    Token open = take();
    bool saved = in_predicate_;
    in_predicate_ = false;
    if (at(Tok::Ident) && peek(1).kind == Tok::Assign) {
      // A record: (name = value, ...).
      auto record = make_expr(ExprKind::Tuple, open.range);
      do {
        Token name = expect(Tok::Ident, "a field name (name = value) in the record");
        expect(Tok::Assign, "'=' after the record's field name");
        record->field_names.push_back(name.text);
        record->field_ranges.push_back(name.range);
        record->args.push_back(parse_expr());
      } while (accept(Tok::Comma));
      record->range = join(open.range, expect(Tok::RParen, "')' or ',' in the record").range);
      in_predicate_ = saved;
      return record;
    }
    if (at(Tok::RParen)) {
      // `()`, the empty tuple of current bpftrace.
      auto tuple = make_expr(ExprKind::Tuple, join(open.range, take().range));
      in_predicate_ = saved;
      return tuple;
    }
    ExprPtr first = parse_expr();
    if (at(Tok::Comma)) {
      auto tuple = make_expr(ExprKind::Tuple, open.range);
      tuple->args.push_back(std::move(first));
      // `(1,)` is a tuple of one element, as in current bpftrace.
      while (accept(Tok::Comma) && !at(Tok::RParen)) tuple->args.push_back(parse_expr());
      tuple->range = join(open.range, expect(Tok::RParen, "')' to close the tuple").range);
      in_predicate_ = saved;
      return tuple;
    }
    Token close = expect(Tok::RParen, "')'");
    in_predicate_ = saved;
    first->range = join(open.range, close.range);
    return first;
  }
  default:
    unexpected("an expression");
  }
}

} // namespace btc
