// Kernel data: '->', '.', '[]' and '*' on kernel pointers and records, sizeof and offsetof of
// kernel types. A chain of '.' and constant '[]' from one pointer is one member path, so it is
// one CO-RE relocation; every pointer step is a probe read of a relocated address.
#include "lower/lowerer.h"
#include "sema/registry.h"
#include "sema/str_param.h"

#include <algorithm>

namespace btc::lowering {

namespace {

std::string join_path(const std::string& path, const std::string& member) {
  return path.empty() ? member : path + "." + member;
}

// The bytes of a value btc lays out itself (a pointee that is no kernel record).
uint32_t plain_size(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
  case TypeKind::Enum:
    return t.bits() / 8;
  case TypeKind::Pointer:
    return 8;
  case TypeKind::Str:
    return t.str_size();
  case TypeKind::Array:
    return t.count() * plain_size(*t.pointee());
  case TypeKind::Record:
    return t.record()->size;
  default:
    return 0;
  }
}

AddrSpace or_kernel(AddrSpace space) {
  return space == AddrSpace::None ? AddrSpace::Kernel : space;
}

// The call of prelude read macro `macro` up to its first argument, reading with `reader`:
// `btc_core_int_in(btc_read0, `.
std::string read_macro(const std::string& macro, const std::string& reader) {
  return macro + "_in(" + reader + ", ";
}

// Whether evaluating `e` a second time gives the same value and changes nothing: variables,
// literals and arithmetic on them (no ++, no calls, no map updates).
bool evaluates_again_alike(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Var:
  case ExprKind::Int:
  case ExprKind::Positional:
    return true;
  case ExprKind::Unary:
    if (e.op == Tok::PlusPlus || e.op == Tok::MinusMinus || e.op == Tok::Amp) return false;
    [[fallthrough]];
  case ExprKind::Binary:
  case ExprKind::Cast:
    return std::all_of(e.args.begin(), e.args.end(),
                       [](const auto& a) { return evaluates_again_alike(*a); });
  default:
    return false;
  }
}

KernelFieldKind field_kind(const std::string& event) {
  return event.empty() ? KernelFieldKind::Struct : KernelFieldKind::TracepointRecord;
}

} // namespace

std::string Lowerer::kernel_sizeof(const Type& t) {
  if (t.kind() == TypeKind::Record && t.record()->from_kernel) {
    kernel_.use_record(*t.record());
    return "btc_core_type_size(" + kernel_.c_name(*t.record()) + ")";
  }
  if (t.kind() == TypeKind::Array)
    return "((__u64)" + std::to_string(t.count()) + " * " + kernel_sizeof(*t.pointee()) + ")";
  if (t.kind() == TypeKind::Record) kernel_.use_record(*t.record());
  return "((__u64)" + std::to_string(plain_size(t)) + ")";
}

std::string Lowerer::element_address(const std::string& base, const Type& pointee,
                                     const std::string& index) {
  return "((__u64)(" + base + ") + (__u64)(" + index + ") * " + kernel_sizeof(pointee) + ")";
}

Lowerer::Place Lowerer::place(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Field: {
    const Expr& base = *e.args[0];
    if (base.type.kind() == TypeKind::Args) return args_place(e);
    Place p;
    const RecordDef* holder = nullptr; // the record that has the member
    if (base.type.kind() == TypeKind::Pointer) {
      p.base = ex(base);
      p.space = or_kernel(base.type.addr_space());
      holder = p.record = base.type.pointee()->record();
    } else {
      p = place(base);
      holder = base.type.record();
      // A record reached through '*' or a pointer index starts a path of its own.
      if (!p.record) p.record = holder;
    }
    const RecordField& f = *holder->find(e.name);
    kernel_.use_member(*holder, f);
    p.parent_path = p.path;
    p.path = join_path(p.path, e.name);
    p.type = f.type;
    p.bit_size = f.bit_size;
    p.script_bit_field = f.bit_size && !p.record->from_kernel ? &f : nullptr;
    return p;
  }
  case ExprKind::Index: {
    const Expr& base = *e.args[0];
    const Expr& index = *e.args[1];
    if (base.type.kind() == TypeKind::Pointer) {
      Place p;
      p.type = *base.type.pointee();
      p.base = element_address(ex(base), p.type, ex(index));
      p.space = or_kernel(base.type.addr_space());
      return p;
    }
    Place p = place(base);
    const Type elem = *base.type.pointee();
    if (!p.record) {
      // An array in plain memory (a tracepoint record with the build host's layout).
      p.base = element_address(p.base, elem, ex(index));
    } else if (index.kind == ExprKind::Int) {
      p.path += "[" + std::to_string(index.int_value) + "]";
    } else {
      // A variable index inside a fixed array: a read outside it is 0 (checked for a variable,
      // which the check may evaluate again).
      if (base.type.count() > 0 && evaluates_again_alike(index))
        p.in_bounds = (p.in_bounds.empty() ? "" : p.in_bounds + " && ") + "((__u64)(" + ex(index) +
                      ") < " + std::to_string(base.type.count()) + ")";
      // A variable index scales by the target's element size: the local one is meaningless.
      p.path += "[0]";
      std::string size = p.record && p.record->from_kernel
                             ? "btc_core_size(" + kernel_.c_name(*p.record) + ", " + p.path + ")"
                             : std::to_string(plain_size(elem));
      p.offset = "(" + p.offset + " + (__u64)(" + ex(index) + ") * " + size + ")";
    }
    p.type = elem;
    return p;
  }
  case ExprKind::Deref: {
    Place p;
    p.base = ex(*e.args[0]);
    p.type = e.args[0]->type.kind() == TypeKind::Int ? e.type : *e.args[0]->type.pointee();
    p.space = or_kernel(e.args[0]->type.addr_space());
    return p;
  }
  default:
    throw InternalError("this expression does not lie in kernel memory", e.range);
  }
}

