// Statements, assignments, aggregations and the events statements send.
#include "lower/lowerer.h"
#include "sema/registry.h"

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
    if (!s.value) return;
    const Type& var = ctx_.probe->vars.at(s.target->name).type;
    if (is_big(var)) {
      emit(fill_value(var_ref(s.target->name), *s.value, var));
      return;
    }
    emit(var_ref(s.target->name) + " = " + conv(ex(*s.value), s.value->type, var) + ";");
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
    nested(s.body);
    emit("}");
    return;
  case StmtKind::Unroll: {
    std::string i = tmp();
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
    emit("return 0;");
    return;
  case StmtKind::Break:
    emit("break;");
    return;
  case StmtKind::Continue:
    emit("continue;");
    return;
  }
}

void Lowerer::effect(const Expr& e) {
  if (e.kind == ExprKind::Call && function_info(e.function).kind == CallKind::Statement) {
    call_stmt(e);
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
  } else {
    emit("(void)" + ex(e) + ";");
  }
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
  const Type& var = ctx_.probe->vars.at(target.name).type;
  std::string v = var_ref(target.name);
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
  emit("bpf_map_update_elem(&" + m + ", " + key + ", " + value + ", BPF_ANY);");
  --indent_;
  emit("}");
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
  emit(val_t + " *__entry = BTC_AGG_ENTRY(&" + m + ", " + key + ");");
  emit("if (__entry) {");
  ++indent_;
  switch (call.type.kind()) {
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
    emit(std::string("if (!__entry->is_set || __arg ") +
         (call.type.kind() == TypeKind::Min ? "<" : ">") + " __entry->value) {");
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
    emit("__u32 __bucket = btc_hist_bucket(__arg);");
    emit("BTC_OPAQUE(__bucket);");
    emit("if (__bucket < BTC_HIST_BUCKETS)");
    emit("  __entry->b[__bucket] += 1;");
    break;
  case TypeKind::LHist: {
    const Type& t = info.value;
    std::string n = std::to_string(lhist_bucket_count(t));
    emit("__u32 __bucket = btc_lhist_bucket(__arg, " + std::to_string(t.lhist_min()) + ", " +
         std::to_string(t.lhist_max()) + ", " + std::to_string(t.lhist_step()) + ", " + n + ");");
    emit("BTC_OPAQUE(__bucket);");
    emit("if (__bucket < " + n + ")");
    emit("  __entry->b[__bucket] += 1;");
    break;
  }
  default:
    break;
  }
  --indent_;
  emit("}");
  --indent_;
  emit("}");
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
    for (const Expr* a : args) {
      Type t = a->type;
      if (t.kind() == TypeKind::Int || t.kind() == TypeKind::Pointer)
        t = Type::integer(64, t.kind() == TypeKind::Int && t.is_signed());
      elems.push_back(t);
    }
    if (!fill) entry.payload = Type::tuple(std::move(elems));
    entry.in_end = ctx_.probe->attach.front().type == ProbeType::End;
    manifest_.events.push_back(std::move(entry));
    declare_event(id);
    event_ids_[&call] = id;
  }
  const Type& payload = manifest_.events[id].payload;
  std::string ev = "struct btc_event" + std::to_string(id);
  emit("{");
  ++indent_;
  emit(ev + " *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(" + ev + "), 0);");
  emit("if (__event) {");
  ++indent_;
  emit("__event->header.id = " + std::to_string(id) + ";");
  bool iter = ctx_.target && ctx_.target->type == ProbeType::Iter;
  emit("__event->header.reserved = " + (iter ? "sizeof(" + ev + ")" : std::string("0")) + ";");
  for (size_t i = 0; i < args.size(); ++i) {
    std::string f = "__event->p.f" + std::to_string(i);
    // A big value is read straight into the event.
    if (is_big(args[i]->type))
      emit(fill_value(f, *args[i], payload.elems()[i]));
    else
      emit(f + " = " + conv(ex(*args[i]), args[i]->type, payload.elems()[i]) + ";");
  }
  if (fill) fill();
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
  case FunctionId::Time:
    send_event(
        e, event_of(rt::EventKind::Time, e.args.empty() ? "%H:%M:%S\n" : e.args[0]->str_value), {});
    return;
  case FunctionId::Exit:
    send_event(e, event_of(rt::EventKind::Exit), {});
    emit("return 0;");
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
    emit("  " + decl + ";");
    emit("  bpf_map_delete_elem(&" + map_c_name(m.name) + ", " + key + ");");
    emit("}");
    return;
  }
  case FunctionId::Override:
    emit("bpf_override_return((struct pt_regs *)ctx, " + ex(*e.args[0]) + ");");
    return;
  case FunctionId::Signal: {
    // A name is resolved by sema (int_value); a number is checked here, where it is known:
    // the kernel refuses an invalid one only with an error nobody reads.
    if (e.args[0]->kind == ExprKind::String) {
      emit("bpf_send_signal(" + std::to_string(e.int_value) + ");");
    } else {
      emit("{");
      emit("  __u64 __sig = " + ex(*e.args[0]) + ";");
      emit("  if (__sig >= 1 && __sig <= 64) bpf_send_signal((__u32)__sig);");
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
  case FunctionId::HasKey:
  case FunctionId::Len:
  case FunctionId::Nsecs:
  case FunctionId::Strlen:
  case FunctionId::Strstr:
  case FunctionId::Find:
  case FunctionId::Fail: // a compile error wherever it stands
  case FunctionId::None:
    break;
  }
  throw InternalError(e.name + "() has no lowering as a statement", e.range);
}

} // namespace btc::lowering
