// Expressions: every bpftrace expression becomes one C expression (GNU statement expressions
// where it needs temporaries).
#include "attach_glob.h"
#include "lower/lowerer.h"
#include "sema/registry.h"
#include "sema/seq_printf.h"
#include "sema/signal_names.h"
#include "sema/str_param.h"
#include "sema/user_probes.h"

#include <algorithm>
#include <utility>

namespace btc::lowering {

namespace {

// The longest copy of a string (a char array, aligned to 1) that Clang's BPF backend inlines:
// from 124 bytes it gives up (with a misleading stack error). `probe` naming a file found where
// the tool runs is at most this long unless the build host's name is longer.
constexpr uint32_t kMaxInlineCopy = 120;
static_assert(kRuntimeNameLen <= kMaxInlineCopy);

// Where an iterator's context field is, in u64 slots of the context (struct bpf_iter__*).
std::string iter_ctx_slot(const std::string& field) {
  static const std::map<std::string, int> kSlots = {
      {"meta", 0}, {"task", 1}, {"fd", 2}, {"file", 3}, {"vma", 2}};
  return "ctx[" + std::to_string(kSlots.at(field)) + "]";
}

// globmatch()'s pattern, split at its stars: each segment a list of one-character tests.
struct GlobChar {
  bool any = false;                                            // ?
  bool negate = false;                                         // [!...]
  std::vector<std::pair<unsigned char, unsigned char>> ranges; // a literal is one c-c range
};
using GlobSegment = std::vector<GlobChar>;

std::vector<GlobSegment> glob_segments(const std::string& p) {
  std::vector<GlobSegment> segments(1);
  for (size_t i = 0; i < p.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == '*') {
      segments.emplace_back();
      continue;
    }
    GlobChar g;
    if (c == '?') {
      g.any = true;
    } else if (c == '[') {
      // Sema checked that the ']' is there; one right after '[' or '[!' is a member.
      size_t j = i + 1;
      if (j < p.size() && p[j] == '!') {
        g.negate = true;
        ++j;
      }
      size_t first = j;
      for (; j < p.size() && (p[j] != ']' || j == first); ++j) {
        unsigned char lo = static_cast<unsigned char>(p[j]), hi = lo;
        if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
          hi = static_cast<unsigned char>(p[j + 2]);
          j += 2;
        }
        g.ranges.emplace_back(lo, hi);
      }
      i = j;
    } else {
      g.ranges.emplace_back(c, c);
    }
    segments.back().push_back(std::move(g));
  }
  return segments;
}

// Whether `seg` matches the characters of string `s` (a char array of `size`) from `at`.
std::string glob_segment_test(const GlobSegment& seg, const std::string& s, const std::string& at,
                              uint32_t size) {
  std::string out = "1";
  for (size_t j = 0; j < seg.size(); ++j) {
    std::string i = "(" + at + " + " + std::to_string(j) + ")";
    std::string c =
        "(" + i + " < " + std::to_string(size) + " ? (unsigned char)" + s + "[" + i + "] : 0)";
    const GlobChar& g = seg[j];
    std::string test = c + " != 0";
    if (!g.any) {
      std::string member = "0";
      for (const auto& [lo, hi] : g.ranges)
        member += lo == hi ? " || " + c + " == " + std::to_string(lo)
                           : " || (" + c + " >= " + std::to_string(lo) + " && " + c +
                                 " <= " + std::to_string(hi) + ")";
      test += std::string(" && ") + (g.negate ? "!" : "") + "(" + member + ")";
    }
    out += " && (" + test + ")";
  }
  return out;
}

} // namespace

std::string Lowerer::str_chars(const Expr& x, std::string& decls) {
  std::string v = tmp();
  if (is_big(x.type)) {
    decls += types_.name(x.type) + " *" + v + " = " + big_ref(x) + "; ";
    return v + "->s";
  }
  decls += types_.name(x.type) + " " + v + " = " + ex(x) + "; ";
  return v + ".s";
}

std::string Lowerer::string_literal(const std::string& s, uint32_t size) {
  return "((" + types_.name(Type::string(size)) + "){" + c_string_literal(s) + "})";
}

std::string Lowerer::conv(const std::string& c, const Type& from, const Type& to) {
  if (to.kind() == TypeKind::Bool && from.kind() != TypeKind::Bool)
    return "((__u64)((" + c + ") != 0))";
  if (to.kind() == TypeKind::Int) {
    std::string bits = std::to_string(to.bits());
    if (to.bits() < 64)
      return "((" + std::string(to.is_signed() ? "__s64)(__s" : "__u64)(__u") + bits + ")(" + c +
             "))";
    return std::string("((") + (to.is_signed() ? "__s64" : "__u64") + ")(" + c + "))";
  }
  if (to.kind() == TypeKind::Str && from.kind() == TypeKind::Str &&
      from.str_size() != to.str_size()) {
    std::string a = tmp(), b = tmp();
    uint32_t n = std::min(from.str_size(), to.str_size());
    // Longer copies than Clang's BPF backend inlines go through a helper.
    std::string copy =
        n > kMaxInlineCopy
            ? "bpf_probe_read_kernel(" + b + ".s, " + std::to_string(n) + ", " + a + ".s); "
            : "__builtin_memcpy(" + b + ".s, " + a + ".s, " + std::to_string(n) + "); ";
    return "({ " + types_.name(from) + " " + a + " = " + c + "; " + types_.name(to) + " " + b +
           " = {}; " + copy +
           (to.str_size() < from.str_size()
                ? b + ".s[" + std::to_string(to.str_size() - 1) + "] = 0; "
                : "") +
           b + "; })";
  }
  if (to.kind() == TypeKind::Tuple && from.kind() == TypeKind::Tuple &&
      (types_.name(from) != types_.name(to) || from.field_names() != to.field_names())) {
    std::string a = tmp(), b = tmp();
    std::string out = "({ " + types_.name(from) + " " + a + " = " + c + "; " + types_.name(to) +
                      " " + b + "; __builtin_memset(&" + b + ", 0, sizeof(" + b + ")); ";
    for (size_t i = 0; i < to.elems().size(); ++i) {
      // A record's elements go by name: the same fields may come in another order.
      int j = to.is_record_tuple() ? from.field_index(to.field_names()[i]) : static_cast<int>(i);
      std::string f = ".f" + std::to_string(i), g = ".f" + std::to_string(j);
      out +=
          b + f + " = " + conv(a + g, from.elems()[static_cast<size_t>(j)], to.elems()[i]) + "; ";
    }
    return out + b + "; })";
  }
  return c;
}

std::string Lowerer::tuple_elems_equal(const std::string& a, const Type& at, const std::string& b,
                                       const Type& bt) {
  std::string out = "1";
  for (size_t i = 0; i < at.elems().size(); ++i) {
    int j = at.is_record_tuple() ? bt.field_index(at.field_names()[i]) : static_cast<int>(i);
    std::string x = a + ".f" + std::to_string(i), y = b + ".f" + std::to_string(j);
    const Type& xt = at.elems()[i];
    const Type& yt = bt.elems()[static_cast<size_t>(j)];
    if (xt.kind() == TypeKind::Tuple) {
      out += " && (" + tuple_elems_equal(x, xt, y, yt) + ")";
    } else if (xt.is_str()) {
      out += " && btc_streq(" + x + ".s, " + std::to_string(xt.str_size()) + ", " + y + ".s, " +
             std::to_string(yt.str_size()) + ", " +
             std::to_string(std::max(xt.str_size(), yt.str_size())) + ")";
    } else {
      out += " && (__u64)(" + x + ") == (__u64)(" + y + ")";
    }
  }
  return out;
}

std::string Lowerer::tuple_equal(const Expr& e) {
  const Expr& a = *e.args[0];
  const Expr& b = *e.args[1];
  // A big tuple is compared where it lies in map memory, through its address.
  auto place = [&](const Expr& side, std::string& decl) {
    std::string p = tmp();
    if (is_big(side.type)) {
      decl += types_.name(side.type) + " *" + p + " = " + big_ref(side) + "; ";
    } else {
      std::string v = tmp();
      decl += types_.name(side.type) + " " + v + " = " + ex(side) + "; " + types_.name(side.type) +
              " *" + p + " = &" + v + "; ";
    }
    return "(*" + p + ")";
  };
  std::string decl;
  std::string pa = place(a, decl);
  std::string pb = place(b, decl);
  return "({ " + decl + "(__s64)(" + (e.op == Tok::Ne ? "!" : "") + "(" +
         tuple_elems_equal(pa, a.type, pb, b.type) + ")); })";
}

std::string Lowerer::binary(Tok op, const std::string& a, const Type& at, const std::string& b,
                            const Type& bt, const Type& result) {
  std::string rt = result.is_signed() ? "__s64" : "__u64";
  std::string ua = "(__u64)(" + a + ")", ub = "(__u64)(" + b + ")";
  auto wrap = [&](const std::string& s) { return "((" + rt + ")(" + s + "))"; };
  // Pointer arithmetic counts elements of the pointee (its size on the running kernel).
  bool ap = at.kind() == TypeKind::Pointer, bp = bt.kind() == TypeKind::Pointer;
  if (ap != bp && (op == Tok::Plus || (op == Tok::Minus && ap))) {
    const Type* pointee = (ap ? at : bt).pointee();
    if (pointee && pointee->kind() != TypeKind::None) {
      std::string scaled = "(" + (ap ? ub : ua) + " * " + kernel_sizeof(*pointee) + ")";
      (ap ? ub : ua) = scaled;
    }
  }
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
    bool is_signed = at.kind() == TypeKind::Int && at.is_signed() && bt.kind() == TypeKind::Int &&
                     bt.is_signed();
    std::string cast = is_signed ? "(__s64)(" : "(__u64)(";
    std::string spelling = tok_spelling(op); // quoted: '<'
    return "((__s64)(" + cast + a + ") " + spelling.substr(1, spelling.size() - 2) + " " + cast +
           b + ")))";
  }
  // Only the statement is known here: point at its line.
  uint32_t start = line_ > 0 ? source_.line_start(line_) : 0;
  throw InternalError(std::string("operator ") + tok_spelling(op) + " has no lowering",
                      SourceRange{start, start});
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
           conv(ex(*map.args[i]), map.args[i]->type, info.key.elems()[i]) + "; ";
  return out + k + "; })";
}

