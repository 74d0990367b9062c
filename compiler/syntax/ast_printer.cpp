#include "syntax/ast_printer.h"

#include <cstdio>

namespace btc {

namespace {

// The operator's text: tok_spelling() without its quotes.
std::string op_text(Tok op) {
  std::string s = tok_spelling(op);
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') return s.substr(1, s.size() - 2);
  return s;
}

// A string value as a double-quoted literal with C escapes, so that every byte is visible.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '"':
      out += "\\\"";
      break;
    default:
      if (c < 0x20 || c >= 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out + "\"";
}

class Printer {
public:
  std::string out;

  void program(const Program& p) {
    line(0, "Program");
    for (const Probe& probe : p.probes) this->probe(probe, 1);
  }

  void probe(const Probe& p, int depth) {
    line(depth, "Probe");
    for (const ProbeRef& spec : p.specs) line(depth + 1, "Spec " + spec.text);
    if (p.predicate) {
      line(depth + 1, "Predicate");
      expr(*p.predicate, depth + 2);
    }
    block(depth + 1, "Body", p.body);
  }

  void block(int depth, const char* label, const std::vector<StmtPtr>& body) {
    line(depth, label);
    for (const auto& s : body) stmt(*s, depth + 1);
  }

  void stmt(const Stmt& s, int depth) {
    switch (s.kind) {
    case StmtKind::Expr:
      line(depth, s.discard ? "ExprStmt discard" : "ExprStmt");
      expr(*s.value, depth + 1);
      return;
    case StmtKind::Assign:
      line(depth, "Assign " + op_text(s.op));
      expr(*s.target, depth + 1);
      expr(*s.value, depth + 1);
      return;
    case StmtKind::Let: {
      std::string text = "Let";
      if (s.has_declared_type) text += " declared " + describe_type(s.declared_type);
      line(depth, text);
      expr(*s.target, depth + 1);
      if (s.value) expr(*s.value, depth + 1);
      return;
    }
    case StmtKind::If:
      line(depth, "If");
      line(depth + 1, "Cond");
      expr(*s.cond, depth + 2);
      block(depth + 1, "Then", s.body);
      if (!s.else_body.empty()) block(depth + 1, "Else", s.else_body);
      return;
    case StmtKind::While:
      line(depth, "While");
      line(depth + 1, "Cond");
      expr(*s.cond, depth + 2);
      block(depth + 1, "Body", s.body);
      return;
    case StmtKind::Unroll:
      line(depth, "Unroll " +
                      (s.cond ? "$" + std::to_string(s.cond->int_value) : std::to_string(s.count)));
      block(depth + 1, "Body", s.body);
      return;
    case StmtKind::For:
      line(depth, s.end ? "For range" : "For map");
      expr(*s.target, depth + 1);
      expr(*s.value, depth + 1);
      if (s.end) expr(*s.end, depth + 1);
      block(depth + 1, "Body", s.body);
      return;
    case StmtKind::Return:
      line(depth, "Return");
      return;
    case StmtKind::Break:
      line(depth, "Break");
      return;
    case StmtKind::Continue:
      line(depth, "Continue");
      return;
    case StmtKind::Block:
      line(depth, "Block");
      for (const auto& child : s.body) stmt(*child, depth + 1);
      return;
    }
    line(depth, "Stmt?");
  }

  void expr(const Expr& e, int depth) {
    std::string text;
    switch (e.kind) {
    case ExprKind::Int:
      text = "Int " + std::to_string(e.int_value) + (e.is_unsigned ? "u" : "");
      break;
    case ExprKind::String:
      text = "String " + quoted(e.str_value);
      break;
    case ExprKind::Var:
      text = "Var $" + e.name;
      // A scoped variable: the key sema gave it (name@offset of its declaration).
      if (!e.var_key.empty() && e.var_key != e.name) text += " [" + e.var_key + "]";
      break;
    case ExprKind::Positional:
      text = "Positional $" + std::to_string(e.int_value);
      break;
    case ExprKind::ArgCount:
      text = "ArgCount $#";
      break;
    case ExprKind::Map:
      text = "Map " + e.name;
      break;
    case ExprKind::Builtin:
      text = "Builtin " + e.name;
      break;
    case ExprKind::Call:
      text = "Call " + e.name;
      break;
    case ExprKind::Binary:
      text = "Binary " + op_text(e.op);
      break;
    case ExprKind::Unary:
      text = "Unary " + op_text(e.op);
      if (e.op == Tok::PlusPlus || e.op == Tok::MinusMinus)
        text += e.postfix ? " postfix" : " prefix";
      break;
    case ExprKind::Ternary:
      text = "Ternary";
      break;
    case ExprKind::Cast:
      text = "Cast " + written_type(e);
      break;
    case ExprKind::Tuple:
      text = "Tuple";
      for (const std::string& name : e.field_names) text += " " + name;
      break;
    case ExprKind::Field:
      text = std::string("Field ") + (e.arrow ? "->" : ".") + e.name;
      break;
    case ExprKind::Sizeof:
      text = "Sizeof";
      if (e.args.empty()) text += " " + written_type(e);
      break;
    case ExprKind::Offsetof:
      text = "Offsetof " + written_type(e) + " " + e.name;
      break;
    case ExprKind::Index:
      text = "Index";
      break;
    case ExprKind::Deref:
      text = "Deref";
      break;
    case ExprKind::Block:
      text = "BlockExpr";
      break;
    }
    if (e.type.kind() != TypeKind::None) text += " : " + describe_type(e.type);
    line(depth, text);
    for (const auto& s : e.stmts) stmt(*s, depth + 1);
    for (const auto& a : e.args) expr(*a, depth + 1);
  }

private:
  // The type of a cast/sizeof/offsetof: sema's when it has one, else as written.
  static std::string written_type(const Expr& e) {
    if (e.cast_type.kind() != TypeKind::None) return describe_type(e.cast_type);
    const TypeRef& r = e.type_ref;
    std::string s = r.builtin.kind() != TypeKind::None
                        ? describe_type(r.builtin)
                        : (r.tag.empty() ? "" : r.tag + " ") + r.name;
    return s + (r.pointers ? " " + std::string(static_cast<size_t>(r.pointers), '*') : "");
  }

  void line(int depth, const std::string& text) {
    out.append(static_cast<size_t>(depth) * 2, ' ');
    out += text;
    out += '\n';
  }
};

} // namespace

std::string describe_type(const Type& type) {
  switch (type.kind()) {
  case TypeKind::Tuple: {
    std::string s = "(";
    for (size_t i = 0; i < type.elems().size(); ++i)
      s += (i ? "," : "") + (type.is_record_tuple() ? type.field_names()[i] + "=" : "") +
           describe_type(type.elems()[i]);
    return s + ")";
  }
  case TypeKind::LHist:
    return "lhist(" + std::to_string(type.lhist_min()) + "," + std::to_string(type.lhist_max()) +
           "," + std::to_string(type.lhist_step()) + ")";
  case TypeKind::Timestamp:
    return "timestamp" + quoted(type.strftime_fmt());
  default:
    return type_name(type);
  }
}

std::string print_ast(const Program& program) {
  Printer p;
  p.program(program);
  return p.out;
}

std::string print_expr(const Expr& expr, int indent) {
  Printer p;
  p.expr(expr, indent);
  return p.out;
}

std::string print_stmt(const Stmt& stmt, int indent) {
  Printer p;
  p.stmt(stmt, indent);
  return p.out;
}

} // namespace btc
