// Statements, assignments, aggregations and the events statements send.
#include "lower/lowerer.h"
#include "sema/registry.h"

#include <algorithm>
#include <cerrno>

namespace btc::lowering {

namespace {

// join(): bpftrace 0.17 reads this many arguments of at most this many bytes each.
constexpr uint32_t kJoinArgs = 16;
constexpr uint32_t kJoinArgSize = 1024;

} // namespace

void Lowerer::emit(const std::string& line) {
  // Every C line names its script line: a statement that spans several C lines must not
  // attribute its later instructions to the script lines that follow it.
  if (line_ > 0) body_.line_directive(line_, line_file_);
  body_.line(line, indent_);
}

void Lowerer::nested(const std::vector<StmtPtr>& body) {
  ++indent_;
  block(body);
  --indent_;
}

void Lowerer::block(const std::vector<StmtPtr>& body) {
  for (const auto& s : body) stmt(*s);
}

void Lowerer::stmt(const Stmt& s) {
  line_ = source_.line_of(s.range.begin);
  switch (s.kind) {
  case StmtKind::Expr:
    effect(*s.value);
    return;
  case StmtKind::Assign:
    assign(s);
    return;
  case StmtKind::Let: {
    const std::string& key = s.target->var_key;
    auto it = ctx_.probe->vars.find(key);
    if (it == ctx_.probe->vars.end()) return; // `let $x;` never assigned
    const Type& var = it->second.type;
    std::string v = var_ref(key);
    if (!s.value) {
      // Declared without a value: 0, each time the declaration runs (in a loop, say).
      if (var.is_int() || var.kind() == TypeKind::Timestamp || var.kind() == TypeKind::Bool)
        emit(v + " = 0;");
      else if (is_big(var))
        emit(zero_big(v, layout_of(var).size));
      else
        emit("__builtin_memset(&" + v + ", 0, sizeof(" + v + "));");
      return;
    }
    if (is_big(var)) {
      emit(fill_value(v, *s.value, var));
      return;
    }
    emit(v + " = " + conv(ex(*s.value), s.value->type, var) + ";");
    return;
  }
  case StmtKind::If:
    emit("if (" + ex(*s.cond) + ") {");
    nested(s.body);
    if (!s.else_body.empty()) {
      emit("} else {");
      nested(s.else_body);
    }
    emit("}");
    return;
  case StmtKind::While:
    emit("while (" + ex(*s.cond) + ") {");
    loops_.push_back(false);
    nested(s.body);
    loops_.pop_back();
    emit("}");
    return;
  case StmtKind::For:
    for_loop(s);
    return;
  case StmtKind::Unroll: {
    std::string i = tmp();
    if (s.cond) {
      // unroll($N): a bounded loop whose count the tool checked (1 to 100) and put in .rodata
      // before load, a constant the verifier walks the loop with.
      param_check(rt::ParamCheckKind::UnrollCount, s.range, {},
                  {static_cast<uint32_t>(s.cond->int_value), 0, 0}, Type::none());
      emit("_Pragma(\"clang loop unroll(disable)\")");
      emit("for (__u64 " + i + " = 0; " + i + " < (__u64)" +
           param_num_name(static_cast<uint32_t>(s.cond->int_value)) + " && " + i + " < 100; " + i +
           "++) {");
      nested(s.body);
      emit("}");
      return;
    }
    emit("#pragma unroll");
    emit("for (int " + i + " = 0; " + i + " < " + std::to_string(s.count) + "; " + i + "++) {");
    nested(s.body);
    emit("}");
    return;
  }
  case StmtKind::Block:
    emit("{");
    nested(s.body);
    emit("}");
    return;
  case StmtKind::Return:
    // A test probe's value: non-zero fails the test (the program's return value).
    emit(s.value ? "return (" + ex(*s.value) + ") != 0;" : probe_return());
    return;
  case StmtKind::Break:
    // A callback stops bpf_loop and bpf_for_each_map_elem by returning 1, and goes on with 0.
    emit(!loops_.empty() && loops_.back() ? "return 1;" : "break;");
    return;
  case StmtKind::Continue:
    emit(!loops_.empty() && loops_.back() ? "return 0;" : "continue;");
    return;
  }
}

CWriter Lowerer::aside(const std::function<void()>& write) {
  CWriter outer = std::move(body_);
  body_.clear();
  int outer_indent = indent_;
  uint32_t outer_line = line_;
  indent_ = 1;
  write();
  CWriter written = std::move(body_);
  body_ = std::move(outer);
  indent_ = outer_indent;
  line_ = outer_line;
  return written;
}

std::string Lowerer::block_expr(const Expr& e) {
  std::string value;
  std::string text = aside([&] {
                       block(e.stmts);
                       value = ex(*e.args[0]);
                     }).text();
  // Each statement's lines (and #line directives) stay whole lines inside the expression.
  return "({\n" + text + "  " + value + "; })";
}

void Lowerer::for_loop(const Stmt& s) {
  if (!declared_loop_ctx_) {
    // What a loop callback needs of its caller: the program's context, its scratch and big
    // values (the same per-CPU memory: the callback runs on the caller's CPU, synchronously),
    // a range's start, and whether the body left the probe (`return`, `exit()`).
    decls_.struct_def("btc_loop_ctx", {{"void *", "ctx"},
                                       {"void *", "vars"},
                                       {"void *", "big"},
                                       {"__u64", "start"},
                                       {"__u64", "ret"}});
    declared_loop_ctx_ = true;
  }
  bool range = s.end != nullptr;
  std::string lc = tmp();
  std::string callback = program_name_ + "_loop" + std::to_string(loop_count_++);
  const Type& elem = ctx_.probe->vars.at(s.target->var_key).type;
  emit("{");
  ++indent_;
  emit("struct btc_loop_ctx " + lc + " = {};");
  std::string start = lc + "_start", end = lc + "_end";
  if (range) {
    // Both bounds are evaluated once, before the first iteration.
    std::string t = types_.name(elem);
    emit(t + " " + start + " = " + conv(ex(*s.value), s.value->type, elem) + ";");
    emit(t + " " + end + " = " + conv(ex(*s.end), s.end->type, elem) + ";");
    emit(lc + ".start = " + start + ";");
  }

  // The body, as the callback's.
  CWriter caller = body_;
  body_.clear();
  int caller_indent = indent_;
  uint32_t caller_line = line_;
  uint32_t big_before = big_bytes_;
  indent_ = 1;
  ++callback_depth_;
  loops_.push_back(true);
  std::string v = var_ref(s.target->var_key);
  if (range) {
    emit(v + " = (" + types_.name(elem) + ")(__lc->start + __index);");
  } else if (map_info(*s.value).value.is_aggregation()) {
    // The callback sees this CPU's value of a per-CPU map: the loop's value is all CPUs'.
    emit(v + ".f0 = *__key;");
    emit(v + ".f1 = " + aggregation_total(s.value->name, "__key") + ";");
  } else {
    emit(v + ".f0 = *__key;");
    emit(v + ".f1 = *__val;");
  }
  block(s.body);
  line_ = 0;
  emit("return 0;");
  loops_.pop_back();
  --callback_depth_;
  bool uses_big = big_bytes_ > big_before;
  CWriter callback_body = body_;
  body_ = caller;
  indent_ = caller_indent;
  line_ = caller_line;

  std::string signature = "static long " + callback + "(";
  if (range) {
    signature += "__u64 __index, ";
  } else {
    const MapInfo& info = map_info(*s.value);
    signature +=
        "void *__map, " + key_type(info) + " *__key, " + types_.name(info.value) + " *__val, ";
  }
  functions_.blank();
  functions_.line(signature + "struct btc_loop_ctx *__lc) {");
  functions_.line(param_type_ + (param_type_.back() == '*' ? "" : " ") + param_ + " = (" +
                      param_type_ + ")__lc->ctx;",
                  1);
  functions_.line("(void)" + param_ + ";", 1);
  if (!vars_type_.empty()) functions_.line("struct " + vars_type_ + " *__vars = __lc->vars;", 1);
  if (uses_big) functions_.line("char *__big = __lc->big;", 1);
  functions_.append(callback_body);
  functions_.line("}");
  functions_.line(kResetLine);

  emit(lc + ".ctx = " + param_ + ";");
  if (!vars_type_.empty()) emit(lc + ".vars = __vars;");
  if (uses_big) emit(lc + ".big = __big;");
  if (range) {
    // bpf_loop() runs at most 1 << 23 iterations: a longer range runs none (-E2BIG).
    emit("if (" + start + " < " + end + ")");
    emit("  bpf_loop((__u32)((__u64)(" + end + " - " + start +
         ") > 0xffffffffULL ? 0xffffffffULL : (__u64)(" + end + " - " + start + ")), " + callback +
         ", &" + lc + ", 0);");
  } else {
    emit("bpf_for_each_map_elem(&" + map_c_name(s.value->name) + ", " + callback + ", &" + lc +
         ", 0);");
  }
  emit("if (" + lc + ".ret)");
  emit("  " + probe_return());
  --indent_;
  emit("}");
}

void Lowerer::effect(const Expr& e) {
  if (e.kind == ExprKind::Call && function_info(e.function).kind == CallKind::Statement) {
    call_stmt(e);
  } else if (e.kind == ExprKind::Block) {
    emit("{");
    ++indent_;
    block(e.stmts);
    effect(*e.args[0]);
    --indent_;
    emit("}");
  } else if (e.kind == ExprKind::Ternary && e.type.kind() == TypeKind::None) {
    // `cond ? printf(...) : exit()` runs one of two statements.
    emit("if (" + ex(*e.args[0]) + ") {");
    ++indent_;
    effect(*e.args[1]);
    --indent_;
    emit("} else {");
    ++indent_;
    effect(*e.args[2]);
    --indent_;
    emit("}");
  } else if (e.kind == ExprKind::Unary && (e.op == Tok::PlusPlus || e.op == Tok::MinusMinus) &&
             e.args[0]->kind == ExprKind::Map) {
    map_incdec(e);
  } else {
    emit("(void)" + ex(e) + ";");
  }
}

// `@m++;` as a statement: its update is checked for -k like an assignment's.
void Lowerer::map_incdec(const Expr& e) {
  const Expr& target = *e.args[0];
  const MapInfo& info = map_info(target);
  std::string val_t = types_.name(info.value);
  std::string m = map_c_name(target.name);
  emit("{");
  ++indent_;
  auto [decl, key] = key_at(target, "__key");
  emit(decl + ";");
  emit(val_t + " *__p = bpf_map_lookup_elem(&" + m + ", " + key + ");");
  emit(val_t + " __next = (" + val_t + ")((__u64)(__p ? *__p : 0)" +
       (e.op == Tok::PlusPlus ? " + 1" : " - 1") + ");");
  checked_helper(target, "bpf_map_update_elem(&" + m + ", " + key + ", &__next, BPF_ANY)",
                 "map_update_elem", e.range, 1);
  --indent_;
  emit("}");
}

void Lowerer::assign(const Stmt& s) {
  const Expr& target = *s.target;
  if (target.kind == ExprKind::Map) {
    if (s.value->kind == ExprKind::Call && s.value->type.is_aggregation()) {
      aggregate(target, *s.value);
    } else {
      assign_map(target, s);
    }
    return;
  }
  const Type& var = ctx_.probe->vars.at(target.var_key).type;
  std::string v = var_ref(target.var_key);
  if (s.op == Tok::Assign && is_big(var)) {
    emit(fill_value(v, *s.value, var));
    return;
  }
  if (s.op == Tok::Assign) {
    emit(v + " = " + conv(ex(*s.value), s.value->type, var) + ";");
    return;
  }
  Type result = Type::integer(64, var.is_signed() && s.value->type.is_signed());
  emit(v + " = " +
       conv(binary(compound_base(s.op), v, var, ex(*s.value), s.value->type, result), result, var) +
       ";");
}

void Lowerer::assign_map(const Expr& target, const Stmt& s) {
  const MapInfo& info = map_info(target);
  std::string val_t = types_.name(info.value);
  std::string m = map_c_name(target.name);
  emit("{");
  ++indent_;
  // bpftrace evaluates the value before the key: `@[$i] = --$i` uses the decremented $i.
  std::string value = "&__value";
  if (s.op == Tok::Assign && is_big(info.value)) {
    value = "__value";
    emit(val_t + " *__value = " + big_ref(*s.value) + ";");
  } else if (s.op == Tok::Assign) {
    emit(val_t + " __value = " + conv(ex(*s.value), s.value->type, info.value) + ";");
  }
  auto [decl, key] = key_at(target, "__key");
  emit(decl + ";");
  if (s.op != Tok::Assign) {
    emit(val_t + " *__old = bpf_map_lookup_elem(&" + m + ", " + key + ");");
    Type result = Type::integer(64, info.value.is_signed() && s.value->type.is_signed());
    emit(val_t + " __value = " +
         conv(binary(compound_base(s.op), "(__old ? *__old : 0)", info.value, ex(*s.value),
                     s.value->type, result),
              result, info.value) +
         ";");
  }
  checked_helper(target, "bpf_map_update_elem(&" + m + ", " + key + ", " + value + ", BPF_ANY)",
                 "map_update_elem", assignment_range(s), 1);
  --indent_;
  emit("}");
}

SourceRange Lowerer::assignment_range(const Stmt& s) const {
  if (s.op != Tok::Assign) return {s.target->range.begin, s.value->range.end};
  // bpftrace 0.17 places `=` from the end of the blanks before it: `@a[1]=` in `@a[1]=1`, `=`
  // alone in `@a[1] = 1`.
  const std::string& text = source_.text();
  uint32_t eq = s.target->range.end;
  while (eq < s.value->range.begin && text[eq] != '=') ++eq;
  uint32_t begin = eq;
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\t' && text[begin - 1] != '\n')
    --begin;
  return {begin, eq + 1};
}

void Lowerer::checked_helper(const Expr& site, const std::string& call, const char* helper,
                             SourceRange range, int level, int ignored) {
  // A pinned iterator runs after the tool ended: nobody would read its reports.
  if (pinned_iter()) {
    emit(call + ";");
    return;
  }
  manifest_.checks_helpers = true;
  emit("{");
  ++indent_;
  // The low 32 bits, sign-extended: before Linux 6.4 the verifier turns the map helpers into
  // direct calls of the map's operations, which return int, so the upper half of R0 is not the
  // sign (-E2BIG arrived as 4294967289 on 5.10 and 6.1, not below 0). Every helper's error is a
  // small negative number, which this keeps.
  emit("long __ret = (int)(" + call + ");");
  // The .rodata level first: the verifier knows it and drops the whole test, not only its end.
  emit(std::string("if (") + kHelperChecksName + " >= " + std::to_string(level) + " && __ret < 0" +
       (ignored ? " && __ret != -" + std::to_string(ignored) : std::string()) + ")");
  EventEntry entry = event_of(rt::EventKind::HelperError, helper);
  entry.payload = Type::tuple({Type::integer(64, true)});
  entry.inside_event = filling_event_ > 0;
  report_in_fill_ = report_in_fill_ || entry.inside_event;
  entry.line = source_.line_of(range.begin);
  entry.column = source_.column_of(range.begin);
  // A range spanning lines is underlined to the end of its first line.
  auto line_end =
      static_cast<uint32_t>(source_.line_start(entry.line) + source_.line_text(entry.line).size());
  entry.length = std::max<uint32_t>(std::min(range.end, line_end) - range.begin, 1);
  if (ctx_.target && ctx_.target->type == ProbeType::Iter) {
    // An iterator's events go to its seq_file, which only its program can reach.
    send_event(site, std::move(entry), {}, [&] { emit("__event->p.f0 = __ret;"); });
  } else {
    // One subprogram sends every site's report, the site's event id its argument: inlined at
    // each of thousands of map updates, the report was more than half of Clang's work.
    auto known = event_ids_.find(&site);
    int id = known != event_ids_.end() ? known->second : static_cast<int>(manifest_.events.size());
    if (known == event_ids_.end()) {
      entry.in_end = ctx_.probe->attach.front().type == ProbeType::End;
      manifest_.events.push_back(std::move(entry));
      event_ids_[&site] = id;
    }
    define_helper_report();
    emit("  btc_report_helper(" + std::to_string(id) + ", __ret);");
  }
  --indent_;
  emit("}");
}

void Lowerer::define_helper_report() {
  if (helper_report_defined_) return;
  helper_report_defined_ = true;
  declare_event_struct("btc_helper_report", Type::tuple({Type::integer(64, true)}));
  CWriter body = aside([&] {
    line_ = 0;
    emit("struct btc_helper_report *__event =");
    emit("    bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(struct btc_helper_report), 0);");
    emit("if (__event) {");
    emit("  __event->header.id = __id;");
    emit("  __event->header.reserved = 0;");
    emit("  __event->p.f0 = __ret;");
    emit("  bpf_ringbuf_submit(__event, 0);");
    emit("} else {");
    emit("  btc_count_lost();");
    emit("}");
  });
  functions_.blank();
  functions_.line(
      "static __attribute__((noinline)) void btc_report_helper(__u32 __id, long __ret) {");
  functions_.append(body);
  functions_.line("}");
}

std::string Lowerer::checked_read(AddrSpace space, bool str, const Expr& site, SourceRange range) {
  std::string read = probe_read(space, str);
  std::string checked =
      checked_function(read, "void *__dst, __u32 __size, const void *__src",
                       read + "(__dst, __size, __src)", read.c_str() + 4, site, range, 2);
  return checked.empty() ? read : checked;
}

std::string Lowerer::checked_function(const std::string& key, const std::string& params,
                                      const std::string& call, const char* helper, const Expr& site,
                                      SourceRange range, int level) {
  // An iterator's events go to its seq_file, which only its program can reach.
  if (ctx_.target && ctx_.target->type == ProbeType::Iter) return "";
  auto [at, added] = checked_functions_.try_emplace({&site, key});
  if (!added) return at->second;
  at->second = "btc_checked" + std::to_string(checked_functions_.size() - 1);
  // Written before the program being lowered, which calls it.
  CWriter body = aside([&] {
    line_ = 0;
    emit("long __result;");
    checked_helper(site, "(__result = " + call + ")", helper, range, level);
    emit("return __result;");
  });
  functions_.blank();
  functions_.line("static __always_inline long " + at->second + "(" + params + ") {");
  functions_.append(body);
  functions_.line("}");
  return at->second;
}

void Lowerer::param_check(rt::ParamCheckKind kind, SourceRange range, std::array<int64_t, 3> values,
                          std::array<uint32_t, 3> params, const Type& lhist) {
  ParamCheckEntry entry{
      kind, source_.line_of(range.begin), source_.column_of(range.begin), values, params, lhist};
  for (const ParamCheckEntry& e : manifest_.param_checks)
    if (e.line == entry.line && e.column == entry.column) return;
  manifest_.param_checks.push_back(entry);
}

void Lowerer::aggregate(const Expr& target, const Expr& call) {
  const MapInfo& info = map_info(target);
  std::string val_t = types_.name(info.value);
  std::string m = map_c_name(target.name);
  emit("{");
  ++indent_;
  if (!call.args.empty()) emit("__s64 __arg = (__s64)(" + ex(*call.args[0]) + ");");
  auto [decl, key] = key_at(target, "__key");
  emit(decl + ";");
  emit(val_t + " *__entry = bpf_map_lookup_elem(&" + m + ", " + key + ");");
  const Type& t = info.value;
  if (t.kind() == TypeKind::LHist && t.lhist_at_start())
    param_check(rt::ParamCheckKind::LhistBounds, call.range,
                {t.lhist_min(), t.lhist_max(), t.lhist_step()},
                {t.lhist_param(0), t.lhist_param(1), t.lhist_param(2)}, t);
  // `if (__entry) { <the update>`, left open for an `else`.
  auto update_entry = [&] {
    emit("if (__entry) {");
    ++indent_;
    aggregate_entry(call.type.kind(), info.value);
    --indent_;
  };
  if (array_maps_.count(target.name)) {
    // The array's one slot is never missing.
    update_entry();
    emit("}");
    --indent_;
    emit("}");
    return;
  }
  // A missing entry is created with the first value, but for histograms, too large for the
  // stack. Another CPU may create it first: an update of a per-CPU map from BPF writes this
  // CPU's slot only, zeroing the others' when it creates the entry, so BPF_ANY loses nothing.
  std::string first;
  switch (call.type.kind()) {
  case TypeKind::Count:
    first = "1";
    break;
  case TypeKind::Sum:
    first = "__arg";
    break;
  case TypeKind::Min:
  case TypeKind::Max:
    first = "{.value = __arg, .is_set = 1}";
    break;
  case TypeKind::Avg:
  case TypeKind::Stats:
    first = "{.sum = __arg, .count = 1}";
    break;
  default:
    break;
  }
  if (!first.empty()) {
    update_entry();
    emit("} else {");
    ++indent_;
    emit(val_t + " __first = " + first + ";");
    checked_helper(target, "bpf_map_update_elem(&" + m + ", " + key + ", &__first, BPF_ANY)",
                   "map_update_elem", call.range, 1);
    --indent_;
    emit("}");
    --indent_;
    emit("}");
    return;
  }
  // The entry, created zeroed when missing.
  emit("if (!__entry) {");
  ++indent_;
  checked_helper(target,
                 "bpf_map_update_elem(&" + m + ", " + key + ", BTC_ZERO_BUFFER, BPF_NOEXIST)",
                 "map_update_elem", call.range, 1, EEXIST);
  emit("__entry = bpf_map_lookup_elem(&" + m + ", " + key + ");");
  --indent_;
  emit("}");
  update_entry();
  emit("}");
  --indent_;
  emit("}");
}

void Lowerer::aggregate_entry(TypeKind kind, const Type& t) {
  switch (kind) {
  case TypeKind::Count:
    emit("*__entry += 1;");
    break;
  case TypeKind::Sum:
    emit("*__entry += __arg;");
    break;
  case TypeKind::Min:
  case TypeKind::Max:
    // The first value on a CPU is stored whatever it is (bpftrace 0.17 compares max() with 0
    // there, so it loses maxima that are not positive: docs/differences.md).
    emit(std::string("if (!__entry->is_set || __arg ") + (kind == TypeKind::Min ? "<" : ">") +
         " __entry->value) {");
    emit("  __entry->value = __arg;");
    emit("  __entry->is_set = 1;");
    emit("}");
    break;
  case TypeKind::Avg:
  case TypeKind::Stats:
    emit("__entry->sum += __arg;");
    emit("__entry->count += 1;");
    break;
  case TypeKind::Hist:
    if (t.count() == 0) {
      emit("__u32 __bucket = btc_hist_bucket(__arg);");
      emit("BTC_OPAQUE(__bucket);");
      emit("if (__bucket < BTC_HIST_BUCKETS)");
    } else {
      std::string bits = std::to_string(t.count());
      emit("__u32 __bucket = btc_hist_bucket_bits(__arg, " + bits + ");");
      emit("BTC_OPAQUE(__bucket);");
      emit("if (__bucket < BTC_HIST_BUCKETS_BITS(" + bits + "))");
    }
    emit("  __entry->b[__bucket] += 1;");
    break;
  case TypeKind::LHist: {
    std::string n = std::to_string(lhist_bucket_count(t));
    auto bound = [&](int which, int64_t value) {
      uint32_t param = t.lhist_param(which);
      return param ? param_num_name(param) : std::to_string(value);
    };
    std::string min = bound(0, t.lhist_min()), max = bound(1, t.lhist_max()),
                step = bound(2, t.lhist_step());
    // Bounds read at start are .rodata the tool checked before load, constants to the verifier.
    std::string used = t.lhist_at_start() ? "(__u32)(((__u64)" + max + " - (__u64)" + min +
                                                ") / (__u64)" + step + " + 2)"
                                          : n;
    emit("__u32 __bucket = btc_lhist_bucket(__arg, " + min + ", " + max + ", " + step + ", " +
         used + ");");
    emit("BTC_OPAQUE(__bucket);");
    emit("if (__bucket < " + n + ")");
    emit("  __entry->b[__bucket] += 1;");
    break;
  }
  case TypeKind::TSeries:
    tseries_entry(t);
    break;
  default:
    break;
  }
}

// One write of tseries(): the slot of the current interval restarts when it held an older one,
// else combines the value by the aggregation (layout: btc/abi.h TSeries).
void Lowerer::tseries_entry(const Type& t) {
  std::string n = std::to_string(t.tseries_count());
  auto agg = static_cast<rt::TSeriesAgg>(t.tseries_agg());
  emit("__u64 __now = bpf_ktime_get_boot_ns();");
  emit("__u64 __epoch = __now / " + std::to_string(t.tseries_interval()) + "ULL;");
  emit("__u32 __slot = (__u32)(__epoch % " + n + ");");
  emit("BTC_OPAQUE(__slot);");
  emit("if (__slot < " + n + ") {");
  ++indent_;
  emit("struct btc_tseries_slot *__s = &__entry->s[__slot];");
  std::string first_meta = agg == rt::TSeriesAgg::Last  ? "__now"
                           : agg == rt::TSeriesAgg::Avg ? "1"
                                                        : "0";
  emit("if (__s->epoch != __epoch) {");
  emit("  __s->value = __arg;");
  emit("  __s->meta = " + first_meta + ";");
  emit("  __s->epoch = __epoch;");
  emit("} else {");
  ++indent_;
  // Unsigned values compare as unsigned.
  std::string v = t.is_signed() ? "__s->value" : "(__u64)__s->value";
  std::string a = t.is_signed() ? "__arg" : "(__u64)__arg";
  switch (agg) {
  case rt::TSeriesAgg::Last:
    emit("__s->value = __arg;");
    emit("__s->meta = __now;");
    break;
  case rt::TSeriesAgg::Avg:
    emit("__s->value += __arg;");
    emit("__s->meta += 1;");
    break;
  case rt::TSeriesAgg::Max:
  case rt::TSeriesAgg::Min:
    emit("if (" + a + (agg == rt::TSeriesAgg::Max ? " > " : " < ") + v + ")");
    emit("  __s->value = __arg;");
    break;
  case rt::TSeriesAgg::Sum:
    emit("__s->value += __arg;");
    break;
  }
  --indent_;
  emit("}");
  --indent_;
  emit("}");
}

// A value the tool names in the process that made it: usym() and ustack, also in a tuple.
static bool holds_user_address(const Type& t) {
  if (t.kind() == TypeKind::USym || (t.kind() == TypeKind::Stack && t.user_stack())) return true;
  if (t.kind() == TypeKind::Tuple)
    return std::any_of(t.elems().begin(), t.elems().end(), holds_user_address);
  return false;
}

void Lowerer::send_event(const Expr& call, EventEntry entry, const std::vector<const Expr*>& args,
                         const std::function<void()>& fill) {
  auto known = event_ids_.find(&call);
  int id;
  if (known != event_ids_.end()) {
    id = known->second;
  } else {
    id = static_cast<int>(manifest_.events.size());
    std::vector<Type> elems;
    // An enum value keeps its enum: printf's %s and print() show its name.
    for (const Expr* a : args) {
      Type t = a->type;
      if (t.kind() == TypeKind::Int && t.enum_def())
        t = widened_int(t);
      else if (t.kind() == TypeKind::Int || t.kind() == TypeKind::Pointer)
        t = Type::integer(64, t.kind() == TypeKind::Int && t.is_signed());
      elems.push_back(t);
    }
    if (!fill) entry.payload = Type::tuple(std::move(elems));
    entry.in_end = ctx_.probe->attach.front().type == ProbeType::End;
    manifest_.events.push_back(std::move(entry));
    declare_event(id);
    event_ids_[&call] = id;
  }
  // A copy: a report raised while the arguments are read adds an event.
  const Type payload = manifest_.events[id].payload;
  std::string ev = "struct btc_event" + std::to_string(id);
  emit("{");
  ++indent_;
  // A process's first user address goes out (NewPid) before this event is reserved: the ring
  // buffer keeps the order of reservations, and the tool must read the process's mappings
  // before it prints the address, even when the process is gone by then.
  if (std::any_of(args.begin(), args.end(),
                  [](const Expr* a) { return holds_user_address(a->type); }))
    emit(note_pid() + ";");
  emit(ev + " *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(" + ev + "), 0);");
  emit("if (__event) {");
  ++indent_;
  emit("__event->header.id = " + std::to_string(id) + ";");
  bool iter = ctx_.target && ctx_.target->type == ProbeType::Iter;
  emit("__event->header.reserved = " + (iter ? "sizeof(" + ev + ")" : std::string("0")) + ";");
  bool outer_report = report_in_fill_;
  report_in_fill_ = false;
  ++filling_event_;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string f = "__event->p.f" + std::to_string(i);
    // A big value is read straight into the event, and so is a string a helper makes.
    const Type& to = payload.elems()[i];
    std::string in_place = to.is_str() ? str_in_place(f + ".s", to.str_size(), *args[i], true) : "";
    if (!in_place.empty())
      emit(in_place);
    else if (is_big(args[i]->type))
      emit(fill_value(f, *args[i], to));
    else
      emit(f + " = " + conv(ex(*args[i]), args[i]->type, payload.elems()[i]) + ";");
  }
  if (fill) fill();
  --filling_event_;
  if (report_in_fill_) manifest_.events[id].holds_reports = true;
  report_in_fill_ = outer_report || report_in_fill_;
  if (iter) {
    // An iterator's events go to the stream the tool reads from the iterator, in order and
    // without the ring buffer's size limit; the ring buffer only lends the memory. ctx[0] is
    // the struct bpf_iter_meta, whose first field is the seq_file.
    emit("bpf_seq_write((struct seq_file *)*(__u64 *)ctx[0], __event, sizeof(" + ev + "));");
    emit("bpf_ringbuf_discard(__event, 0);");
  } else {
    emit("bpf_ringbuf_submit(__event, 0);");
  }
  --indent_;
  emit("} else {");
  emit("  btc_count_lost();");
  emit("}");
  --indent_;
  emit("}");
}

