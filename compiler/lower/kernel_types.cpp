#include "lower/kernel_types.h"

#include "diag/internal_error.h"

#include <algorithm>

namespace btc {

namespace {

std::string int_c_type(const Type& t) {
  uint8_t bits = t.kind() == TypeKind::Bool ? 8 : t.bits();
  if (bits != 8 && bits != 16 && bits != 32 && bits != 64)
    throw InternalError("no C integer type of " + std::to_string(bits) + " bits");
  return std::string(t.is_signed() ? "__s" : "__u") + std::to_string(bits);
}

// The bytes a member of a script's record takes (its declared layout).
uint32_t layout_size(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
  case TypeKind::Enum:
    return t.bits() / 8;
  case TypeKind::Bool:
    return 1;
  case TypeKind::Pointer:
    return 8;
  case TypeKind::Str:
    return t.str_size();
  case TypeKind::Array:
    return t.count() * layout_size(*t.pointee());
  case TypeKind::Record:
    return t.record()->size;
  default:
    throw InternalError("a record member of type " + type_name(t) + " has no size");
  }
}

} // namespace

KernelTypes::Entry& KernelTypes::entry(const RecordDef& r) {
  auto it = records_.find(&r);
  if (it != records_.end()) return it->second;
  Entry e;
  e.def = &r;
  // Anonymous records get a name of their own: a member's composite type is matched by the
  // members accessed through it, not by its name.
  std::string name = r.name.empty() ? "__btc_anon" + std::to_string(anonymous_++) : r.name;
  e.c_name = std::string(r.is_union ? "union " : "struct ") + c_ident(name) +
             (r.from_kernel ? "___btc" : "");
  order_.push_back(&r);
  return records_.emplace(&r, std::move(e)).first->second;
}

std::string KernelTypes::c_name(const RecordDef& r) {
  return entry(r).c_name;
}

void KernelTypes::use_record(const RecordDef& r) {
  Entry& e = entry(r);
  if (e.complete) return;
  e.complete = true;
  // A record the script declares is written whole, so whatever its members need comes too.
  if (!r.from_kernel)
    for (const RecordField& f : r.members()) need(f.type);
}

void KernelTypes::use_member(const RecordDef& r, const RecordField& field) {
  use_record(r);
  Entry& e = entry(r);
  if (!r.from_kernel) return;
  if (std::find(e.used.begin(), e.used.end(), &field) != e.used.end()) return;
  e.used.push_back(&field);
  need(field.type);
}

void KernelTypes::use_absent_member(const RecordDef& r, RecordField field) {
  use_record(r);
  Entry& e = entry(r);
  for (const RecordField* f : e.used)
    if (f->name == field.name) return;
  absent_.push_back(std::move(field));
  e.used.push_back(&absent_.back());
  need(absent_.back().type);
}

void KernelTypes::need(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Pointer:
    if (t.pointee() && t.pointee()->kind() == TypeKind::Record) entry(*t.pointee()->record());
    return;
  case TypeKind::Array:
    need(*t.pointee());
    return;
  case TypeKind::Record:
    use_record(*t.record());
    return;
  case TypeKind::Enum:
    if (!t.enum_def()->name.empty() && !enum_name(t.enum_def()))
      enums_.emplace_back(t.enum_def(), "enum " + c_ident(t.enum_def()->name) + "___btc");
    return;
  default:
    return;
  }
}

const std::string* KernelTypes::enum_name(const EnumDef* d) const {
  for (const auto& [def, name] : enums_)
    if (def == d) return &name;
  return nullptr;
}

