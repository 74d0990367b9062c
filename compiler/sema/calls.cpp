// Function calls: argument counts and types, and the types calls produce (the table is
// functions.def).
#include "kernel/btf.h"
#include "sema/checker.h"
#include "sema/printf_check.h"
#include "sema/registry.h"
#include "sema/seq_printf.h"
#include "sema/signal_names.h"
#include "sema/str_param.h"
#include "text_format.h"
#include "user/elf_image.h"
#include "user/user_targets.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string_view>

#include <cctype>

namespace btc {

namespace {

// kstack's modes, as written in kstack(MODE [, LIMIT]).
bool stack_mode_named(const std::string& name, StackMode& mode) {
  static const std::pair<const char*, StackMode> kModes[] = {
      {"bpftrace", StackMode::Bpftrace}, {"perf", StackMode::Perf}, {"raw", StackMode::Raw}};
  for (const auto& [n, m] : kModes)
    if (name == n) {
      mode = m;
      return true;
    }
  return false;
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// A signal's number by its name, with or without "SIG", in any case; 0 for an unknown name.
int signal_number(const std::string& name) {
  static const std::pair<const char*, int> kSignals[] = {
      {"ABRT", 6},    {"ALRM", 14},  {"BUS", 7},   {"CHLD", 17}, {"CONT", 18}, {"FPE", 8},
      {"HUP", 1},     {"ILL", 4},    {"INT", 2},   {"KILL", 9},  {"PIPE", 13}, {"POLL", 29},
      {"QUIT", 3},    {"SEGV", 11},  {"STOP", 19}, {"SYS", 31},  {"TERM", 15}, {"TRAP", 5},
      {"TSTP", 20},   {"TTIN", 21},  {"TTOU", 22}, {"URG", 23},  {"USR1", 10}, {"USR2", 12},
      {"VTALRM", 26}, {"WINCH", 28}, {"XCPU", 24}, {"XFSZ", 25}};
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.rfind("SIG", 0) == 0) upper.erase(0, 3);
  for (const auto& [n, number] : kSignals)
    if (upper == n) return number;
  return 0;
}

// pton(): an IPv6 address has a ':', an IPv4 address none.
bool parse_ip_address(const std::string& text, std::string& bytes) {
  bool v6 = text.find(':') != std::string::npos;
  unsigned char buf[16];
  if (inet_pton(v6 ? AF_INET6 : AF_INET, text.c_str(), buf) != 1) return false;
  bytes.assign(reinterpret_cast<const char*>(buf), v6 ? 16 : 4);
  return true;
}

} // namespace

// The value of a checked expression that is known when btc compiles the script
// (static_assert()'s condition): literals, sizeof of an integer type and operators on them.
std::optional<int64_t> constant_value(const Expr& e) {
  auto arg = [&](size_t i) { return constant_value(*e.args[i]); };
  switch (e.kind) {
  case ExprKind::Int:
    return static_cast<int64_t>(e.int_value);
  case ExprKind::Cast: {
    auto v = arg(0);
    if (!v) return v;
    if (e.cast_type.kind() == TypeKind::Bool) return *v != 0;
    if (e.cast_type.kind() != TypeKind::Int) return std::nullopt;
    uint32_t bits = e.cast_type.bits();
    if (bits == 64) return v;
    uint64_t u = static_cast<uint64_t>(*v) & ((uint64_t{1} << bits) - 1);
    if (e.cast_type.is_signed() && (u >> (bits - 1)))
      return static_cast<int64_t>(u | ~((uint64_t{1} << bits) - 1));
    return static_cast<int64_t>(u);
  }
  case ExprKind::Sizeof: {
    const Type& t = e.args.empty() ? e.cast_type : e.args[0]->type;
    if (t.kind() == TypeKind::Int) return t.bits() / 8;
    if (t.kind() == TypeKind::Bool) return 1;
    if (t.is_str()) return t.str_size();
    if (t.kind() == TypeKind::Pointer) return 8;
    // A kernel record's size on the build host (the program reads the target's through CO-RE).
    if (t.kind() == TypeKind::Record && t.record()->size) return t.record()->size;
    return std::nullopt;
  }
  case ExprKind::Unary: {
    auto v = arg(0);
    if (!v) return v;
    switch (e.op) {
    case Tok::Bang:
      return *v == 0;
    case Tok::Minus:
      return static_cast<int64_t>(0 - static_cast<uint64_t>(*v));
    case Tok::Tilde:
      return ~*v;
    default:
      return std::nullopt;
    }
  }
  case ExprKind::Ternary: {
    auto c = arg(0);
    if (!c) return c;
    return *c ? arg(1) : arg(2);
  }
  case ExprKind::Binary: {
    const Expr& a = *e.args[0];
    const Expr& b = *e.args[1];
    if (a.kind == ExprKind::String && b.kind == ExprKind::String) {
      if (e.op == Tok::EqEq) return a.str_value == b.str_value;
      if (e.op == Tok::Ne) return a.str_value != b.str_value;
      return std::nullopt;
    }
    auto l = arg(0), r = arg(1);
    if (!l || !r) return std::nullopt;
    uint64_t ul = static_cast<uint64_t>(*l), ur = static_cast<uint64_t>(*r);
    bool is_unsigned = (a.type.kind() == TypeKind::Int && !a.type.is_signed() && *l < 0) ||
                       (b.type.kind() == TypeKind::Int && !b.type.is_signed() && *r < 0);
    auto less = [&](bool strict, uint64_t x, uint64_t y, int64_t sx, int64_t sy) {
      return is_unsigned ? (strict ? x < y : x <= y) : (strict ? sx < sy : sx <= sy);
    };
    switch (e.op) {
    case Tok::Plus:
      return static_cast<int64_t>(ul + ur);
    case Tok::Minus:
      return static_cast<int64_t>(ul - ur);
    case Tok::Star:
      return static_cast<int64_t>(ul * ur);
    case Tok::Slash:
      return ur == 0 ? 0 : static_cast<int64_t>(ul / ur);
    case Tok::Percent:
      return ur == 0 ? 0 : static_cast<int64_t>(ul % ur);
    case Tok::Amp:
      return static_cast<int64_t>(ul & ur);
    case Tok::Pipe:
      return static_cast<int64_t>(ul | ur);
    case Tok::Caret:
      return static_cast<int64_t>(ul ^ ur);
    case Tok::Shl:
      return ur >= 64 ? 0 : static_cast<int64_t>(ul << ur);
    case Tok::Shr:
      return ur >= 64 ? 0 : static_cast<int64_t>(ul >> ur);
    case Tok::AndAnd:
      return *l && *r;
    case Tok::OrOr:
      return *l || *r;
    case Tok::EqEq:
      return ul == ur;
    case Tok::Ne:
      return ul != ur;
    case Tok::Lt:
      return less(true, ul, ur, *l, *r);
    case Tok::Le:
      return less(false, ul, ur, *l, *r);
    case Tok::Gt:
      return less(true, ur, ul, *r, *l);
    case Tok::Ge:
      return less(false, ur, ul, *r, *l);
    default:
      return std::nullopt;
    }
  }
  default:
    return std::nullopt;
  }
}

namespace {

// syscall_name()'s string: the longest x86-64 syscall name and its NUL.
constexpr uint32_t syscall_name_size() {
  size_t longest = 0;
#define BTC_SYSCALL_NUMBER(NAME, NR) longest = std::max(longest, std::string_view(NAME).size());
#include "kernel/syscall_numbers.inc"
#undef BTC_SYSCALL_NUMBER
  return static_cast<uint32_t>(longest + 1);
}

} // namespace

std::string location_text(const SourceFile& source, SourceRange range) {
  uint32_t line = source.line_of(range.begin);
  std::string text = source.name() + ":" + std::to_string(line) + ":" +
                     std::to_string(source.column_of(range.begin));
  uint32_t last = range.end > range.begin ? range.end - 1 : range.begin;
  if (source.line_of(last) == line) text += "-" + std::to_string(source.column_of(last) + 1);
  return text;
}

std::optional<Type> Checker::typeof_type(Expr& e) {
  // A declared variable's type is the one it settles on, even where no assignment came yet
  // (`let $a; let $x: typeof($a); $a = 1;`): nothing reads it here.
  Type t;
  const std::string* key = e.kind == ExprKind::Var ? lookup_var(e.name) : nullptr;
  auto var = key ? probe_->vars.find(*key) : probe_->vars.end();
  if (var != probe_->vars.end() && var->second.type.kind() != TypeKind::None) {
    e.var_key = *key;
    t = e.type = var->second.type;
  } else {
    t = check(e);
  }
  if (t.kind() == TypeKind::None) return std::nullopt;
  // Only what a variable can hold: an aggregation's map, args or a stack are no value types.
  if (t.is_aggregation() || t.kind() == TypeKind::Args || t.kind() == TypeKind::Stack) {
    error(e.range,
          "typeof() of a value of type " + type_name(t) + " cannot type a variable or a cast");
    return std::nullopt;
  }
  return t;
}

void Checker::check_fail(Expr& e) {
  // fail() stops the build where it stands, its message formatted now: every argument must be
  // known, as in bpftrace.
  if (e.args[0]->kind != ExprKind::String) {
    error(e.args[0]->range, "fail() expects a string literal as its format");
    return;
  }
  static const rt::Type kInt{.kind = rt::Kind::Int, .is_signed = true};
  static const rt::Type kStr{.kind = rt::Kind::Str};
  std::vector<Type> types;
  std::vector<rt::Value> values;
  for (size_t i = 1; i < e.args.size(); ++i) {
    Expr& a = *e.args[i];
    bool negative =
        a.kind == ExprKind::Unary && a.op == Tok::Minus && a.args[0]->kind == ExprKind::Int;
    Type t = check(a);
    rt::Value v;
    if (a.kind == ExprKind::Int || negative) {
      v.type = &kInt;
      v.num = negative ? 0 - a.args[0]->int_value : a.int_value;
    } else if (a.kind == ExprKind::String) {
      v.type = &kStr;
      v.str = a.str_value;
    } else {
      error(a.range, "fail() expects literals as its arguments: its message is made when btc "
                     "compiles the script");
      return;
    }
    types.push_back(t);
    values.push_back(std::move(v));
  }
  if (!report_) return;
  size_t before = diags_.errors();
  check_printf_format(e, types, diags_);
  if (diags_.errors() != before) return;
  error(e.range, rt::printf_text(rt::parse_printf_format(e.args[0]->str_value), values));
}

void Checker::check_debugf(Expr& e) {
  // debugf() writes through bpf_trace_printk() to the kernel's trace_pipe: at most three
  // integers or strings, formatted by the kernel.
  if (e.args[0]->kind != ExprKind::String) {
    error(e.args[0]->range, "debugf() expects a string literal as its format");
    return;
  }
  std::vector<Type> types;
  for (size_t i = 1; i < e.args.size(); ++i) {
    Type t = check(*e.args[i]);
    if (t.kind() == TypeKind::None) return;
    if (!t.is_int() && !t.is_str() && t.kind() != TypeKind::Bool) {
      error(e.args[i]->range, "debugf() can only print integers and strings, not " + type_name(t));
      return;
    }
    types.push_back(t);
  }
  if (!report_) return;
  size_t before = diags_.errors();
  check_printf_format(e, types, diags_);
  if (diags_.errors() != before) return;
  for (const rt::PrintfConversion& c : rt::parse_printf_format(e.args[0]->str_value).conversions)
    if (!kernel_conversion(c, "duxX", "spc")) { // bpf_trace_printk()
      const std::string& text = e.args[0]->str_value;
      error(e.args[0]->range, "debugf() formats in the kernel (bpf_trace_printk), which has no '" +
                                  text.substr(c.begin, c.end - c.begin) +
                                  "': it takes %d, %u, %x, %X (with l or ll), %p, %c and %s");
      return;
    }
}

bool Checker::key_into_map(Expr& call) {
  Expr& map = *call.args[0];
  if (map.kind != ExprKind::Map || !map.args.empty()) {
    error(map.range, call.name + "() expects a map and a key, e.g. " + call.name + "(@m, key)" +
                         (map.kind == ExprKind::Map ? " (without [])" : ""));
    return false;
  }
  keys_moved_.insert(&call);
  ExprPtr key = std::move(call.args[1]);
  call.args.pop_back();
  // A map of several keys takes them as one tuple: delete(@m, (1, "a")) is delete(@m[1, "a"]).
  // A record is one key.
  if (key->kind == ExprKind::Tuple && key->field_names.empty())
    map.args = std::move(key->args);
  else
    map.args.push_back(std::move(key));
  return true;
}

bool is_void_call(const Expr& e) {
  if (e.kind != ExprKind::Call) return false;
  const FunctionInfo* f = find_function(e.name);
  return f && f->support == Support::Supported && f->kind == CallKind::Statement;
}

bool is_readable_aggregation(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Count:
  case TypeKind::Sum:
  case TypeKind::Min:
  case TypeKind::Max:
  case TypeKind::Avg:
    return true;
  default:
    return false;
  }
}

