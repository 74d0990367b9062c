// Kernel data: '->', '.', '[]' and '*' on kernel pointers and records, sizeof and offsetof of
// kernel types. A chain of '.' and constant '[]' from one pointer is one member path, so it is
// one CO-RE relocation; every pointer step is a probe read of a relocated address.
#include "lower/lowerer.h"

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

// The call of prelude read macro `macro` up to its first argument: `btc_core_int(` for kernel
// memory, `btc_core_int_in(bpf_probe_read_user, ` for user memory.
std::string read_macro(const std::string& macro, AddrSpace space) {
  if (space == AddrSpace::Kernel) return macro + "(";
  return macro + "_in(" + probe_read(space) + ", ";
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
    p.path = join_path(p.path, e.name);
    p.type = f.type;
    p.bit_size = f.bit_size;
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
  p.base = "args";
  p.record = &r;
  p.path = f.member;
  p.type = member->type;
  p.event = format.category + ":" + format.event;
  return p;
}

std::string Lowerer::read_place(const Expr& e) {
  Place p = place(e);
  std::string value;
  if (p.record && !p.path.empty()) {
    if (p.record->from_kernel)
      kernel_fields_.add(p.record->name, p.path, e.range, field_kind(p.event), p.event);
    std::string args = kernel_.c_name(*p.record) + ", " + p.base + ", " + p.path + ", " + p.offset;
    switch (p.type.kind()) {
    case TypeKind::Str: {
      std::string t = tmp();
      std::string n = std::to_string(e.type.str_size());
      if (!p.record->from_kernel)
        return "({ " + types_.name(e.type) + " " + t + " = {}; " + probe_read(p.space) + "(" + t +
               ".s, " + n + ", (const char *)(unsigned long)(" + p.base +
               ") + __builtin_offsetof(" + kernel_.c_name(*p.record) + ", " + p.path + ") + " +
               p.offset + "); " + t + ".s[" + n + " - 1] = 0; " + t + "; })";
      return "({ " + types_.name(e.type) + " " + t + " = {}; " +
             read_macro("btc_core_str", p.space) + args + ", " + t + ".s, " + n + "); " + t +
             "; })";
    }
    case TypeKind::Pointer:
    case TypeKind::Int:
    case TypeKind::Enum:
    case TypeKind::Bool:
      break;
    default:
      throw InternalError("a value of type " + type_name(p.type) + " cannot be read yet", e.range);
    }
    if (!p.record->from_kernel) {
      std::string addr = "(__u64)(" + p.base + ") + __builtin_offsetof(" +
                         kernel_.c_name(*p.record) + ", " + p.path + ") + " + p.offset;
      value = read_macro("btc_read_int", p.space) + addr + ", " +
              std::to_string(plain_size(p.type)) + ", " +
              (p.type.kind() != TypeKind::Pointer && p.type.is_signed() ? "1" : "0") + ")";
    } else if (p.type.kind() == TypeKind::Pointer) {
      value = read_macro("btc_core_ptr", p.space) + args + ")";
    } else if (p.path.back() == ']') {
      value = read_macro("btc_core_elem_int", p.space) + args + ", " +
              (p.type.is_signed() ? "1" : "0") + ")";
    } else {
      value = read_macro(p.bit_size ? "btc_core_bitfield" : "btc_core_int", p.space) + args + ")";
    }
  } else {
    // Plain memory: a pointee or element of a known size.
    if (p.type.kind() == TypeKind::Str) {
      std::string t = tmp();
      std::string n = std::to_string(e.type.str_size());
      return "({ " + types_.name(e.type) + " " + t + " = {}; " + probe_read(p.space) + "(" + t +
             ".s, " + n + ", (const void *)(unsigned long)(" + p.base + ")); " + t + ".s[" + n +
             " - 1] = 0; " + t + "; })";
    }
    if (!p.type.is_int())
      throw InternalError("a value of type " + type_name(p.type) + " cannot be read yet", e.range);
    value = read_macro("btc_read_int", p.space) + p.base + ", " +
            std::to_string(plain_size(p.type)) + ", " +
            (p.type.kind() != TypeKind::Pointer && p.type.is_signed() ? "1" : "0") + ")";
  }
  if (e.type.kind() == TypeKind::Int)
    return conv(value, Type::integer(64, e.type.is_signed()), e.type);
  return "((__u64)" + value + ")";
}

std::string Lowerer::read_bytes(const Expr& e, const std::string& dst, uint32_t n) {
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

} // namespace btc::lowering