Lowerer::Place Lowerer::args_place(const Expr& e) {
  if (current_type() == ProbeType::Uprobe) return uprobe_arg_place(e);
  if (ctx_.syscalls) return syscall_field_place(e);
  const TracepointFormat& format = *ctx_.target->format;
  const TracepointField& f = *format.find(e.name);
  Place p;
  p.type = e.type;
  if (format.btf_class.empty()) {
    // A record at the build host's offsets: the field's address in the context.
    p.base = "(__u64)&args->" + e.name;
    return p;
  }
  const RecordDef& r = *ctx_.args_record;
  const RecordField* member = r.find(f.member);
  if (!member) throw InternalError("struct " + r.name + " has no member " + f.member, e.range);
  kernel_.use_member(r, *member);
  p.base = "(__u64)args";
  p.record = &r;
  p.path = f.member;
  p.type = member->type;
  p.event = format.category + ":" + format.event;
  return p;
}

std::string Lowerer::read_place(const Expr& e, const std::string& into) {
  if (!in_kernel_memory(e)) return value_member(e);
  // A string: a value on the stack, or with `into` statements filling that C lvalue.
  auto str_value = [&](const std::string& fill, const std::string& t) {
    if (!into.empty()) return zero_big(into, e.type.str_size()) + fill;
    return "({ " + types_.name(e.type) + " " + t + " = {}; " + fill + t + "; })";
  };
  if (e.type.kind() == TypeKind::Record || e.type.kind() == TypeKind::Array)
    return read_aggregate(e);
  Place p = place(e);
  // bpftrace 0.17 places a failed `*p` at the `*`.
  SourceRange at =
      e.kind == ExprKind::Deref ? SourceRange{e.range.begin, e.range.begin + 1} : e.range;
  const std::string reader = checked_read(p.space, false, e, at);
  std::string value;
  if (p.record && !p.path.empty()) {
    if (p.record->from_kernel)
      kernel_fields_.add(p.record->name, p.path, e.range, field_kind(p.event), p.event);
    std::string args = kernel_.c_name(*p.record) + ", " + p.base + ", " + p.path + ", " + p.offset;
    switch (p.type.kind()) {
    case TypeKind::Str: {
      std::string t = into.empty() ? tmp() : into;
      std::string n = std::to_string(e.type.str_size());
      if (!p.record->from_kernel)
        return str_value(reader + "(" + t + ".s, " + n + ", (const char *)(unsigned long)(" +
                             p.base + ") + __builtin_offsetof(" + kernel_.c_name(*p.record) + ", " +
                             p.path + ") + " + p.offset + "); " + t + ".s[" + n + " - 1] = 0; ",
                         t);
      return str_value(read_macro("btc_core_str", reader) + args + ", " + t + ".s, " + n + "); ",
                       t);
    }
    case TypeKind::Pointer:
    case TypeKind::Int:
    case TypeKind::Enum:
    case TypeKind::Bool:
      break;
    default:
      throw InternalError("a value of type " + type_name(p.type) + " cannot be read yet", e.range);
    }
    if (p.script_bit_field) {
      std::string holder = "(__u64)(" + p.base + ") + " + p.offset;
      if (!p.parent_path.empty())
        holder += " + __builtin_offsetof(" + kernel_.c_name(*p.record) + ", " + p.parent_path + ")";
      value = script_bit_field(reader, holder, *p.script_bit_field, e.range);
    } else if (!p.record->from_kernel) {
      std::string addr = "(__u64)(" + p.base + ") + __builtin_offsetof(" +
                         kernel_.c_name(*p.record) + ", " + p.path + ") + " + p.offset;
      value = read_macro("btc_read_int", reader) + addr + ", " +
              std::to_string(plain_size(p.type)) + ", " +
              (p.type.kind() != TypeKind::Pointer && p.type.is_signed() ? "1" : "0") + ")";
    } else if (p.type.kind() == TypeKind::Pointer) {
      value = read_macro("btc_core_ptr", reader) + args + ")";
    } else if (p.path.back() == ']') {
      value = read_macro("btc_core_elem_int", reader) + args + ", " +
              (p.type.is_signed() ? "1" : "0") + ")";
    } else {
      value = read_macro(p.bit_size ? "btc_core_bitfield" : "btc_core_int", reader) + args + ")";
    }
  } else {
    // Plain memory: a pointee or element of a known size.
    if (p.type.kind() == TypeKind::Str) {
      std::string t = into.empty() ? tmp() : into;
      std::string n = std::to_string(e.type.str_size());
      return str_value(reader + "(" + t + ".s, " + n + ", (const void *)(unsigned long)(" + p.base +
                           ")); " + t + ".s[" + n + " - 1] = 0; ",
                       t);
    }
    if (!p.type.is_int())
      throw InternalError("a value of type " + type_name(p.type) + " cannot be read yet", e.range);
    value = read_macro("btc_read_int", reader) + p.base + ", " +
            std::to_string(plain_size(p.type)) + ", " +
            (p.type.kind() != TypeKind::Pointer && p.type.is_signed() ? "1" : "0") + ")";
  }
  if (!into.empty()) return ""; // no string
  if (!p.in_bounds.empty()) value = "(" + p.in_bounds + " ? (__u64)" + value + " : 0)";
  if (e.type.kind() == TypeKind::Int)
    return conv(value, Type::integer(64, e.type.is_signed()), e.type);
  return "((__u64)" + value + ")";
}

