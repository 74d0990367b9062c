#include "syntax/macros.h"

#include <algorithm>
#include <map>

namespace btc {

ExprPtr clone_expr(const Expr& e) {
  auto c = std::make_unique<Expr>();
  c->kind = e.kind;
  c->range = e.range;
  c->name = e.name;
  c->int_value = e.int_value;
  c->is_unsigned = e.is_unsigned;
  c->str_value = e.str_value;
  c->op = e.op;
  c->op_range = e.op_range;
  c->postfix = e.postfix;
  c->arrow = e.arrow;
  c->cast_type = e.cast_type;
  c->type_ref = e.type_ref;
  c->field_names = e.field_names;
  c->field_ranges = e.field_ranges;
  for (const auto& a : e.args) c->args.push_back(clone_expr(*a));
  for (const auto& s : e.stmts) c->stmts.push_back(clone_stmt(*s));
  if (e.type_of) c->type_of = clone_expr(*e.type_of);
  return c;
}

StmtPtr clone_stmt(const Stmt& s) {
  auto c = std::make_unique<Stmt>();
  c->kind = s.kind;
  c->range = s.range;
  for (auto [from, to] : {std::pair{&s.target, &c->target}, std::pair{&s.value, &c->value},
                          std::pair{&s.cond, &c->cond}, std::pair{&s.end, &c->end},
                          std::pair{&s.type_of, &c->type_of}})
    if (*from) *to = clone_expr(**from);
  c->op = s.op;
  c->count = s.count;
  c->has_declared_type = s.has_declared_type;
  c->discard = s.discard;
  c->declared_type = s.declared_type;
  for (const auto& b : s.body) c->body.push_back(clone_stmt(*b));
  for (const auto& b : s.else_body) c->else_body.push_back(clone_stmt(*b));
  return c;
}

namespace {

class Expander {
public:
  Expander(const std::vector<Macro>& macros, Diagnostics& diags) : diags_(diags) {
    for (const Macro& m : macros) {
      if (!macros_.emplace(m.name, &m).second)
        diags_.error(m.range, "macro " + m.name + " is defined twice");
    }
  }

  void stmts(std::vector<StmtPtr>& list) {
    for (auto& s : list) stmt(*s);
  }

  void stmt(Stmt& s) {
    for (ExprPtr* e : {&s.target, &s.cond, &s.end, &s.type_of})
      if (*e) expr(*e, false);
    if (s.value) expr(s.value, s.kind == StmtKind::Expr);
    // A macro without a value called as a statement is its statements.
    if (s.kind == StmtKind::Expr && s.value->kind == ExprKind::Block && s.value->args.empty()) {
      s.kind = StmtKind::Block;
      s.body = std::move(s.value->stmts);
      s.value.reset();
    }
    stmts(s.body);
    stmts(s.else_body);
  }

  void expr(ExprPtr& e, bool statement) {
    for (auto& a : e->args) expr(a, false);
    if (e->type_of) expr(e->type_of, false);
    stmts(e->stmts);
    if (e->kind != ExprKind::Call && e->kind != ExprKind::Builtin) return;
    auto found = macros_.find(e->name);
    // A bare name is a call only of a macro without parameters (`one` for `one()`).
    if (found == macros_.end() || (e->kind == ExprKind::Builtin && !found->second->params.empty()))
      return;
    ExprPtr body = expand(*found->second, *e);
    if (!body) return;
    if (!statement && body->args.empty()) {
      diags_.error(e->range, "macro " + e->name +
                                 " has no value (its body ends with a statement), so it cannot "
                                 "be used in an expression");
      return;
    }
    e = std::move(body);
  }

private:
  ExprPtr expand(const Macro& m, const Expr& call) {
    if (std::find(active_.begin(), active_.end(), m.name) != active_.end()) {
      diags_.error(call.range, "macro " + m.name + " calls itself, through " + active_.back() +
                                   ": recursive macros are not allowed");
      return nullptr;
    }
    if (call.args.size() != m.params.size()) {
      diags_.error(call.range, "macro " + m.name + " takes " + std::to_string(m.params.size()) +
                                   (m.params.size() == 1 ? " argument, " : " arguments, ") +
                                   std::to_string(call.args.size()) + " given");
      return nullptr;
    }
    bool ok = true;
    for (size_t i = 0; i < m.params.size(); ++i) {
      const MacroParam& p = m.params[i];
      const Expr& a = *call.args[i];
      if (p.kind == Tok::Var && a.kind != ExprKind::Var) {
        diags_.error(a.range, "macro " + m.name + " takes a variable for $" + p.name +
                                  ": pass one, such as $x");
        ok = false;
      } else if (p.kind == Tok::Map && (a.kind != ExprKind::Map || !a.args.empty())) {
        diags_.error(a.range, "macro " + m.name + " takes a map for " + p.name +
                                  ": pass one without a key, such as @m");
        ok = false;
      }
    }
    if (!ok) return nullptr;
    ExprPtr body = clone_expr(*m.body);
    std::string suffix = "#" + std::to_string(++expansions_);
    for (auto& s : body->stmts) substitute(*s, m, call, suffix);
    for (auto& a : body->args) substitute(a, m, call, suffix);
    // An argument used twice doubles at each level of nested calls (f(f(f(...)))): the
    // expansions together may hold kMaxExpandedNodes expressions, not 2^depth.
    expanded_nodes_ += count_nodes(*body, kMaxExpandedNodes);
    if (expanded_nodes_ > kMaxExpandedNodes) {
      if (!too_large_) {
        too_large_ = true;
        diags_.error(call.range, "the macros expand to more than " +
                                     std::to_string(kMaxExpandedNodes) +
                                     " expressions here (a macro's argument is copied "
                                     "wherever its body names it: store it in a variable "
                                     "there first)");
      }
      return nullptr;
    }
    active_.push_back(m.name);
    for (auto& s : body->stmts) stmt(*s);
    for (auto& a : body->args) expr(a, false);
    active_.pop_back();
    return body;
  }

