#include "lower/lower.h"

#include "lower/c_literal.h"
#include "lower/c_types.h"

#include <cstdio>
#include <map>
#include <sstream>

namespace btc {

namespace {

constexpr const char* kResetLine = "#line BTC_RESET\n";
constexpr uint32_t kRingBufferBytes = 1u << 20;
constexpr uint32_t kMapMaxEntries = 4096;

std::string int_literal(uint64_t v, bool is_signed) {
  if (is_signed && v <= static_cast<uint64_t>(INT64_MAX))
    return "((__s64)" + std::to_string(v) + "LL)";
  return std::string(is_signed ? "((__s64)" : "((__u64)") + std::to_string(v) + "ULL)";
}

std::string map_c_name(const std::string& name) {
  return "m_" + name.substr(1); // "@" -> "m_", "@x" -> "m_x", "@_" -> "m__"
}

const char* section_of(ProbeType t) {
  switch (t) {
  case ProbeType::Begin:
  case ProbeType::End:
    return "raw_tp";
  case ProbeType::Tracepoint:
    return "tracepoint";
  case ProbeType::RawTracepoint:
    return "raw_tp";
  default:
    return "perf_event";
  }
}

EventEntry event_of(EventType type, std::string format = "") {
  EventEntry e;
  e.type = type;
  e.format = std::move(format);
  return e;
}

// An integer literal, possibly negated, as sema has checked it to be.
uint64_t literal_value(const Expr& e) {
  if (e.kind == ExprKind::Unary) return 0 - e.args[0]->int_value;
  return e.int_value;
}

bool is_compare(Tok op) {
  return op == Tok::Lt || op == Tok::Le || op == Tok::Gt || op == Tok::Ge || op == Tok::EqEq ||
         op == Tok::Ne;
}

Tok compound_base(Tok op) {
  switch (op) {
  case Tok::PlusAssign:
    return Tok::Plus;
  case Tok::MinusAssign:
    return Tok::Minus;
  case Tok::StarAssign:
    return Tok::Star;
  case Tok::SlashAssign:
    return Tok::Slash;
  case Tok::PercentAssign:
    return Tok::Percent;
  case Tok::AmpAssign:
    return Tok::Amp;
  case Tok::PipeAssign:
    return Tok::Pipe;
  case Tok::CaretAssign:
    return Tok::Caret;
  case Tok::ShlAssign:
    return Tok::Shl;
  case Tok::ShrAssign:
    return Tok::Shr;
  default:
    return op;
  }
}

class Lowerer {
public:
  Lowerer(const SemaResult& sema, const SourceFile& source, const LowerPaths& paths)
      : sema_(sema), source_(source), paths_(paths), line_file_(paths.line_file) {}

  LowerOutput run(const Program& program, const std::string& prelude);

private:
  struct Context {
    const ProbeInfo* probe;
    const ResolvedProbe* target; // the concrete probe, when the program serves one
    std::string args_type;
  };

  // Program assembly.
  void declare_maps();
  void lower_probe(size_t index, const ProbeInfo& probe);
  void emit_program(const std::string& name, const std::string& section, const Context& ctx);
  std::string tracepoint_struct(const TracepointFormat& format, const std::string& name);

  // Statements.
  void emit(const std::string& line);
  void block(const std::vector<StmtPtr>& body);
  void stmt(const Stmt& s);
  void effect(const Expr& e);
  void assign(const Stmt& s);
  void assign_map(const Expr& target, const Stmt& s);
  void aggregate(const Expr& target, const Expr& call);
  void call_stmt(const Expr& call);
  void send_event(const Expr& call, EventEntry entry, const std::vector<const Expr*>& args);

  // Expressions.
  std::string ex(const Expr& e);
  std::string conv(const std::string& c, const Type& from, const Type& to);
  std::string binary(Tok op, const std::string& a, const Type& at, const std::string& b,
                     const Type& bt, const Type& result);
  std::string map_key(const Expr& map);
  std::string map_read(const Expr& map);
  std::string incdec(const Expr& e);
  std::string builtin(const Expr& e);
  std::string field(const Expr& e);
  std::string call(const Expr& e);
  std::string tmp() { return "__t" + std::to_string(tmp_++); }
  // A scratch variable: a local for integers, a slot in the scratch map otherwise.
  std::string var_ref(const std::string& name) const {
    const Type& t = ctx_.probe->vars.at(name).type;
    bool local = t.is_int() || t.kind == TypeKind::Timestamp;
    return (local ? "v_" : "__vars->v_") + name;
  }
  std::string string_literal(const std::string& s, uint32_t size);
  const MapInfo& map_info(const Expr& e) const { return sema_.maps.at(e.name); }
  int map_index(const std::string& name) const { return map_index_.at(name); }