std::string Lowerer::read_bytes(const Expr& e, const std::string& dst, uint32_t n) {
  if (!in_kernel_memory(e) && is_big(e.type))
    return "bpf_probe_read_kernel(" + dst + ", " +
           std::to_string(std::min(n, layout_of(e.type).size)) + ", " + big_ref(e) + ")";
  if (!in_kernel_memory(e)) {
    // An array value (a variable, a map value, a function's result): its bytes are btc's.
    std::string v = tmp();
    return "({ " + types_.name(e.type) + " " + v + " = " + ex(e) + "; __builtin_memcpy(" + dst +
           ", &" + v + ", " + std::to_string(std::min(n, layout_of(e.type).size)) + "); })";
  }
  Place p = place(e);
  const std::string size = std::to_string(n);
  const std::string read = probe_read(p.space);
  if (!p.record || p.path.empty())
    return read + "(" + dst + ", " + size + ", (const void *)(unsigned long)(" + p.base + "))";
  const std::string record = kernel_.c_name(*p.record);
  if (!p.record->from_kernel)
    return read + "(" + dst + ", " + size + ", (const char *)(unsigned long)(" + p.base +
           ") + __builtin_offsetof(" + record + ", " + p.path + ") + " + p.offset + ")";
  kernel_fields_.add(p.record->name, p.path, e.range, field_kind(p.event), p.event);
  std::string b = tmp();
  return "({ " + record + " *" + b + " = (" + record + " *)(unsigned long)(" + p.base + "); " +
         read + "(" + dst + ", " + size + ", (const char *)__builtin_preserve_access_index(&" + b +
         "->" + p.path + ") + " + p.offset + "); })";
}

std::string Lowerer::address_of(const Expr& e) {
  Place p = place(e);
  if (!p.record || p.path.empty()) return "((__u64)(" + p.base + "))";
  const std::string record = kernel_.c_name(*p.record);
  if (!p.record->from_kernel)
    return "((__u64)(" + p.base + ") + __builtin_offsetof(" + record + ", " + p.path + ") + " +
           p.offset + ")";
  kernel_fields_.add(p.record->name, p.path, e.range, field_kind(p.event), p.event);
  std::string b = tmp();
  return "({ " + record + " *" + b + " = (" + record + " *)(unsigned long)(" + p.base +
         "); (__u64)((const char *)__builtin_preserve_access_index(&" + b + "->" + p.path + ") + " +
         p.offset + "); })";
}

