#include "types/types.h"

#include <deque>
#include <map>
#include <mutex>

namespace btc {

namespace {

// Every interned piece lives here until the process ends; the maps index them by a key that
// identifies their structure (records and enums: by kind and name when they have one).
struct Interned {
  std::mutex lock;
  std::deque<Type> types;
  std::deque<RecordDef> records;
  std::deque<EnumDef> enums;
  std::map<std::string, const Type*> type_index;
  std::map<std::string, const RecordDef*> record_index;
  std::map<std::string, const EnumDef*> enum_index;
};

Interned& interned() {
  static Interned table;
  return table;
}

std::string address_key(const void* p) {
  return std::to_string(reinterpret_cast<uintptr_t>(p));
}

// A string that two types share exactly when they are equal (operator==).
std::string type_key(const Type& t) {
  std::string k = std::to_string(static_cast<int>(t.kind)) + ":";
  switch (t.kind) {
  case TypeKind::Int:
    return k + std::to_string(t.bits) + (t.is_signed ? "s" : "u");
  case TypeKind::Str:
    return k + std::to_string(t.str_size);
  case TypeKind::Tuple:
    k += "(";
    for (const Type& e : t.elems) k += type_key(e) + ",";
    return k + ")";
  case TypeKind::Pointer:
    return k + std::to_string(static_cast<int>(t.addr_space)) + (t.points_to_char ? "c" : "") +
           address_key(t.pointee);
  case TypeKind::Array:
    return k + std::to_string(t.count) + "x" + address_key(t.pointee);
  case TypeKind::Record:
    return k + address_key(t.record);
  case TypeKind::Enum:
    return k + address_key(t.enum_def);
  case TypeKind::Stack:
    return k + (t.user_stack ? "u" : "k") + std::to_string(t.count) + "m" +
           std::to_string(static_cast<int>(t.stack_mode));
  case TypeKind::Timestamp:
    return k + t.strftime_fmt;
  case TypeKind::LHist:
    return k + std::to_string(t.lhist_min) + "," + std::to_string(t.lhist_max) + "," +
           std::to_string(t.lhist_step);
  default:
    return k;
  }
}

std::string record_layout_key(const RecordDef& def) {
  std::string k = std::to_string(def.size) + "{";
  for (const RecordField& f : def.fields)
    k += f.name + ":" + type_key(f.type) + "@" + std::to_string(f.offset) + "." +
         std::to_string(f.bit_offset) + "/" + std::to_string(f.bit_size) + ";";
  return k + "}";
}

std::string enum_layout_key(const EnumDef& def) {
  std::string k = std::to_string(def.bits) + (def.is_signed ? "s{" : "u{");
  for (const auto& v : def.values) k += v.name + "=" + std::to_string(v.value) + ";";
  return k + "}";
}

// Interns `def` in `store` under `name_key` (named) or its layout (anonymous); a named
// definition whose layout differs from the first one yields nullptr.
template <typename Def>
const Def* intern_def(Def def, std::deque<Def>& store, std::map<std::string, const Def*>& index,
                      const std::string& name_key, std::string (*layout_of)(const Def&)) {
  std::string layout = layout_of(def);
  std::lock_guard<std::mutex> guard(interned().lock);
  std::string key = def.name.empty() ? "anon:" + layout : name_key;
  auto it = index.find(key);
  if (it != index.end()) return layout == layout_of(*it->second) ? it->second : nullptr;
  store.push_back(std::move(def));
  index[key] = &store.back();
  return &store.back();
}

} // namespace

bool Type::is_aggregation_kind(TypeKind k) {
  switch (k) {
  case TypeKind::Count:
  case TypeKind::Sum:
  case TypeKind::Min:
  case TypeKind::Max:
  case TypeKind::Avg:
  case TypeKind::Stats:
  case TypeKind::Hist:
  case TypeKind::LHist:
    return true;
  default:
    return false;
  }
}

const Type* intern(const Type& t) {
  std::string key = type_key(t);
  std::lock_guard<std::mutex> guard(interned().lock);
  auto& index = interned().type_index;
  auto it = index.find(key);
  if (it != index.end()) return it->second;
  interned().types.push_back(t);
  index[key] = &interned().types.back();
  return &interned().types.back();
}

const RecordDef* intern_record(RecordDef def) {
  std::string name_key = (def.is_union ? "union " : "struct ") + def.name;
  return intern_def(std::move(def), interned().records, interned().record_index, name_key,
                    record_layout_key);
}

const EnumDef* intern_enum(EnumDef def) {
  std::string name_key = "enum " + def.name;
  return intern_def(std::move(def), interned().enums, interned().enum_index, name_key,
                    enum_layout_key);
}

const RecordField* RecordDef::find(const std::string& field) const {
  for (const RecordField& f : fields)
    if (f.name == field) return &f;
  return nullptr;
}

Type Type::pointer(const Type& pointee, AddrSpace space) {
  Type t = of(TypeKind::Pointer);
  t.addr_space = space;
  if (pointee.kind != TypeKind::None) t.pointee = intern(pointee);
  t.points_to_char = pointee.kind == TypeKind::Int && pointee.bits == 8;
  return t;
}

Type Type::array(const Type& element, uint32_t count) {
  Type t = of(TypeKind::Array);
  t.pointee = intern(element);
  t.count = count;
  return t;
}

Type Type::record_of(const RecordDef& def) {
  Type t = of(TypeKind::Record);
  t.record = &def;
  return t;
}

Type Type::enum_of(const EnumDef& def) {
  Type t = of(TypeKind::Enum);
  t.enum_def = &def;
  t.bits = def.bits;
  t.is_signed = def.is_signed;
  return t;
}

Type Type::stack(bool user, uint32_t frames, StackMode mode) {
  Type t = of(TypeKind::Stack);
  t.user_stack = user;
  t.count = frames;
  t.stack_mode = mode;
  return t;
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
  case TypeKind::Int:
    return a.is_signed == b.is_signed;
  case TypeKind::Str:
  case TypeKind::Tuple:
  case TypeKind::LHist:
  case TypeKind::Pointer:
  case TypeKind::Array:
  case TypeKind::Record:
  case TypeKind::Enum:
  case TypeKind::Stack:
    return type_key(a) == type_key(b);
  default:
    return true;
  }
}

