#include "sema/checker.h"

namespace btc {

namespace {

bool resolve_probes(Program& program, SemaResult& result, Diagnostics& diags) {
  for (Probe& probe : program.probes) {
    ProbeInfo info{&probe, {}, {}};
    for (const ProbeRef& spec : probe.specs) {
      std::string error;
      auto resolved = resolve_probe(spec.text, error);
      if (!resolved) {
        diags.error(spec.range, error);
        continue;
      }
      for (auto& r : *resolved) {
        if (!r.missing_here.empty()) {
          // sslsnoop.bt lists functions of several OpenSSL versions: any one host has some.
          if (probe.specs.size() == 1) {
            diags.error(spec.range, r.missing_here);
            continue;
          }
          r.optional = true;
          diags.warning(spec.range, r.missing_here + "; the tool skips it where it is missing");
        }
        if (!r.warning.empty()) diags.warning(spec.range, r.warning);
        info.attach.push_back(std::move(r));
      }
    }
    bool has_special = false, has_other = false;
    for (const auto& r : info.attach)
      (r.type == ProbeType::Begin || r.type == ProbeType::End ? has_special : has_other) = true;
    if (has_special && (has_other || info.attach.size() > 1))
      diags.error(probe.specs.front().range,
                  "BEGIN and END must each have an action block of their own");
    result.probes.push_back(std::move(info));
  }
  return diags.errors() == 0;
}

// The types inference has learned so far: every map's key and value, every variable's type.
struct Learned {
  std::vector<std::pair<std::string, Type>> types;
  bool operator==(const Learned&) const = default;
};

Learned learned(const SemaResult& result) {
  Learned l;
  for (const auto& [name, map] : result.maps) {
    l.types.emplace_back(name + "[]", map.key);
    l.types.emplace_back(name, map.value);
  }
  for (size_t i = 0; i < result.probes.size(); ++i)
    for (const auto& [name, var] : result.probes[i].vars)
      l.types.emplace_back(std::to_string(i) + "$" + name, var.type);
  return l;
}

} // namespace

std::optional<SemaResult> analyze(Program& program, Diagnostics& diags,
                                  const std::vector<TypeSource*>& sources, bool c_preamble,
                                  bool unsafe) {
  SemaResult result;
  result.unsafe = unsafe;
  result.config = check_config(program.config, diags);
  if (!resolve_probes(program, result, diags) || diags.errors()) return std::nullopt;
  Checker checker(result, diags, sources, c_preamble);
  // Silent passes until nothing changes: each can define a map read before (in script order)
  // the probe that assigns it, and `@a = @b; ... @b = @c; ... @c = 1` takes one pass per link.
  // Types only ever go from unknown to known or widen, so this settles; the bound is a guard.
  Learned before = learned(result);
  for (int pass = 1;; ++pass) {
    checker.run(false);
    Learned after = learned(result);
    if (after == before) break;
    if (pass == kMaxInferencePasses) {
      diags.error("internal error: type inference did not settle after " +
                  std::to_string(kMaxInferencePasses) + " passes");
      return std::nullopt;
    }
    before = std::move(after);
  }
  checker.run(true);
  if (diags.errors()) return std::nullopt;
  return result;
}

void Checker::run(bool report) {
  report_ = report;
  for (ProbeInfo& probe : result_.probes) check_probe(probe);
}

void Checker::error(SourceRange range, const std::string& message) {
  if (report_) diags_.error(range, message);
}

void Checker::warning(SourceRange range, const std::string& message) {
  if (report_) diags_.warning(range, message);
}

bool Checker::is_begin_or_end() const {
  const auto& a = probe_->attach;
  return !a.empty() && (a[0].type == ProbeType::Begin || a[0].type == ProbeType::End);
}

void Checker::check_probe(ProbeInfo& probe) {
  probe_ = &probe;
  defined_vars_.clear();
  loop_depth_ = 0;
  if (probe.ast->predicate) check_condition(*probe.ast->predicate, "predicate");
  check_block(probe.ast->body);
}

void Checker::allow_void(const Expr& e) {
  void_ok_.insert(&e);
  if (e.kind == ExprKind::Ternary) {
    allow_void(*e.args[1]);
    allow_void(*e.args[2]);
  }
}

void Checker::check_block(std::vector<StmtPtr>& body) {
  for (auto& s : body) check_stmt(*s);
}

void Checker::check_condition(Expr& e, const char* what) {
  Type t = check(e);
  if (t.kind() != TypeKind::None && !t.is_int() && t.kind() != TypeKind::Bool)
    error(e.range, std::string("the ") + what + " must be an integer, not " + type_name(t));
}

void Checker::check_stmt(Stmt& s) {
  switch (s.kind) {
  case StmtKind::Expr:
    allow_void(*s.value);
    // Lowering has no value for args itself: only its fields are read.
    if (check(*s.value).kind() == TypeKind::Args)
      error(s.value->range, "args is only read through its fields (args.field)");
    if (is_aggregation_call(*s.value))
      error(s.value->range,
            s.value->name + "() must be assigned to a map, e.g. @x = " + s.value->name + "(...)");
    return;
  case StmtKind::Assign:
    check_assign(s);
    return;
  case StmtKind::Let:
    check_let(s);
    return;
  case StmtKind::If:
    check_condition(*s.cond, "condition");
    check_block(s.body);
    check_block(s.else_body);
    return;
  case StmtKind::While:
    check_condition(*s.cond, "loop condition");
    ++loop_depth_;
    check_block(s.body);
    --loop_depth_;
    return;
  case StmtKind::Unroll:
    check_block(s.body);
    return;
  case StmtKind::Block:
    check_block(s.body);
    return;
  case StmtKind::Return:
    return;
  case StmtKind::Break:
  case StmtKind::Continue:
    if (loop_depth_ == 0)
      error(s.range, std::string(s.kind == StmtKind::Break ? "break" : "continue") +
                         " outside of a while loop");
    return;
  }
}

void Checker::check_let(Stmt& s) {
  const std::string& name = s.target->name;
  auto it = probe_->vars.find(name);
  if (report_ && defined_vars_.count(name) && it != probe_->vars.end() && it->second.is_let) {
    error(s.target->range, "variable $" + name + " is already declared");
    return;
  }
  if (s.has_declared_type) {
    VarInfo& v = probe_->vars[name];
    v.type = s.declared_type;
    v.is_let = true;
    s.target->type = v.type;
    defined_vars_.insert(name);
    if (s.value) {
      Type value = check(*s.value);
      if (value.kind() != TypeKind::None && !value.is_int())
        error(s.value->range, "cannot assign a value of type " + type_name(value) + " to $" + name +
                                  " declared as " + type_name(s.declared_type));
    }
    return;
  }
  if (!s.value) {
    error(s.target->range, "let $" + name + " needs a type or an initial value");
    return;
  }
  Type value = check(*s.value);
  if (value.kind() == TypeKind::None) return;
  assign_var(*s.target, value, s.range);
  probe_->vars[name].is_let = true;
}

void Checker::check_assign(Stmt& s) {
  Expr& target = *s.target;
  bool aggregation = is_aggregation_call(*s.value);
  Type value = check(*s.value);
  if (aggregation && target.kind != ExprKind::Map) {
    error(s.value->range, s.value->name + "() must be assigned to a map, not a variable");
    return;
  }
  if (aggregation && s.op != Tok::Assign) {
    error(s.range, "compound assignment of " + s.value->name + "() is not allowed");
    return;
  }
  if (s.op != Tok::Assign && target.kind == ExprKind::Map) {
    // `@m[k] += v` on a map nothing assigned yet starts it as an integer map at 0.
    check_map_key(target);
    auto it = result_.maps.find(target.name);
    if (it != result_.maps.end() && it->second.value.kind() == TypeKind::None)
      it->second.value = Type::integer();
  }
  if (s.op != Tok::Assign) {
    // `x op= v` is `x = x op v`: both sides must be integers.
    Type current;
    if (target.kind == ExprKind::Var) {
      current = check_var(target);
    } else if (auto it = result_.maps.find(target.name); it != result_.maps.end()) {
      current = target.type = it->second.value;
    }
    if (current.kind() != TypeKind::None && !current.is_int()) {
      std::string shown = (target.kind == ExprKind::Var ? "$" : "") + target.name;
      error(target.range,
            "compound assignment needs an integer, " + shown + " is " + type_name(current));
      return;
    }
    if (value.kind() != TypeKind::None && !value.is_int()) {
      error(s.value->range, "compound assignment needs an integer value, not " + type_name(value));
      return;
    }
    return;
  }
  if (value.kind() == TypeKind::None) return; // reported where it arose
  if (value.kind() == TypeKind::Args) {
    error(s.value->range, "args cannot be stored; read its fields instead (args.field)");
    return;
  }
  if ((value.kind() == TypeKind::Record || value.kind() == TypeKind::Array) &&
      !check_aggregate_value(*s.value, value))
    return;
  if (target.kind == ExprKind::Var)
    assign_var(target, value, s.range);
  else
    assign_map(target, value, s.range);
}

void Checker::assign_var(Expr& target, const Type& value, SourceRange where) {
  if (value.is_aggregation()) return;
  auto it = probe_->vars.find(target.name);
  if (it == probe_->vars.end()) {
    // A variable keeps the integer width of its first value, as in bpftrace ($v = (int32)1).
    probe_->vars[target.name] = {value, false};
  } else if (!assignable(it->second.type, value)) {
    error(where, "type mismatch for $" + target.name + ": trying to assign a value of type " +
                     type_name(value) + " when the variable already holds " +
                     type_name(it->second.type));
    return;
  } else if (!it->second.type.is_int()) {
    it->second.type = common_type(it->second.type, value); // strings widen, integers keep
  }
  if (value.kind() == TypeKind::Record || value.kind() == TypeKind::Array) {
    // The probe's variables share one per-CPU map value: the error goes to the one that
    // overflows it, in script order.
    uint32_t total = 0;
    for (const auto& [name, var] : probe_->vars)
      if ((var.type.kind() == TypeKind::Record || var.type.kind() == TypeKind::Array) &&
          (name == target.name || defined_vars_.count(name)))
        total += member_layout(var.type).size;
    if (total > kMaxScratchBytes) {
      error(where, "the record and array variables of this probe take " + std::to_string(total) +
                       " bytes, more than the " + std::to_string(kMaxScratchBytes) +
                       " a per-CPU BPF map value holds; keep fewer of them or read fields");
      return;
    }
  }
  defined_vars_.insert(target.name);
  target.type = probe_->vars[target.name].type;
}

void Checker::check_map_key(Expr& map) {
  auto it = result_.maps.find(map.name);
  bool has_key = !map.args.empty();
  Type key;
  if (has_key) {
    std::vector<Type> parts;
    for (auto& k : map.args) {
      Type t = check(*k);
      if (t.kind() == TypeKind::None) return;
      if (!t.is_int() && !t.is_str() && t.kind() != TypeKind::Tuple &&
          t.kind() != TypeKind::Stack && t.kind() != TypeKind::Ksym && t.kind() != TypeKind::USym &&
          t.kind() != TypeKind::Inet && t.kind() != TypeKind::Buffer &&
          t.kind() != TypeKind::MacAddr && t.kind() != TypeKind::Record &&
          t.kind() != TypeKind::Array && t.kind() != TypeKind::Bool) {
        error(k->range, "a map key must be an integer, a string or a tuple, not " + type_name(t));
        return;
      }
      if ((t.kind() == TypeKind::Record || t.kind() == TypeKind::Array) &&
          !check_aggregate_value(*k, t))
        return;
      parts.push_back(t.kind() == TypeKind::Pointer ? Type::integer(64, false) : t);
    }
    key = parts.size() == 1 ? parts[0] : Type::tuple(std::move(parts));
    if (key.kind() == TypeKind::Int) key = Type::integer(64, key.is_signed());
  }
  if (it == result_.maps.end()) {
    MapInfo info;
    info.name = map.name;
    info.has_key = has_key;
    info.key = key;
    info.first_use = map.range;
    result_.maps[map.name] = info;
    return;
  }
  MapInfo& info = it->second;
  if (info.has_key != has_key) {
    error(map.range, has_key ? map.name + " is used without a key elsewhere"
                             : map.name + " is used with a key elsewhere");
    return;
  }
  if (!has_key) return;
  if (!assignable(info.key, key)) {
    error(map.range, "the key of " + map.name + " has type " + type_name(key) +
                         ", but it was first used with " + type_name(info.key));
    return;
  }
  info.key = common_type(info.key, key);
}

void Checker::assign_map(Expr& target, const Type& value, SourceRange where) {
  check_map_key(target);
  auto it = result_.maps.find(target.name);
  if (it == result_.maps.end()) return;
  MapInfo& info = it->second;
  Type stored = value;
  if (stored.kind() == TypeKind::Int) stored = Type::integer(64, value.is_signed());
  if (stored.kind() == TypeKind::Pointer) stored = Type::integer(64, false);
  if (info.value.kind() == TypeKind::None) {
    info.value = stored;
  } else if (!assignable(info.value, stored)) {
    error(where, "type mismatch for " + target.name + ": trying to assign a value of type " +
                     type_name(value) + " when the map already holds " + type_name(info.value));
    return;
  } else {
    info.value = common_type(info.value, stored);
  }
  target.type = info.value;
}

Type Checker::check_var(Expr& e) {
  auto it = probe_->vars.find(e.name);
  if (it == probe_->vars.end() || (report_ && !defined_vars_.count(e.name))) {
    error(e.range, "undefined variable: $" + e.name);
    return e.type = Type::none();
  }
  return e.type = it->second.type;
}

Type Checker::check_map_read(Expr& e) {
  check_map_key(e);
  auto it = result_.maps.find(e.name);
  if (it == result_.maps.end() || it->second.value.kind() == TypeKind::None) {
    error(e.range, "undefined map: " + e.name + " is never assigned");
    return e.type = Type::none();
  }
  const Type& v = it->second.value;
  if (v.is_aggregation()) {
    error(e.range, "the value of " + e.name + " (" + type_name(v) +
                       ") cannot be used in an expression; print it instead");
    return e.type = Type::none();
  }
  return e.type = v;
}

Type Checker::check_positional(Expr& e, bool as_string) {
  ParamUse& use = result_.params[static_cast<uint32_t>(e.int_value)];
  if (e.int_value == 0) {
    error(e.range, "positional parameters start at $1");
    return e.type = Type::none();
  }
  if (as_string) {
    use.as_string = true;
    return e.type = Type::string(kStrLen);
  }
  use.as_number = true;
  return e.type = Type::integer();
}

Type Checker::check(Expr& e) {
  switch (e.kind) {
  case ExprKind::Int:
    // As in bpftrace 0.17, every literal is an int64, suffixed or not: 18446744073709551615u
    // is -1.
    return e.type = Type::integer();
  case ExprKind::String:
    return e.type = Type::string(static_cast<uint32_t>(e.str_value.size() + 1));
  case ExprKind::Var:
    return check_var(e);
  case ExprKind::Positional:
    return check_positional(e, false);
  case ExprKind::ArgCount:
    result_.uses_argc = true;
    return e.type = Type::integer(64, false);
  case ExprKind::Map:
    return check_map_read(e);
  case ExprKind::Builtin:
    return check_builtin(e);
  case ExprKind::Call:
    return check_call(e);
  case ExprKind::Binary:
    return check_binary(e);
  case ExprKind::Unary:
    return check_unary(e);
  case ExprKind::Ternary:
    return check_ternary(e);
  case ExprKind::Cast:
    return check_cast(e);
  case ExprKind::Tuple: {
    std::vector<Type> elems;
    for (auto& a : e.args) {
      Type elem = check(*a);
      if (elem.kind() == TypeKind::None) return e.type = Type::none();
      if (elem.is_aggregation() || elem.kind() == TypeKind::Args ||
          elem.kind() == TypeKind::Record || elem.kind() == TypeKind::Array) {
        error(a->range, "a tuple cannot hold a value of type " + type_name(elem));
        return e.type = Type::none();
      }
      if (elem.kind() == TypeKind::Int || elem.kind() == TypeKind::Pointer)
        elem = Type::integer(64, elem.kind() == TypeKind::Int && elem.is_signed());
      elems.push_back(elem);
    }
    return e.type = Type::tuple(std::move(elems));
  }
  case ExprKind::Field:
    return check_field(e);
  case ExprKind::Sizeof: {
    if (!e.args.empty()) {
      Type t = check(*e.args[0]);
      if (t.kind() == TypeKind::None) return e.type = Type::none();
    } else {
      auto t = resolve_type(e.type_ref);
      if (!t) return e.type = Type::none();
      e.cast_type = *t;
    }
    return e.type = Type::integer(64, false);
  }
  case ExprKind::Offsetof:
    return check_offsetof(e);
  case ExprKind::Index:
    return check_index(e);
  case ExprKind::Deref:
    return check_deref(e);
  }
  return e.type = Type::none();
}

Type Checker::check_binary(Expr& e) {
  Type l = check(*e.args[0]);
  Type r = check(*e.args[1]);
  if (l.kind() == TypeKind::None || r.kind() == TypeKind::None) return e.type = Type::none();
  bool equality = e.op == Tok::EqEq || e.op == Tok::Ne;
  if (l.kind() == TypeKind::Record || l.kind() == TypeKind::Array || r.kind() == TypeKind::Record ||
      r.kind() == TypeKind::Array)
    return check_aggregate_binary(e, l, r);
  if (l.kind() == TypeKind::Bool || r.kind() == TypeKind::Bool) {
    // A bool compares and combines logically, with a bool or an integer (as 0/1).
    bool logical = equality || e.op == Tok::AndAnd || e.op == Tok::OrOr;
    if (logical && (l.is_int() || l.kind() == TypeKind::Bool) &&
        (r.is_int() || r.kind() == TypeKind::Bool))
      return e.type = Type::integer();
    error(e.range, std::string("operator ") + tok_spelling(e.op) + " cannot be applied to " +
                       type_name(l) + " and " + type_name(r));
    return e.type = Type::none();
  }
  if (l.is_str() || r.is_str()) {
    if (equality && l.is_str() && r.is_str()) return e.type = Type::integer();
    error(e.range, std::string("operator ") + tok_spelling(e.op) + " cannot be applied to " +
                       type_name(l) + " and " + type_name(r));
    return e.type = Type::none();
  }
  if (!l.is_int() || !r.is_int()) {
    error(e.range, std::string("operator ") + tok_spelling(e.op) + " cannot be applied to " +
                       type_name(l) + " and " + type_name(r));
    return e.type = Type::none();
  }
  bool is_signed =
      l.kind() == TypeKind::Int && l.is_signed() && r.kind() == TypeKind::Int && r.is_signed();
  switch (e.op) {
  case Tok::EqEq:
  case Tok::Ne:
  case Tok::Lt:
  case Tok::Le:
  case Tok::Gt:
  case Tok::Ge:
  case Tok::AndAnd:
  case Tok::OrOr:
    return e.type = Type::integer();
  default:
    return e.type = Type::integer(64, is_signed);
  }
}

Type Checker::check_unary(Expr& e) {
  Expr& operand = *e.args[0];
  if (e.op == Tok::PlusPlus || e.op == Tok::MinusMinus) {
    if (operand.kind != ExprKind::Var && operand.kind != ExprKind::Map) {
      error(e.range, std::string(tok_spelling(e.op)) + " can only be applied to a variable or map");
      return e.type = Type::none();
    }
    if (operand.kind == ExprKind::Map) {
      // `@x++` defines @x as an integer when nothing else did.
      check_map_key(operand);
      auto it = result_.maps.find(operand.name);
      if (it != result_.maps.end() && it->second.value.kind() == TypeKind::None)
        it->second.value = Type::integer();
    }
    Type t = operand.kind == ExprKind::Var ? check_var(operand) : check_map_read(operand);
    if (t.kind() != TypeKind::None && !t.is_int()) {
      error(e.range, std::string(tok_spelling(e.op)) + " needs an integer, not " + type_name(t));
      return e.type = Type::none();
    }
    return e.type = t.kind() == TypeKind::None ? t : Type::integer(64, t.is_signed());
  }
  Type t = check(operand);
  if (t.kind() == TypeKind::None) return e.type = t;
  if (e.op == Tok::Bang && t.kind() == TypeKind::Bool) return e.type = Type::integer();
  if (!t.is_int()) {
    error(e.range,
          std::string("operator ") + tok_spelling(e.op) + " cannot be applied to " + type_name(t));
    return e.type = Type::none();
  }
  if (e.op == Tok::Bang) return e.type = Type::integer();
  // '-' and '~' keep the operand's type: -(uint8)1 is 255.
  if (t.kind() == TypeKind::Pointer) return e.type = Type::integer(64, false);
  return e.type = t;
}

Type Checker::check_ternary(Expr& e) {
  check_condition(*e.args[0], "condition");
  Type a = check(*e.args[1]);
  Type b = check(*e.args[2]);
  if (a.kind() == TypeKind::None || b.kind() == TypeKind::None) return e.type = Type::none();
  if (a.is_int() && b.is_int())
    return e.type = Type::integer(64, a.kind() == TypeKind::Int && a.is_signed() &&
                                          b.kind() == TypeKind::Int && b.is_signed());
  if (a.kind() != b.kind() || !assignable(a, b) || a.is_aggregation()) {
    error(e.range, "the branches of the conditional have different types: " + type_name(a) +
                       " and " + type_name(b));
    return e.type = Type::none();
  }
  return e.type = common_type(a, b);
}

Type Checker::check_field(Expr& e) {
  Expr& base = *e.args[0];
  Type b = check(base);
  if (b.kind() == TypeKind::None) return e.type = b;
  if (b.kind() == TypeKind::Tuple) {
    if (e.arrow || e.name.empty() || !std::isdigit(static_cast<unsigned char>(e.name[0]))) {
      error(e.range, "tuple elements are accessed by index, e.g. $t.0");
      return e.type = Type::none();
    }
    if (e.int_value >= b.elems().size()) {
      error(e.range, "tuple index " + std::to_string(e.int_value) + " is out of range (" +
                         std::to_string(b.elems().size()) + " elements)");
      return e.type = Type::none();
    }
    return e.type = b.elems()[e.int_value];
  }
  if (b.kind() == TypeKind::Record || b.kind() == TypeKind::Pointer) return check_member(e, b);
  if (b.kind() != TypeKind::Args) {
    error(e.range, "cannot access field '" + e.name + "' of a value of type " + type_name(b));
    return e.type = Type::none();
  }
  ProbeType type = probe_->attach.front().type;
  if (type == ProbeType::Kfunc || type == ProbeType::Kretfunc || type == ProbeType::RawTracepoint)
    return check_kfunc_arg(e);
  if (type == ProbeType::Iter) return check_iter_field(e);
  if (type == ProbeType::Uprobe) return check_uprobe_arg(e);
  // Every concrete tracepoint of the probe must have the field; the type comes from the first.
  const TracepointField* first = nullptr;
  for (const auto& p : probe_->attach) {
    if (!p.format) {
      error(e.range, p.record_problem);
      return e.type = Type::none();
    }
    if (!p.record_warning.empty() && report_ && warned_records_.insert(&p).second)
      warning(e.range, p.record_warning);
    const TracepointField* f = p.format->find(e.name);
    if (!f) {
      error(e.range, "tracepoint " + p.display + " has no field '" + e.name + "'");
      return e.type = Type::none();
    }
    if (!first) first = f;
  }
  return e.type = tracepoint_field_type(probe_->attach.front(), *first, e);
}

} // namespace btc