std::string Lowerer::offsetof_expr(const Expr& e) {
  const RecordDef& r = *e.cast_type.record();
  // Every record on the path is declared with the members it passes through.
  const RecordDef* at = &r;
  size_t start = 0;
  while (at) {
    size_t dot = e.name.find('.', start);
    std::string part = e.name.substr(start, dot == std::string::npos ? dot : dot - start);
    const RecordField* f = at->find(part);
    kernel_.use_member(*at, *f);
    at =
        dot == std::string::npos || f->type.kind() != TypeKind::Record ? nullptr : f->type.record();
    start = dot + 1;
  }
  if (!r.from_kernel)
    return "((__u64)__builtin_offsetof(" + kernel_.c_name(r) + ", " + e.name + "))";
  kernel_fields_.add(r.name, e.name, e.range, KernelFieldKind::Struct);
  return "btc_core_offset(" + kernel_.c_name(r) + ", " + e.name + ")";
}

bool Lowerer::in_kernel_memory(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Field:
  case ExprKind::Index: {
    const Type& base = e.args[0]->type;
    // A pointer's target, and a tracepoint's record (`args.saddr_v6`), are memory to read.
    if (base.kind() == TypeKind::Pointer || base.kind() == TypeKind::Args) return true;
    return (base.kind() == TypeKind::Record || base.kind() == TypeKind::Array) &&
           in_kernel_memory(*e.args[0]);
  }
  case ExprKind::Deref:
    return true;
  default:
    return false;
  }
}

namespace {

// A value-layout member of integer kind read as a 64-bit value of `want` (Int), as every
// integer is once read.
std::string widen(const std::string& c, const Type& member, const Type& want) {
  if (member.kind() == TypeKind::Int || member.kind() == TypeKind::Enum)
    return std::string(want.is_signed() ? "((__s64)" : "((__u64)") + c + ")";
  return "((__u64)" + c + ")";
}

bool is_scalar(const Type& t) {
  return t.kind() == TypeKind::Int || t.kind() == TypeKind::Enum || t.kind() == TypeKind::Bool ||
         t.kind() == TypeKind::Pointer;
}

} // namespace

size_t Lowerer::value_member_index(const RecordDef& r, const std::string& name,
                                   const SourceRange& range) {
  std::vector<const RecordField*> members = value_members(r);
  for (size_t i = 0; i < members.size(); ++i)
    if (members[i]->name == name) return i;
  throw InternalError("a record value without member '" + name + "'", range);
}

std::string Lowerer::value_member(const Expr& e) {
  const Expr& base = *e.args[0];
  // A big value is reached through its address: a copy would not fit on the stack.
  std::string whole = is_big(base.type) ? "(*" + big_ref(base) + ")" : ex(base);
  if (e.kind == ExprKind::Field) {
    const RecordDef& r = *base.type.record();
    size_t i = value_member_index(r, e.name, e.range);
    std::string m = "(" + whole + ").f" + std::to_string(i);
    const Type& member = value_members(r)[i]->type;
    return is_scalar(member) ? widen(m, member, e.type) : m;
  }
  if (e.kind != ExprKind::Index)
    throw InternalError("this expression is no member of a value", e.range);
  const Type& elem = *base.type.pointee();
  const Expr& index = *e.args[1];
  std::string at;
  if (index.kind == ExprKind::Int) {
    at = "(" + whole + ").a[" + std::to_string(index.int_value) + "]";
  } else if (is_big(base.type)) {
    std::string v = tmp(), i = tmp(), out = tmp();
    at = "({ " + types_.name(base.type) + " *" + v + " = " + big_ref(base) + "; " +
         types_.member_name(elem) + " " + out + " = {}; __u64 " + i + " = " + ex(index) + "; if (" +
         i + " < " + std::to_string(base.type.count()) + ") " + out + " = " + v + "->a[" + i +
         "]; " + out + "; })";
  } else {
    // Outside the array the element reads as zero: the verifier needs the bound.
    std::string v = tmp(), i = tmp(), out = tmp();
    at = "({ " + types_.name(base.type) + " " + v + " = " + whole + "; " +
         types_.member_name(elem) + " " + out + " = {}; __u64 " + i + " = " + ex(index) + "; if (" +
         i + " < " + std::to_string(base.type.count()) + ") " + out + " = " + v + ".a[" + i +
         "]; " + out + "; })";
  }
  return is_scalar(elem) ? widen(at, elem, e.type) : at;
}

