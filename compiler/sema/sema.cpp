#include "attach_glob.h"
#include "sema/checker.h"

#include <tuple>

namespace btc {

namespace {

// A malformed wildcard in an attach point (outside its quoted parts): what is wrong, and where.
std::string spec_glob_problem(const std::string& spec, size_t& at) {
  for (size_t begin = 0; begin < spec.size();) {
    if (spec[begin] == '"') {
      size_t close = spec.find('"', begin + 1);
      begin = close == std::string::npos ? spec.size() : close + 1;
      continue;
    }
    size_t end = std::min(spec.find('"', begin), spec.size());
    size_t offset = 0;
    std::string problem =
        rt::attach_glob_problem(std::string_view(spec).substr(begin, end - begin), offset);
    if (!problem.empty()) {
      at = begin + offset;
      return problem;
    }
    begin = end;
  }
  return "";
}

bool resolve_probes(Program& program, SemaResult& result, Diagnostics& diags) {
  for (Probe& probe : program.probes) {
    ProbeInfo info{&probe, {}, {}};
    for (const ProbeRef& spec : probe.specs) {
      std::string error;
      size_t at = 0;
      if (std::string problem = spec_glob_problem(spec.text, at); !problem.empty()) {
        uint32_t where = spec.range.begin + static_cast<uint32_t>(at);
        diags.error({where, where + 1},
                    problem + " (wildcards: '*' any run, '?' one character, [abc] or [a-z] one "
                              "of a set)");
        continue;
      }
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
      (r.type == ProbeType::Begin || r.type == ProbeType::End || r.type == ProbeType::Self ||
               r.type == ProbeType::Bench || r.type == ProbeType::Test
           ? has_special
           : has_other) = true;
    if (has_special && (has_other || info.attach.size() > 1))
      diags.error(
          probe.specs.front().range,
          "BEGIN, END, self:signal, bench and test must each have an action block of their own");
    // Its printf() writes into the pin file, not to the tool: an action of its own.
    bool pinned = false;
    for (const auto& r : info.attach) pinned = pinned || !r.pin.empty();
    if (pinned && info.attach.size() > 1)
      diags.error(probe.specs.front().range,
                  "a pinned iterator must have an action block of its own");
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
  declare_maps(program, result, diags);
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
  check_declared_maps(result, diags);
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
  return !a.empty() && (a[0].type == ProbeType::Begin || a[0].type == ProbeType::End ||
                        a[0].type == ProbeType::Self || a[0].type == ProbeType::Bench ||
                        a[0].type == ProbeType::Test);
}

void Checker::check_probe(ProbeInfo& probe) {
  probe_ = &probe;
  defined_vars_.clear();
  scopes_.assign(1, {});
  loop_depth_ = 0;
  if (probe.ast->predicate) check_condition(*probe.ast->predicate, "predicate");
  check_block(probe.ast->body);
}

void Checker::allow_void(const Expr& e) {
  void_ok_.insert(&e);
  if (e.kind == ExprKind::Block) allow_void(*e.args[0]);
  if (e.kind == ExprKind::Ternary) {
    allow_void(*e.args[1]);
    allow_void(*e.args[2]);
  }
}

void Checker::check_block(std::vector<StmtPtr>& body) {
  for (auto& s : body) check_stmt(*s);
}

void Checker::check_scoped_block(std::vector<StmtPtr>& body) {
  scopes_.emplace_back();
  check_block(body);
  scopes_.pop_back();
}

const std::string* Checker::lookup_var(const std::string& name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end()) return &found->second;
  }
  return nullptr;
}

std::string Checker::declare_var(Expr& target, bool probe_level_ok) {
  // A position in the script cannot collide with another declaration's, and is the same on
  // every pass.
  std::string key = probe_level_ok && scopes_.size() == 1
                        ? target.name
                        : target.name + "@" + std::to_string(target.range.begin);
  scopes_.back()[target.name] = key;
  target.var_key = key;
  return key;
}

void Checker::check_condition(Expr& e, const char* what) {
  Type t = check(e);
  if (t.kind() != TypeKind::None && !t.is_int() && t.kind() != TypeKind::Bool)
    error(e.range, std::string("the ") + what + " must be an integer, not " + type_name(t));
}

void Checker::check_stmt(Stmt& s) {
  switch (s.kind) {
  case StmtKind::Expr:
    if (!s.discard) allow_void(*s.value);
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
    check_scoped_block(s.body);
    check_scoped_block(s.else_body);
    return;
  case StmtKind::While:
    check_condition(*s.cond, "loop condition");
    ++loop_depth_;
    check_scoped_block(s.body);
    --loop_depth_;
    return;
  case StmtKind::For:
    check_for(s);
    return;
  case StmtKind::Unroll:
    if (s.cond) check_positional(*s.cond, false);
    check_scoped_block(s.body);
    return;
  case StmtKind::Block:
    check_scoped_block(s.body);
    return;
  case StmtKind::Return:
    if (s.value) {
      Type t = check(*s.value);
      if (probe_->attach.front().type != ProbeType::Test)
        error(s.value->range, "a value can only be returned from a test probe");
      else if (t.kind() != TypeKind::None && !t.is_int())
        error(s.value->range, "a test probe returns an integer, not " + type_name(t));
      else if (for_depth_ > 0)
        error(s.value->range, "a value cannot be returned from inside a for loop yet");
    }
    return;
  case StmtKind::Break:
  case StmtKind::Continue:
    if (loop_depth_ == 0)
      error(s.range,
            std::string(s.kind == StmtKind::Break ? "break" : "continue") + " outside of a loop");
    return;
  }
}

void Checker::check_let(Stmt& s) {
  const std::string& name = s.target->name;
  if (lookup_var(name)) {
    error(s.target->range, "variable $" + name + " is already declared");
    return;
  }
  // The value is checked before the variable exists: `let $x = $x + 1` reads no $x.
  Type value = s.value ? check(*s.value) : Type::none();
  if (s.type_of) {
    std::optional<Type> t = typeof_type(*s.type_of);
    if (!t) return;
    s.declared_type = *t;
  }
  std::string key = declare_var(*s.target, true);
  if (s.has_declared_type) {
    if (s.declared_type.is_str() && s.declared_type.str_size() == 0)
      s.declared_type = Type::string(result_.config.max_strlen);
    VarInfo& v = probe_->vars[key];
    v.type = s.declared_type;
    v.is_let = true;
    v.declared = true;
    s.target->type = v.type;
    defined_vars_.insert(key);
    if (s.value && value.kind() != TypeKind::None) {
      bool fits = s.declared_type.is_int()
                      ? value.is_int() || value.kind() == TypeKind::Bool
                      : assignable(s.declared_type, value) &&
                            (!value.is_str() || value.str_size() <= s.declared_type.str_size());
      if (!fits)
        error(s.value->range, "cannot assign a value of type " + type_name(value) + " to $" + name +
                                  " declared as " + type_name(s.declared_type));
    }
    return;
  }
  if (!s.value) return; // `let $x;`: its type comes with its first assignment
  if (value.kind() == TypeKind::None) return;
  assign_var(*s.target, value, s.range);
  probe_->vars[key].is_let = true;
}

void Checker::check_for(Stmt& s) {
  probe_->loop_callbacks = true;
  Type elem;
  if (s.end) {
    Type start = check(*s.value);
    Type end = check(*s.end);
    bool ok = true;
    for (auto [bound, t, what] :
         {std::tuple<Expr*, Type, const char*>{s.value.get(), start, "start"},
          std::tuple<Expr*, Type, const char*>{s.end.get(), end, "end"}}) {
      if (t.kind() == TypeKind::None) {
        ok = false;
      } else if (!t.is_int() || t.kind() == TypeKind::Pointer) {
        error(bound->range,
              std::string("the ") + what + " of a range must be an integer, not " + type_name(t));
        ok = false;
      }
    }
    if (ok) elem = Type::integer(64, start.is_signed() && end.is_signed());
    // The kernel's bpf_loop() refuses more iterations (and so runs none): known bounds say so
    // here.
    auto from = constant_value(*s.value), to = constant_value(*s.end);
    if (ok && from && to && *to > *from &&
        static_cast<uint64_t>(*to) - static_cast<uint64_t>(*from) > kMaxRangeIterations)
      error(SourceRange{s.value->range.begin, s.end->range.end},
            "a range runs at most " + std::to_string(kMaxRangeIterations) +
                " iterations (the kernel's bpf_loop() limit), this one runs " +
                std::to_string(static_cast<uint64_t>(*to) - static_cast<uint64_t>(*from)));
  } else if (s.value->kind != ExprKind::Map) {
    Type t = check(*s.value);
    if (t.kind() != TypeKind::None)
      error(s.value->range, "a for loop iterates over a map (for ($kv : @map)) or a range "
                            "(for ($i : 0..10)), not over a value of type " +
                                type_name(t));
  } else if (!s.value->args.empty()) {
    error(s.value->range,
          "a for loop iterates over a whole map: write " + s.value->name + " without a key");
  } else {
    auto it = result_.maps.find(s.value->name);
    if (it == result_.maps.end() || it->second.value.kind() == TypeKind::None) {
      error(s.value->range, "undefined map: " + s.value->name + " is never assigned");
    } else if (!it->second.has_key) {
      error(s.value->range, "cannot iterate over " + s.value->name +
                                ": a map without keys has no elements to loop over");
    } else if (it->second.value.is_aggregation() && !is_readable_aggregation(it->second.value)) {
      error(s.value->range, "cannot iterate over " + s.value->name + ": its " +
                                type_name(it->second.value) +
                                " values are not numbers (count, sum, min, max and avg are)");
    } else {
      const MapInfo& m = it->second;
      // An aggregation reads as its total over the CPUs, as in an expression.
      Type value = is_readable_aggregation(m.value)
                       ? Type::integer(64, m.value.kind() != TypeKind::Count)
                       : m.value;
      elem = Type::tuple({m.key, value});
      s.value->type = m.value;
    }
  }
  if (lookup_var(s.target->name))
    error(s.target->range, "the loop variable $" + s.target->name +
                               " has the name of a variable already defined here");
  scopes_.emplace_back();
  std::string key = declare_var(*s.target, false);
  if (elem.kind() != TypeKind::None) {
    VarInfo& v = probe_->vars[key];
    v.type = elem;
    v.is_let = true;
    s.target->type = elem;
    defined_vars_.insert(key);
  } else {
    failed_vars_.insert(key);
  }
  ++loop_depth_;
  ++for_depth_;
  check_block(s.body);
  --for_depth_;
  --loop_depth_;
  scopes_.pop_back();
}

void Checker::check_assign(Stmt& s) {
  Expr& target = *s.target;
  bool aggregation = is_aggregation_call(*s.value);
  Type value = check(*s.value);
  if (s.op == Tok::Assign) value = args_as_record(*s.value);
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

// Whether `a` and `b` are pointers to different known types (struct task_struct * and struct
// mm_struct *): a variable holding one would read the other's memory at the first's offsets, so
// bpftrace 0.17 refuses it, and so does btc. An integer or a void * mixes with any pointer.
static bool pointees_differ(const Type& a, const Type& b) {
  if (a.kind() != TypeKind::Pointer || b.kind() != TypeKind::Pointer) return false;
  const Type* pa = a.pointee();
  const Type* pb = b.pointee();
  if (!pa || !pb || pa->kind() == TypeKind::None || pb->kind() == TypeKind::None) return false;
  return !pa->same_node(*pb);
}

void Checker::assign_var(Expr& target, const Type& value, SourceRange where) {
  if (value.is_aggregation()) return;
  const std::string* found = lookup_var(target.name);
  if (!found) {
    // Without `let`, a variable belongs to the whole probe from here on (bpftrace 0.17).
    scopes_.front()[target.name] = target.name;
    found = &scopes_.front()[target.name];
  }
  const std::string key = *found;
  target.var_key = key;
  auto it = probe_->vars.find(key);
  if (it == probe_->vars.end()) {
    // A variable keeps the integer width of its first value, as in bpftrace ($v = (int32)1).
    probe_->vars[key] = {value, false};
  } else if (it->second.declared) {
    if (it->second.type.is_int()
            ? !value.is_int() && value.kind() != TypeKind::Bool
            : !assignable(it->second.type, value) || pointees_differ(it->second.type, value) ||
                  (value.is_str() && value.str_size() > it->second.type.str_size())) {
      error(where, "cannot assign a value of type " + type_name(value) + " to $" + target.name +
                       " declared as " + type_name(it->second.type));
      return;
    }
  } else if (!assignable(it->second.type, value) || pointees_differ(it->second.type, value)) {
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
          (name == key || defined_vars_.count(name)))
        total += member_layout(var.type).size;
    if (total > kMaxScratchBytes) {
      error(where, "the record and array variables of this probe take " + std::to_string(total) +
                       " bytes, more than the " + std::to_string(kMaxScratchBytes) +
                       " a per-CPU BPF map value holds; keep fewer of them or read fields");
      return;
    }
  }
  defined_vars_.insert(key);
  target.type = probe_->vars[key].type;
}

void Checker::check_map_key(Expr& map) {
  auto it = result_.maps.find(map.name);
  bool has_key = !map.args.empty();
  Type key;
  if (has_key) {
    std::vector<Type> parts;
    for (auto& k : map.args) {
      check(*k);
      Type t = args_as_record(*k);
      if (t.kind() == TypeKind::None) return;
      if (!t.is_int() && !t.is_str() && t.kind() != TypeKind::Tuple &&
          t.kind() != TypeKind::Stack && t.kind() != TypeKind::Ksym && t.kind() != TypeKind::USym &&
          t.kind() != TypeKind::Username && t.kind() != TypeKind::Inet &&
          t.kind() != TypeKind::Buffer && t.kind() != TypeKind::MacAddr &&
          t.kind() != TypeKind::Record && t.kind() != TypeKind::Array &&
          t.kind() != TypeKind::Bool) {
        error(k->range, "a map key must be an integer, a string or a tuple, not " + type_name(t));
        return;
      }
      if (t.kind() == TypeKind::Tuple && t.elems().empty()) {
        error(k->range, "the empty tuple () cannot be a map key: use a map without a key, @m");
        return;
      }
      if ((t.kind() == TypeKind::Record || t.kind() == TypeKind::Array) &&
          !check_aggregate_value(*k, t))
        return;
      parts.push_back(t.kind() == TypeKind::Pointer ? Type::pointer_number(t) : t);
    }
    key = parts.size() == 1 ? parts[0] : Type::tuple(std::move(parts));
    if (key.kind() == TypeKind::Int) key = widened_int(key);
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
  if (stored.kind() == TypeKind::Int) stored = widened_int(value);
  if (stored.kind() == TypeKind::Pointer) stored = Type::pointer_number(stored);
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
  const std::string* found = lookup_var(e.name);
  // A silent pass may read a variable a later statement assigns, to learn its type.
  std::string key = found ? *found : report_ ? "" : e.name;
  auto it = probe_->vars.find(key);
  if (failed_vars_.count(key)) return e.type = Type::none();
  if (found && it == probe_->vars.end()) {
    error(e.range,
          "$" + e.name + " is declared without a type and never assigned: it has no value yet");
    return e.type = Type::none();
  }
  if (it == probe_->vars.end() || (report_ && !defined_vars_.count(key))) {
    error(e.range, "undefined variable: $" + e.name);
    return e.type = Type::none();
  }
  e.var_key = key;
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
  if (is_readable_aggregation(v))
    // Read as its total over the CPUs, as current bpftrace does: a count is unsigned, the others
    // signed.
    return e.type = Type::integer(64, v.kind() != TypeKind::Count);
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
    return e.type = Type::string(result_.config.max_strlen);
  }
  use.as_number = true;
  return e.type = Type::integer();
}

Type Checker::check(Expr& e) {
  switch (e.kind) {
  case ExprKind::Int:
    // As in bpftrace 0.17, every literal is an int64, suffixed or not: 18446744073709551615u
    // is -1. An enumerator checked again keeps its enum.
    if (e.type.kind() == TypeKind::Int && e.type.enum_def()) return e.type;
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
        error(a->range, std::string(e.field_names.empty() ? "a tuple" : "a record") +
                            " cannot hold a value of type " + type_name(elem));
        return e.type = Type::none();
      }
      if (elem.kind() == TypeKind::Int)
        elem = widened_int(elem);
      else if (elem.kind() == TypeKind::Pointer)
        elem = Type::pointer_number(elem);
      elems.push_back(elem);
    }
    if (e.field_names.empty()) return e.type = Type::tuple(std::move(elems));
    for (size_t i = 0; i < e.field_names.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (e.field_names[i] == e.field_names[j]) {
          error(e.field_ranges[i], "the record has two fields named '" + e.field_names[i] + "'");
          return e.type = Type::none();
        }
    return e.type = Type::record_tuple(std::move(elems), e.field_names);
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
  case ExprKind::Block: {
    scopes_.emplace_back();
    check_block(e.stmts);
    Type t = check(*e.args[0]);
    scopes_.pop_back();
    return e.type = t;
  }
  }
  return e.type = Type::none();
}

Type Checker::check_binary(Expr& e) {
  Type l = check(*e.args[0]);
  Type r = check(*e.args[1]);
  if (l.kind() == TypeKind::None || r.kind() == TypeKind::None) return e.type = Type::none();
  if ((e.op == Tok::Slash || e.op == Tok::Percent) && r.is_int() &&
      constant_value(*e.args[1]) == 0) {
    // BPF gives 0 where C is undefined: a divisor known to be 0 is a mistake.
    error(e.args[1]->range, e.op == Tok::Slash ? "division by zero" : "modulo by zero");
    return e.type = Type::none();
  }
  bool equality = e.op == Tok::EqEq || e.op == Tok::Ne;
  if (l.kind() == TypeKind::Record || l.kind() == TypeKind::Array || r.kind() == TypeKind::Record ||
      r.kind() == TypeKind::Array)
    return check_aggregate_binary(e, l, r);
  if (l.kind() == TypeKind::Tuple || r.kind() == TypeKind::Tuple) {
    if (equality && comparable_tuples(l, r)) return e.type = Type::integer();
    error(e.range, std::string("operator ") + tok_spelling(e.op) + " cannot be applied to " +
                       type_name(l) + " and " + type_name(r) +
                       (equality ? "" : ": tuples and records compare with == and != only"));
    return e.type = Type::none();
  }
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
  // Pointer arithmetic as in C (and bpftrace 0.17): `p + n`, `n + p` and `p - n` are pointers of
  // p's type, n elements of its pointee away; also for a pointer kept in a map (`@p + 1`).
  if (e.op == Tok::Plus || e.op == Tok::Minus) {
    l = restore_pointer(e.args[0]);
    r = restore_pointer(e.args[1]);
  }
  bool lp = l.kind() == TypeKind::Pointer, rp = r.kind() == TypeKind::Pointer;
  if (lp && rp && e.op == Tok::Minus) {
    error(e.range, "cannot subtract two pointers (" + type_name(l) + ", " + type_name(r) +
                       "); cast them to integers for the distance in bytes: (uint64)p - (uint64)q");
    return e.type = Type::none();
  }
  if (lp != rp && (e.op == Tok::Plus || (e.op == Tok::Minus && lp))) return e.type = lp ? l : r;
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

bool comparable_tuples(const Type& a, const Type& b) {
  if (a.kind() != TypeKind::Tuple || b.kind() != TypeKind::Tuple ||
      a.elems().size() != b.elems().size() || a.is_record_tuple() != b.is_record_tuple())
    return false;
  for (size_t i = 0; i < a.elems().size(); ++i) {
    int j = a.is_record_tuple() ? b.field_index(a.field_names()[i]) : static_cast<int>(i);
    if (j < 0) return false;
    const Type& x = a.elems()[i];
    const Type& y = b.elems()[static_cast<size_t>(j)];
    bool ok = (x.kind() == TypeKind::Int && y.kind() == TypeKind::Int) ||
              (x.kind() == TypeKind::Bool && y.kind() == TypeKind::Bool) ||
              (x.is_str() && y.is_str()) || comparable_tuples(x, y);
    if (!ok) return false;
  }
  return true;
}

Type Checker::check_unary(Expr& e) {
  Expr& operand = *e.args[0];
  if (e.op == Tok::Amp) return check_address_of(e);
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
  // A pointer and an integer (`c ? p : 0`), or two pointers to one type, give that pointer, so
  // `->` still reads through it; pointers to two known types are no one type.
  bool ap = a.kind() == TypeKind::Pointer, bp = b.kind() == TypeKind::Pointer;
  if ((ap || bp) && a.is_int() && b.is_int()) {
    if (ap && bp && pointees_differ(a, b)) {
      error(e.range, "the branches of the conditional have different types: " + type_name(a) +
                         " and " + type_name(b));
      return e.type = Type::none();
    }
    const Type& p = !ap || (bp && !(a.pointee() && a.pointee()->kind() != TypeKind::None)) ? b : a;
    return e.type = p;
  }
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
  Type b = check(*e.args[0]);
  if (b.kind() == TypeKind::None) return e.type = b;
  b = restore_pointer(e.args[0]);
  if (b.is_record_tuple()) {
    // '->' is an alias of '.', as in current bpftrace.
    int i = b.field_index(e.name);
    if (i < 0) {
      std::string names;
      for (const std::string& n : b.field_names()) names += (names.empty() ? "" : ", ") + n;
      error(e.range, "the record has no field '" + e.name + "' (its fields: " + names + ")");
      return e.type = Type::none();
    }
    // Lowered as the tuple element it is stored as.
    e.int_value = static_cast<uint64_t>(i);
    return e.type = b.elems()[static_cast<size_t>(i)];
  }
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
      std::vector<std::string> names;
      for (const TracepointField& field : p.format->fields) names.push_back(field.name);
      error(e.range, "tracepoint " + p.display + " has no field '" + e.name + "'" +
                         nearest_name(names, e.name));
      return e.type = Type::none();
    }
    if (!first) first = f;
  }
  return e.type = tracepoint_field_type(probe_->attach.front(), *first, e);
}

} // namespace btc