std::pair<std::string, std::string> Lowerer::key_at(const Expr& map, const std::string& name) {
  const MapInfo& info = map_info(map);
  std::string key_t = key_type(info);
  // The callers end the declaration with their own `;`.
  auto unterminated = [](std::string code) {
    while (!code.empty() && (code.back() == ' ' || code.back() == ';')) code.pop_back();
    return code;
  };
  if (info.has_key && !is_big(info.key)) {
    // Strings are written where they go, each part of a tuple in the key zeroed first.
    if (map.args.size() == 1 && info.key.is_str()) {
      std::string chars = name + ".s";
      uint32_t size = info.key.str_size();
      std::string fill = str_in_place(chars, size, *map.args[0], false);
      if (!fill.empty()) return {key_t + " " + name + "; " + unterminated(fill), "&" + name};
      fill = str_in_place(chars, size, *map.args[0], true);
      if (!fill.empty()) return {key_t + " " + name + " = {}; " + unterminated(fill), "&" + name};
    } else if (map.args.size() > 1) {
      std::string decl =
          key_t + " " + name + "; __builtin_memset(&" + name + ", 0, sizeof(" + name + ")); ";
      for (size_t i = 0; i < map.args.size(); ++i) {
        const Expr& arg = *map.args[i];
        const Type& to = info.key.elems()[i];
        std::string f = name + ".f" + std::to_string(i);
        std::string fill = to.is_str() ? str_in_place(f + ".s", to.str_size(), arg, true) : "";
        decl += fill.empty() ? f + " = " + conv(ex(arg), arg.type, to) + "; " : fill;
      }
      return {unterminated(decl), "&" + name};
    }
  }
  if (!info.has_key || !is_big(info.key))
    return {key_t + " " + name + " = " + map_key(map), "&" + name};
  if (map.args.size() == 1 && types_.name(map.args[0]->type) == key_t)
    return {key_t + " *" + name + " = " + big_ref(*map.args[0]), name};
  if (map.args.size() == 1)
    // A shorter string as the key of a map keyed by big strings.
    return {key_t + " *" + name + " = " + big_slot(info.key) + "; " +
                fill_value("(*" + name + ")", *map.args[0], info.key),
            name};
  // A tuple holding a big record: built in place, each part where it goes.
  std::string fill = zero_big("(*" + name + ")", layout_of(info.key).size);
  for (size_t i = 0; i < map.args.size(); ++i)
    fill += fill_value("(*" + name + ").f" + std::to_string(i), *map.args[i], info.key.elems()[i]);
  return {key_t + " *" + name + " = " + big_slot(info.key) + "; " + fill, name};
}

// A bound Clang and older verifiers see on the loop over the CPUs; the tool's count of
// possible CPUs (in .rodata, a constant to the verifier) ends it much earlier.
constexpr uint32_t kMaxCpus = 1024;

std::string Lowerer::aggregation_read(const Expr& map) {
  std::string k = tmp();
  auto [decl, key] = key_at(map, k);
  return "({ " + decl + "; " + aggregation_total(map.name, key) + "; })";
}

std::string Lowerer::aggregation_total(const std::string& map, const std::string& key) {
  // Each CPU has its own value: they are combined here, CPU by CPU
  // (bpf_map_lookup_percpu_elem(), kernel 5.19, is NULL for a missing key).
  const MapInfo& info = sema_.maps.at(map);
  const TypeKind kind = info.value.kind();
  std::string p = tmp(), cpu = tmp(), acc = tmp(), n = tmp();
  std::string out = "({ __s64 " + acc + " = 0; __u64 " + n + " = 0; ";
  out += "for (__u32 " + cpu + " = 0; " + cpu + " < " + std::to_string(kMaxCpus) + " && " + cpu +
         " < " + start_value(rt::StartLookup::PossibleCpus, "", "possible CPUs") + "; " + cpu +
         "++) { " + types_.name(info.value) + " *" + p + " = bpf_map_lookup_percpu_elem(&" +
         map_c_name(map) + ", " + key + ", " + cpu + "); if (!" + p + ") break; ";
  switch (kind) {
  case TypeKind::Min:
  case TypeKind::Max:
    out += "if (" + p + "->is_set && (!" + n + " || " + p + "->value " +
           (kind == TypeKind::Min ? "<" : ">") + " " + acc + ")) { " + acc + " = " + p +
           "->value; " + n + " = 1; } } " + acc + "; })";
    return out;
  case TypeKind::Avg:
    // Integer division of the magnitude: BPF before ISA v4 has no signed division.
    out += acc + " += " + p + "->sum; " + n + " += " + p + "->count; } ";
    return out + "!" + n + " ? 0 : " + acc + " < 0 ? -(__s64)((__u64)(0 - " + acc + ") / " + n +
           ") : (__s64)((__u64)" + acc + " / " + n + "); })";
  default:
    return out + acc + " += *" + p + "; } " + acc + "; })";
  }
}

std::string Lowerer::map_read(const Expr& map) {
  const MapInfo& info = map_info(map);
  if (info.value.is_aggregation()) return aggregation_read(map);
  std::string val_t = types_.name(info.value);
  std::string k = tmp(), p = tmp();
  auto [decl, key] = key_at(map, k);
  std::string out = "({ " + decl + "; " + val_t + " *" + p + " = bpf_map_lookup_elem(&" +
                    map_c_name(map.name) + ", " + key + "); ";
  switch (info.value.kind()) {
  case TypeKind::Int:
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
  std::string t = e.type.is_signed() ? "__s64" : "__u64";
  if (target.kind == ExprKind::Var) {
    std::string v = var_ref(target.var_key);
    const Type& var = ctx_.probe->vars.at(target.var_key).type;
    // A pointer steps by its pointee's size, as in C.
    if (var.kind() == TypeKind::Pointer && var.pointee() && var.pointee()->kind() != TypeKind::None)
      delta = std::string(e.op == Tok::PlusPlus ? " + " : " - ") + kernel_sizeof(*var.pointee());
    std::string next = conv("(__u64)" + v + delta, Type::integer(64, false), var);
    if (!e.postfix) return "(" + v + " = " + next + ")";
    std::string old = tmp();
    return "({ " + t + " " + old + " = " + v + "; " + v + " = " + next + "; " + old + "; })";
  }
  const MapInfo& info = map_info(target);
  std::string val_t = types_.name(info.value);
  std::string k = tmp(), p = tmp(), old = tmp(), next = tmp();
  std::string m = map_c_name(target.name);
  auto [decl, key] = key_at(target, k);
  // Checked for -k as the statement's update is (map_incdec()), from a function: an expression
  // cannot hold the report's statements.
  std::string update = checked_function(
      "update", "void *__map, const void *__key, const void *__value, __u64 __flags",
      "bpf_map_update_elem(__map, __key, __value, __flags)", "map_update_elem", target, e.range, 1);
  if (update.empty()) update = "bpf_map_update_elem";
  return "({ " + decl + "; " + val_t + " *" + p + " = bpf_map_lookup_elem(&" + m + ", " + key +
         "); " + val_t + " " + old + " = " + p + " ? *" + p + " : 0; " + val_t + " " + next +
         " = (" + val_t + ")((__u64)" + old + delta + "); " + update + "(&" + m + ", " + key +
         ", &" + next + ", BPF_ANY); " + (e.postfix ? old : next) + "; })";
}

std::string Lowerer::start_value(rt::StartLookup kind, const std::string& arg,
                                 const std::string& call, const std::string& binary) {
  auto& values = manifest_.start_values;
  size_t i = 0;
  while (i < values.size() &&
         !(values[i].kind == kind && values[i].arg == arg && values[i].binary == binary))
    ++i;
  if (i == values.size()) values.push_back({kind, arg, call, binary});
  return "((__u64)" + start_value_name(static_cast<uint32_t>(i)) + ")";
}

// comm(PID): the kfunc bpf_task_from_pid takes a reference on the task (none when no process
// has that PID: the name stays empty), the comm is read with CO-RE and the reference dropped.
// The externs are weak and the tool checks before load that the kernel has the kfunc and lets
// this program type call it (StartLookup::KernelFuncRequired), so an older kernel gets one line
// naming comm(PID), not a verifier log.
std::string Lowerer::comm_of_pid(const Expr& e) {
  const RecordDef& task = *e.cast_type.pointee()->record();
  kernel_.use_member(task, *task.find("comm"));
  const std::string record = kernel_.c_name(task);
  if (!declared_task_kfuncs_) {
    declared_task_kfuncs_ = true;
    functions_.line("\n/* comm(PID): kfuncs of Linux 6.2+, resolved by libbpf at load. */\n"
                    "extern " +
                    record +
                    " *bpf_task_from_pid(__s32 pid) __attribute__((section(\".ksyms\"), weak));\n"
                    "extern void bpf_task_release(" +
                    record + " *p) __attribute__((section(\".ksyms\"), weak));");
  }
  start_value(rt::StartLookup::KernelFuncRequired, "bpf_task_from_pid", "comm(PID)",
              rt::section_of(probe_type_info(current_type()).attach));
  std::string t = tmp(), task_var = tmp();
  return "({ " + types_.name(e.type) + " " + t + " = {}; " + record + " *" + task_var +
         " = bpf_task_from_pid((__s32)" + ex(*e.args[0]) + "); if (" + task_var +
         ") { btc_core_str(" + record + ", " + task_var + ", comm, 0, " + t + ".s, " +
         std::to_string(e.type.str_size()) + "); bpf_task_release(" + task_var + "); } " + t +
         "; })";
}

std::string Lowerer::stack_id(const Type& t) {
  std::string map = stack_map_name(t);
  if (stack_maps_.insert(map).second) {
    std::string value = map + "_frames";
    decls_.struct_def(value, {{"__u64", "ip", t.count()}});
    maps_.map({map, "BPF_MAP_TYPE_STACK_TRACE", stack_map_entries(t), "__u32", "struct " + value});
  }
  // Flags 0, as bpftrace: a hash collision with another stack gives an error id (an empty
  // stack) rather than replacing a stack that map keys still point to.
  std::string ctx = ctx_.args_type.empty() ? "ctx" : "args";
  if (!t.user_stack()) return "((__s64)bpf_get_stackid(" + ctx + ", &" + map + ", 0))";
  // A user stack's addresses mean something in its process only: the tgid goes with the id
  // (rt::Kind::UStack), and the tool learns of a new process while it still lives.
  return "((__s64)(((__u64)" + note_pid() + " << 32) | (__u32)bpf_get_stackid(" + ctx + ", &" +
         map + ", BTC_F_USER_STACK)))";
}

std::string Lowerer::load_bias() {
  // With one site the bias is the address that fired less the site's link-time address,
  // rounded down to the page the bias is a multiple of (the saved ip may be past the
  // breakpoint); a uretprobe asks bpf_get_func_ip() (6.6+) for its function's address.
  // Otherwise the tool wrote the -p process's bias (rt::ProbeSpec::uload_offset).
  std::string& load = current_->uload_global;
  if (load.empty()) {
    load = "btc_uload_" + current_->program;
    globals_.global("const volatile __u64", load, 3, "{}");
  }
  std::string fired = current_type() == ProbeType::Uretprobe ? "bpf_get_func_ip(ctx)" : "ctx->ip";
  return "(" + load + "[0] ? ((" + fired + " - " + load + "[0]) & ~0xfffULL) : " + load + "[1])";
}

std::string Lowerer::note_pid() {
  // In a user probe the event also says where the probe's file is loaded, when the program can
  // tell: the tool names the process's addresses in that file even if the process is gone
  // before it reads the mappings.
  std::string place = "0, 0";
  ProbeType type = current_ ? current_type() : ProbeType::Begin;
  if (type == ProbeType::Uprobe || type == ProbeType::Uretprobe || type == ProbeType::Usdt) {
    std::string bias = load_bias();
    place = "(" + current_->uload_global + "[2] ? " + std::to_string(manifest_.probes.size() + 1) +
            " : 0), " + bias;
  }
  if (!declared_note_pid_) {
    declared_note_pid_ = true;
    int id = static_cast<int>(manifest_.events.size());
    EventEntry entry = event_of(rt::EventKind::NewPid);
    entry.payload =
        Type::tuple({Type::integer(64, false), Type::integer(64, false), Type::integer(64, false)});
    manifest_.events.push_back(std::move(entry));
    declare_event(id);
    const std::string ev = "struct btc_event" + std::to_string(id);
    // Before the first program that needs it, after the maps (the ring buffer).
    functions_.line(R"c(
#define BTC_F_USER_STACK 256
/* The processes whose first user stack or symbol was sent: the first one of each sends its tgid
 * (a NewPid event), and the tool reads its mappings at once, while it lives. */
struct {
  __uint(type, 9 /* BPF_MAP_TYPE_LRU_HASH */);
  __uint(max_entries, 4096);
  __type(key, __u32);
  __type(value, __u8);
} btc_seen_pids SEC(".maps");

static __always_inline __u32 btc_note_pid(__u64 probe, __u64 bias) {
  __u32 tgid = bpf_get_current_pid_tgid() >> 32;
  __u8 seen = 1;
  if ((int)bpf_map_update_elem(&btc_seen_pids, &tgid, &seen, BPF_NOEXIST) == 0) {
    )c" + ev + R"c( *__event = bpf_ringbuf_reserve(&BTC_EVENTS_MAP, sizeof(*__event), 0);
    if (__event) {
      __event->header.id = )c" +
                    std::to_string(id) + R"c(;
      __event->header.reserved = 0;
      __event->p.f0 = tgid;
      __event->p.f1 = probe;
      __event->p.f2 = bias;
      bpf_ringbuf_submit(__event, 0);
    } else {
      btc_count_lost();
    }
  }
  return tgid;
})c");
  }
  return "btc_note_pid(" + place + ")";
}