std::string Lowerer::read_aggregate(const Expr& e, const std::string& into) {
  Place p = place(e);
  const bool big = !into.empty();
  // A big value is filled by a function of its own (one per type and member path), called for
  // each copy: inline, a few copies of a large struct would exceed the 32767 instructions a
  // BPF jump can span.
  std::string t = big ? "(*__dst)" : tmp(), base = big ? "__base" : tmp(),
              off = big ? "__off" : tmp();
  std::string out;
  if (!big) {
    // The address and the variable offset once: every member is read from them.
    out = "({ " + types_.name(e.type) + " " + t + " = {}; __u64 " + base + " = " + p.base +
          "; __u64 " + off + " = " + p.offset + "; ";
  }
  std::string fill;
  guard_missing_ = big;
  if (p.record) {
    if (p.record->from_kernel && !p.path.empty())
      kernel_fields_.add(p.record->name, p.path, e.range, KernelFieldKind::Struct);
    fill = copy_aggregate(t, *p.record, base, p.path, off, e.type, 0, e.range, p.space);
  } else if (e.type.kind() == TypeKind::Record) {
    kernel_.use_record(*e.type.record());
    fill = copy_aggregate(t, *e.type.record(), base, "", off, e.type, 0, e.range, p.space);
  } else if (is_scalar(*e.type.pointee()) && e.type.pointee()->kind() != TypeKind::Pointer) {
    // An array in plain memory: btc's layout of integers is the memory's.
    fill = "bpf_probe_read_kernel(&" + t + ", sizeof(" + t + "), (const void *)(unsigned long)(" +
           base + ")); ";
  } else {
    throw InternalError("an array of " + type_name(*e.type.pointee()) +
                            " outside a record cannot be copied",
                        e.range);
  }
  guard_missing_ = false;
  if (!big) return out + fill + t + "; })";
  const std::string type = types_.name(e.type);
  std::string signature = "(" + type + " *__dst, __u64 __base, __u64 __off)";
  auto [it, added] = fill_functions_.try_emplace(
      signature + fill, "btc_fill" + std::to_string(fill_functions_.size()));
  if (added)
    decls_.line("static __attribute__((noinline)) int " + it->second + signature + " {\n  " + fill +
                "\n  return 0;\n}\n");
  return "{ " + zero_big(into, layout_of(e.type).size) + it->second + "(&" + into + ", " + p.base +
         ", " + p.offset + "); } ";
}

std::string Lowerer::script_bit_field(const std::string& reader, const std::string& record_address,
                                      const RecordField& f, const SourceRange& range) {
  uint32_t bytes = (f.bit_offset + f.bit_size + 7) / 8;
  if (bytes > 8) throw InternalError("bit field '" + f.name + "' spans more than 8 bytes", range);
  bool is_signed = f.type.kind() != TypeKind::Bool && f.type.is_signed();
  return read_macro("btc_read_bits", reader) + record_address + " + " + std::to_string(f.offset) +
         ", " + std::to_string(bytes) + ", " + std::to_string(f.bit_offset) + ", " +
         std::to_string(f.bit_size) + ", " + (is_signed ? "1" : "0") + ")";
}