bool is_aggregation_call(const Expr& e) {
  if (e.kind != ExprKind::Call) return false;
  const FunctionInfo* f = find_function(e.name);
  return f && f->support == Support::Supported && f->kind == CallKind::Aggregation;
}

std::optional<Type> Checker::check_str_param(Expr& call) {
  Expr& a = *call.args[0];
  // bpftrace 0.17 allows a parameter inside str()'s first argument only as $N, $N + K or
  // K + $N: it refuses any other operation on one, and one written deeper.
  bool refused = false, deeper = false;
  std::function<void(const Expr&)> walk = [&](const Expr& x) {
    if (x.kind == ExprKind::Call) return; // its own arguments
    deeper |= x.kind == ExprKind::Positional;
    if (const Expr* p = positional_operand(x); p && !str_param(x)) {
      // The length of $N is known when the tool runs: bpftrace's message names it then.
      error(operator_onwards(x), "only addition of a single constant less or equal to the "
                                 "length of $" +
                                     std::to_string(p->int_value) + " is allowed inside str()");
      refused = true;
    }
    for (const auto& c : x.args) walk(*c);
  };
  walk(a);
  if (a.kind == ExprKind::Positional || positional_operand(a)) deeper = false;
  if (deeper) {
    error(call.range, "str() only accepts positional parameters directly or with a single "
                      "constant offset added");
    return Type::none();
  }
  if (refused) return Type::none();
  std::optional<StrParam> p = str_param(a);
  if (!p) return std::nullopt;
  if (check_positional(p->operand < 0 ? a : *a.args[p->operand], true).kind() == TypeKind::None)
    return Type::none();
  if (p->operand >= 0) {
    check(*a.args[1 - p->operand]);
    a.type = Type::integer();
  }
  // Linux passes no argument longer than MAX_ARG_STRLEN: a larger K is always refused.
  constexpr uint64_t kMaxArgStrlen = 131072;
  if (p->offset > kMaxArgStrlen) {
    error(p->at, "only addition of a single constant less or equal to the length of $" +
                     std::to_string(p->index) + " is allowed inside str(), and no parameter is " +
                     "longer than " + std::to_string(kMaxArgStrlen) + " bytes (MAX_ARG_STRLEN)");
    return Type::none();
  }
  uint32_t& most = result_.params[p->index].str_offset_max;
  most = std::max(most, static_cast<uint32_t>(p->offset));
  return Type::string(result_.config.max_strlen);
}