std::string Lowerer::array_cast(const Expr& e) {
  const Expr& a = *e.args[0];
  std::string v = tmp(), out = tmp();
  if (e.cast_type.kind() == TypeKind::Array) {
    // The integer's low bytes, in memory order (little-endian: the least significant first).
    std::string arr = types_.name(e.cast_type);
    std::string size = std::to_string(e.cast_type.count() * (e.cast_type.pointee()->bits() / 8));
    return "({ __u64 " + v + " = (__u64)(" + ex(a) + "); " + arr + " " + out +
           "; __builtin_memcpy(&" + out + ", &" + v + ", " + size + "); " + out + "; })";
  }
  std::string size = std::to_string(e.cast_type.bits() / 8);
  std::string arr = tmp();
  return "({ " + types_.name(a.type) + " " + arr + " = " + ex(a) + "; __u64 " + v +
         " = 0; __builtin_memcpy(&" + v + ", &" + arr + ", " + size + "); " +
         conv(v, Type::integer(e.cast_type.bits(), e.cast_type.is_signed()), e.cast_type) + "; })";
}

std::string Lowerer::builtin(const Expr& e) {
  switch (e.builtin) {
  case BuiltinId::Pid:
  case BuiltinId::Tid: {
    bool pid = e.builtin == BuiltinId::Pid;
    if (e.int_value != kPidCurrentNamespace)
      return pid ? "((__u64)(bpf_get_current_pid_tgid() >> 32))"
                 : "((__u64)(__u32)bpf_get_current_pid_tgid())";
    // As seen from the tool's PID namespace (kernel 5.7): 0 for a task outside it.
    std::string call = pid ? "pid(curr_ns)" : "tid(curr_ns)";
    std::string t = tmp();
    return "({ struct { __u32 pid; __u32 tgid; } " + t + " = {}; bpf_get_ns_current_pid_tgid(" +
           start_value(rt::StartLookup::PidNamespace, "dev", call) + ", " +
           start_value(rt::StartLookup::PidNamespace, "ino", call) +
           ", (struct bpf_pidns_info *)&" + t + ", sizeof(" + t + ")) ? 0 : (__u64)" + t +
           (pid ? ".tgid" : ".pid") + "; })";
  }
  case BuiltinId::Uid:
    return "((__u64)(__u32)bpf_get_current_uid_gid())";
  case BuiltinId::Gid:
    return "((__u64)(bpf_get_current_uid_gid() >> 32))";
  case BuiltinId::Nsecs:
    return "((__u64)bpf_ktime_get_ns())";
  case BuiltinId::Elapsed:
    return std::string("((__u64)bpf_ktime_get_ns() - ") + kStartNsName + ")";
  case BuiltinId::Cpid:
    return std::string("((__u64)") + kTargetTgidName + ")";
  case BuiltinId::Cpu:
    return "((__u64)bpf_get_smp_processor_id())";
  case BuiltinId::Jiffies:
    return "((__u64)bpf_jiffies64())";
  case BuiltinId::Numaid:
    return "((__u64)bpf_get_numa_node_id())";
  case BuiltinId::Ncpus:
    return start_value(rt::StartLookup::CpuCount, "", "ncpus");
  case BuiltinId::HasCpid:
    return start_value(rt::StartLookup::CommandGiven, "", "has_cpid");
  case BuiltinId::Username: // named by the tool when it prints the value
    return "((__u64)(__u32)bpf_get_current_uid_gid())";
  case BuiltinId::Rand:
    return "((__u64)bpf_get_prandom_u32())";
  case BuiltinId::Cgroup:
    return "((__u64)bpf_get_current_cgroup_id())";
  case BuiltinId::Comm: {
    if (!e.args.empty()) return comm_of_pid(e);
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; bpf_get_current_comm(" + t + ".s, " +
           std::to_string(e.type.str_size()) + "); " + t + "; })";
  }
  case BuiltinId::Probe: {
    if (ctx_.syscalls) return syscall_probe_name(e.type);
    const ResolvedProbe& p = ctx_.target ? *ctx_.target : ctx_.probe->attach.front();
    if (current_ && current_->probe_name_len) return runtime_probe_name(e.type);
    if (!p.name_prefix.empty()) return func_name(e.type, p.name_prefix);
    if (!p.wildcard) return string_literal(p.display, e.type.str_size());
    // The probe's prefix ("kprobe:", "kfunc:mod:") followed by the matched function's name.
    return func_name(e.type, p.display.substr(0, p.display.rfind(':') + 1));
  }
  case BuiltinId::Arg: {
    if (current_type() == ProbeType::Usdt)
      return "btc_usdt_arg(ctx, " + std::to_string(e.int_value) + ")";
    if (current_type() == ProbeType::Kprobe || current_type() == ProbeType::Uprobe) {
      static const char* const kArgRegs[] = {"di", "si", "dx", "cx", "r8", "r9"};
      return std::string("((__u64)ctx->") + kArgRegs[e.int_value] + ")";
    }
    return "((__u64)ctx->args[" + std::to_string(e.int_value) + "])";
  }
  case BuiltinId::Sarg: {
    // The stack arguments start above the return address.
    std::string t = tmp();
    std::string read =
        current_type() == ProbeType::Uprobe ? "bpf_probe_read_user" : "bpf_probe_read_kernel";
    return "({ __u64 " + t + " = 0; " + read + "(&" + t + ", 8, (void *)(ctx->sp + " +
           std::to_string(8 * (e.int_value + 1)) + ")); " + t + "; })";
  }
  case BuiltinId::Retval:
    if (ctx_.target->type == ProbeType::Kretfunc)
      return conv("btc_ctx_arg(ctx, " + current_->nargs_global + ")", Type::integer(64, false),
                  e.type);
    if (ctx_.target->type == ProbeType::Uretprobe) return uprobe_retval(e);
    return "((__u64)ctx->ax)";
  case BuiltinId::Func:
    return func_name(e.type, "");
  case BuiltinId::Curtask:
    return "((__u64)bpf_get_current_task())";
  case BuiltinId::Kstack:
  case BuiltinId::Ustack:
    return stack_id(e.type);
  case BuiltinId::Probetype:
    return string_literal(std::string(probetype_name(current_type())), e.type.str_size());
  case BuiltinId::Usermode:
    switch (current_type()) {
    case ProbeType::Kprobe:
    case ProbeType::Kretprobe:
    case ProbeType::Uprobe:
    case ProbeType::Uretprobe:
    case ProbeType::Usdt:
    case ProbeType::Profile:
    case ProbeType::Interval:
    case ProbeType::Software:
    case ProbeType::Hardware:
    case ProbeType::Watchpoint:
    case ProbeType::AsyncWatchpoint:
      // The interrupted registers (a perf event's context starts with them): the privilege
      // level of the code segment, 3 for user mode.
      declare_pt_regs();
      return "((__u64)((((struct btc_pt_regs *)ctx)->cs & 3) == 3))";
    default:
      // Tracepoints, kernel functions, iterators, BEGIN and END run in the kernel's own code.
      return "((__u64)0)";
    }
  case BuiltinId::Ctx:  // only its fields are values (field())
  case BuiltinId::Args: // only its fields are values (field())
  case BuiltinId::None:
    break;
  }
  throw InternalError("the builtin '" + e.name + "' has no lowering here", e.range);
}

std::string Lowerer::user_site_key() {
  // Each site of a user-space wildcard has a key the tool put its names under: its BPF
  // cookie (a usdt's is in libbpf's spec of the site), or where the kernel has no cookies,
  // the key in the .rodata of the program's copy for that site.
  if (ctx_.target->type == ProbeType::Usdt) return "btc_usdt_cookie(ctx)";
  return "(" + current_->func_ip_global + " ? " + current_->func_ip_global +
         " : bpf_get_attach_cookie(ctx))";
}

std::string Lowerer::runtime_probe_name(const Type& type) {
  // The tool wrote the whole name (rt::ProbeSpec::probe_name_len): a probe's own in .rodata,
  // a site's under its key in BTC_FUNC_MAP.
  std::string out = tmp();
  std::string len = std::to_string(current_->probe_name_len);
  std::string code = "({ " + types_.name(type) + " " + out + " = {}; ";
  if (!current_->probe_name_global.empty())
    // Read through a helper: the compiler must not fold the (zero) initializer of a
    // `const volatile` global that the tool fills in before load.
    return code + "bpf_probe_read_kernel(" + out + ".s, " + len + ", (const void *)" +
           current_->probe_name_global + "); " + out + "; })";
  uses_func_map_ = true;
  std::string key = tmp(), name = tmp();
  // Copied by a helper: the name may be longer than Clang's BPF backend copies inline.
  return code + "__u64 " + key + " = " + user_site_key() + " + BTC_PROBE_NAME_KEY; void *" + name +
         " = bpf_map_lookup_elem(&BTC_FUNC_MAP, &" + key + "); if (" + name +
         ") bpf_probe_read_kernel(" + out + ".s, " + len + ", " + name + "); " + out + "; })";
}

std::string Lowerer::func_name(const Type& type, const std::string& prefix) {
  const ResolvedProbe& p = *ctx_.target;
  bool user =
      p.type == ProbeType::Uprobe || p.type == ProbeType::Uretprobe || p.type == ProbeType::Usdt;
  if (user && p.name_prefix.empty())
    return string_literal(p.address ? p.address_function : rt::attach_glob_unescape(p.symbol),
                          type.str_size());
  if (!user && !p.wildcard) {
    std::string fn = p.target.substr(p.target.find(':') + 1);
    return string_literal(prefix + fn, type.str_size());
  }
  // The name is written straight behind the prefix: one string on the 512-byte stack.
  std::string out = tmp();
  std::string name_at = out + ".s + " + std::to_string(prefix.size());
  std::string code = "({ " + types_.name(type) + " " + out + " = {}; ";
  if (!prefix.empty())
    code += "__builtin_memcpy(" + out + ".s, " + c_string_literal(prefix) + ", " +
            std::to_string(prefix.size()) + "); ";
  std::string len = std::to_string(rt::kFuncNameLen);
  if (user) {
    uses_func_map_ = true;
    std::string key = tmp(), name = tmp();
    return code + "__u64 " + key + " = " + user_site_key() +
           (prefix.empty() ? "" : " + BTC_PROBE_NAME_KEY") + "; void *" + name +
           " = bpf_map_lookup_elem(&BTC_FUNC_MAP, &" + key + "); if (" + name +
           ") __builtin_memcpy(" + name_at + ", " + name + ", " + len + "); " + out + "; })";
  }
  if (!current_->func_name_global.empty()) {
    // Read through a helper: the compiler must not fold the (zero) initializer of a
    // `const volatile` global that the tool fills in before load.
    return code + "bpf_probe_read_kernel(" + name_at + ", " + len + ", (const void *)" +
           current_->func_name_global + "); " + out + "; })";
  }
  // A wildcard's program serves every matched function: the tool maps their addresses to
  // their names in BTC_FUNC_MAP. The address is bpf_get_func_ip() where the kernel has it
  // for kprobes (5.15+), else the breakpoint's address, one byte before the saved ip (a
  // kretprobe's copy of the program has its function's address in .rodata).
  uses_func_map_ = true;
  manifest_.uses_func_ip = true;
  std::string ip = tmp(), name = tmp();
  std::string addr = p.type == ProbeType::Kprobe ? "ctx->ip - 1" : current_->func_ip_global;
  return code + "__u64 " + ip + " = " + kHasFuncIpName + " ? bpf_get_func_ip(ctx) : " + addr +
         "; void *" + name + " = bpf_map_lookup_elem(&BTC_FUNC_MAP, &" + ip + "); if (" + name +
         ") __builtin_memcpy(" + name_at + ", " + name + ", " + len + "); " + out + "; })";
}

std::string Lowerer::field(const Expr& e) {
  const Expr& base = *e.args[0];
  if (base.type.kind() == TypeKind::Tuple)
    return "(" + ex(base) + ").f" + std::to_string(e.int_value);
  if (base.type.kind() == TypeKind::Pointer || base.type.kind() == TypeKind::Record)
    return read_place(e);
  ProbeType type = current_type();
  if (type == ProbeType::Kfunc || type == ProbeType::Kretfunc) {
    for (const auto& [arg, global] : current_->args)
      if (arg == e.name)
        return conv("btc_ctx_arg(ctx, " + global + ")", Type::integer(64, false), e.type);
    throw InternalError("no .rodata slot for argument '" + e.name + "'", e.range);
  }
  if (type == ProbeType::RawTracepoint) {
    // The position the tool found in the running kernel's __bpf_trace_<class> (lower.cpp).
    declare_ctx_arg();
    for (const auto& [arg, global] : current_->args)
      if (arg == e.name)
        return conv("btc_ctx_arg(ctx->args, " + global + ")", Type::integer(64, false), e.type);
    throw InternalError("no .rodata slot for argument '" + e.name + "'", e.range);
  }
  if (type == ProbeType::Uprobe) return uprobe_arg(e);
  if (type == ProbeType::Iter) {
    std::string slot = iter_ctx_slot(e.name);
    if (e.type.kind() != TypeKind::Pointer) return conv(slot, Type::integer(64, false), e.type);
    // The kernel types these fields (trusted pointers, maybe NULL), and its verifier refuses
    // the arithmetic of a member read on them before a NULL check in the same register: copy
    // them out as plain numbers; the members are then read as from any kernel address.
    std::string t = tmp();
    return "({ __u64 " + t + " = 0; bpf_probe_read_kernel(&" + t + ", 8, &" + slot + "); " + t +
           "; })";
  }
  // An array field is kernel data like any other (an element is read through its place).
  if (e.type.kind() == TypeKind::Array) return read_place(e);
  if (ctx_.syscalls) return syscall_field(e);
  const TracepointFormat& format = *ctx_.target->format;
  const TracepointField* f = format.find(e.name);
  if (!format.btf_class.empty()) return core_field(e, format, *f);
  std::string access = "args->" + e.name;
  if (f->is_char_array) {
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; bpf_probe_read_kernel(" + t + ".s, " +
           std::to_string(e.type.str_size()) + ", " + access + "); " + t + ".s[" +
           std::to_string(e.type.str_size() - 1) + "] = 0; " + t + "; })";
  }
  if (f->is_data_loc) {
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; bpf_probe_read_kernel_str(" + t +
           ".s, " + std::to_string(e.type.str_size()) + ", (char *)args + (" + access +
           " & 0xffff)); " + t + "; })";
  }
  if (f->is_pointer) return "((__u64)" + access + ")";
  return std::string(e.type.is_signed() ? "((__s64)" : "((__u64)") + access + ")";
}

std::string Lowerer::core_field(const Expr& e, const TracepointFormat& format,
                                const TracepointField& f) {
  const RecordDef& r = *ctx_.args_record;
  const std::string record = kernel_.c_name(r);
  const std::string event = format.category + ":" + format.event;
  auto note = [&](const std::string& member) {
    kernel_fields_.add(r.name, member, e.range, KernelFieldKind::TracepointRecord, event);
  };
  if (!f.is_char_array && !f.is_data_loc) {
    const RecordField* member = r.find(f.member);
    if (!member) throw InternalError("struct " + r.name + " has no member " + f.member, e.range);
    kernel_.use_member(r, *member);
    note(f.member);
    std::string args = record + ", args, " + f.member + ", 0";
    TypeKind kind = member->type.kind();
    // Never btc_core_int on a pointer: Clang cannot take a pointer's signedness and aborts.
    if (kind == TypeKind::Pointer) return "btc_core_ptr(" + args + ")";
    return std::string(e.type.is_signed() ? "((__s64)" : "((__u64)") + "btc_core_int(" + args +
           "))";
  }
  // A string field is a char array on some kernels and a __data_loc string on others
  // (sched_process_fork's parent_comm became one in 6.13): the record declares both shapes, the
  // one this BTF lacks included, and the running kernel's BTF picks the branch; the verifier
  // drops the other one.
  uint32_t n = e.type.str_size();
  const std::string chars = f.name, loc = "__data_loc_" + f.name;
  for (const auto& [member, absent] : {std::pair{chars, Type::string(f.is_char_array ? f.size : n)},
                                       std::pair{loc, Type::integer(32, false)}}) {
    if (const RecordField* known = r.find(member)) {
      kernel_.use_member(r, *known);
    } else {
      RecordField field;
      field.name = member;
      field.type = absent;
      kernel_.use_absent_member(r, std::move(field));
    }
    note(member);
  }
  std::string t = tmp();
  std::string size = std::to_string(n);
  return "({ " + types_.name(e.type) + " " + t + " = {}; if (__builtin_preserve_field_info(args->" +
         loc + ", BTC_FIELD_EXISTS)) { __u32 __btc_loc = btc_core_int(" + record + ", args, " +
         loc + ", 0); bpf_probe_read_kernel_str(" + t + ".s, " + size +
         ", (char *)args + (__btc_loc & 0xffff)); } else { btc_core_str(" + record + ", args, " +
         chars + ", 0, " + t + ".s, " + size + "); } " + t + "; })";
}

std::string Lowerer::array_bytes(const Expr& e, const std::string& dst, uint32_t n) {
  if (e.kind == ExprKind::Call && e.function == FunctionId::Pton)
    return "__builtin_memcpy(" + dst + ", " + c_string_literal(e.str_value) + ", " +
           std::to_string(std::min<size_t>(n, e.str_value.size())) + ")";
  return read_bytes(e, dst, n);
}

std::string Lowerer::trusted_arg(const Expr& e) {
  ProbeType type = current_type();
  const Expr* inner = &e;
  while (inner->kind == ExprKind::Cast) inner = &*inner->args[0];
  // An iterator's context field loaded straight from the context stays the kernel's pointer
  // (field() copies it out as a number for member reads).
  if (type == ProbeType::Iter && inner->kind == ExprKind::Field &&
      inner->args[0]->kind == ExprKind::Builtin && inner->args[0]->builtin == BuiltinId::Ctx)
    return "((__u64)" + iter_ctx_slot(inner->name) + ")";
  bool kfunc_arg = e.kind == ExprKind::Field && e.args[0]->kind == ExprKind::Builtin &&
                   e.args[0]->builtin == BuiltinId::Args &&
                   (type == ProbeType::Kfunc || type == ProbeType::Kretfunc);
  if (!kfunc_arg) return ex(e);
  // A kfunc argument read by btc_ctx_arg() is a number to the verifier. Its position is a
  // .rodata constant, so every position gets a direct ctx load at a constant offset and the
  // verifier follows only the one the running kernel's BTF chose; each load goes through an
  // asm with its own constant operand, which the optimizer cannot merge, so the loads are not
  // merged into one load at a computed offset either.
  for (const auto& [arg, global] : current_->args) {
    if (arg != e.name) continue;
    std::string v = tmp(), i = tmp();
    std::string out = "({ __u64 " + v + " = 0; __u32 " + i + " = " + global + "; ";
    for (int k = 0; k < kMaxTracingArgs; ++k)
      out += std::string(k ? "else " : "") + "if (" + i + " == " + std::to_string(k) + ") { " + v +
             " = ((__u64 *)ctx)[" + std::to_string(k) + "]; asm volatile(\"\" : \"+r\"(" + v +
             ") : \"i\"(" + std::to_string(k) + ")); } ";
    return out + v + "; })";
  }
  throw InternalError("no .rodata slot for argument '" + e.name + "'", e.range);
}

std::string Lowerer::str_equal_literal(Tok op, const Expr& x, const Expr& literal) {
  // btc_streq() unrolled against known bytes: x's bytes up to the literal's end (a NUL, or the
  // longer size), each a compare with a constant; bytes past a string's size read as NUL.
  uint32_t x_size = x.type.str_size(), lit_size = literal.type.str_size();
  uint32_t limit = std::max(x_size, lit_size);
  const std::string& text = literal.str_value;
  std::string t = tmp();
  std::string fill = str_in_place(t + ".s", x_size, x, true);
  std::string out = "({ " + types_.name(x.type) + " " + t +
                    (fill.empty() ? " = " + ex(x) + "; " : "; " + fill) + "(__s64)(";
  std::string cond;
  for (uint32_t k = 0; k < limit; ++k) {
    unsigned char c = k < lit_size && k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
    std::string part = k < x_size
                           ? "(__u8)" + t + ".s[" + std::to_string(k) + "] == " + std::to_string(c)
                       : c == 0 ? "1"
                                : "0";
    cond += (cond.empty() ? "" : " && ") + part;
    if (c == 0) break;
  }
  return out + (op == Tok::Ne ? "!(" + cond + ")" : cond) + "); })";
}

std::string Lowerer::str_in_place(const std::string& chars, uint32_t size, const Expr& e,
                                  bool tail_free) {
  // The helpers write at most `n` bytes, the last one a NUL; a shorter string than `size` leaves
  // the rest of `chars` as it was.
  uint32_t n = std::min(size, e.type.str_size());
  if (n < size && !tail_free) return "";
  if (e.kind == ExprKind::Builtin && e.builtin == BuiltinId::Comm && e.args.empty())
    return "bpf_get_current_comm(" + chars + ", " + std::to_string(n) + "); ";
  if (e.kind != ExprKind::Call || e.function != FunctionId::Str) return "";
  const Expr& a = *e.args[0];
  if (str_param(a)) return "";
  if (a.type.is_str()) return str_in_place(chars, n, a, tail_free);
  // bpf_probe_read_*_str() stops at the NUL: what follows it is left as it was.
  if (!tail_free) return "";
  std::string limit = std::to_string(n);
  std::string out;
  if (e.args.size() == 2) {
    std::string len = tmp();
    out += "{ __u64 " + len + " = " + ex(*e.args[1]) + " + 1; if (" + len + " > " + limit + ") " +
           len + " = " + limit + "; ";
    limit = len;
  }
  out += checked_read(a.type.addr_space(), true, e, e.range) + "(" + chars + ", " + limit +
         ", (const void *)(" + ex(a) + ")); ";
  return e.args.size() == 2 ? out + "} " : out;
}

std::string Lowerer::param_str_read(const std::string& chars, const Expr& call) {
  const StrParam p = *str_param(*call.args[0]);
  const uint32_t size = sema_.config.max_strlen;
  const uint32_t k = static_cast<uint32_t>(p.offset); // at most the global's extra bytes (sema)
  // Read through a helper: the compiler must not fold the (zero) initializer of a
  // `const volatile` global that the tool fills in before load. It holds $N zero-padded, and
  // the largest K more bytes than a string: a NUL ends what is read then.
  std::string src = param_str_name(p.index);
  if (k > 0) src = "(" + src + " + " + std::to_string(k) + ")";
  std::string out = "bpf_probe_read_kernel(" + chars + ", " + std::to_string(size) +
                    ", (const void *)" + src + "); ";
  if (sema_.params.at(p.index).str_offset_max > 0)
    out += chars + "[" + std::to_string(size - 1) + "] = 0; ";
  if (k > 0) {
    // str($N + K): bpftrace refuses a K longer than $N, a check of the tool when it starts.
    param_check(rt::ParamCheckKind::StrOffset, p.at, {static_cast<int64_t>(k), 0, 0},
                {p.index, 0, 0}, Type::none());
  }
  if (call.args.size() == 2) {
    // str($N, n): the first n characters; constant indexes keep the verifier content.
    std::string n = tmp(), i = tmp();
    out += "__u64 " + n + " = " + ex(*call.args[1]) + "; for (int " + i + " = 0; " + i + " < " +
           std::to_string(size) + "; " + i + "++) if (" + i + " >= " + n + ") " + chars + "[" + i +
           "] = 0; ";
  }
  return out;
}

std::string Lowerer::call(const Expr& e) {
  switch (e.function) {
  case FunctionId::Getopt: {
    const auto& options = sema_.options;
    auto at = options.find(e.args[0]->str_value);
    std::string g = option_name(static_cast<uint32_t>(std::distance(options.begin(), at)));
    if (e.type.kind() == TypeKind::Bool) return "((__u64)" + g + ")";
    if (e.type.is_int()) return g;
    // Read through a helper: the compiler must not fold the initializer of a `const volatile`
    // global that the tool fills in before load.
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + "; bpf_probe_read_kernel(" + t + ".s, " +
           std::to_string(sema_.config.max_strlen) + ", (const void *)" + g + "); " + t + "; })";
  }
  case FunctionId::Str: {
    const Expr& a = *e.args[0];
    if (str_param(a)) {
      std::string t = tmp();
      return "({ " + types_.name(e.type) + " " + t + "; " + param_str_read(t + ".s", e) + t +
             "; })";
    }
    if (a.type.is_str()) return ex(a);
    std::string t = tmp(), n = tmp();
    std::string size = std::to_string(e.type.str_size());
    std::string limit = size;
    std::string out = "({ " + types_.name(e.type) + " " + t + " = {}; ";
    if (e.args.size() == 2) {
      out += "__u64 " + n + " = " + ex(*e.args[1]) + " + 1; if (" + n + " > " + size + ") " + n +
             " = " + size + "; ";
      limit = n;
    }
    out += checked_read(a.type.addr_space(), true, e, e.range) + "(" + t + ".s, " + limit +
           ", (const void *)(" + ex(a) + ")); " + t + "; })";
    return out;
  }
  case FunctionId::Strncmp:
  case FunctionId::Strcontains: {
    const Expr& a = *e.args[0];
    const Expr& b = *e.args[1];
    std::string sa = std::to_string(a.type.str_size()), sb = std::to_string(b.type.str_size());
    if (is_big(a.type) || is_big(b.type)) {
      std::string decls;
      std::string ca = str_chars(a, decls), cb = str_chars(b, decls);
      if (e.function == FunctionId::Strcontains)
        return "({ " + decls + "btc_strcontains(" + ca + ", " + sa + ", " + cb + ", " + sb +
               "); })";
      return "({ " + decls + "(__u64)!btc_streq(" + ca + ", " + sa + ", " + cb + ", " + sb + ", " +
             std::to_string(e.args[2]->int_value) + "); })";
    }
    std::string ta = tmp(), tb = tmp();
    std::string prefix = "({ " + types_.name(a.type) + " " + ta + " = " + ex(a) + "; " +
                         types_.name(b.type) + " " + tb + " = " + ex(b) + "; ";
    if (e.function == FunctionId::Strcontains)
      return prefix + "btc_strcontains(" + ta + ".s, " + sa + ", " + tb + ".s, " + sb + "); })";
    return prefix + "(__u64)!btc_streq(" + ta + ".s, " + sa + ", " + tb + ".s, " + sb + ", " +
           std::to_string(e.args[2]->int_value) + "); })";
  }
  case FunctionId::Strlen: {
    const Expr& a = *e.args[0];
    if (is_big(a.type)) {
      std::string decls;
      std::string chars = str_chars(a, decls);
      std::string n = tmp();
      return "({ " + decls + "__u64 " + n + " = 0; for (; " + n + " < " +
             std::to_string(a.type.str_size()) + " && " + chars + "[" + n + "]; " + n + "++) {} " +
             n + "; })";
    }
    std::string t = tmp(), n = tmp();
    return "({ " + types_.name(a.type) + " " + t + " = " + ex(a) + "; __u64 " + n +
           " = 0; for (; " + n + " < " + std::to_string(a.type.str_size()) + " && " + t + ".s[" +
           n + "]; " + n + "++) {} " + n + "; })";
  }
  case FunctionId::Strstr: {
    if (!declared_strstr_) {
      declared_strstr_ = true;
      // As btc_strcontains() in the prelude, with the position as the result.
      functions_.line(R"c(
static __always_inline __s64 btc_strstr(const char* hay, __u32 hay_size, const char* needle,
                                        __u32 needle_size) {
  if (needle_size == 0 || needle[0] == 0) return 0;
  for (__u32 i = 0; i < hay_size; i++) {
    __u32 at = i;
    BTC_OPAQUE(at);
    if (at >= hay_size || hay[at] == 0) return -1;
    __u32 j = 0;
    for (; j < needle_size; j++) {
      __u32 n = j, k = i + j;
      BTC_OPAQUE(n);
      BTC_OPAQUE(k);
      if (n >= needle_size || needle[n] == 0) return i;
      if (k >= hay_size || hay[k] != needle[n]) break;
    }
    if (j == needle_size) return i;
  }
  return -1;
})c");
    }
    const Expr& a = *e.args[0];
    const Expr& b = *e.args[1];
    std::string ta = tmp(), tb = tmp();
    return "({ " + types_.name(a.type) + " " + ta + " = " + ex(a) + "; " + types_.name(b.type) +
           " " + tb + " = " + ex(b) + "; btc_strstr(" + ta + ".s, " +
           std::to_string(a.type.str_size()) + ", " + tb + ".s, " +
           std::to_string(b.type.str_size()) + "); })";
  }
  case FunctionId::Globmatch: {
    // The pattern is known: its first segment must match at the start, its last at the end,
    // and those between, in order, each at its leftmost place after the one before (where a
    // star can take any characters, the leftmost match leaves the most for the rest).
    const Expr& a = *e.args[0];
    const uint32_t size = a.type.str_size();
    const std::string n = std::to_string(size);
    std::vector<GlobSegment> segs = glob_segments(e.args[1]->str_value);
    std::string t = tmp(), len = tmp(), pos = tmp(), ok = tmp();
    std::string s = t + ".s";
    std::string out = "({ " + types_.name(a.type) + " " + t + " = " + ex(a) + "; __u32 " + len +
                      " = 0; for (; " + len + " < " + n + " && " + s + "[" + len + "]; " + len +
                      "++) {} __u64 " + ok + " = 1; ";
    if (segs.size() == 1)
      return out + ok + " = " + len + " == " + std::to_string(segs[0].size()) + " && (" +
             glob_segment_test(segs[0], s, "0", size) + "); " + ok + "; })";
    const std::string first = std::to_string(segs.front().size());
    const std::string last = std::to_string(segs.back().size());
    out += "__u32 " + pos + " = " + first + "; " + ok + " = " + len + " >= " + first + " && (" +
           glob_segment_test(segs.front(), s, "0", size) + "); ";
    for (size_t k = 1; k + 1 < segs.size(); ++k) {
      if (segs[k].empty()) continue;
      std::string i = tmp(), found = tmp();
      std::string w = std::to_string(segs[k].size());
      out += "if (" + ok + ") { __u64 " + found + " = 0; for (__u32 " + i + " = 0; " + i + " < " +
             n + "; " + i + "++) { if (" + i + " < " + pos + ") continue; if (" + i + " + " + w +
             " > " + len + ") break; if (" + glob_segment_test(segs[k], s, i, size) + ") { " + pos +
             " = " + i + " + " + w + "; " + found + " = 1; break; } } " + ok + " = " + found +
             "; } ";
    }
    std::string end = tmp();
    out += "if (" + ok + ") { __u32 " + end + " = " + len + " - " + last + "; " + ok + " = " + len +
           " >= " + pos + " + " + last + " && (" + glob_segment_test(segs.back(), s, end, size) +
           "); } ";
    return out + ok + "; })";
  }
  case FunctionId::Strcap:
    return int_literal(e.int_value, true);
  case FunctionId::DefaultStrLength:
    return int_literal(e.int_value, false);
  case FunctionId::KfuncExist:
    return start_value(rt::StartLookup::KernelFunc, e.args[0]->str_value,
                       "kfunc_exist(\"" + e.args[0]->str_value + "\")");
  case FunctionId::KfuncAllowed:
    // One test load per program type: the program's section names it.
    return start_value(rt::StartLookup::KfuncAllowed, e.args[0]->str_value,
                       "kfunc_allowed(\"" + e.args[0]->str_value + "\")",
                       rt::section_of(probe_type_info(current_type()).attach));
  case FunctionId::SignalName: {
    if (!declared_signal_names_) {
      declared_signal_names_ = true;
      std::string names;
      for (int n = 0; n < kSignalNameCount; ++n)
        names += "  " + c_string_literal(signal_name_text(n)) + ",\n";
      functions_.line("\n/* signal_name(): strsignal(3)'s text by signal number. */\n"
                      "static const char btc_signal_names[" +
                      std::to_string(kSignalNameCount) + "][" + std::to_string(kSignalNameSize) +
                      "] = {\n" + names + "};");
    }
    std::string t = tmp(), nr = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {.s = \"N/A\"}; __u64 " + nr + " = " +
           ex(*e.args[0]) + "; if (" + nr + " < " + std::to_string(kSignalNameCount) +
           ") __builtin_memcpy(" + t + ".s, btc_signal_names[" + nr + "], " +
           std::to_string(kSignalNameSize) + "); " + t + "; })";
  }
  case FunctionId::Delete: {
    // As a value: whether the element was there (the statement form reports a failure with -k).
    // The result's low 32 bits: before Linux 6.4 the map's operation, returning int, is called
    // directly (see checked_helper()).
    const Expr& m = *e.args[0];
    std::string k = tmp();
    auto [decl, key] = key_at(m, k);
    return "({ " + decl + "; (__u64)((int)bpf_map_delete_elem(&" + map_c_name(m.name) + ", " + key +
           ") == 0); })";
  }
  case FunctionId::SyscallName: {
    if (!declared_syscall_names_) {
      declared_syscall_names_ = true;
      uint32_t count = 0;
      std::string names;
#define BTC_SYSCALL_NUMBER(NAME, NR)                                                               \
  count = std::max<uint32_t>(count, (NR) + 1);                                                     \
  names += "  [" + std::to_string(NR) + "] = \"" NAME "\",\n";
#include "kernel/syscall_numbers.inc"
#undef BTC_SYSCALL_NUMBER
      functions_.line("\n/* syscall_name(): the x86-64 syscall names by number. */\n"
                      "static const char btc_syscall_names[" +
                      std::to_string(count) + "][" + std::to_string(e.type.str_size()) + "] = {\n" +
                      names + "};\n#define BTC_SYSCALL_COUNT " + std::to_string(count));
    }
    std::string t = tmp(), nr = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; __u64 " + nr + " = " + ex(*e.args[0]) +
           "; if (" + nr + " < BTC_SYSCALL_COUNT) __builtin_memcpy(" + t +
           ".s, btc_syscall_names[" + nr + "], " + std::to_string(e.type.str_size()) + "); " + t +
           "; })";
  }
  case FunctionId::Memcmp: {
    // Both values where their bytes can be read, then the first difference (as unsigned
    // bytes) within n and the smaller size.
    std::string out = "({ ";
    std::string bytes[2];
    for (int i = 0; i < 2; ++i) {
      const Expr& a = *e.args[i];
      std::string v = tmp();
      if (a.type.is_str()) {
        out += types_.name(a.type) + " " + v + " = " + ex(a) + "; ";
        bytes[i] = "((const unsigned char *)" + v + ".s)";
      } else if (a.type.kind() == TypeKind::Array) {
        uint32_t size = a.type.count() * (a.type.pointee()->bits() / 8);
        out += "unsigned char " + v + "[" + std::to_string(size) + "] = {}; " +
               array_bytes(a, v, size) + "; ";
        bytes[i] = v;
      } else {
        out += "__u64 " + v + " = " + ex(a) + "; ";
        bytes[i] = "((const unsigned char *)&" + v + ")";
      }
    }
    std::string n = tmp(), r = tmp(), i = tmp();
    return out + "__u64 " + n + " = " + ex(*e.args[2]) + "; __s64 " + r + " = 0; for (__u32 " + i +
           " = 0; " + i + " < " + std::to_string(e.int_value) + " && " + i + " < " + n + "; " + i +
           "++) { if (" + bytes[0] + "[" + i + "] != " + bytes[1] + "[" + i + "]) { " + r +
           " = (__s64)" + bytes[0] + "[" + i + "] - (__s64)" + bytes[1] + "[" + i +
           "]; break; } } " + r + "; })";
  }
  case FunctionId::Strftime:
    return "((__u64)(" + ex(*e.args[1]) + "))";
  case FunctionId::Bswap: {
    const char* fn = e.type.bits() == 16   ? "__builtin_bswap16((__u16)"
                     : e.type.bits() == 32 ? "__builtin_bswap32((__u32)"
                     : e.type.bits() == 8  ? "((__u8)"
                                           : "__builtin_bswap64((__u64)";
    return conv(std::string(fn) + "(" + ex(*e.args[0]) + "))", Type::integer(64, false), e.type);
  }
  case FunctionId::Kstack:
  case FunctionId::Ustack:
    return stack_id(e.type);
  case FunctionId::Usym: // symbolized by the tool when it prints the value
    return "((struct btc_usym){.addr = (__u64)(" + ex(*e.args[0]) + "), .tgid = " + note_pid() +
           "})";
  case FunctionId::Uaddr: {
    std::string link =
        start_value(rt::StartLookup::UserAddress, e.args[0]->str_value,
                    "uaddr(\"" + e.args[0]->str_value + "\")",
                    (ctx_.target ? *ctx_.target : ctx_.probe->attach.front()).target);
    current_->uaddr = true;
    return "(" + link + " + " + load_bias() + ")";
  }
  case FunctionId::Kaddr:
    return start_value(rt::StartLookup::KernelAddress, e.args[0]->str_value,
                       "kaddr(\"" + e.args[0]->str_value + "\")");
  case FunctionId::PercpuKaddr:
    return percpu_kaddr(e);
  case FunctionId::Typeinfo: {
    // A constant: the argument is not evaluated. btf_id is a hash of the full name, equal for
    // equal types (bpftrace's is the type's id in its program's BTF).
    auto name = bpftrace_type_name(e.args[0]->type);
    if (!name) throw InternalError("typeinfo() of a type without a name", e.range);
    uint32_t id = 2166136261u;
    for (unsigned char c : name->full) id = (id ^ c) * 16777619u;
    return "((" + types_.name(e.type) + "){" + std::to_string(id) + "ULL, {" +
           c_string_literal(name->base) + "}, {" + c_string_literal(name->full) + "}})";
  }
  case FunctionId::Cgroupid:
    return start_value(rt::StartLookup::CgroupId, e.args[0]->str_value,
                       "cgroupid(\"" + e.args[0]->str_value + "\")");
  case FunctionId::Kptr:
  case FunctionId::Uptr:
    return ex(*e.args[0]);
  case FunctionId::Ksym: // symbolized by the tool when it prints the value
    return "((__u64)(" + ex(*e.args[0]) + "))";
  case FunctionId::Strerror: // the message is the tool's C library's, at print time
    return "((__s64)(" + ex(*e.args[0]) + "))";
  case FunctionId::Buf: {
    const Expr& a = *e.args[0];
    const std::string size = std::to_string(e.type.count());
    std::string t = tmp(), n = tmp();
    std::string out =
        "({ " + types_.name(e.type) + " " + t + " = {}; __u64 " + n + " = " + size + "; ";
    if (e.args.size() == 2) {
      // Clamped on one 64-bit register that Clang may not rewrite (the barrier), so that the
      // verifiers of older kernels see the bound on the very register passed as the size.
      out += n + " = " + ex(*e.args[1]) + "; asm volatile(\"\" : \"+r\"(" + n + ")); if (" + n +
             " > " + size + ") " + n + " = " + size + "; ";
    }
    if (a.type.is_str()) {
      std::string s = tmp();
      out += types_.name(a.type) + " " + s + " = " + ex(a) + "; __builtin_memcpy(" + t + ".d, " +
             s + ".s, " + size + "); ";
    } else if (a.type.kind() == TypeKind::Array) {
      out += array_bytes(a, t + ".d", e.type.count()) + "; ";
    } else {
      out += checked_read(a.type.addr_space(), false, e, e.range) + "(" + t + ".d, " + n +
             ", (const void *)(" + ex(a) + ")); ";
    }
    return out + t + ".len = " + n + "; " + t + "; })";
  }
  case FunctionId::Ntop: {
    // The text is made where the tool prints the value, as bpftrace does.
    const Expr& a = *e.args.back();
    std::string t = tmp();
    std::string out = "({ struct btc_inet " + t + " = {}; ";
    if (a.type.is_int()) {
      // An IPv4 address in network byte order: its 4 bytes as they lie in memory.
      std::string v = tmp();
      out += "__u32 " + v + " = (__u32)(" + ex(a) + "); __builtin_memcpy(" + t + ".addr, &" + v +
             ", 4); ";
    } else {
      out += array_bytes(a, t + ".addr", a.type.count()) + "; ";
    }
    std::string af = e.args.size() == 2 ? "(__s64)(" + ex(*e.args[0]) + ")"
                     : a.type.kind() == TypeKind::Array && a.type.count() == 16 ? "10"
                                                                                : "2";
    return out + t + ".af = " + af + "; " + t + "; })";
  }
  case FunctionId::Reg:
    return "((__u64)ctx->" + e.args[0]->str_value + ")";
  case FunctionId::Macaddr: {
    // The 6 bytes in the low bytes of a __u64, in memory order; an unreadable address gives
    // zeros, as in bpftrace.
    const Expr& a = *e.args[0];
    std::string t = tmp();
    std::string read = a.type.kind() == TypeKind::Array
                           ? array_bytes(a, "(unsigned char *)&" + t, 6)
                           : checked_read(AddrSpace::None, false, e, e.range) + "(&" + t +
                                 ", 6, (const void *)(" + ex(a) + "))";
    return "({ __u64 " + t + " = 0; " + read + "; " + t + "; })";
  }
  case FunctionId::Nsecs:
    // The clocks as sema numbered them: monotonic, boot, tai (kernel 6.1), sw_tai (boot time
    // plus TAI's offset from it, measured by the tool when it starts).
    switch (e.int_value) {
    case 1:
      return "((__u64)bpf_ktime_get_boot_ns())";
    case 2:
      return "((__u64)bpf_ktime_get_tai_ns())";
    case 3:
      return "((__u64)bpf_ktime_get_boot_ns() + " +
             start_value(rt::StartLookup::TaiOffset, "", "nsecs(sw_tai)") + ")";
    default:
      return "((__u64)bpf_ktime_get_ns())";
    }
  case FunctionId::Find: {
    const Expr& m = *e.args[0];
    const Expr& v = *e.args[1];
    const MapInfo& info = map_info(m);
    std::string k = tmp(), p = tmp();
    auto [decl, key] = key_at(m, k);
    return "({ " + decl + "; " + types_.name(info.value) + " *" + p + " = bpf_map_lookup_elem(&" +
           map_c_name(m.name) + ", " + key + "); if (" + p + ") " + var_ref(v.name) + " = " +
           conv("(*" + p + ")", info.value, ctx_.probe->vars.at(v.name).type) + "; (__u64)(" + p +
           " != 0); })";
  }
  case FunctionId::Len:
    if (!declared_len_callback_) {
      declared_len_callback_ = true;
      functions_.line(R"c(
/* len(@m): bpf_for_each_map_elem() (kernel 5.13) returns the number of elements it visited. */
static long btc_len_visit(void *map, void *key, void *value, void *ctx) {
  return 0;
})c");
    }
    return "((__s64)bpf_for_each_map_elem(&" + map_c_name(e.args[0]->name) +
           ", btc_len_visit, (void *)0, 0))";
  case FunctionId::HasKey: {
    const Expr& m = *e.args[0];
    std::string k = tmp();
    return "({ " + key_type(map_info(m)) + " " + k + " = " + map_key(m) +
           "; (__u64)(bpf_map_lookup_elem(&" + map_c_name(m.name) + ", &" + k + ") != 0); })";
  }
  case FunctionId::CgroupPath: // resolved to paths by the tool when it prints the value
    return "((__u64)(" + ex(*e.args[0]) + "))";
  case FunctionId::Path: {
    // bpf_d_path() needs the kernel's own pointer (a BTF pointer the verifier tracks, not a
    // number read with a probe), checked for NULL before any arithmetic on it.
    const Expr& a = *e.args[0];
    std::string t = tmp(), base = tmp();
    std::string out = "({ " + types_.name(e.type) + " " + t + " = {}; __u64 " + base + " = ";
    std::string addr = base;
    if (a.type.kind() == TypeKind::Pointer) {
      out += trusted_arg(a);
    } else {
      Place p = place(a);
      const Expr& holder = *a.args[0];
      out += holder.type.kind() == TypeKind::Pointer ? trusted_arg(holder) : p.base;
      const std::string record = kernel_.c_name(*p.record);
      // Clang crashes taking the address of a member whose record has no members: the path
      // record is declared with one.
      const RecordDef& path = *a.type.record();
      if (!path.members().empty()) kernel_.use_member(path, path.members().front());
      if (p.record->from_kernel) {
        kernel_fields_.add(p.record->name, p.path, a.range, KernelFieldKind::Struct);
        addr = "(__u64)__builtin_preserve_access_index(&((" + record + " *)(unsigned long)" + base +
               ")->" + p.path + ") + " + p.offset;
      } else {
        addr = base + " + __builtin_offsetof(" + record + ", " + p.path + ") + " + p.offset;
      }
    }
    return out + "; if (" + base + ") bpf_d_path((struct path *)(unsigned long)(" + addr + "), " +
           t + ".s, " + std::to_string(e.type.str_size()) + "); " + t + "; })";
  }
  case FunctionId::SocketCookie: // the kernel's own pointer, as bpf_d_path() needs
    return "bpf_get_socket_cookie((void *)(unsigned long)(" + trusted_arg(*e.args[0]) + "))";
  case FunctionId::SkbOutput: {
    // bpf_skb_output() copies `offset + len` bytes of the packet after the record into the
    // perf buffer (the length in the flags' upper half); the tool leaves the first `offset`
    // out when it writes the pcap file.
    auto& paths = manifest_.pcap_paths;
    auto at = std::find(paths.begin(), paths.end(), e.args[0]->str_value);
    uint32_t file = static_cast<uint32_t>(at - paths.begin());
    if (at == paths.end()) paths.push_back(e.args[0]->str_value);
    uses_skb_output_ = true;
    const std::string offset = std::to_string(e.args[3]->int_value);
    std::string r = tmp(), n = tmp();
    return "({ __u64 " + n + " = (__u64)(" + ex(*e.args[2]) + ") + " + offset +
           "; struct btc_skb_record " + r + " = {.file = " + std::to_string(file) +
           ", .offset = " + offset + ", .ns = bpf_ktime_get_ns(), .len = " + n +
           "}; (__s64)(int)bpf_skb_output((void *)(unsigned long)(" + trusted_arg(*e.args[1]) +
           "), &BTC_SKB_MAP, ((" + n + " & 0xffffffffULL) << 32) | 0xffffffffULL, &" + r +
           ", sizeof(" + r + ")); })";
  }
  case FunctionId::Pton: {
    // An array value of the address's bytes (ntop() and buf() copy them straight from the
    // literal instead: array_bytes()).
    std::string t = tmp();
    return "({ " + types_.name(e.type) + " " + t + " = {}; __builtin_memcpy(&" + t + ", " +
           c_string_literal(e.str_value) + ", " + std::to_string(e.str_value.size()) + "); " + t +
           "; })";
  }
  // Statements (call_stmt()) and aggregations (aggregate()) have no value.
  case FunctionId::Count:
  case FunctionId::Sum:
  case FunctionId::Min:
  case FunctionId::Max:
  case FunctionId::Avg:
  case FunctionId::Stats:
  case FunctionId::Hist:
  case FunctionId::Lhist:
  case FunctionId::Tseries:
  case FunctionId::Printf:
  case FunctionId::Print:
  case FunctionId::Time:
  case FunctionId::Join:
  case FunctionId::Cat:
  case FunctionId::Exit:
  case FunctionId::Clear:
  case FunctionId::Zero:
  case FunctionId::Override:
  case FunctionId::Signal:
  case FunctionId::System:
  case FunctionId::Errorf:
  case FunctionId::Warnf:
  case FunctionId::Fail:
  case FunctionId::Debugf:
  case FunctionId::Assert:
  case FunctionId::StaticAssert:
  case FunctionId::AssertStr:
  case FunctionId::IsStr: // sema made these constants
  case FunctionId::IsPtr:
  case FunctionId::IsArray:
  case FunctionId::IsInteger:
  case FunctionId::IsUnsignedInteger:
  case FunctionId::IsLiteral:
  case FunctionId::SignalThread:
  case FunctionId::Unwatch:
  case FunctionId::Pcomm: // sema made it a member read
  case FunctionId::Ppid:
  case FunctionId::None:
    break;
  }
  throw InternalError(e.name + "() has no value to lower here", e.range);
}

void Lowerer::message_stmt(const Expr& e) {
  // The tool formats the message as printf() does; the place and severity lead it, with their
  // '%' doubled so that they stay text.
  std::string prefix =
      e.str_value + (e.function == FunctionId::Errorf ? ": ERROR: " : ": WARNING: ");
  std::string format;
  for (char c : prefix) format += c == '%' ? std::string("%%") : std::string(1, c);
  std::vector<const Expr*> args;
  for (size_t i = 1; i < e.args.size(); ++i) args.push_back(e.args[i].get());
  send_event(
      e,
      event_of(e.function == FunctionId::Errorf ? rt::EventKind::Errorf : rt::EventKind::Warnf,
               format + e.args[0]->str_value),
      args);
}

void Lowerer::debugf_stmt(const Expr& e) {
  // bpf_trace_printk() wants its format in read-only data and a string as the address of its
  // bytes: each string argument is copied to the stack first.
  emit("{");
  ++indent_;
  emit("static const char __fmt[] = " + c_string_literal(e.args[0]->str_value) + ";");
  std::string call = "bpf_trace_printk(__fmt, sizeof(__fmt)";
  for (size_t i = 1; i < e.args.size(); ++i) {
    const Expr& a = *e.args[i];
    if (a.type.is_str()) {
      std::string s = tmp();
      emit(types_.name(a.type) + " " + s + " = " + ex(a) + ";");
      call += ", (__u64)" + s + ".s";
    } else {
      call += ", (__u64)(" + ex(a) + ")";
    }
  }
  emit(call + ");");
  --indent_;
  emit("}");
}

void Lowerer::seq_printf_stmt(const Expr& e) {
  // bpf_seq_printf() takes its arguments as an array of 64-bit words, a string as the address of
  // its bytes (copied to the stack first); the seq_file is the first field of the iterator's
  // context (struct bpf_iter_meta).
  emit("{");
  ++indent_;
  emit("static const char __fmt[] = " + c_string_literal(seq_printf_format(e.args[0]->str_value)) +
       ";");
  std::vector<std::string> words;
  for (size_t i = 1; i < e.args.size(); ++i) {
    const Expr& a = *e.args[i];
    if (a.type.is_str()) {
      std::string s = tmp();
      emit(types_.name(a.type) + " " + s + " = " + ex(a) + ";");
      words.push_back("(__u64)" + s + ".s");
    } else {
      words.push_back("(__u64)(" + ex(a) + ")");
    }
  }
  std::string data = "0", size = "0";
  if (!words.empty()) {
    std::string list;
    for (const std::string& w : words) list += (list.empty() ? "" : ", ") + w;
    emit("__u64 __data[] = {" + list + "};");
    data = "__data";
    size = "sizeof(__data)";
  }
  emit("bpf_seq_printf((struct seq_file *)*(__u64 *)ctx[0], __fmt, sizeof(__fmt), " + data + ", " +
       size + ");");
  --indent_;
  emit("}");
}

std::string Lowerer::ex(const Expr& e) {
  // A big value is used where it lies: no copy of it on the stack.
  if (!std::exchange(value_here_, false) && is_big(e.type)) return "(*" + big_ref(e) + ")";
  switch (e.kind) {
  case ExprKind::Int:
    if (const EnumDef* def = e.type.enum_def();
        def && def->from_kernel && !def->name.empty() && !e.name.empty()) {
      // A kernel enumerator has the value it has on the running kernel (a CO-RE enum value
      // relocation), the build host's where that kernel lacks it.
      auto [tag, local] = kernel_.use_enumerator(*def, e.name);
      std::string ref = "*(" + tag + " *)" + local;
      return "(__builtin_preserve_enum_value(" + ref +
             ", 0) ? (__s64)__builtin_preserve_enum_value(" + ref +
             ", 1) : " + int_literal(e.int_value, e.type.is_signed()) + ")";
    }
    return int_literal(e.int_value, e.type.is_signed());
  case ExprKind::String:
    return string_literal(e.str_value, e.type.str_size());
  case ExprKind::Var:
    return var_ref(e.var_key);
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
    if (a.type.kind() == TypeKind::Record || a.type.kind() == TypeKind::Array)
      return aggregate_equal(e);
    if (a.type.kind() == TypeKind::Tuple) return tuple_equal(e);
    if (a.type.is_str() && (is_big(a.type) || is_big(b.type))) {
      std::string decls;
      std::string ca = str_chars(a, decls), cb = str_chars(b, decls);
      uint32_t limit = std::max(a.type.str_size(), b.type.str_size());
      return "({ " + decls + (e.op == Tok::Ne ? "!" : "") + "btc_streq(" + ca + ", " +
             std::to_string(a.type.str_size()) + ", " + cb + ", " +
             std::to_string(b.type.str_size()) + ", " + std::to_string(limit) + "); })";
    }
    if (a.type.is_str() && (a.kind == ExprKind::String || b.kind == ExprKind::String))
      return str_equal_literal(e.op, a.kind == ExprKind::String ? b : a,
                               a.kind == ExprKind::String ? a : b);
    if (a.type.is_str()) {
      std::string ta = tmp(), tb = tmp();
      uint32_t limit = std::max(a.type.str_size(), b.type.str_size());
      std::string eq = "btc_streq(" + ta + ".s, " + std::to_string(a.type.str_size()) + ", " + tb +
                       ".s, " + std::to_string(b.type.str_size()) + ", " + std::to_string(limit) +
                       ")";
      return "({ " + types_.name(a.type) + " " + ta + " = " + ex(a) + "; " + types_.name(b.type) +
             " " + tb + " = " + ex(b) + "; " + (e.op == Tok::Ne ? "!" : "") + eq + "; })";
    }
    return binary(e.op, ex(a), a.type, ex(b), b.type, e.type);
  }
  case ExprKind::Unary: {
    if (e.op == Tok::PlusPlus || e.op == Tok::MinusMinus) return incdec(e);
    if (e.op == Tok::Amp) return address_of(*e.args[0]);
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
    if (e.cast_type.kind() == TypeKind::Array || e.args[0]->type.kind() == TypeKind::Array)
      return array_cast(e);
    return conv(ex(*e.args[0]), e.args[0]->type, e.cast_type);
  case ExprKind::Tuple: {
    std::string t = tmp();
    std::string out = "({ " + types_.name(e.type) + " " + t + "; __builtin_memset(&" + t +
                      ", 0, sizeof(" + t + ")); ";
    for (size_t i = 0; i < e.args.size(); ++i)
      out += t + ".f" + std::to_string(i) + " = " +
             conv(ex(*e.args[i]), e.args[i]->type, e.type.elems()[i]) + "; ";
    return out + t + "; })";
  }
  case ExprKind::Field:
    return field(e);
  case ExprKind::Sizeof: {
    if (e.args.empty()) {
      if (e.cast_type.kind() == TypeKind::Int) return int_literal(e.cast_type.bits() / 8, false);
      return kernel_sizeof(e.cast_type);
    }
    const Type& t = e.args[0]->type;
    if (t.kind() == TypeKind::Record || t.kind() == TypeKind::Array) return kernel_sizeof(t);
    uint32_t size = t.kind() == TypeKind::Int ? t.bits() / 8 : layout_of(t).size;
    return int_literal(size, false);
  }
  case ExprKind::Offsetof:
    return offsetof_expr(e);
  case ExprKind::Index:
  case ExprKind::Deref:
    return read_place(e);
  case ExprKind::Block:
    return block_expr(e);
  }
  throw InternalError("an expression of kind " + std::to_string(static_cast<int>(e.kind)) +
                          " has no lowering",
                      e.range);
}

} // namespace btc::lowering