void Lowerer::call_stmt(const Expr& e) {
  switch (e.function) {
  case FunctionId::Printf:
    if (pinned_iter()) {
      seq_printf_stmt(e);
      return;
    }
    [[fallthrough]];
  case FunctionId::Cat:
  case FunctionId::System: {
    std::vector<const Expr*> args;
    for (size_t i = 1; i < e.args.size(); ++i) args.push_back(e.args[i].get());
    rt::EventKind kind = e.function == FunctionId::Cat      ? rt::EventKind::Cat
                         : e.function == FunctionId::System ? rt::EventKind::System
                                                            : rt::EventKind::Printf;
    send_event(e, event_of(kind, e.args[0]->str_value), args);
    return;
  }
  case FunctionId::Errorf:
  case FunctionId::Warnf:
    message_stmt(e);
    return;
  case FunctionId::Debugf:
    debugf_stmt(e);
    return;
  case FunctionId::Print: {
    const Expr& a = *e.args[0];
    if (a.kind == ExprKind::Map && a.args.empty()) {
      EventEntry entry = event_of(rt::EventKind::PrintMap);
      entry.map = map_index(a.name);
      if (e.args.size() > 1) entry.top = literal_value(*e.args[1]);
      if (e.args.size() > 2) entry.div = literal_value(*e.args[2]);
      send_event(e, entry, {});
    } else {
      send_event(e, event_of(rt::EventKind::Print), {&a});
    }
    return;
  }
  case FunctionId::Join: {
    // The argv array's strings go straight into the event (16 KiB: too big for the stack); the
    // tool prints them up to the first empty one, as bpftrace 0.17 does.
    EventEntry entry =
        event_of(rt::EventKind::Join, e.args.size() == 2 ? e.args[1]->str_value : " ");
    std::vector<Type> elems(kJoinArgs, Type::string(kJoinArgSize));
    entry.payload = Type::tuple(std::move(elems));
    send_event(e, std::move(entry), {}, [&] {
      emit("__u64 __argv = (__u64)(" + ex(*e.args[0]) + ");");
      emit("__u64 __argp = 0;");
      for (uint32_t i = 0; i < kJoinArgs; ++i) {
        std::string f = "__event->p.f" + std::to_string(i) + ".s";
        emit(f + "[0] = 0;");
        emit("if (bpf_probe_read_user(&__argp, 8, (const void *)(__argv + " +
             std::to_string(8 * i) + ")) == 0 && __argp)");
        emit("  bpf_probe_read_user_str(" + f + ", " + std::to_string(kJoinArgSize) +
             ", (const void *)__argp);");
      }
    });
    return;
  }
  case FunctionId::Unwatch: {
    EventEntry entry = event_of(rt::EventKind::Unwatch);
    entry.payload = Type::tuple({Type::integer(64, false)});
    send_event(e, entry, {}, [&] { emit("__event->p.f0 = (__u64)(" + ex(*e.args[0]) + ");"); });
    return;
  }
  case FunctionId::Time:
    send_event(
        e, event_of(rt::EventKind::Time, e.args.empty() ? "%H:%M:%S\n" : e.args[0]->str_value), {});
    return;
  case FunctionId::Exit:
    if (e.args.empty())
      send_event(e, event_of(rt::EventKind::Exit), {});
    else
      send_event(e, event_of(rt::EventKind::Exit), {e.args[0].get()});
    emit(probe_return());
    return;
  case FunctionId::Assert: {
    // errorf("assert failed: %s", msg) and exit(1), as current bpftrace's assert() macro.
    emit("if (!(" + ex(*e.args[0]) + ")) {");
    ++indent_;
    std::string format;
    for (char c : e.str_value + ": ERROR: ")
      format += c == '%' ? std::string("%%") : std::string(1, c);
    send_event(e, event_of(rt::EventKind::Errorf, format + "assert failed: %s"), {e.args[1].get()});
    // The exit event is another event of the same call: keyed by the condition.
    EventEntry exit = event_of(rt::EventKind::Exit);
    exit.payload = Type::tuple({Type::integer(64, true)});
    send_event(*e.args[0], exit, {}, [&] { emit("__event->p.f0 = 1;"); });
    emit(probe_return());
    --indent_;
    emit("}");
    return;
  }
  case FunctionId::StaticAssert: // decided by sema
  case FunctionId::AssertStr:
    return;
  case FunctionId::Clear:
  case FunctionId::Zero: {
    EventEntry entry =
        event_of(e.function == FunctionId::Clear ? rt::EventKind::Clear : rt::EventKind::Zero);
    entry.map = map_index(e.args[0]->name);
    send_event(e, entry, {});
    return;
  }
  case FunctionId::Delete: {
    const Expr& m = *e.args[0];
    auto [decl, key] = key_at(m, "__key");
    emit("{");
    ++indent_;
    emit(decl + ";");
    checked_helper(e, "bpf_map_delete_elem(&" + map_c_name(m.name) + ", " + key + ")",
                   "map_delete_elem", e.range, 1);
    --indent_;
    emit("}");
    return;
  }
  case FunctionId::Override:
    emit("bpf_override_return((struct pt_regs *)ctx, " + ex(*e.args[0]) + ");");
    return;
  case FunctionId::Signal:
  case FunctionId::SignalThread: {
    // A name is resolved by sema (int_value); a number is checked here, where it is known:
    // the kernel refuses an invalid one only with an error nobody reads.
    // signal_thread() signals the thread alone.
    std::string send =
        e.function == FunctionId::SignalThread ? "bpf_send_signal_thread" : "bpf_send_signal";
    if (e.args[0]->kind == ExprKind::String) {
      emit(send + "(" + std::to_string(e.int_value) + ");");
    } else {
      emit("{");
      emit("  __u64 __sig = " + ex(*e.args[0]) + ";");
      emit("  if (__sig >= 1 && __sig <= 64) " + send + "((__u32)__sig);");
      emit("}");
    }
    return;
  }
  // Values (ex()) and aggregations (aggregate()) are not statements.
  case FunctionId::Count:
  case FunctionId::Sum:
  case FunctionId::Min:
  case FunctionId::Max:
  case FunctionId::Avg:
  case FunctionId::Stats:
  case FunctionId::Hist:
  case FunctionId::Lhist:
  case FunctionId::Tseries:
  case FunctionId::Strftime:
  case FunctionId::Str:
  case FunctionId::Strncmp:
  case FunctionId::Strcontains:
  case FunctionId::Bswap:
  case FunctionId::Kstack:
  case FunctionId::Ustack:
  case FunctionId::Usym:
  case FunctionId::Uaddr:
  case FunctionId::Kaddr:
  case FunctionId::PercpuKaddr:
  case FunctionId::Typeinfo:
  case FunctionId::Getopt:
  case FunctionId::Cgroupid:
  case FunctionId::Kptr:
  case FunctionId::Uptr:
  case FunctionId::Ksym:
  case FunctionId::Strerror:
  case FunctionId::Ntop:
  case FunctionId::Buf:
  case FunctionId::Reg:
  case FunctionId::Pton:
  case FunctionId::Macaddr:
  case FunctionId::CgroupPath:
  case FunctionId::Path:
  case FunctionId::SocketCookie:
  case FunctionId::SkbOutput:
  case FunctionId::HasKey:
  case FunctionId::Len:
  case FunctionId::Nsecs:
  case FunctionId::Strlen:
  case FunctionId::Strstr:
  case FunctionId::Find:
  case FunctionId::Globmatch:
  case FunctionId::Memcmp:
  case FunctionId::Pcomm:
  case FunctionId::Ppid:
  case FunctionId::SyscallName:
  case FunctionId::SignalName:
  case FunctionId::DefaultStrLength:
  case FunctionId::KfuncExist:
  case FunctionId::KfuncAllowed:
  case FunctionId::IsStr: // sema made these constants
  case FunctionId::IsPtr:
  case FunctionId::IsArray:
  case FunctionId::IsInteger:
  case FunctionId::IsUnsignedInteger:
  case FunctionId::IsLiteral:
  case FunctionId::Strcap:
  case FunctionId::Fail: // a compile error wherever it stands
  case FunctionId::None:
    break;
  }
  throw InternalError(e.name + "() has no lowering as a statement", e.range);
}

} // namespace btc::lowering