std::string KernelTypes::declarator(const Type& t, const std::string& name) {
  switch (t.kind()) {
  case TypeKind::Int:
  case TypeKind::Bool:
    return int_c_type(t) + " " + name;
  case TypeKind::Enum: {
    // CO-RE matches an enum member only with an enum of the same name: an integer would not do.
    if (const std::string* tag = enum_name(t.enum_def())) return *tag + " " + name;
    return "enum { __btc_enum" + std::to_string(anonymous_++) + " } " + name;
  }
  case TypeKind::Str:
    return "char " + name + "[" + std::to_string(t.str_size()) + "]";
  case TypeKind::Pointer:
    if (t.pointee() && t.pointee()->kind() == TypeKind::Record)
      return c_name(*t.pointee()->record()) + " *" + name;
    return "void *" + name;
  case TypeKind::Array:
    return declarator(*t.pointee(), name + "[" + std::to_string(t.count()) + "]");
  case TypeKind::Record:
    return c_name(*t.record()) + " " + name;
  default:
    throw InternalError("a kernel member of type " + type_name(t) + " has no C declaration");
  }
}

void KernelTypes::write_record(CWriter& out, const Entry& e, std::set<const RecordDef*>& written) {
  if (!e.complete || written.count(e.def)) return;
  written.insert(e.def);
  // Embedded records first: C needs them complete.
  auto embedded = [&](const Type& t) {
    const Type* at = &t;
    while (at->kind() == TypeKind::Array) at = at->pointee();
    if (at->kind() == TypeKind::Record) write_record(out, records_.at(at->record()), written);
  };
  std::vector<std::string> members;
  if (e.def->from_kernel) {
    for (const RecordField* f : e.used) {
      embedded(f->type);
      std::string d = declarator(f->type, c_ident(f->name));
      if (f->bit_size) d += " : " + std::to_string(f->bit_size);
      members.push_back(d);
    }
    out.line(e.c_name + " {" + (members.empty() ? "" : " ") + [&] {
      std::string s;
      for (const auto& m : members) s += m + "; ";
      return s;
    }() + "} __attribute__((preserve_access_index));");
    return;
  }
  // A script's own record: its members at their declared offsets, padding made explicit. Bit
  // fields are left to the padding: btc reads their bytes at the offsets Clang gave them.
  uint32_t at = 0;
  int pad = 0;
  bool bit_fields = false;
  for (const RecordField& f : e.def->members()) {
    embedded(f.type);
    if (f.bit_size) {
      bit_fields = true;
      continue;
    }
    if (!e.def->is_union && f.offset > at)
      members.push_back("char __btc_pad" + std::to_string(pad++) + "[" +
                        std::to_string(f.offset - at) + "]");
    members.push_back(declarator(f.type, c_ident(f.name)));
    at = f.offset + layout_size(f.type);
  }
  if (e.def->is_union && bit_fields)
    members.push_back("char __btc_pad" + std::to_string(pad++) + "[" + std::to_string(e.def->size) +
                      "]");
  if (!e.def->is_union && e.def->size > at)
    members.push_back("char __btc_pad" + std::to_string(pad++) + "[" +
                      std::to_string(e.def->size - at) + "]");
  std::string body;
  for (const auto& m : members) body += m + "; ";
  out.line(e.c_name + " { " + body + "} __attribute__((packed));");
  out.static_assertion("sizeof(" + e.c_name + ") == " + std::to_string(e.def->size),
                       "btc layout: " + e.c_name + " size");
}

std::pair<std::string, std::string> KernelTypes::use_enumerator(const EnumDef& def,
                                                                const std::string& name) {
  need(Type::enum_of(def));
  auto& names = enumerators_[&def];
  std::string local = c_ident(name) + "___btc";
  if (std::find(names.begin(), names.end(), local) == names.end()) names.push_back(local);
  return {*enum_name(&def), local};
}

void KernelTypes::write(CWriter& out) {
  if (records_.empty() && enumerators_.empty()) return;
  int n = 0;
  for (const auto& [def, name] : enums_) {
    std::string body = "__btc_enum_" + c_ident(def->name) + std::to_string(n++);
    auto it = enumerators_.find(def);
    if (it != enumerators_.end())
      for (const std::string& e : it->second) body += ", " + e;
    out.line(name + " { " + body + " };");
  }
  for (const RecordDef* r : order_) out.line(records_.at(r).c_name + ";");
  std::set<const RecordDef*> written;
  for (const RecordDef* r : order_) write_record(out, records_.at(r), written);
}

} // namespace btc