Type Checker::check_call(Expr& e) {
  const std::string& f = e.name;
  const FunctionInfo* info = find_function(f);
  if (!info) {
    uint64_t index = 0;
    if (const BuiltinInfo* b = find_builtin(f, index)) return check_builtin_call(e, *b);
    error(e.range, "unknown function '" + f + "'");
    return e.type = Type::none();
  }
  if (info->support == Support::Planned) {
    error(e.range, "the function " + f + "() is not supported by btc yet");
    return e.type = Type::none();
  }
  e.function = info->id;
  if (info->kind == CallKind::Statement && pinned_iter() && info->id != FunctionId::Printf &&
      info->id != FunctionId::Delete && info->id != FunctionId::Debugf) {
    error(e.range, f + "() cannot be used in a pinned iterator: its program runs when " +
                       probe_->attach.front().pin +
                       " is read, after the tool has ended (printf() writes to that file)");
    return e.type = Type::none();
  }
  // delete() is also a value, as in current bpftrace: whether the element was there.
  if (info->kind == CallKind::Statement && !void_ok_.count(&e) && info->id != FunctionId::Delete) {
    error(e.range, f + "() does not return a value: it can only be used as a statement");
    return e.type = Type::none();
  }
  bool keyed_call = info->id == FunctionId::Delete || info->id == FunctionId::HasKey;
  if (keyed_call && e.args.size() == 2 && !key_into_map(e)) return e.type = Type::none();
  if (info->id == FunctionId::Find && e.args.size() == 3) {
    // find(@m, key, $v): the key goes into the map expression as for has_key(); $v stays.
    ExprPtr var = std::move(e.args[2]);
    e.args.pop_back();
    if (!key_into_map(e)) return e.type = Type::none();
    e.args.push_back(std::move(var));
  }
  size_t given = e.args.size() + keys_moved_.count(&e);
  if (given < info->min_args || given > info->max_args) {
    std::string want = info->min_args == info->max_args
                           ? "exactly " + plural(info->min_args, "argument")
                       : given < info->min_args ? "at least " + plural(info->min_args, "argument")
                                                : "at most " + plural(info->max_args, "argument");
    if (info->max_args == 0) want = "no arguments";
    error(e.range, f + "() takes " + want + " (" + std::to_string(given) + " given)");
    return e.type = Type::none();
  }
  auto int_arg = [&](size_t i) {
    Type t = check(*e.args[i]);
    if (t.kind() != TypeKind::None && !t.is_int()) {
      error(e.args[i]->range, f + "() expects an integer argument, not " + type_name(t));
      return false;
    }
    return t.kind() != TypeKind::None;
  };
  auto literal_arg = [&](size_t i, int64_t& out) {
    Expr& a = *e.args[i];
    bool negative =
        a.kind == ExprKind::Unary && a.op == Tok::Minus && a.args[0]->kind == ExprKind::Int;
    if (a.kind != ExprKind::Int && !negative) {
      error(a.range, f + "() expects an integer literal here");
      return false;
    }
    check(a);
    out =
        negative ? -static_cast<int64_t>(a.args[0]->int_value) : static_cast<int64_t>(a.int_value);
    return true;
  };
  auto map_arg = [&](size_t i, bool keyed) -> Expr* {
    Expr& a = *e.args[i];
    if (a.kind != ExprKind::Map || (!keyed && !a.args.empty())) {
      error(a.range, f + "() expects a map" + std::string(keyed ? " element" : "") + ", e.g. " + f +
                         (keyed ? "(@m[key])" : "(@m)"));
      return nullptr;
    }
    auto it = result_.maps.find(a.name);
    if (it == result_.maps.end() || it->second.value.kind() == TypeKind::None) {
      error(a.range, "undefined map: " + a.name + " is never assigned");
      return nullptr;
    }
    if (keyed) check_map_key(a);
    a.type = it->second.value;
    return &a;
  };

  switch (info->id) {
  case FunctionId::Count:
    return e.type = Type::of(info->result);
  case FunctionId::Sum:
  case FunctionId::Min:
  case FunctionId::Max:
  case FunctionId::Avg:
  case FunctionId::Stats:
    if (!int_arg(0)) return e.type = Type::none();
    return e.type = Type::of(info->result);
  case FunctionId::Hist: {
    if (!int_arg(0)) return e.type = Type::none();
    // hist(n, k): 2^k linear buckets per power of 2, k a literal from 0 to 5 (current
    // bpftrace).
    int64_t bits = 0;
    if (e.args.size() == 2) {
      if (!literal_arg(1, bits)) return e.type = Type::none();
      if (bits < 0 || bits > rt::kMaxHistBits) {
        error(e.args[1]->range, "hist() takes 0 to " + std::to_string(rt::kMaxHistBits) +
                                    " bits of linear buckets per power of 2, not " +
                                    std::to_string(bits));
        return e.type = Type::none();
      }
    }
    return e.type = Type::hist(static_cast<uint32_t>(bits));
  }
  case FunctionId::Lhist: {
    if (!int_arg(0)) return e.type = Type::none();
    int64_t bounds[3] = {0, 0, 0};
    std::array<uint32_t, 3> params{};
    for (size_t i = 0; i < 3; ++i) {
      Expr& a = *e.args[i + 1];
      // A bound given by $N is read where the tool starts, which checks it as bpftrace checks
      // the literal it would substitute.
      if (a.kind == ExprKind::Positional) {
        if (check_positional(a, false).kind() == TypeKind::None) return e.type = Type::none();
        params[i] = static_cast<uint32_t>(a.int_value);
      } else if (!literal_arg(i + 1, bounds[i])) {
        return e.type = Type::none();
      }
    }
    auto [min, max, step] = bounds;
    if (params[0] || params[1] || params[2]) {
      if ((!params[0] && min < 0) || (!params[2] && step <= 0)) {
        error(e.args[params[0] ? 3 : 1]->range, !params[0] && min < 0
                                                    ? "lhist() min must be non-negative"
                                                    : "lhist() step must be positive");
        return e.type = Type::none();
      }
      return e.type = Type::lhist(min, max, step, params);
    }
    if (min < 0) {
      error(e.args[1]->range, "lhist() min must be non-negative");
      return e.type = Type::none();
    }
    if (max <= min) {
      error(e.args[2]->range, "lhist() max must be greater than min");
      return e.type = Type::none();
    }
    if (step <= 0) {
      error(e.args[3]->range, "lhist() step must be positive");
      return e.type = Type::none();
    }
    if ((max - min) / step > 1000) {
      error(e.args[3]->range, "lhist() has too many buckets (at most 1000)");
      return e.type = Type::none();
    }
    return e.type = Type::lhist(min, max, step);
  }
  case FunctionId::Typeinfo: {
    if (!unstable_feature(e, result_.config.unstable_typeinfo, typeinfo_warned_, "typeinfo",
                          "unstable_typeinfo"))
      return e.type = Type::none();
    // The argument's type, the argument not evaluated (as typeof).
    Type t = check(*e.args[0]);
    if (t.kind() == TypeKind::None) return e.type = Type::none();
    auto name = bpftrace_type_name(t);
    if (!name) {
      error(e.args[0]->range,
            "typeinfo() of a value of type " + type_name(t) + " is not supported by btc");
      return e.type = Type::none();
    }
    return e.type = Type::record_tuple({Type::integer(64, false),
                                        Type::string(static_cast<uint32_t>(name->base.size() + 1)),
                                        Type::string(static_cast<uint32_t>(name->full.size() + 1))},
                                       {"btf_id", "base_type", "full_type"});
  }
  case FunctionId::Tseries: {
    if (!unstable_feature(e, result_.config.unstable_tseries, tseries_warned_, "tseries",
                          "unstable_tseries"))
      return e.type = Type::none();
    Type v = check(*e.args[0]);
    if (v.kind() == TypeKind::None) return e.type = Type::none();
    if (!v.is_int()) {
      error(e.args[0]->range, "tseries() expects an integer value, not " + type_name(v));
      return e.type = Type::none();
    }
    int64_t interval = 0, count = 0;
    if (!literal_arg(1, interval) || !literal_arg(2, count)) return e.type = Type::none();
    if (interval <= 0) {
      error(e.args[1]->range, "tseries() interval must be positive (nanoseconds, or a duration "
                              "such as 100ms)");
      return e.type = Type::none();
    }
    if (count <= 0 || count > kMaxTseriesIntervals) {
      error(e.args[2]->range,
            "tseries() keeps 1 to " + std::to_string(kMaxTseriesIntervals) + " intervals");
      return e.type = Type::none();
    }
    auto agg = rt::TSeriesAgg::Last;
    if (e.args.size() == 4) {
      const Expr& a = *e.args[3];
      bool known = false;
      for (unsigned i = 1; a.kind == ExprKind::String && i < rt::kTSeriesAggCount; ++i)
        if (a.str_value == rt::spelling_of(static_cast<rt::TSeriesAgg>(i))) {
          agg = static_cast<rt::TSeriesAgg>(i);
          known = true;
        }
      if (!known) {
        error(a.range, "tseries() aggregates an interval with \"avg\", \"max\", \"min\" or "
                       "\"sum\" (a string literal); without one it keeps the last value");
        return e.type = Type::none();
      }
    }
    return e.type = Type::tseries(static_cast<uint64_t>(interval), static_cast<uint32_t>(count),
                                  static_cast<uint8_t>(agg), v.is_signed());
  }
  case FunctionId::System:
    if (!result_.unsafe) {
      error(e.range, "system() is unsafe: compile with --unsafe to allow it");
      return e.type = Type::none();
    }
    [[fallthrough]];
  case FunctionId::Printf:
  case FunctionId::Errorf:
  case FunctionId::Warnf:
  case FunctionId::Cat: { // cat(fmt, args...), system(fmt, args...): formatted as printf() does
    if (e.args[0]->kind != ExprKind::String) {
      error(e.args[0]->range, e.name + "() expects a string literal as its format");
      return e.type = Type::none();
    }
    std::vector<Type> types;
    for (size_t i = 1; i < e.args.size(); ++i) {
      Type t = check(*e.args[i]);
      if (t.kind() == TypeKind::None) return e.type = Type::none();
      if (t.is_aggregation() || t.kind() == TypeKind::Args || t.kind() == TypeKind::Tuple ||
          t.kind() == TypeKind::Record || t.kind() == TypeKind::Array) {
        error(e.args[i]->range, e.name + "() cannot print a value of type " + type_name(t));
        return e.type = Type::none();
      }
      types.push_back(t);
    }
    if (report_) {
      size_t before = diags_.errors();
      check_printf_format(e, types, diags_);
      if (diags_.errors() == before && info->id == FunctionId::Printf && pinned_iter())
        check_seq_printf(e, types, diags_);
    }
    // errorf()/warnf() messages name the call as bpftrace does: "FILE:LINE:COL-END: ".
    if (info->id == FunctionId::Errorf || info->id == FunctionId::Warnf)
      e.str_value = location_text(diags_.source(), e.range);
    return e.type = Type::none();
  }
  case FunctionId::Len: {
    // len(@m): the number of elements, counted where the program runs.
    Expr& a = *e.args[0];
    if (a.kind != ExprKind::Map || !a.args.empty()) {
      error(a.range, "len() expects a map, e.g. len(@m)" +
                         std::string(a.kind == ExprKind::Map ? " (without [])" : "") +
                         "; the depth of a stack is not supported by btc yet");
      return e.type = Type::none();
    }
    if (!map_arg(0, false)) return e.type = Type::none();
    return e.type = Type::integer(64, true);
  }
  case FunctionId::Nsecs: {
    // nsecs(MODE), MODE a bare word naming the clock; nsecs() is the nsecs builtin (monotonic,
    // as bpftrace 0.17's nsecs).
    static const char* const kClocks[] = {"monotonic", "boot", "tai", "sw_tai"};
    e.int_value = 0;
    if (e.args.empty()) return e.type = Type::integer(64, false);
    const Expr& a = *e.args[0];
    auto named = std::find_if(std::begin(kClocks), std::end(kClocks), [&](const char* c) {
      return a.kind == ExprKind::Builtin && a.name == c;
    });
    if (named == std::end(kClocks)) {
      error(a.range, "nsecs() expects a clock: monotonic, boot, tai or sw_tai");
      return e.type = Type::none();
    }
    e.int_value = static_cast<uint64_t>(named - std::begin(kClocks));
    return e.type = Type::integer(64, false);
  }
  case FunctionId::Fail:
    check_fail(e);
    return e.type = Type::none();
  case FunctionId::Debugf:
    check_debugf(e);
    return e.type = Type::none();
  case FunctionId::Print: {
    Expr& a = *e.args[0];
    if (a.kind == ExprKind::Map && a.args.empty()) {
      if (!map_arg(0, false)) return e.type = Type::none();
      int64_t v = 0;
      for (size_t i = 1; i < e.args.size(); ++i)
        if (!literal_arg(i, v)) return e.type = Type::none();
      return e.type = Type::none();
    }
    if (e.args.size() > 1) {
      error(e.args[1]->range, "print() of a value takes no other arguments");
      return e.type = Type::none();
    }
    check(a);
    Type t = args_as_record(a);
    if (t.kind() == TypeKind::Args || t.is_aggregation())
      error(a.range, "print() cannot print a value of type " + type_name(t));
    else if (t.kind() == TypeKind::Record || t.kind() == TypeKind::Array)
      check_aggregate_value(a, t);
    return e.type = Type::none();
  }
  case FunctionId::Join:
    // join(argv [, sep]): a user-space array of string pointers, as execve's argv.
    if (!int_arg(0)) return e.type = Type::none();
    if (e.args.size() == 2 && e.args[1]->kind != ExprKind::String)
      error(e.args[1]->range, "join() expects a string literal separator");
    return e.type = Type::none();
  case FunctionId::Time:
    if (!e.args.empty() && e.args[0]->kind != ExprKind::String)
      error(e.args[0]->range, "time() expects a string literal format");
    return e.type = Type::none();
  case FunctionId::Strftime: {
    if (e.args[0]->kind != ExprKind::String) {
      error(e.args[0]->range, "strftime() expects a string literal format");
      return e.type = Type::none();
    }
    if (!int_arg(1)) return e.type = Type::none();
    return e.type = Type::timestamp(e.args[0]->str_value);
  }
  case FunctionId::Str: {
    Expr& a = *e.args[0];
    if (e.args.size() == 2 && !int_arg(1)) return e.type = Type::none();
    if (std::optional<Type> param = check_str_param(e)) return e.type = *param;
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    if (t.is_str() && e.args.size() == 2) {
      error(a.range, "str() with a length expects a pointer, not " + type_name(t));
      return e.type = Type::none();
    }
    if (t.is_str()) return e.type = t;
    if (!t.is_int()) {
      error(a.range, "str() expects a pointer or a string, not " + type_name(t));
      return e.type = Type::none();
    }
    return e.type = Type::string(result_.config.max_strlen);
  }
  case FunctionId::Strncmp: {
    for (size_t i = 0; i < 2; ++i) {
      Type t = check(*e.args[i]);
      if (t.kind() != TypeKind::None && !t.is_str()) {
        error(e.args[i]->range, "strncmp() expects strings, not " + type_name(t));
        return e.type = Type::none();
      }
    }
    int64_t n = 0;
    if (!literal_arg(2, n)) return e.type = Type::none();
    if (n < 0) {
      error(e.args[2]->range, "strncmp() needs a non-negative length, not " + std::to_string(n));
      return e.type = Type::none();
    }
    return e.type = Type::integer(64, false);
  }
  case FunctionId::Strcontains:
  case FunctionId::Strstr:
  case FunctionId::Strlen:
    // strlen(s): its length; strstr(hay, needle): where needle first starts in hay, or -1.
    for (size_t i = 0; i < e.args.size(); ++i) {
      Type t = check(*e.args[i]);
      if (t.kind() == TypeKind::None) return e.type = t;
      if (!t.is_str()) {
        error(e.args[i]->range, f + "() expects strings, not " + type_name(t));
        return e.type = Type::none();
      }
    }
    return e.type = Type::integer(64, info->id == FunctionId::Strstr);
  case FunctionId::Exit: // exit([code]): the tool's exit status
    if (!e.args.empty()) int_arg(0);
    return e.type = Type::none();
  case FunctionId::Delete: {
    Expr& a = *e.args[0];
    auto it = a.kind == ExprKind::Map ? result_.maps.find(a.name) : result_.maps.end();
    if (it != result_.maps.end() && it->second.has_key && a.args.empty()) {
      error(a.range,
            "delete() needs the key of the element to delete: delete(" + a.name + "[key])");
      return e.type = Type::none();
    }
    map_arg(0, !a.args.empty());
    return e.type = void_ok_.count(&e) ? Type::none() : Type::boolean();
  }
  case FunctionId::HasKey: {
    Expr& a = *e.args[0];
    auto it = result_.maps.find(a.name);
    if (it != result_.maps.end() && !it->second.has_key) {
      error(a.range, "has_key() needs a map with keys; " + a.name + " has none");
      return e.type = Type::none();
    }
    if (!map_arg(0, true)) return e.type = Type::none();
    return e.type = Type::boolean();
  }
  case FunctionId::Find: {
    // find(@m, key, $v): whether the key is there; if so $v takes its value (one lookup).
    Expr& a = *e.args[0];
    auto it = result_.maps.find(a.name);
    if (it != result_.maps.end() && !it->second.has_key) {
      error(a.range, "find() needs a map with keys; " + a.name + " has none");
      return e.type = Type::none();
    }
    if (!map_arg(0, true)) return e.type = Type::none();
    Expr& v = *e.args[1];
    if (v.kind != ExprKind::Var) {
      error(v.range, "find() expects a variable to hold the value, e.g. find(@m, key, $v)");
      return e.type = Type::none();
    }
    const Type& value = a.type;
    if (!value.is_int() && !value.is_str() && value.kind() != TypeKind::Bool &&
        value.kind() != TypeKind::Tuple) {
      error(a.range, "find() reads integers, strings, bools and tuples; " + a.name + " holds " +
                         type_name(value));
      return e.type = Type::none();
    }
    assign_var(v, value, v.range);
    return e.type = Type::boolean();
  }
  case FunctionId::Clear:
  case FunctionId::Zero:
    map_arg(0, false);
    return e.type = Type::none();
  case FunctionId::Bswap: {
    if (!int_arg(0)) return e.type = Type::none();
    // Unsigned, of the argument's width, as in bpftrace.
    Type t = e.args[0]->type;
    return e.type = Type::integer(t.kind() == TypeKind::Int ? t.bits() : 64, false);
  }
  case FunctionId::Getopt: {
    // Read from the tool's own command line when it starts: everything here must be literal.
    Expr& n = *e.args[0];
    if (n.kind != ExprKind::String) {
      error(n.range, "getopt() expects a string literal: the option's name");
      return e.type = Type::none();
    }
    const std::string& name = n.str_value;
    bool valid = !name.empty() && name[0] != '-';
    for (char c : name)
      valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!valid) {
      error(n.range, "getopt() needs an option name of letters, digits, '_' and '-': --" + name);
      return e.type = Type::none();
    }
    for (const char* own : {"help", "version", "no-warnings", "usdt-file-activation"})
      if (name == own) {
        error(n.range, "getopt(\"" + name + "\") would hide the tool's own --" + name);
        return e.type = Type::none();
      }
    SemaResult::NamedOption opt{Type::boolean(), "false", "", e.range};
    if (e.args.size() >= 2) {
      Expr& d = *e.args[1];
      bool is_bool = (d.kind == ExprKind::Builtin && (d.name == "true" || d.name == "false")) ||
                     (d.kind == ExprKind::Cast && d.type_ref.builtin.kind() == TypeKind::Bool &&
                      d.args.size() == 1 && d.args[0]->kind == ExprKind::Int);
      bool negative =
          d.kind == ExprKind::Unary && d.op == Tok::Minus && d.args[0]->kind == ExprKind::Int;
      if (is_bool) {
        check(d);
        opt.default_value = d.args[0]->int_value ? "true" : "false";
      } else if (d.kind == ExprKind::Int || negative) {
        check(d);
        int64_t v = negative ? -static_cast<int64_t>(d.args[0]->int_value)
                             : static_cast<int64_t>(d.int_value);
        opt.type = Type::integer(64, true);
        opt.default_value = std::to_string(v);
      } else if (d.kind == ExprKind::String) {
        opt.type = Type::string(result_.config.max_strlen);
        opt.default_value = d.str_value;
      } else {
        error(d.range, "getopt() expects a literal default: an integer, a string, true or false");
        return e.type = Type::none();
      }
    }
    if (e.args.size() == 3) {
      if (e.args[2]->kind != ExprKind::String) {
        error(e.args[2]->range, "getopt() expects a string literal: the option's description");
        return e.type = Type::none();
      }
      opt.description = e.args[2]->str_value;
    }
    auto [it, added] = result_.options.emplace(name, opt);
    SemaResult::NamedOption& known = it->second;
    if (!added && known.first.begin != e.range.begin) {
      auto kind = [](const Type& t) {
        return std::string(t.is_str() ? "a string" : t.is_int() ? "an integer" : "a bool");
      };
      SourceRange at = e.args.size() >= 2 ? e.args[1]->range : e.range;
      if (known.type.kind() != opt.type.kind()) {
        error(at, "getopt(\"" + name + "\") has " + kind(opt.type) + " default here but " +
                      kind(known.type) + " default in an earlier getopt() of the same option");
        return e.type = Type::none();
      }
      if (known.default_value != opt.default_value) {
        error(at, "getopt(\"" + name +
                      "\") has another default in an earlier getopt() of the "
                      "same option");
        return e.type = Type::none();
      }
      if (known.description.empty()) known.description = opt.description;
    }
    return e.type = opt.type;
  }
  case FunctionId::Kaddr:
  case FunctionId::Cgroupid: {
    // Looked up where the tool runs, when it starts: the argument must be known by then.
    if (e.args[0]->kind != ExprKind::String) {
      error(e.args[0]->range,
            f + "() expects a string literal" +
                (info->id == FunctionId::Kaddr ? ": the symbol's name" : ": the cgroup's path"));
      return e.type = Type::none();
    }
    if (e.args[0]->str_value.empty()) {
      error(e.args[0]->range,
            f + "() needs a non-empty " + (info->id == FunctionId::Kaddr ? "symbol name" : "path"));
      return e.type = Type::none();
    }
    return e.type = Type::integer(64, false);
  }
  case FunctionId::PercpuKaddr: {
    // A typed kernel symbol: the kernel's BTF says the variable is per-CPU, and libbpf finds it
    // by that BTF where the tool runs.
    const Expr& name = *e.args[0];
    if (name.kind != ExprKind::String || name.str_value.empty()) {
      error(name.range, "percpu_kaddr() expects a string literal: the per-CPU variable's name");
      return e.type = Type::none();
    }
    if (e.args.size() == 2 && !int_arg(1)) return e.type = Type::none();
    KernelBtf& kernel = KernelBtf::get();
    if (!kernel.data()) {
      error(e.range, "percpu_kaddr() needs the kernel's BTF: " + kernel.load_error());
      return e.type = Type::none();
    }
    if (kernel.percpu_var_type(name.str_value) < 0) {
      error(name.range, "the kernel has no per-CPU variable named '" + name.str_value +
                            "' (none in its BTF's .data..percpu)");
      return e.type = Type::none();
    }
    return e.type = Type::pointer(Type::integer(64, false), AddrSpace::Kernel);
  }
  case FunctionId::Reg: {
    for (const auto& p : probe_->attach)
      if (p.type != ProbeType::Kprobe && p.type != ProbeType::Kretprobe &&
          p.type != ProbeType::Uprobe && p.type != ProbeType::Uretprobe) {
        error(e.range, "reg() can only be used in kprobe, kretprobe, uprobe and uretprobe probes");
        return e.type = Type::none();
      }
    const Expr& a = *e.args[0];
    if (a.kind != ExprKind::String) {
      error(a.range, "reg() expects a string literal register name, e.g. reg(\"ip\")");
      return e.type = Type::none();
    }
    if (!is_pt_regs_name(a.str_value)) {
      error(e.range,
            "'" + a.str_value + "' is not an x86_64 register (" + std::string(kPtRegsNames) + ")");
      return e.type = Type::none();
    }
    // A traced process's registers hold its addresses: `*reg("sp")` reads its memory, as in
    // bpftrace.
    if (std::all_of(probe_->attach.begin(), probe_->attach.end(), [](const ResolvedProbe& p) {
          return p.type == ProbeType::Uprobe || p.type == ProbeType::Uretprobe;
        }))
      return e.type = Type::integer(64, false).in_space(AddrSpace::User);
    return e.type = Type::integer(64, false);
  }
  case FunctionId::Ksym:
    if (!int_arg(0)) return e.type = Type::none();
    return e.type = Type::of(TypeKind::Ksym);
  case FunctionId::Strerror:
    if (!int_arg(0)) return e.type = Type::none();
    return e.type = Type::of(TypeKind::Strerror);
  case FunctionId::Ntop: {
    // ntop([af,] addr): an IPv4 address as an integer, or the bytes of an IPv4/IPv6 address.
    if (e.args.size() == 2 && !int_arg(0)) return e.type = Type::none();
    Expr& a = *e.args.back();
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    bool bytes = t.kind() == TypeKind::Array && t.pointee()->is_int() && t.pointee()->bits() == 8 &&
                 (t.count() == 4 || t.count() == 16);
    if (!t.is_int() && !bytes) {
      error(a.range, "ntop() expects an integer or an array of 4 or 16 bytes, not " + type_name(t));
      return e.type = Type::none();
    }
    return e.type = Type::of(TypeKind::Inet);
  }
  case FunctionId::Buf: {
    // buf(addr, len), buf(str [, len]) or buf(bytes [, len]): at most max_strlen bytes from an
    // address, as bpftrace limits them; a literal length sizes the value.
    Expr& a = *e.args[0];
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    bool bytes = t.kind() == TypeKind::Array && t.pointee()->is_int() && t.pointee()->bits() == 8;
    if (!t.is_int() && !t.is_str() && !bytes) {
      error(a.range,
            "buf() expects an address, a string or an array of bytes, not " + type_name(t));
      return e.type = Type::none();
    }
    uint32_t size = t.is_str() ? t.str_size() : bytes ? t.count() : result_.config.max_strlen;
    if (e.args.size() == 1) {
      if (!bytes) {
        error(e.range,
              "buf() needs a length for a value of type " + type_name(t) + ": buf(value, len)");
        return e.type = Type::none();
      }
    } else {
      if (!int_arg(1)) return e.type = Type::none();
      const Expr& n = *e.args[1];
      if (n.kind == ExprKind::Int) {
        if (n.int_value <= 0) {
          error(n.range, "buf() needs a positive length, not " + std::to_string(n.int_value));
          return e.type = Type::none();
        }
        size = std::min<uint32_t>(
            size, static_cast<uint32_t>(std::min<int64_t>(n.int_value, result_.config.max_strlen)));
      }
    }
    return e.type = Type::buffer(size);
  }
  case FunctionId::Kptr:
  case FunctionId::Uptr: {
    // The same address, read through kernel or user helpers from now on.
    Type t = check(*e.args[0]);
    if (t.kind() == TypeKind::None) return e.type = t;
    if (!t.is_int()) {
      error(e.args[0]->range,
            e.name + "() expects an address (an integer or a pointer), not " + type_name(t));
      return e.type = Type::none();
    }
    return e.type =
               t.in_space(e.function == FunctionId::Kptr ? AddrSpace::Kernel : AddrSpace::User);
  }
  case FunctionId::Kstack:
  case FunctionId::Ustack: {
    // kstack(), kstack(MODE), kstack(LIMIT), kstack(MODE, LIMIT); MODE is a bare word. ustack
    // alike.
    const bool user = info->id == FunctionId::Ustack;
    if (!user) probe_->uses_kstack = true;
    if (user)
      for (const auto& p : probe_->attach)
        if (!(kTracedProcessProbes & probe_mask(p.type))) {
          error(e.range, "ustack() can only be used in " + std::string(kTracedProcessWhere));
          return e.type = Type::none();
        }
    StackMode mode = result_.config.stack_mode; // config stack_mode, or bpftrace
    size_t next = 0;
    if (!e.args.empty() && e.args[0]->kind == ExprKind::Builtin &&
        stack_mode_named(e.args[0]->name, mode)) {
      next = 1;
    } else if (e.args.size() == 2) {
      error(e.args[0]->range, f + "() expects a stack mode here: bpftrace, perf or raw");
      return e.type = Type::none();
    }
    int64_t frames = kDefaultStackFrames;
    if (next < e.args.size()) {
      if (e.args[next]->kind == ExprKind::Builtin && e.args.size() == 1) {
        error(e.args[next]->range, f +
                                       "() expects a stack mode (bpftrace, perf or raw) or a "
                                       "frame limit, not '" +
                                       e.args[next]->name + "'");
        return e.type = Type::none();
      }
      if (!literal_arg(next, frames)) return e.type = Type::none();
      if (frames < 1 || frames > static_cast<int64_t>(kDefaultStackFrames)) {
        error(e.args[next]->range, f + "() takes 1 to " + std::to_string(kDefaultStackFrames) +
                                       " frames, not " + std::to_string(frames));
        return e.type = Type::none();
      }
    }
    return e.type = Type::stack(user, static_cast<uint32_t>(frames), mode);
  }
  case FunctionId::Usym:
    if (!int_arg(0)) return e.type = Type::none();
    return e.type = Type::of(TypeKind::USym);
  case FunctionId::Uaddr: {
    // The address of a symbol of the traced file, looked up where the tool runs, when it
    // starts; checked here when the build host has the file.
    for (const auto& p : probe_->attach)
      if (p.type != ProbeType::Uprobe && p.type != ProbeType::Uretprobe &&
          p.type != ProbeType::Usdt) {
        error(e.range, "uaddr() can only be used in uprobe, uretprobe and usdt probes");
        return e.type = Type::none();
      }
    const ResolvedProbe& front = probe_->attach.front();
    for (const auto& p : probe_->attach)
      if (p.type == ProbeType::Usdt && (p.target.empty() || p.target == "*")) {
        error(e.range, "uaddr() names a symbol of the probe's file, but " + p.display +
                           " names no one file: write the file (usdt:FILE:...)");
        return e.type = Type::none();
      }
    for (const auto& p : probe_->attach)
      if (p.target != front.target) {
        error(e.range, "uaddr() names a symbol of the traced file, but this block traces " +
                           front.target + " and " + p.target + ": use separate probe blocks");
        return e.type = Type::none();
      }
    if (e.args[0]->kind != ExprKind::String || e.args[0]->str_value.empty()) {
      error(e.args[0]->range, "uaddr() expects a string literal: the symbol's name");
      return e.type = Type::none();
    }
    uint32_t bits = 64;
    rt::ResolvedBinary bin = rt::resolve_binary(front.target, 0);
    std::string why;
    if (!bin.path.empty())
      if (auto image = rt::ElfImage::open(bin.path, why)) {
        const rt::ElfSymbol* sym = nullptr;
        for (const rt::ElfSymbol& s : image->symbols())
          if (s.name == e.args[0]->str_value) {
            sym = &s;
            break;
          }
        if (!sym) {
          error(e.args[0]->range, bin.path + " has no symbol '" + e.args[0]->str_value + "'");
          return e.type = Type::none();
        }
        // ELF has no types: an object of 1, 2 or 4 bytes is taken for an unsigned integer of
        // that width, as bpftrace does.
        if (sym->size == 1 || sym->size == 2 || sym->size == 4)
          bits = static_cast<uint32_t>(sym->size * 8);
      }
    return e.type = Type::pointer(Type::integer(bits, false), AddrSpace::User);
  }
  case FunctionId::Override: {
    for (const auto& p : probe_->attach)
      if (p.type != ProbeType::Kprobe) {
        error(e.range, "override() can only be used in kprobe probes");
        return e.type = Type::none();
      }
    if (!result_.unsafe) {
      error(e.range, "override() is unsafe: compile with --unsafe to allow it");
      return e.type = Type::none();
    }
    int_arg(0);
    return e.type = Type::none();
  }
  case FunctionId::Signal:
  case FunctionId::SignalThread: {
    // The signal goes to the current process: in these probes that is no traced process (BEGIN and
    // END run in the tool, an iterator's program in the tool reading it).
    for (const auto& p : probe_->attach)
      if (p.type == ProbeType::Begin || p.type == ProbeType::End || p.type == ProbeType::Self ||
          p.type == ProbeType::Bench || p.type == ProbeType::Test ||
          p.type == ProbeType::Interval || p.type == ProbeType::Software ||
          p.type == ProbeType::Iter) {
        error(e.range,
              f + "() cannot be used in " + std::string(probe_type_info(p.type).name) + " probes");
        break;
      }
    Expr& a = *e.args[0];
    e.int_value = 0;
    bool negative =
        a.kind == ExprKind::Unary && a.op == Tok::Minus && a.args[0]->kind == ExprKind::Int;
    if (a.kind == ExprKind::String) {
      check(a);
      e.int_value = static_cast<uint64_t>(signal_number(a.str_value));
      if (e.int_value == 0)
        error(a.range, "'" + a.str_value +
                           "' is not a signal name (SIGTERM, TERM, SIGUSR1, ... as kill -l lists "
                           "them)");
    } else if ((a.kind == ExprKind::Int && (a.int_value < 1 || a.int_value > 64)) || negative) {
      error(a.range,
            (negative ? "-" + std::to_string(a.args[0]->int_value) : std::to_string(a.int_value)) +
                " is not a signal number: they go from 1 to 64");
    } else {
      int_arg(0);
    }
    if (!result_.unsafe) error(e.range, f + "() is unsafe: compile with --unsafe to allow it");
    return e.type = Type::none();
  }
  case FunctionId::Unwatch:
    // The tool removes the watchpoints on the address; it is a number there.
    int_arg(0);
    return e.type = Type::none();
  case FunctionId::Pton: {
    // The bytes are known now; the call keeps them (str_value) for lowering.
    Expr& a = *e.args[0];
    if (a.kind != ExprKind::String) {
      error(a.range, "pton() expects a string literal: an IPv4 or IPv6 address");
      return e.type = Type::none();
    }
    if (!parse_ip_address(a.str_value, e.str_value)) {
      error(a.range, "'" + a.str_value + "' is not an IPv" +
                         (a.str_value.find(':') != std::string::npos ? "6" : "4") + " address");
      return e.type = Type::none();
    }
    check(a);
    return e.type = Type::array(Type::integer(8, false), static_cast<uint32_t>(e.str_value.size()));
  }
  case FunctionId::Macaddr: {
    // macaddr(char[6]) or macaddr(address of 6 bytes), as bpftrace 0.17.
    Expr& a = *e.args[0];
    if (a.kind == ExprKind::String) {
      error(a.range, "macaddr() expects 6 bytes in memory (an array or an address), not a string "
                     "literal");
      return e.type = Type::none();
    }
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    bool bytes = t.kind() == TypeKind::Array && t.pointee()->is_int() && t.pointee()->bits() == 8 &&
                 t.count() == 6;
    if (!t.is_int() && !bytes) {
      error(a.range, "macaddr() expects an array of 6 bytes or an address, not " + type_name(t));
      return e.type = Type::none();
    }
    return e.type = Type::of(TypeKind::MacAddr);
  }
  case FunctionId::CgroupPath: {
    // The path is found where the tool prints the value, in the hierarchies the filter names.
    if (!int_arg(0)) return e.type = Type::none();
    std::string filter = "*";
    if (e.args.size() == 2) {
      if (e.args[1]->kind != ExprKind::String) {
        error(e.args[1]->range, "cgroup_path() expects a string literal filter, e.g. \"unified\" "
                                "or \"cpu*\"");
        return e.type = Type::none();
      }
      filter = e.args[1]->str_value;
      check(*e.args[1]);
    }
    return e.type = Type::cgroup_path(filter);
  }
  case FunctionId::Path: {
    // bpf_d_path(): the kernel allows it in fentry/fexit programs of allow-listed functions and
    // in iterators.
    for (const auto& p : probe_->attach)
      if (p.type != ProbeType::Kfunc && p.type != ProbeType::Kretfunc &&
          p.type != ProbeType::Iter) {
        error(e.range, "path() can only be used in kfunc, kretfunc and iter probes");
        return e.type = Type::none();
      }
    Expr& a = *e.args[0];
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    auto is_path = [](const Type& r) {
      return r.kind() == TypeKind::Record && r.record()->name == "path" && !r.record()->is_union;
    };
    bool pointer = t.kind() == TypeKind::Pointer && t.pointee() && is_path(*t.pointee());
    bool place = is_path(t) && (a.kind == ExprKind::Field || a.kind == ExprKind::Index);
    if (!pointer && !place) {
      error(a.range, "path() expects a struct path * or a struct path field, not " + type_name(t));
      return e.type = Type::none();
    }
    uint32_t size = result_.config.max_strlen;
    if (e.args.size() == 2) {
      int64_t n = 0;
      if (!literal_arg(1, n)) return e.type = Type::none();
      if (n < 1 || n > static_cast<int64_t>(size)) {
        error(e.args[1]->range, "path() takes a size from 1 to " + std::to_string(size) + ", not " +
                                    std::to_string(n));
        return e.type = Type::none();
      }
      size = static_cast<uint32_t>(n);
    }
    return e.type = Type::string(size);
  }
  case FunctionId::SocketCookie:
  case FunctionId::SkbOutput: {
    // bpf_get_socket_cookie() and bpf_skb_output(): the kernel gives them to tracing programs
    // (fentry/fexit), for its own pointer only: an argument of the traced function.
    const bool cookie = e.function == FunctionId::SocketCookie;
    for (const auto& p : probe_->attach)
      if (p.type != ProbeType::Kfunc && p.type != ProbeType::Kretfunc) {
        error(e.range, f + "() can only be used in kfunc and kretfunc probes");
        return e.type = Type::none();
      }
    bool ok = true;
    if (!cookie && e.args[0]->kind != ExprKind::String) {
      error(e.args[0]->range, "skboutput() expects a string literal file name");
      ok = false;
    }
    Expr& a = *e.args[cookie ? 0 : 1];
    Type t = check(a);
    if (t.kind() == TypeKind::None) return e.type = t;
    const std::string record = cookie ? "sock" : "sk_buff";
    const Type* to = t.kind() == TypeKind::Pointer ? t.pointee() : nullptr;
    if (!to || to->kind() != TypeKind::Record || to->record()->name != record ||
        to->record()->is_union) {
      error(a.range, f + "() expects a struct " + record + " *, not " + type_name(t));
      return e.type = Type::none();
    }
    const Expr* inner = &a;
    while (inner->kind == ExprKind::Cast) inner = &*inner->args[0];
    if (inner->kind != ExprKind::Field || inner->args[0]->kind != ExprKind::Builtin ||
        inner->args[0]->builtin != BuiltinId::Args) {
      error(a.range, f + "() needs the " + (cookie ? "socket" : "packet") +
                         " pointer the kernel passed to the function (an argument such as " +
                         (cookie ? "args.sk" : "args.skb") + "), not one read from memory");
      return e.type = Type::none();
    }
    if (cookie) return e.type = Type::integer(64, false);
    Type len = check(*e.args[2]);
    if (len.kind() != TypeKind::None && !len.is_int()) {
      error(e.args[2]->range, "skboutput() expects an integer length, not " + type_name(len));
      ok = false;
    }
    int64_t offset = 0;
    if (!literal_arg(3, offset)) return e.type = Type::none();
    if (offset < 0 || offset > 0xffff) {
      error(e.args[3]->range,
            "skboutput() takes an offset from 0 to 65535, not " + std::to_string(offset));
      ok = false;
    }
    return e.type = ok ? Type::integer(64, true) : Type::none();
  }
  case FunctionId::Assert: {
    // assert(cond, msg): when cond is false, the tool stops with status 1 after an error
    // naming the call, as current bpftrace's errorf("assert failed: %s", msg); exit(1).
    check_condition(*e.args[0], "condition of assert()");
    Type t = check(*e.args[1]);
    if (t.kind() != TypeKind::None && !t.is_str())
      error(e.args[1]->range, "assert() expects a string message, not " + type_name(t));
    e.str_value = location_text(diags_.source(), e.range);
    return e.type = Type::none();
  }
  case FunctionId::StaticAssert: {
    // Decided now: a false condition stops the build with the message.
    Expr& msg = *e.args[1];
    if (msg.kind != ExprKind::String) {
      error(msg.range, "static_assert() expects a string literal message");
      return e.type = Type::none();
    }
    Expr& cond = *e.args[0];
    Type t = check(cond);
    if (t.kind() == TypeKind::None) return e.type = t;
    if (!t.is_int() && t.kind() != TypeKind::Bool) {
      error(cond.range,
            "static_assert() expects an integer or bool condition, not " + type_name(t));
      return e.type = Type::none();
    }
    std::optional<int64_t> v = constant_value(cond);
    if (!v) {
      error(cond.range, "static_assert() needs a condition known when btc compiles the script: "
                        "literals, sizeof, enumerators and operators on them");
      return e.type = Type::none();
    }
    if (*v == 0) error(e.range, msg.str_value);
    return e.type = Type::none();
  }
  case FunctionId::Globmatch: {
    // globmatch(str, pattern): the whole string against ?, *, [abc], [a-z] and [!abc]. The
    // pattern becomes the program's code (lowering), so it is a literal.
    Type t = check(*e.args[0]);
    if (t.kind() == TypeKind::None) return e.type = t;
    if (!t.is_str()) {
      error(e.args[0]->range, "globmatch() expects a string, not " + type_name(t));
      return e.type = Type::none();
    }
    const Expr& pattern = *e.args[1];
    if (pattern.kind != ExprKind::String) {
      error(pattern.range, "globmatch() expects a string literal pattern: btc compiles it into "
                           "the program");
      return e.type = Type::none();
    }
    const std::string& p = pattern.str_value;
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i] != '[') continue;
      size_t close = p.find(']', i + (i + 1 < p.size() && p[i + 1] == '!' ? 3 : 2));
      if (close == std::string::npos) {
        error(pattern.range, "globmatch() pattern has a '[' without its ']'");
        return e.type = Type::none();
      }
      i = close;
    }
    check(*e.args[1]);
    return e.type = Type::boolean();
  }
  case FunctionId::Memcmp: {
    // memcmp(a, b, n): the first n bytes of two values as they lie in memory (strings,
    // arrays, integers), at most as many as the smaller one has.
    uint32_t smallest = UINT32_MAX;
    for (size_t i = 0; i < 2; ++i) {
      Type t = check(*e.args[i]);
      if (t.kind() == TypeKind::None) return e.type = t;
      uint32_t size = t.is_str()                  ? t.str_size()
                      : t.kind() == TypeKind::Int ? t.bits() / 8
                      : t.kind() == TypeKind::Array && t.pointee()->is_int()
                          ? t.count() * (t.pointee()->bits() / 8)
                          : 0;
      if (size == 0) {
        error(e.args[i]->range,
              "memcmp() compares strings, integer arrays and integers, not " + type_name(t));
        return e.type = Type::none();
      }
      smallest = std::min(smallest, size);
    }
    if (!int_arg(2)) return e.type = Type::none();
    const Expr& n = *e.args[2];
    if (n.kind == ExprKind::Int && n.int_value > smallest) {
      error(n.range, "memcmp() can compare at most " + std::to_string(smallest) +
                         " bytes here (the size of the smaller value), not " +
                         std::to_string(n.int_value));
      return e.type = Type::none();
    }
    e.int_value = smallest;
    return e.type = Type::integer(64, true);
  }
  case FunctionId::Strcap: {
    // The capacity of a string or byte array, known now.
    Type t = check(*e.args[0]);
    if (t.kind() == TypeKind::None) return e.type = t;
    bool bytes = t.kind() == TypeKind::Array && t.pointee()->is_int() && t.pointee()->bits() == 8;
    if (!t.is_str() && !bytes) {
      error(e.args[0]->range,
            "strcap() expects a string or an array of bytes (int8[N]), not " + type_name(t));
      return e.type = Type::none();
    }
    e.int_value = t.is_str() ? t.str_size() : t.count();
    return e.type = Type::integer(64, true);
  }
  case FunctionId::SyscallName:
    if (!int_arg(0)) return e.type = Type::none();
    return e.type = Type::string(syscall_name_size());
  case FunctionId::SignalName:
    if (!int_arg(0)) return e.type = Type::none();
    return e.type = Type::string(kSignalNameSize);
  case FunctionId::IsStr:
  case FunctionId::IsPtr:
  case FunctionId::IsArray:
  case FunctionId::IsInteger:
  case FunctionId::IsUnsignedInteger:
  case FunctionId::IsLiteral:
    return check_type_test(e, info->id);
  case FunctionId::AssertStr:
    check_assert_str(*e.args[0]);
    return e.type = Type::none();
  case FunctionId::KfuncExist:
  case FunctionId::KfuncAllowed:
    // Answered where the tool runs, when it starts: from its kernel's BTF, and for
    // kfunc_allowed() by its verifier, given a program of the probe's type that calls the kfunc.
    if (e.args[0]->kind != ExprKind::String) {
      error(e.args[0]->range, f + "() expects a string literal: the kfunc's name");
      return e.type = Type::none();
    }
    return e.type = Type::boolean();
  case FunctionId::DefaultStrLength:
    // The size str() gives a string read without a length: config max_strlen.
    e.int_value = result_.config.max_strlen;
    return e.type = Type::integer(64, false);
  case FunctionId::Pcomm:
  case FunctionId::Ppid: {
    // task->group_leader->comm and task->real_parent->tgid, task being curtask unless given:
    // the call becomes those member reads.
    const bool ppid = info->id == FunctionId::Ppid;
    ExprPtr task;
    if (e.args.empty()) {
      task = std::make_unique<Expr>();
      task->kind = ExprKind::Builtin;
      task->range = e.range;
      task->name = "curtask";
    } else {
      Type t = check(*e.args[0]);
      if (t.kind() == TypeKind::None) return e.type = t;
      const Type* to = t.kind() == TypeKind::Pointer ? t.pointee() : nullptr;
      if (!to || to->kind() != TypeKind::Record || to->record()->name != "task_struct") {
        error(e.args[0]->range, f + "() expects a struct task_struct *, not " + type_name(t));
        return e.type = Type::none();
      }
      task = std::move(e.args[0]);
    }
    auto inner = std::make_unique<Expr>();
    inner->kind = ExprKind::Field;
    inner->range = e.range;
    inner->name = ppid ? "real_parent" : "group_leader";
    inner->arrow = true;
    inner->args.push_back(std::move(task));
    e.kind = ExprKind::Field;
    e.name = ppid ? "tgid" : "comm";
    e.arrow = true;
    e.function = FunctionId::None;
    e.args.clear();
    e.args.push_back(std::move(inner));
    return check(e);
  }
  case FunctionId::None:
    break;
  }
  return e.type = Type::none();
}

// An unstable feature of current bpftrace, gated as it gates it (its messages).
bool Checker::unstable_feature(const Expr& e, uint8_t setting, bool& warned,
                               const std::string& feature, const std::string& config) {
  const std::string gate = config + "=enable";
  if (setting == 0) {
    error(e.range, feature +
                       " feature is not enabled by default. To enable this unstable "
                       "feature, set the config flag to enable. " +
                       gate);
    return false;
  }
  if (setting == 1 && report_ && !warned) {
    warned = true;
    warning(e.range, "Script is using an unstable feature: " + feature +
                         ". To prevent this warning you must explicitly enable it in the "
                         "config e.g. " +
                         gate);
  }
  return true;
}

} // namespace btc