  void substitute(Stmt& s, const Macro& m, const Expr& call, const std::string& suffix) {
    for (ExprPtr* e : {&s.target, &s.value, &s.cond, &s.end, &s.type_of})
      if (*e) substitute(*e, m, call, suffix);
    for (auto& b : s.body) substitute(*b, m, call, suffix);
    for (auto& b : s.else_body) substitute(*b, m, call, suffix);
  }

  void substitute(ExprPtr& e, const Macro& m, const Expr& call, const std::string& suffix) {
    for (size_t i = 0; i < m.params.size(); ++i) {
      const MacroParam& p = m.params[i];
      const Expr& a = *call.args[i];
      if (p.kind == Tok::Var && e->kind == ExprKind::Var && e->name == p.name) {
        e->name = a.name;
        return;
      }
      if (p.kind == Tok::Map && e->kind == ExprKind::Map && e->name == p.name) {
        e->name = a.name;
        break;
      }
      if (p.kind == Tok::Ident && e->kind == ExprKind::Builtin && e->name == p.name) {
        e = clone_expr(a);
        return;
      }
    }
    if (e->kind == ExprKind::Var) {
      e->name += suffix;
    } else if (e->kind == ExprKind::Map &&
               std::none_of(m.params.begin(), m.params.end(), [&](const MacroParam& p) {
                 return p.kind == Tok::Map && call.args[&p - m.params.data()]->name == e->name;
               })) {
      diags_.error(e->range, "macro " + m.name + " cannot use " + e->name +
                                 ": a map reaches a macro only as an argument (macro " + m.name +
                                 "(" + e->name + "))");
    }
    for (auto& a : e->args) substitute(a, m, call, suffix);
    if (e->type_of) substitute(e->type_of, m, call, suffix);
    for (auto& s : e->stmts) substitute(*s, m, call, suffix);
  }

  // The expressions of `e` and everything in it, counted up to `cap` (then cap + 1).
  static size_t count_nodes(const Expr& e, size_t cap) {
    size_t n = 1;
    for (const auto& a : e.args) {
      if (n > cap) break;
      n += count_nodes(*a, cap - n);
    }
    for (const auto& st : e.stmts)
      if (n <= cap) n += count_nodes(*st, cap - n);
    return n;
  }
  static size_t count_nodes(const Stmt& s, size_t cap) {
    size_t n = 0;
    for (const ExprPtr* x : {&s.target, &s.value, &s.cond, &s.end})
      if (*x && n <= cap) n += count_nodes(**x, cap - n);
    for (const auto* list : {&s.body, &s.else_body})
      for (const auto& b : *list)
        if (n <= cap) n += count_nodes(*b, cap - n);
    return n;
  }

  static constexpr size_t kMaxExpandedNodes = 100000;

  Diagnostics& diags_;
  size_t expanded_nodes_ = 0;
  bool too_large_ = false;
  std::map<std::string, const Macro*> macros_;
  std::vector<std::string> active_; // the macros being expanded, outermost first
  int expansions_ = 0;
};

} // namespace

bool expand_macros(Program& program, Diagnostics& diags) {
  if (program.macros.empty()) return true;
  size_t before = diags.errors();
  Expander expander(program.macros, diags);
  for (Probe& probe : program.probes) {
    if (probe.predicate) expander.expr(probe.predicate, false);
    expander.stmts(probe.body);
  }
  return diags.errors() == before;
}

} // namespace btc