  const SemaResult& sema_;
  const SourceFile& source_;
  const LowerPaths& paths_;
  std::string line_file_;
  CTypes types_;
  ManifestData manifest_;
  std::map<std::string, int> map_index_;
  std::map<const Expr*, int> event_ids_;
  std::string maps_;      // map declarations
  std::string events_;    // event struct definitions
  std::string functions_; // program functions
  std::string body_;      // the function being generated
  Context ctx_{};
  int indent_ = 1;
  int tmp_ = 0;
  uint32_t line_ = 0; // the script line of the statement being lowered, 0 for none
  uint32_t max_value_size_ = 8;
};

LowerOutput Lowerer::run(const Program& program, const std::string& prelude) {
  (void)program;
  declare_maps();
  for (size_t i = 0; i < sema_.probes.size(); ++i) lower_probe(i, sema_.probes[i]);

  std::string globals;
  for (const auto& [index, use] : sema_.params) {
    if (use.as_number) globals += "const volatile __s64 " + param_num_name(index) + " = 0;\n";
    if (use.as_string)
      globals += "const volatile char " + param_str_name(index) + "[" + std::to_string(kStrLen) +
                 "] = {};\n";
    manifest_.params.push_back({index, use.as_number, use.as_string});
  }
  if (sema_.uses_argc) globals += std::string("const volatile __u64 ") + kArgcName + " = 0;\n";
  if (sema_.uses_elapsed)
    globals += std::string("const volatile __u64 ") + kStartNsName + " = 0;\n";
  manifest_.uses_argc = sema_.uses_argc;
  manifest_.uses_elapsed = sema_.uses_elapsed;
  globals += "char btc_zero[" + std::to_string(max_value_size_) + "];\n";
  if (!manifest_.events.empty())
    globals += "struct {\n  __uint(type, BPF_MAP_TYPE_RINGBUF);\n  __uint(max_entries, " +
               std::to_string(kRingBufferBytes) + ");\n} btc_events SEC(\".maps\");\n";

  std::string text = prelude + "\n" + types_.definitions() + events_ + globals + maps_ + functions_;
  // Point generated code after each probe back at the C file itself.
  std::string out;
  uint32_t line = 1;
  size_t pos = 0;
  const std::string& c_name = paths_.c_file;
  for (;;) {
    size_t next = text.find(kResetLine, pos);
    std::string chunk =
        text.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    for (char c : chunk) line += c == '\n';
    out += chunk;
    if (next == std::string::npos) break;
    out += "#line " + std::to_string(line + 1) + " " + c_string_literal(c_name) + "\n";
    ++line;
    pos = next + std::char_traits<char>::length(kResetLine);
  }

  LowerOutput result;
  result.c_source = std::move(out);
  result.manifest = std::move(manifest_);
  const std::string& script = source_.text();
  uint32_t lines = source_.line_of(static_cast<uint32_t>(script.size()));
  for (uint32_t i = 1; i <= lines; ++i)
    result.line_file_text += std::string(source_.line_text(i)) + line_marker(i) + "\n";
  return result;
}

void Lowerer::declare_maps() {
  for (const auto& [name, info] : sema_.maps) {
    MapEntry entry;
    entry.name = name;
    entry.c_name = map_c_name(name);
    entry.has_key = info.has_key;
    entry.key = info.key;
    entry.value = info.value;
    entry.per_cpu = info.value.is_aggregation();
    map_index_[name] = static_cast<int>(manifest_.maps.size());
    std::string key = info.has_key ? types_.name(info.key) : "__u64";
    std::string value = types_.name(info.value);
    max_value_size_ = std::max(max_value_size_, layout_of(info.value).size);
    maps_ += "struct {\n  __uint(type, " +
             std::string(entry.per_cpu ? "BPF_MAP_TYPE_PERCPU_HASH" : "BPF_MAP_TYPE_HASH") +
             ");\n  __uint(max_entries, " + std::to_string(info.has_key ? kMapMaxEntries : 1) +
             ");\n  __type(key, " + key + ");\n  __type(value, " + value + ");\n} " + entry.c_name +
             " SEC(\".maps\");\n";
    manifest_.maps.push_back(std::move(entry));
  }
}

std::string Lowerer::tracepoint_struct(const TracepointFormat& format, const std::string& name) {
  std::string def = "struct " + name + " {\n";
  uint32_t at = 8; // the common_ header fields
  def += "  __u64 __common;\n";
  bool packed = false;
  for (const auto& f : format.fields) {
    if (f.offset < at) continue;
    if (f.offset > at)
      def += "  char __pad" + std::to_string(at) + "[" + std::to_string(f.offset - at) + "];\n";
    std::string type;
    if (f.is_char_array) {
      type = "char";
      def += "  char " + f.name + "[" + std::to_string(f.size) + "];\n";
    } else if (f.is_data_loc) {
      def += "  __u32 " + f.name + ";\n";
    } else if (f.size == 1 || f.size == 2 || f.size == 4 || f.size == 8) {
      std::string t = (f.is_signed && !f.is_pointer ? "__s" : "__u") + std::to_string(f.size * 8);
      def += "  " + t + " " + f.name + ";\n";
      if (f.offset % f.size) packed = true;
    } else {
      def += "  char " + f.name + "[" + std::to_string(f.size) + "];\n";
    }
    at = f.offset + f.size;
  }
  def += packed ? "} __attribute__((packed));\n" : "};\n";
  return def;
}

void Lowerer::lower_probe(size_t index, const ProbeInfo& probe) {
  const ResolvedProbe& first = probe.attach.front();
  std::string base = "btc_p" + std::to_string(index);
  if (first.type == ProbeType::Begin || first.type == ProbeType::End) {
    std::string name =
        (first.type == ProbeType::Begin ? "btc_begin" : "btc_end") + std::to_string(index);
    manifest_.probes.push_back({first.type, name, "", first.display, 0, false});
    emit_program(name, "raw_tp", {&probe, &first, ""});
    return;
  }
  // Probes whose body does not depend on which concrete probe fired share one program per
  // program type; `args` and `probe` need a program for each.
  bool per_target = probe.uses_args || probe.uses_probe_name;
  std::map<std::string, std::string> shared; // section -> program
  for (size_t j = 0; j < probe.attach.size(); ++j) {
    const ResolvedProbe& target = probe.attach[j];
    std::string section = section_of(target.type);
    std::string name;
    if (!per_target && shared.count(section)) {
      name = shared[section];
    } else {
      name = base + "_" + std::to_string(j);
      Context ctx{&probe, per_target ? &target : nullptr, ""};
      std::string full_section = section;
      if (target.type == ProbeType::Tracepoint) {
        std::string t = target.target;
        full_section += "/" + t.replace(t.find(':'), 1, "/");
        if (probe.uses_args) {
          ctx.args_type = "btc_args_" + std::to_string(index) + "_" + std::to_string(j);
          events_ += tracepoint_struct(*target.format, ctx.args_type);
        }
      } else if (target.type == ProbeType::RawTracepoint) {
        full_section += "/" + target.target;
      }
      emit_program(name, full_section, ctx);
      shared[section] = name;
    }
    manifest_.probes.push_back(
        {target.type, name, target.target, target.display, target.period, target.freq});
  }
}

void Lowerer::emit_program(const std::string& name, const std::string& section,
                           const Context& ctx) {
  ctx_ = ctx;
  body_.clear();
  indent_ = 1;
  std::string param = "void *ctx";
  if (!ctx.args_type.empty()) param = "struct " + ctx.args_type + " *args";
  if (ctx.target && ctx.target->type == ProbeType::RawTracepoint)
    param = "struct btc_raw_tp_args *ctx";
  if (!ctx.target && ctx.probe->attach.front().type == ProbeType::RawTracepoint)
    param = "struct btc_raw_tp_args *ctx";
  const Probe& ast = *ctx.probe->ast;
  line_ = 0;
  // Integers live in registers or on the stack. Strings and tuples live in a per-CPU scratch
  // map of this program: the BPF stack is only 512 bytes. A program never runs nested in itself
  // on one CPU, so one slot per CPU suffices.
  std::string scratch;
  for (const auto& [var, info] : ctx.probe->vars) {
    std::string type = types_.name(info.type);
    if (info.type.is_int() || info.type.kind == TypeKind::Timestamp)
      emit(type + " v_" + var + " = 0;");
    else
      scratch += "  " + type + " v_" + var + ";\n";
  }
  if (!scratch.empty()) {
    std::string vars = name + "_vars";
    events_ += "struct " + vars + " {\n" + scratch + "};\n";
    maps_ += "struct {\n  __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);\n  __uint(max_entries, 1);\n"
             "  __type(key, __u32);\n  __type(value, struct " +
             vars + ");\n} " + vars + " SEC(\".maps\");\n";
    emit("__u32 __zero = 0;");
    emit("struct " + vars + " *__vars = bpf_map_lookup_elem(&" + vars + ", &__zero);");
    emit("if (!__vars)");
    emit("  return 0;");
  }
  if (ast.predicate) {
    line_ = source_.line_of(ast.predicate->range.begin);
    emit("if (!(" + ex(*ast.predicate) + "))");
    emit("  return 0;");
  }
  block(ast.body);
  line_ = 0;
  emit("return 0;");
  functions_ += "\nSEC(\"" + section + "\")\nint " + name + "(" + param + ") {\n" + body_ + "}\n" +
                kResetLine;
}

void Lowerer::emit(const std::string& line) {
  // Every C line names its script line: a statement that spans several C lines must not
  // attribute its later instructions to the script lines that follow it.
  if (line_ > 0)
    body_ += "#line " + std::to_string(line_) + " " + c_string_literal(line_file_) + "\n";
  body_.append(indent_ * 2, ' ');
  body_ += line + "\n";
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
    emit(var_ref(s.target->name) + " = " + conv(ex(*s.value), s.value->type, var) + ";");
    return;
  }
  case StmtKind::If:
    emit("if (" + ex(*s.cond) + ") {");
    ++indent_;
    block(s.body);
    --indent_;
    if (!s.else_body.empty()) {
      emit("} else {");
      ++indent_;
      block(s.else_body);
      --indent_;
    }
    emit("}");
    return;
  case StmtKind::While:
    emit("while (" + ex(*s.cond) + ") {");
    ++indent_;
    block(s.body);
    --indent_;
    emit("}");
    return;
  case StmtKind::Unroll: {
    std::string i = tmp();
    emit("#pragma unroll");
    emit("for (int " + i + " = 0; " + i + " < " + std::to_string(s.count) + "; " + i + "++) {");
    ++indent_;
    block(s.body);
    --indent_;
    emit("}");
    return;
  }
  case StmtKind::Block:
    emit("{");
    ++indent_;
    block(s.body);
    --indent_;
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
  if (e.kind == ExprKind::Call && e.type.kind == TypeKind::None) {
    call_stmt(e);
  } else if (e.kind == ExprKind::Ternary && e.type.kind == TypeKind::None) {
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
  if (s.op == Tok::Assign) {
    emit(v + " = " + conv(ex(*s.value), s.value->type, var) + ";");
    return;
  }
  Type result = Type::integer(64, var.is_signed && s.value->type.is_signed);
  emit(v + " = " +
       conv(binary(compound_base(s.op), v, var, ex(*s.value), s.value->type, result), result, var) +
       ";");
}

void Lowerer::assign_map(const Expr& target, const Stmt& s) {
  const MapInfo& info = map_info(target);
  std::string key_t = info.has_key ? types_.name(info.key) : "__u64";
  std::string val_t = types_.name(info.value);
  std::string m = map_c_name(target.name);
  emit("{");
  ++indent_;
  // bpftrace evaluates the value before the key: `@[$i] = --$i` uses the decremented $i.
  if (s.op == Tok::Assign) {
    emit(val_t + " __value = " + conv(ex(*s.value), s.value->type, info.value) + ";");
    emit(key_t + " __key = " + map_key(target) + ";");
  } else {
    emit(key_t + " __key = " + map_key(target) + ";");
    emit(val_t + " *__old = bpf_map_lookup_elem(&" + m + ", &__key);");
    Type result = Type::integer(64, info.value.is_signed && s.value->type.is_signed);
    emit(val_t + " __value = " +
         conv(binary(compound_base(s.op), "(__old ? *__old : 0)", info.value, ex(*s.value),
                     s.value->type, result),
              result, info.value) +
         ";");
  }
  emit("bpf_map_update_elem(&" + m + ", &__key, &__value, BPF_ANY);");
  --indent_;
  emit("}");
}

void Lowerer::aggregate(const Expr& target, const Expr& call) {
  const MapInfo& info = map_info(target);
  std::string key_t = info.has_key ? types_.name(info.key) : "__u64";
  std::string val_t = types_.name(info.value);
  std::string m = map_c_name(target.name);
  emit("{");
  ++indent_;
  if (!call.args.empty()) emit("__s64 __arg = (__s64)(" + ex(*call.args[0]) + ");");
  emit(key_t + " __key = " + map_key(target) + ";");
  if (call.type.kind == TypeKind::Max) {
    // No entry for a value max() would not store (bpftrace 0.17 never creates one).
    emit(val_t + " *__entry = bpf_map_lookup_elem(&" + m + ", &__key);");
    emit("if (!__entry && __arg > 0)");
    emit("  __entry = BTC_AGG_ENTRY(&" + m + ", &__key);");
  } else {
    emit(val_t + " *__entry = BTC_AGG_ENTRY(&" + m + ", &__key);");
  }
  emit("if (__entry) {");
  ++indent_;
  switch (call.type.kind) {
  case TypeKind::Count:
    emit("*__entry += 1;");
    break;
  case TypeKind::Sum:
    emit("*__entry += __arg;");
    break;
  case TypeKind::Min:
  case TypeKind::Max:
    // As in bpftrace 0.17, max() compares with 0 on a CPU that has no value yet.
    emit(call.type.kind == TypeKind::Min ? "if (!__entry->is_set || __arg < __entry->value) {"
                                         : "if (__arg > (__entry->is_set ? __entry->value : 0)) {");
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
    emit("if (__bucket < " + std::to_string(kHistBucketCount) + ")");
    emit("  __entry->b[__bucket] += 1;");
    break;
  case TypeKind::LHist: {
    const Type& t = info.value;
    std::string n = std::to_string(lhist_bucket_count(t));
    emit("__u32 __bucket = btc_lhist_bucket(__arg, " + std::to_string(t.lhist_min) + ", " +
         std::to_string(t.lhist_max) + ", " + std::to_string(t.lhist_step) + ", " + n + ");");
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

void Lowerer::send_event(const Expr& call, EventEntry entry, const std::vector<const Expr*>& args) {
  auto known = event_ids_.find(&call);
  int id;
  if (known != event_ids_.end()) {
    id = known->second;
  } else {
    id = static_cast<int>(manifest_.events.size());
    entry.payload = Type::of(TypeKind::Tuple);
    for (const Expr* a : args) {
      Type t = a->type;
      if (t.kind == TypeKind::Int || t.kind == TypeKind::Pointer)
        t = Type::integer(64, t.kind == TypeKind::Int && t.is_signed);
      entry.payload.elems.push_back(t);
    }
    std::string payload = args.empty() ? "" : "  " + types_.name(entry.payload) + " p;\n";
    events_ += "struct btc_event" + std::to_string(id) + " {\n  __u32 id;\n  __u32 reserved;\n" +
               payload + "};\n";
    manifest_.events.push_back(std::move(entry));
    event_ids_[&call] = id;
  }
  const Type& payload = manifest_.events[id].payload;
  std::string ev = "struct btc_event" + std::to_string(id);
  emit("{");
  ++indent_;
  emit(ev + " *__event = bpf_ringbuf_reserve(&btc_events, sizeof(" + ev + "), 0);");
  emit("if (__event) {");
  ++indent_;
  emit("__event->id = " + std::to_string(id) + ";");
  emit("__event->reserved = 0;");
  for (size_t i = 0; i < args.size(); ++i)
    emit("__event->p.f" + std::to_string(i) + " = " +
         conv(ex(*args[i]), args[i]->type, payload.elems[i]) + ";");
  emit("bpf_ringbuf_submit(__event, 0);");
  --indent_;
  emit("} else {");
  emit("  btc_count_lost();");
  emit("}");
  --indent_;
  emit("}");
}

void Lowerer::call_stmt(const Expr& e) {
  const std::string& f = e.name;
  if (f == "printf") {
    std::vector<const Expr*> args;
    for (size_t i = 1; i < e.args.size(); ++i) args.push_back(e.args[i].get());
    send_event(e, event_of(EventType::Printf, e.args[0]->str_value), args);
  } else if (f == "print") {
    const Expr& a = *e.args[0];
    if (a.kind == ExprKind::Map && a.args.empty()) {
      EventEntry entry = event_of(EventType::PrintMap);
      entry.map = map_index(a.name);
      if (e.args.size() > 1) entry.top = literal_value(*e.args[1]);
      if (e.args.size() > 2) entry.div = literal_value(*e.args[2]);
      send_event(e, entry, {});
    } else {
      send_event(e, event_of(EventType::Print), {&a});
    }
  } else if (f == "time") {
    send_event(e, event_of(EventType::Time, e.args.empty() ? "%H:%M:%S\n" : e.args[0]->str_value),
               {});
  } else if (f == "exit") {
    send_event(e, event_of(EventType::Exit), {});
    emit("return 0;");
  } else if (f == "clear" || f == "zero") {
    EventEntry entry = event_of(f == "clear" ? EventType::Clear : EventType::Zero);
    entry.map = map_index(e.args[0]->name);
    send_event(e, entry, {});
  } else if (f == "delete") {
    const Expr& m = *e.args[0];
    const MapInfo& info = map_info(m);
    emit("{");
    emit("  " + std::string(info.has_key ? types_.name(info.key) : "__u64") +
         " __key = " + map_key(m) + ";");
    emit("  bpf_map_delete_elem(&" + map_c_name(m.name) + ", &__key);");
    emit("}");
  }
}

std::string Lowerer::string_literal(const std::string& s, uint32_t size) {
  return "((" + types_.name(Type::string(size)) + "){" + c_string_literal(s) + "})";
}

std::string Lowerer::conv(const std::string& c, const Type& from, const Type& to) {
  if (to.kind == TypeKind::Int) {
    std::string bits = std::to_string(to.bits);
    if (to.bits < 64)
      return "((" + std::string(to.is_signed ? "__s64)(__s" : "__u64)(__u") + bits + ")(" + c +
             "))";
    return std::string("((") + (to.is_signed ? "__s64" : "__u64") + ")(" + c + "))";
  }
  if (to.kind == TypeKind::Str && from.kind == TypeKind::Str && from.str_size != to.str_size) {
    std::string a = tmp(), b = tmp();
    uint32_t n = std::min(from.str_size, to.str_size);
    return "({ " + types_.name(from) + " " + a + " = " + c + "; " + types_.name(to) + " " + b +
           " = {}; __builtin_memcpy(" + b + ".s, " + a + ".s, " + std::to_string(n) + "); " +
           (to.str_size < from.str_size ? b + ".s[" + std::to_string(to.str_size - 1) + "] = 0; "
                                        : "") +
           b + "; })";
  }
  if (to.kind == TypeKind::Tuple && from.kind == TypeKind::Tuple &&
      types_.name(from) != types_.name(to)) {
    std::string a = tmp(), b = tmp();
    std::string out = "({ " + types_.name(from) + " " + a + " = " + c + "; " + types_.name(to) +
                      " " + b + "; __builtin_memset(&" + b + ", 0, sizeof(" + b + ")); ";
    for (size_t i = 0; i < to.elems.size(); ++i) {
      std::string f = ".f" + std::to_string(i);
      out += b + f + " = " + conv(a + f, from.elems[i], to.elems[i]) + "; ";
    }
    return out + b + "; })";
  }
  return c;
}

std::string Lowerer::binary(Tok op, const std::string& a, const Type& at, const std::string& b,
                            const Type& bt, const Type& result) {
  std::string rt = result.is_signed ? "__s64" : "__u64";
  std::string ua = "(__u64)(" + a + ")", ub = "(__u64)(" + b + ")";
  auto wrap = [&](const std::string& s) { return "((" + rt + ")(" + s + "))"; };
  switch (op) {
  case Tok::Plus:
    return wrap(ua + " + " + ub);
  case Tok::Minus:
    return wrap(ua + " - " + ub);
  case Tok::Star:
    return wrap(ua + " * " + ub);
  case Tok::Slash:
    return wrap("btc_div(" + ua + ", " + ub + ")");
  case Tok::Percent:
    return wrap("btc_mod(" + ua + ", " + ub + ")");
  case Tok::Amp:
    return wrap(ua + " & " + ub);
  case Tok::Pipe:
    return wrap(ua + " | " + ub);
  case Tok::Caret:
    return wrap(ua + " ^ " + ub);
  case Tok::Shl:
    return wrap("btc_shl(" + ua + ", " + ub + ")");
  case Tok::Shr:
    return wrap("btc_shr(" + ua + ", " + ub + ")");
  case Tok::AndAnd:
    return "((__s64)((" + a + ") && (" + b + ")))";
  case Tok::OrOr:
    return "((__s64)((" + a + ") || (" + b + ")))";
  default:
    break;
  }
  if (is_compare(op)) {
    bool is_signed =
        at.kind == TypeKind::Int && at.is_signed && bt.kind == TypeKind::Int && bt.is_signed;
    std::string cast = is_signed ? "(__s64)(" : "(__u64)(";
    std::string spelling = tok_spelling(op); // quoted: '<'
    return "((__s64)(" + cast + a + ") " + spelling.substr(1, spelling.size() - 2) + " " + cast +
           b + ")))";
  }
  return a;
}

std::string Lowerer::map_key(const Expr& map) {
  const MapInfo& info = map_info(map);
  if (!info.has_key) return "0";
  if (map.args.size() == 1) return conv(ex(*map.args[0]), map.args[0]->type, info.key);
  std::string k = tmp();
  std::string out = "({ " + types_.name(info.key) + " " + k + "; __builtin_memset(&" + k +
                    ", 0, sizeof(" + k + ")); ";
  for (size_t i = 0; i < map.args.size(); ++i)
    out += k + ".f" + std::to_string(i) + " = " +
           conv(ex(*map.args[i]), map.args[i]->type, info.key.elems[i]) + "; ";
  return out + k + "; })";
}

std::string Lowerer::map_read(const Expr& map) {
  const MapInfo& info = map_info(map);
  std::string key_t = info.has_key ? types_.name(info.key) : "__u64";
  std::string val_t = types_.name(info.value);
  std::string k = tmp(), p = tmp();
  std::string out = "({ " + key_t + " " + k + " = " + map_key(map) + "; " + val_t + " *" + p +
                    " = bpf_map_lookup_elem(&" + map_c_name(map.name) + ", &" + k + "); ";
  switch (info.value.kind) {
  case TypeKind::Min:
  case TypeKind::Max:
    return out + "(__s64)(" + p + " ? " + p + "->value : 0); })";
  case TypeKind::Int:
  case TypeKind::Count:
  case TypeKind::Sum:
  case TypeKind::Timestamp:
    return out + "(" + val_t + ")(" + p + " ? *" + p + " : 0); })";
  default: {
    std::string z = tmp();
    return out + val_t + " " + z + "; __builtin_memset(&" + z + ", 0, sizeof(" + z + ")); " + p +
           " ? *" + p + " : " + z + "; })";
  }
  }
}

std::string Lowerer::incdec(const Expr& e) {
  const Expr& target = *e.args[0];
  std::string delta = e.op == Tok::PlusPlus ? " + 1" : " - 1";
  std::string t = e.type.is_signed ? "__s64" : "__u64";
  if (target.kind == ExprKind::Var) {
    std::string v = var_ref(target.name);
    const Type& var = ctx_.probe->vars.at(target.name).type;
    std::string next = conv("(__u64)" + v + delta, Type::integer(64, false), var);
    if (!e.postfix) return "(" + v + " = " + next + ")";
    std::string old = tmp();
    return "({ " + t + " " + old + " = " + v + "; " + v + " = " + next + "; " + old + "; })";
  }
  const MapInfo& info = map_info(target);
  std::string key_t = info.has_key ? types_.name(info.key) : "__u64";
  std::string val_t = types_.name(info.value);
  std::string k = tmp(), p = tmp(), old = tmp(), next = tmp();
  std::string m = map_c_name(target.name);
  return "({ " + key_t + " " + k + " = " + map_key(target) + "; " + val_t + " *" + p +
         " = bpf_map_lookup_elem(&" + m + ", &" + k + "); " + val_t + " " + old + " = " + p +
         " ? *" + p + " : 0; " + val_t + " " + next + " = (" + val_t + ")((__u64)" + old + delta +
         "); bpf_map_update_elem(&" + m + ", &" + k + ", &" + next + ", BPF_ANY); " +
         (e.postfix ? old : next) + "; })";
}

std::string Lowerer::builtin(const Expr& e) {
  const std::string& n = e.name;
  if (n == "pid") return "((__u64)(bpf_get_current_pid_tgid() >> 32))";
  if (n == "tid") return "((__u64)(__u32)bpf_get_current_pid_tgid())";
  if (n == "uid") return "((__u64)(__u32)bpf_get_current_uid_gid())";
  if (n == "gid") return "((__u64)(bpf_get_current_uid_gid() >> 32))";
  if (n == "nsecs") return "((__u64)bpf_ktime_get_ns())";
  if (n == "elapsed") return std::string("((__u64)bpf_ktime_get_ns() - ") + kStartNsName + ")";
  if (n == "cpu") return "((__u64)bpf_get_smp_processor_id())";
  if (n == "rand") return "((__u64)bpf_get_prandom_u32())";
  if (n == "cgroup") return "((__u64)bpf_get_current_cgroup_id())";
  if (n == "comm") {
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; bpf_get_current_comm(" + t + ".s, " +
           std::to_string(e.type.str_size) + "); " + t + "; })";
  }
  if (n == "probe") {
    std::string display = ctx_.target ? ctx_.target->display : ctx_.probe->attach.front().display;
    return string_literal(display, e.type.str_size);
  }
  if (n.rfind("arg", 0) == 0) return "((__u64)ctx->args[" + n.substr(3) + "])";
  return "0";
}

std::string Lowerer::field(const Expr& e) {
  const Expr& base = *e.args[0];
  if (base.type.kind == TypeKind::Tuple)
    return "(" + ex(base) + ").f" + std::to_string(e.int_value);
  const TracepointField* f = ctx_.target->format->find(e.name);
  std::string access = "args->" + e.name;
  if (f->is_char_array) {
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; bpf_probe_read_kernel(" + t + ".s, " +
           std::to_string(e.type.str_size) + ", " + access + "); " + t + ".s[" +
           std::to_string(e.type.str_size - 1) + "] = 0; " + t + "; })";
  }
  if (f->is_data_loc) {
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; bpf_probe_read_kernel_str(" + t +
           ".s, " + std::to_string(e.type.str_size) + ", (char *)args + (" + access +
           " & 0xffff)); " + t + "; })";
  }
  if (f->is_pointer) return "((__u64)" + access + ")";
  return std::string(e.type.is_signed ? "((__s64)" : "((__u64)") + access + ")";
}

std::string Lowerer::call(const Expr& e) {
  const std::string& f = e.name;
  if (f == "str") {
    const Expr& a = *e.args[0];
    if (a.kind == ExprKind::Positional) {
      // Read through a helper: the compiler must not fold the (zero) initializer of a
      // `const volatile` global that the tool fills in before load.
      std::string t = tmp();
      std::string src = param_str_name(static_cast<uint32_t>(a.int_value));
      std::string out = "({ " + types_.name(e.type) + " " + t + "; bpf_probe_read_kernel(" + t +
                        ".s, " + std::to_string(kStrLen) + ", (const void *)" + src + "); ";
      if (e.args.size() == 2) {
        // str($1, n): the first n characters; constant indexes keep the verifier content.
        std::string n = tmp(), i = tmp();
        out += "__u64 " + n + " = " + ex(*e.args[1]) + "; for (int " + i + " = 0; " + i + " < " +
               std::to_string(kStrLen) + "; " + i + "++) if (" + i + " >= " + n + ") " + t + ".s[" +
               i + "] = 0; ";
      }
      return out + t + "; })";
    }
    if (a.type.is_str()) return ex(a);
    std::string t = tmp(), n = tmp();
    std::string size = std::to_string(e.type.str_size);
    std::string limit = size;
    std::string out = "({ " + types_.name(e.type) + " " + t + " = {}; ";
    if (e.args.size() == 2) {
      out += "__u64 " + n + " = " + ex(*e.args[1]) + " + 1; if (" + n + " > " + size + ") " + n +
             " = " + size + "; ";
      limit = n;
    }
    out += "bpf_probe_read_str(" + t + ".s, " + limit + ", (const void *)(" + ex(a) + ")); " + t +
           "; })";
    return out;
  }
  if (f == "strncmp" || f == "strcontains") {
    const Expr& a = *e.args[0];
    const Expr& b = *e.args[1];
    std::string ta = tmp(), tb = tmp();
    std::string sa = std::to_string(a.type.str_size), sb = std::to_string(b.type.str_size);
    std::string prefix = "({ " + types_.name(a.type) + " " + ta + " = " + ex(a) + "; " +
                         types_.name(b.type) + " " + tb + " = " + ex(b) + "; ";
    if (f == "strcontains")
      return prefix + "btc_strcontains(" + ta + ".s, " + sa + ", " + tb + ".s, " + sb + "); })";
    return prefix + "(__u64)!btc_streq(" + ta + ".s, " + sa + ", " + tb + ".s, " + sb + ", " +
           std::to_string(e.args[2]->int_value) + "); })";
  }
  if (f == "strftime") return "((__u64)(" + ex(*e.args[1]) + "))";
  if (f == "bswap") {
    const char* fn = e.type.bits == 16   ? "__builtin_bswap16((__u16)"
                     : e.type.bits == 32 ? "__builtin_bswap32((__u32)"
                     : e.type.bits == 8  ? "((__u8)"
                                         : "__builtin_bswap64((__u64)";
    return conv(std::string(fn) + "(" + ex(*e.args[0]) + "))", Type::integer(64, false), e.type);
  }
  return "0";
}

std::string Lowerer::ex(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Int:
    return int_literal(e.int_value, e.type.is_signed);
  case ExprKind::String:
    return string_literal(e.str_value, e.type.str_size);
  case ExprKind::Var:
    return var_ref(e.name);
  case ExprKind::Positional:
    return param_num_name(static_cast<uint32_t>(e.int_value));
  case ExprKind::ArgCount:
    return kArgcName;
  case ExprKind::Map:
    return map_read(e);
  case ExprKind::Builtin:
    return builtin(e);
  case ExprKind::Call:
    return call(e);
  case ExprKind::Binary: {
    const Expr& a = *e.args[0];
    const Expr& b = *e.args[1];
    if (a.type.is_str()) {
      std::string ta = tmp(), tb = tmp();
      uint32_t limit = std::max(a.type.str_size, b.type.str_size);
      std::string eq = "btc_streq(" + ta + ".s, " + std::to_string(a.type.str_size) + ", " + tb +
                       ".s, " + std::to_string(b.type.str_size) + ", " + std::to_string(limit) +
                       ")";
      return "({ " + types_.name(a.type) + " " + ta + " = " + ex(a) + "; " + types_.name(b.type) +
             " " + tb + " = " + ex(b) + "; " + (e.op == Tok::Ne ? "!" : "") + eq + "; })";
    }
    return binary(e.op, ex(a), a.type, ex(b), b.type, e.type);
  }
  case ExprKind::Unary: {
    if (e.op == Tok::PlusPlus || e.op == Tok::MinusMinus) return incdec(e);
    std::string a = ex(*e.args[0]);
    if (e.op == Tok::Bang) return "((__s64)!(" + a + "))";
    Type u64 = Type::integer(64, false);
    if (e.op == Tok::Minus) return conv("(0 - (__u64)(" + a + "))", u64, e.type);
    return conv("(~(__u64)(" + a + "))", u64, e.type);
  }
  case ExprKind::Ternary:
    return "((" + ex(*e.args[0]) + ") ? " + conv(ex(*e.args[1]), e.args[1]->type, e.type) + " : " +
           conv(ex(*e.args[2]), e.args[2]->type, e.type) + ")";
  case ExprKind::Cast:
    return conv(ex(*e.args[0]), e.args[0]->type, e.cast_type);
  case ExprKind::Tuple: {
    std::string t = tmp();
    std::string out = "({ " + types_.name(e.type) + " " + t + "; __builtin_memset(&" + t +
                      ", 0, sizeof(" + t + ")); ";
    for (size_t i = 0; i < e.args.size(); ++i)
      out += t + ".f" + std::to_string(i) + " = " +
             conv(ex(*e.args[i]), e.args[i]->type, e.type.elems[i]) + "; ";
    return out + t + "; })";
  }
  case ExprKind::Field:
    return field(e);
  case ExprKind::Sizeof: {
    if (e.args.empty()) return int_literal(e.cast_type.bits / 8, false);
    const Type& t = e.args[0]->type;
    uint32_t size = t.kind == TypeKind::Int ? t.bits / 8 : layout_of(t).size;
    return int_literal(size, false);
  }
  }
  return "0";
}

} // namespace

std::string line_marker(uint32_t line) {
  return "  @btc:" + std::to_string(line);
}

uint32_t last_marked_line(const std::string& log) {
  size_t pos = log.rfind("@btc:");
  if (pos == std::string::npos) return 0;
  return static_cast<uint32_t>(std::strtoul(log.c_str() + pos + 5, nullptr, 10));
}

LowerOutput lower(const Program& program, const SemaResult& sema, const SourceFile& source,
                  const std::string& prelude, const LowerPaths& paths) {
  return Lowerer(sema, source, paths).run(program, prelude);
}

} // namespace btc