namespace {

const char* stack_mode_name(StackMode m) {
  switch (m) {
  case StackMode::Bpftrace:
    return "bpftrace";
  case StackMode::Perf:
    return "perf";
  case StackMode::Raw:
    return "raw";
  }
  return "?";
}

std::string record_name(const RecordDef& r) {
  return std::string(r.is_union ? "union " : "struct ") + (r.name.empty() ? "(anonymous)" : r.name);
}

} // namespace

std::string type_name(const Type& t) {
  switch (t.kind) {
  case TypeKind::None:
    return "none";
  case TypeKind::Int:
    return std::string(t.is_signed ? "int" : "uint") + std::to_string(t.bits);
  case TypeKind::Bool:
    return "bool";
  case TypeKind::Str:
    return "string[" + std::to_string(t.str_size) + "]";
  case TypeKind::Tuple: {
    std::string s = "(";
    for (size_t i = 0; i < t.elems.size(); ++i) s += (i ? "," : "") + type_name(t.elems[i]);
    return s + ")";
  }
  case TypeKind::Timestamp:
    return "timestamp";
  case TypeKind::Pointer:
    if (t.pointee) return type_name(*t.pointee) + " *";
    return t.points_to_char ? "char *" : "pointer";
  case TypeKind::Record:
    return record_name(*t.record);
  case TypeKind::Array:
    return type_name(*t.pointee) + "[" + std::to_string(t.count) + "]";
  case TypeKind::Enum:
    return "enum " + (t.enum_def->name.empty() ? std::string("(anonymous)") : t.enum_def->name);
  case TypeKind::Stack: {
    std::string s = t.user_stack ? "ustack" : "kstack";
    if (t.stack_mode != StackMode::Bpftrace || t.count != 0)
      s += std::string("(") + stack_mode_name(t.stack_mode) + ", " + std::to_string(t.count) + ")";
    return s;
  }
  case TypeKind::Args:
    return "args";
  case TypeKind::Count:
    return "count";
  case TypeKind::Sum:
    return "sum";
  case TypeKind::Min:
    return "min";
  case TypeKind::Max:
    return "max";
  case TypeKind::Avg:
    return "avg";
  case TypeKind::Stats:
    return "stats";
  case TypeKind::Hist:
    return "hist";
  case TypeKind::LHist:
    return "lhist(" + std::to_string(t.lhist_min) + ", " + std::to_string(t.lhist_max) + ", " +
           std::to_string(t.lhist_step) + ")";
  }
  return "?";
}

bool assignable(const Type& to, const Type& from) {
  if (to.is_int() && from.is_int()) return true;
  if (to.kind != from.kind) return false;
  switch (to.kind) {
  case TypeKind::Tuple:
    if (to.elems.size() != from.elems.size()) return false;
    for (size_t i = 0; i < to.elems.size(); ++i)
      if (!assignable(to.elems[i], from.elems[i])) return false;
    return true;
  case TypeKind::LHist:
  case TypeKind::Record:
  case TypeKind::Array:
  case TypeKind::Stack:
    return to == from;
  default:
    return true;
  }
}

Type common_type(const Type& a, const Type& b) {
  if (a.kind == TypeKind::Str && b.kind == TypeKind::Str)
    return Type::string(std::max(a.str_size, b.str_size));
  if (a.kind == TypeKind::Tuple && b.kind == TypeKind::Tuple && a.elems.size() == b.elems.size()) {
    Type t = a;
    for (size_t i = 0; i < a.elems.size(); ++i) t.elems[i] = common_type(a.elems[i], b.elems[i]);
    return t;
  }
  if (a.is_int() && b.is_int()) return Type::integer(64, a.is_signed && b.is_signed);
  return a;
}

} // namespace btc