std::string Lowerer::copy_aggregate(const std::string& dst, const RecordDef& holder,
                                    const std::string& base, const std::string& path,
                                    const std::string& offset, const Type& t, uint8_t bit_size,
                                    const SourceRange& range, AddrSpace space) {
  const std::string record = kernel_.c_name(holder);
  const bool core = holder.from_kernel;
  // Plain memory: the script's own record, at its declared layout.
  const std::string plain_addr =
      "(__u64)(" + base + ") + __builtin_offsetof(" + record + ", " + path + ") + " + offset;
  const std::string args = record + ", " + base + ", " + path + ", " + offset;
  // The helper that reads the memory's address space (a syscall's user struct, say).
  const std::string reader = probe_read(space);
  auto note = [&] {
    if (core) kernel_fields_.add(holder.name, path, range, KernelFieldKind::Struct);
  };
  // A big value's member the running kernel lacks reads as zeroes (its slot is zeroed): a large
  // struct such as task_struct gains and loses members between kernels. libbpf leaves the
  // failed relocations in the branch the verifier knows is never taken.
  auto guarded = [&](const std::string& code) {
    if (!guard_missing_) return code;
    return "if (__builtin_preserve_field_info(((" + record + " *)0)->" + path +
           ", BTC_FIELD_EXISTS)) { " + code + "} ";
  };
  switch (t.kind()) {
  case TypeKind::Record: {
    std::string out;
    std::vector<const RecordField*> members = value_members(*t.record());
    for (size_t i = 0; i < members.size(); ++i) {
      const RecordField& f = *members[i];
      kernel_.use_member(*t.record(), f);
      if (!core && f.bit_size) {
        std::string at = "(__u64)(" + base + ") + " + offset;
        if (!path.empty()) at += " + __builtin_offsetof(" + record + ", " + path + ")";
        out += dst + ".f" + std::to_string(i) + " = (" + types_.member_name(f.type) + ")" +
               script_bit_field(probe_read(space), at, f, range) + "; ";
        continue;
      }
      std::string sub = path.empty() ? f.name : path + "." + f.name;
      out += copy_aggregate(dst + ".f" + std::to_string(i), holder, base, sub, offset, f.type,
                            f.bit_size, range, space);
    }
    return out;
  }
  case TypeKind::Array: {
    const Type& elem = *t.pointee();
    if (is_scalar(elem) && elem.kind() != TypeKind::Pointer) {
      // Integers lie in the kernel as in btc's layout: one read of the target's array,
      // at most as long as btc's.
      note();
      if (!core)
        return probe_read(space) + "(&" + dst + ", sizeof(" + dst + "), (const void *)(" +
               plain_addr + ")); ";
      std::string b = tmp(), sz = tmp();
      return guarded("{ " + record + " *" + b + " = (" + record + " *)(unsigned long)(" + base +
                     "); __u32 " + sz + " = __builtin_preserve_field_info(" + b + "->" + path +
                     ", BTC_FIELD_BYTE_SIZE); " + reader + "(&" + dst + ", " + sz + " > sizeof(" +
                     dst + ") ? sizeof(" + dst + ") : " + sz +
                     ", (const char *)__builtin_preserve_access_index(&" + b + "->" + path +
                     ") + " + offset + "); } ");
    }
    std::string out;
    for (uint32_t i = 0; i < t.count(); ++i)
      out += copy_aggregate(dst + ".a[" + std::to_string(i) + "]", holder, base,
                            path + "[" + std::to_string(i) + "]", offset, elem, 0, range, space);
    return out;
  }
  case TypeKind::Str: {
    note();
    std::string n = std::to_string(t.str_size());
    if (!core)
      return probe_read(space) + "(" + dst + ".s, " + n + ", (const void *)(" + plain_addr +
             ")); " + dst + ".s[" + n + " - 1] = 0; ";
    return guarded(read_macro("btc_core_str", reader) + args + ", " + dst + ".s, " + n + "); ");
  }
  case TypeKind::Pointer:
    note();
    if (!core)
      return dst + " = " + read_macro("btc_read_int", probe_read(space)) + plain_addr + ", 8, 0); ";
    return guarded(dst + " = " + read_macro("btc_core_ptr", reader) + args + "); ");
  case TypeKind::Int:
  case TypeKind::Enum:
  case TypeKind::Bool: {
    note();
    bool is_signed = t.kind() != TypeKind::Bool && t.is_signed();
    std::string value;
    if (!core)
      value = read_macro("btc_read_int", probe_read(space)) + plain_addr + ", " +
              std::to_string(member_layout(t).size) + ", " + (is_signed ? "1" : "0") + ")";
    else if (bit_size)
      value = read_macro("btc_core_bitfield", reader) + args + ")";
    else if (path.back() == ']')
      value = read_macro("btc_core_elem_int", reader) + args + ", " + (is_signed ? "1" : "0") + ")";
    else
      value = read_macro("btc_core_int", reader) + args + ")";
    std::string code = dst + " = (" + types_.member_name(t) + ")" + value + "; ";
    return core ? guarded(code) : code;
  }
  default:
    throw InternalError("a member of type " + type_name(t) + " cannot be copied", range);
  }
}

bool Lowerer::is_big(const Type& t) const {
  if (t.kind() != TypeKind::Record && t.kind() != TypeKind::Array && t.kind() != TypeKind::Tuple &&
      t.kind() != TypeKind::Str)
    return false;
  uint32_t limit = sema_.config.on_stack_limit;
  if (limit == 0) {
    // Unless the script sets the limit, strings stay on the stack as they always did at
    // bpftrace's default max_strlen; with a larger one, those over the default size go to map
    // memory. So does a long string literal (or a probe's long name) at the default: Clang
    // cannot copy over about 1 KiB on the BPF stack, and the stack has 512 bytes.
    if (t.is_str() && sema_.config.max_strlen <= kStrLen && t.str_size() <= kMaxValueBytes)
      return false;
    limit = t.is_str() ? kStrLen : kMaxValueBytes;
  }
  return layout_of(t).size > limit;
}

std::string Lowerer::big_slot(const Type& t) {
  Layout l = layout_of(t);
  uint32_t at = (big_bytes_ + 7) / 8 * 8;
  big_bytes_ = at + l.size;
  // A program never runs nested in itself on one CPU: one slot per use and CPU suffices.
  return "((" + types_.name(t) + " *)((char *)__big + " + std::to_string(at) + "))";
}

std::string Lowerer::zero_big(const std::string& dst, uint32_t bytes) {
  // From the zeroed global buffer: BPF has no memset beyond 128 stores.
  max_value_size_ = std::max(max_value_size_, bytes);
  return "bpf_probe_read_kernel(&" + dst + ", " + std::to_string(bytes) + ", BTC_ZERO_BUFFER); ";
}

std::string Lowerer::big_ref(const Expr& e) {
  const std::string type = types_.name(e.type);
  // A string made as it is anywhere else (comm, a builtin's name, a string parameter, a
  // tracepoint's string field), then copied into a slot.
  auto copied = [&] {
    if (!e.type.is_str())
      throw InternalError("a value of type " + type_name(e.type) + " has no address", e.range);
    std::string p = tmp();
    value_here_ = true;
    std::string value = ex(e);
    return "({ " + type + " *" + p + " = " + big_slot(e.type) + "; *" + p + " = " + value + "; " +
           p + "; })";
  };
  if (in_kernel_memory(e) && e.type.is_str()) {
    // A char array read where it goes: a copy on the stack would not fit there.
    std::string p = tmp();
    std::string fill = read_place(e, "(*" + p + ")");
    if (fill.empty()) return copied();
    return "({ " + type + " *" + p + " = " + big_slot(e.type) + "; " + fill + p + "; })";
  }
  if (in_kernel_memory(e)) {
    std::string p = tmp();
    return "({ " + type + " *" + p + " = " + big_slot(e.type) + "; " +
           read_aggregate(e, "(*" + p + ")") + p + "; })";
  }
  switch (e.kind) {
  case ExprKind::Var:
    return "(&" + var_ref(e.var_key) + ")";
  case ExprKind::Map: {
    // A missing entry reads as zeroes, as every map value does.
    const MapInfo& info = map_info(e);
    max_value_size_ = std::max(max_value_size_, layout_of(info.value).size);
    auto [decl, key] = key_at(e, tmp());
    std::string p = tmp();
    return "({ " + decl + "; " + type + " *" + p + " = bpf_map_lookup_elem(&" + map_c_name(e.name) +
           ", " + key + "); " + p + " ? " + p + " : (" + type + " *)BTC_ZERO_BUFFER; })";
  }
  case ExprKind::Field: {
    const Expr& base = *e.args[0];
    if (base.type.kind() != TypeKind::Record) return copied();
    size_t i = value_member_index(*base.type.record(), e.name, e.range);
    return "(&(*" + big_ref(base) + ").f" + std::to_string(i) + ")";
  }
  case ExprKind::Index: {
    const Expr& base = *e.args[0];
    const Expr& index = *e.args[1];
    if (index.kind == ExprKind::Int)
      return "(&(*" + big_ref(base) + ").a[" + std::to_string(index.int_value) + "])";
    // Outside the array the element reads as zeroes: the verifier needs the bound.
    max_value_size_ = std::max(max_value_size_, layout_of(e.type).size);
    std::string v = tmp(), i = tmp();
    return "({ " + types_.name(base.type) + " *" + v + " = " + big_ref(base) + "; __u64 " + i +
           " = " + ex(index) + "; " + i + " < " + std::to_string(base.type.count()) + " ? &" + v +
           "->a[" + i + "] : (" + type + " *)BTC_ZERO_BUFFER; })";
  }
  case ExprKind::Ternary:
    return "((" + ex(*e.args[0]) + ") ? " + big_ref(*e.args[1]) + " : " + big_ref(*e.args[2]) + ")";
  case ExprKind::Tuple: {
    // Built in a slot of its own, zeroed first so that its padding compares equal as a map key.
    std::string p = tmp();
    std::string out = "({ " + type + " *" + p + " = " + big_slot(e.type) + "; " +
                      zero_big("(*" + p + ")", layout_of(e.type).size);
    for (size_t i = 0; i < e.args.size(); ++i)
      out += fill_value("(*" + p + ").f" + std::to_string(i), *e.args[i], e.type.elems()[i]);
    return out + p + "; })";
  }
  case ExprKind::String: {
    // A long literal is read from .rodata, never built on the stack.
    std::string name = "btc_lit" + tmp();
    globals_.global("const char", name, e.type.str_size(), c_string_literal(e.str_value));
    return "((" + type + " *)(void *)" + name + ")";
  }
  case ExprKind::Call:
    if (e.function == FunctionId::Str && !str_param(*e.args[0]) && !e.args[0]->type.is_str()) {
      // Read where it goes, zeroed first: bytes after the NUL count in a map key.
      const Expr& a = *e.args[0];
      std::string p = tmp(), n = tmp();
      std::string size = std::to_string(e.type.str_size());
      std::string out = "({ " + type + " *" + p + " = " + big_slot(e.type) + "; " +
                        zero_big("(*" + p + ")", e.type.str_size()) + "__u64 " + n + " = " + size +
                        "; ";
      if (e.args.size() == 2)
        out += n + " = " + ex(*e.args[1]) + " + 1; if (" + n + " > " + size + ") " + n + " = " +
               size + "; ";
      return out + checked_read(a.type.addr_space(), true, e, e.range) + "(" + p + "->s, " + n +
             ", (const void *)(" + ex(a) + ")); " + p + "; })";
    }
    if (e.function == FunctionId::Str && str_param(*e.args[0])) {
      // A string parameter: read from its .rodata global into a slot.
      std::string p = tmp();
      return "({ " + type + " *" + p + " = " + big_slot(e.type) + "; " +
             param_str_read(p + "->s", e) + p + "; })";
    }
    if (e.function == FunctionId::Str && types_.name(e.args[0]->type) == type)
      return big_ref(*e.args[0]);
    [[fallthrough]];
  default:
    return copied();
  }
}

std::string Lowerer::fill_value(const std::string& dst, const Expr& e, const Type& to,
                                bool tail_free) {
  if (to.is_str() && e.type.is_str()) {
    std::string code = str_in_place(dst + ".s", to.str_size(), e, tail_free);
    if (!code.empty()) return code;
  }
  if (!is_big(e.type) && is_big(to) && e.type.is_str()) {
    // A shorter string into a big one: its bytes, then zeroes, never the whole on the stack.
    std::string t = tmp();
    return zero_big(dst, to.str_size()) + "{ " + types_.name(e.type) + " " + t + " = " + ex(e) +
           "; __builtin_memcpy(&" + dst + ", &" + t + ", " + std::to_string(e.type.str_size()) +
           "); } ";
  }
  if (!is_big(e.type)) return dst + " = " + conv(ex(e), e.type, to) + "; ";
  if (in_kernel_memory(e) && !e.type.is_str()) return read_aggregate(e, dst);
  return "bpf_probe_read_kernel(&" + dst + ", " + std::to_string(layout_of(e.type).size) + ", " +
         big_ref(e) + "); ";
}

std::string Lowerer::aggregate_equal(const Expr& e) {
  const Expr& a = *e.args[0];
  const Expr& b = *e.args[1];
  if (is_big(a.type)) {
    // In map memory, through their addresses, in a loop (unrolled, its loads would be spilled
    // to the stack) that ORs the differences: no branch per element, so the verifier walks it
    // once. By words where the layout allows.
    Layout l = layout_of(a.type);
    bool words = l.size % 8 == 0 && l.align >= 8;
    std::string unit = words ? "__u64" : "__u8";
    std::string pa = tmp(), pb = tmp(), diff = tmp(), i = tmp();
    return "({ const " + unit + " *" + pa + " = (const " + unit + " *)" + big_ref(a) + "; const " +
           unit + " *" + pb + " = (const " + unit + " *)" + big_ref(b) + "; __u64 " + diff +
           " = 0; _Pragma(\"clang loop unroll(disable)\") for (__u32 " + i + " = 0; " + i + " < " +
           std::to_string(words ? l.size / 8 : l.size) + "; " + i + "++) " + diff + " |= " + pa +
           "[" + i + "] ^ " + pb + "[" + i + "]; (__u64)(" + diff +
           (e.op == Tok::Ne ? " != 0); })" : " == 0); })");
  }
  std::string ta = tmp(), tb = tmp(), pa = tmp(), pb = tmp(), eq = tmp(), i = tmp();
  // Both sides are zeroed before they are filled, so padding compares equal. A loop of byte
  // compares, unrolled: BPF has no memcmp.
  return "({ " + types_.name(a.type) + " " + ta + " = " + ex(a) + "; " + types_.name(b.type) + " " +
         tb + " = " + ex(b) + "; const __u8 *" + pa + " = (const __u8 *)&" + ta + ", *" + pb +
         " = (const __u8 *)&" + tb + "; __u64 " + eq +
         " = 1; _Pragma(\"clang loop unroll(full)\") for (__u32 " + i + " = 0; " + i +
         " < sizeof(" + ta + "); " + i + "++) " + eq + " &= " + pa + "[" + i + "] == " + pb + "[" +
         i + "]; " + (e.op == Tok::Ne ? "!" : "") + eq + "; })";
}

} // namespace btc::lowering
