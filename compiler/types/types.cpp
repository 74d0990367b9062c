#include "types/types.h"

#include "btc/abi.h"

#include <algorithm>
#include <deque>
#include <map>
#include <mutex>

namespace btc {

namespace {

// Every interned piece lives here until the process ends; the maps index them by a key that
// identifies their structure (records and enums: by kind and name when they have one).
struct Interned {
  std::mutex lock;
  std::deque<TypeNode> types;
  std::deque<RecordDef> records;
  std::deque<EnumDef> enums;
  std::map<std::string, const TypeNode*> type_index;
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

// A string that two nodes share exactly when every field is equal. The parts of a compound
// type are interned already, so their addresses stand for them.
std::string node_key(const TypeNode& n) {
  std::string k = std::to_string(static_cast<int>(n.kind)) + ":" + std::to_string(n.bits) +
                  (n.is_signed ? "s" : "u") + std::to_string(n.str_size) +
                  (n.points_to_char ? "c" : "-") + (n.pointer_number ? "P(" : "(");
  for (const Type& e : n.elems) k += address_key(e.identity()) + ",";
  k += ")" + std::to_string(n.lhist_min) + "," + std::to_string(n.lhist_max) + "," +
       std::to_string(n.lhist_step) + "$" + std::to_string(n.lhist_params[0]) + "," +
       std::to_string(n.lhist_params[1]) + "," + std::to_string(n.lhist_params[2]) + "p" +
       address_key(n.pointee.identity()) + "a" + std::to_string(static_cast<int>(n.addr_space)) +
       "n" + std::to_string(n.count) + "r" + address_key(n.record) + "e" + address_key(n.enum_def) +
       (n.user_stack ? "u" : "k") + std::to_string(static_cast<int>(n.stack_mode)) + "N";
  // Names are identifiers: each ends at its ';'.
  for (const std::string& name : n.names) k += name + ";";
  return k + "f" + n.strftime_fmt;
}

std::string record_layout_key(const RecordDef& def) {
  if (def.load_fields) return std::to_string(def.size) + "k{lazy}";
  std::string k = std::to_string(def.size) + (def.from_kernel ? "k{" : "{");
  for (const RecordField& f : def.fields)
    k += f.name + ":" + address_key(f.type.identity()) + "@" + std::to_string(f.offset) + "." +
         std::to_string(f.bit_offset) + "/" + std::to_string(f.bit_size) + ";";
  return k + "}";
}

std::string enum_layout_key(const EnumDef& def) {
  std::string k =
      std::to_string(def.bits) + (def.is_signed ? "s" : "u") + (def.from_kernel ? "k{" : "{");
  for (const auto& v : def.values) k += v.name + "=" + std::to_string(v.value) + ";";
  return k + "}";
}

// Interns `def` in `store` under `name_key` (named) or its layout (anonymous); a named
// definition whose layout differs from the first one yields nullptr.
template <typename Def>
const Def* intern_def(Def def, std::deque<Def>& store, std::map<std::string, const Def*>& index,
                      const std::string& name_key, std::string (*layout_of)(const Def&),
                      const std::string& anon_key = "") {
  std::string layout = layout_of(def);
  std::lock_guard<std::mutex> guard(interned().lock);
  std::string key = def.name.empty() ? "anon:" + (anon_key.empty() ? layout : anon_key) : name_key;
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
  case TypeKind::TSeries:
    return true;
  default:
    return false;
  }
}

Type Type::make(TypeNode n) {
  // The unknown type is the null handle, so none() needs no table and default construction
  // stays free.
  if (n.kind == TypeKind::None) return {};
  std::string key = node_key(n);
  std::lock_guard<std::mutex> guard(interned().lock);
  auto& index = interned().type_index;
  auto it = index.find(key);
  if (it != index.end()) return Type(it->second);
  interned().types.push_back(std::move(n));
  index[key] = &interned().types.back();
  return Type(&interned().types.back());
}

const RecordDef* intern_record(RecordDef def, const std::string& lazy_key) {
  // A script may declare its own record under a kernel type's name: the two stay apart.
  std::string name_key = std::string(def.from_kernel ? "kernel " : "") +
                         (def.is_union ? "union " : "struct ") + def.name;
  std::string anon_key = def.load_fields && !lazy_key.empty() ? "lazy:" + lazy_key : "";
  return intern_def(std::move(def), interned().records, interned().record_index, name_key,
                    record_layout_key, anon_key);
}

const EnumDef* intern_enum(EnumDef def) {
  std::string name_key = "enum " + def.name;
  return intern_def(std::move(def), interned().enums, interned().enum_index, name_key,
                    enum_layout_key);
}

const std::vector<RecordField>& RecordDef::members() const {
  if (!load_fields) return fields;
  // Loading converts member types, which interns other records but never loads them, so this
  // lock is not taken twice by one thread.
  static std::mutex loading;
  std::lock_guard<std::mutex> guard(loading);
  if (!loaded_) {
    loaded_fields_ = load_fields();
    loaded_ = true;
  }
  return loaded_fields_;
}

const RecordField* RecordDef::find(const std::string& field) const {
  for (const RecordField& f : members())
    if (f.name == field) return &f;
  return nullptr;
}

Type Type::of(TypeKind kind) {
  TypeNode n;
  n.kind = kind;
  return make(std::move(n));
}

Type Type::integer(uint8_t bits, bool is_signed) {
  TypeNode n;
  n.kind = TypeKind::Int;
  n.bits = bits;
  n.is_signed = is_signed;
  return make(std::move(n));
}

Type Type::pointer_number() {
  TypeNode n;
  n.kind = TypeKind::Int;
  n.is_signed = false;
  n.pointer_number = true;
  return make(std::move(n));
}

Type Type::boolean() {
  return of(TypeKind::Bool);
}

Type Type::string(uint32_t size) {
  TypeNode n;
  n.kind = TypeKind::Str;
  n.str_size = size;
  return make(std::move(n));
}

Type Type::buffer(uint32_t size) {
  TypeNode n;
  n.kind = TypeKind::Buffer;
  n.count = size;
  return make(std::move(n));
}

Type Type::tuple(std::vector<Type> elems) {
  TypeNode n;
  n.kind = TypeKind::Tuple;
  n.elems = std::move(elems);
  return make(std::move(n));
}

Type Type::record_tuple(std::vector<Type> elems, std::vector<std::string> names) {
  TypeNode n;
  n.kind = TypeKind::Tuple;
  n.elems = std::move(elems);
  n.names = std::move(names);
  return make(std::move(n));
}

int Type::field_index(const std::string& name) const {
  const std::vector<std::string>& names = field_names();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

Type Type::lhist(int64_t min, int64_t max, int64_t step, std::array<uint32_t, 3> params) {
  TypeNode n;
  n.kind = TypeKind::LHist;
  n.lhist_min = min;
  n.lhist_max = max;
  n.lhist_step = step;
  n.lhist_params = params;
  return make(std::move(n));
}

Type Type::tseries(uint64_t interval_ns, uint32_t count, uint8_t agg, bool is_signed) {
  TypeNode n;
  n.kind = TypeKind::TSeries;
  n.is_signed = is_signed;
  n.lhist_min = static_cast<int64_t>(interval_ns);
  n.lhist_max = count;
  n.lhist_step = agg;
  return make(std::move(n));
}

Type Type::hist(uint32_t bits) {
  TypeNode n;
  n.kind = TypeKind::Hist;
  n.count = bits;
  return make(std::move(n));
}

Type Type::timestamp(std::string fmt) {
  TypeNode n;
  n.kind = TypeKind::Timestamp;
  n.strftime_fmt = std::move(fmt);
  return make(std::move(n));
}

Type Type::cgroup_path(std::string filter) {
  TypeNode n;
  n.kind = TypeKind::CgroupPath;
  n.strftime_fmt = std::move(filter);
  return make(std::move(n));
}

Type Type::pointer(const Type& pointee, AddrSpace space) {
  TypeNode n;
  n.kind = TypeKind::Pointer;
  n.addr_space = space;
  n.pointee = pointee;
  n.points_to_char = pointee.kind() == TypeKind::Int && pointee.bits() == 8;
  return make(std::move(n));
}

Type Type::untyped_pointer(bool to_char) {
  TypeNode n;
  n.kind = TypeKind::Pointer;
  n.points_to_char = to_char;
  return make(std::move(n));
}

Type Type::in_space(AddrSpace space) const {
  if (kind() != TypeKind::Pointer && kind() != TypeKind::Int) return *this;
  TypeNode n = node();
  n.addr_space = space;
  return make(std::move(n));
}

Type Type::array(const Type& element, uint32_t count) {
  TypeNode n;
  n.kind = TypeKind::Array;
  n.pointee = element;
  n.count = count;
  return make(std::move(n));
}

Type Type::record_of(const RecordDef& def) {
  TypeNode n;
  n.kind = TypeKind::Record;
  n.record = &def;
  return make(std::move(n));
}

Type Type::enum_of(const EnumDef& def) {
  TypeNode n;
  n.kind = TypeKind::Enum;
  n.enum_def = &def;
  n.bits = def.bits;
  n.is_signed = def.is_signed;
  return make(std::move(n));
}

Type Type::enum_integer(const EnumDef& def, uint8_t bits, bool is_signed) {
  TypeNode n;
  n.kind = TypeKind::Int;
  n.bits = bits;
  n.enum_def = &def;
  n.is_signed = is_signed;
  return make(std::move(n));
}

Type Type::stack(bool user, uint32_t frames, StackMode mode) {
  TypeNode n;
  n.kind = TypeKind::Stack;
  n.user_stack = user;
  n.count = frames;
  n.stack_mode = mode;
  return make(std::move(n));
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
  case TypeKind::Int:
    return a.is_signed() == b.is_signed();
  case TypeKind::Str:
  case TypeKind::Tuple:
  case TypeKind::LHist:
  case TypeKind::TSeries:
  case TypeKind::Pointer:
  case TypeKind::Array:
  case TypeKind::Record:
  case TypeKind::Enum:
  case TypeKind::Stack:
  case TypeKind::Buffer:
  case TypeKind::CgroupPath:
  case TypeKind::Hist:
    // Nodes of these kinds hold nothing but their parameters, so identity is equality.
    return a.same_node(b);
  default:
    return true;
  }
}

namespace {

uint32_t align_to(uint32_t v, uint32_t a) {
  return (v + a - 1) / a * a;
}

bool member_readable(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
  case TypeKind::Enum:
  case TypeKind::Bool:
  case TypeKind::Pointer:
  case TypeKind::Str:
    return true;
  case TypeKind::Array:
    return t.count() > 0 && t.pointee() && member_readable(*t.pointee());
  case TypeKind::Record:
    return true;
  default:
    return false;
  }
}

} // namespace

std::vector<const RecordField*> value_members(const RecordDef& r) {
  std::vector<const RecordField*> out;
  for (const RecordField& f : r.members())
    if (member_readable(f.type)) out.push_back(&f);
  return out;
}

ValueLayout member_layout(const Type& t) {
  switch (t.kind()) {
  case TypeKind::Int:
  case TypeKind::Enum: {
    uint32_t bytes = std::max<uint32_t>(1, t.bits() / 8);
    return {bytes, bytes};
  }
  case TypeKind::Bool:
    return {1, 1};
  case TypeKind::Str:
    return {t.str_size(), 1};
  case TypeKind::Array: {
    ValueLayout e = member_layout(*t.pointee());
    return {e.size * t.count(), e.align};
  }
  case TypeKind::Record: {
    uint32_t size = 0, align = 1;
    for (const RecordField* f : value_members(*t.record())) {
      ValueLayout m = member_layout(f->type);
      size = align_to(size, m.align) + m.size;
      align = std::max(align, m.align);
    }
    return {align_to(size, align), align};
  }
  default:
    return {8, 8};
  }
}

std::vector<uint32_t> value_member_offsets(const RecordDef& r) {
  std::vector<uint32_t> offsets;
  uint32_t size = 0;
  for (const RecordField* f : value_members(r)) {
    ValueLayout m = member_layout(f->type);
    size = align_to(size, m.align);
    offsets.push_back(size);
    size += m.size;
  }
  return offsets;
}

bool is_value_aggregate(const Type& t) {
  if (t.kind() == TypeKind::Array) return member_readable(t);
  if (t.kind() != TypeKind::Record) return false;
  for (const RecordField* f : value_members(*t.record()))
    if (f->type.kind() == TypeKind::Record && !is_value_aggregate(f->type)) return false;
  return true;
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
  switch (t.kind()) {
  case TypeKind::None:
    return "none";
  case TypeKind::Int:
    return std::string(t.is_signed() ? "int" : "uint") + std::to_string(t.bits());
  case TypeKind::Bool:
    return "bool";
  case TypeKind::Str:
    return "string[" + std::to_string(t.str_size()) + "]";
  case TypeKind::Tuple: {
    std::string s = "(";
    for (size_t i = 0; i < t.elems().size(); ++i)
      s += (i ? "," : "") + (t.is_record_tuple() ? t.field_names()[i] + "=" : "") +
           type_name(t.elems()[i]);
    return s + ")";
  }
  case TypeKind::Timestamp:
    return "timestamp";
  case TypeKind::Pointer:
    if (t.pointee()) return type_name(*t.pointee()) + " *";
    return t.points_to_char() ? "char *" : "pointer";
  case TypeKind::Record:
    return record_name(*t.record());
  case TypeKind::Array:
    return type_name(*t.pointee()) + "[" + std::to_string(t.count()) + "]";
  case TypeKind::Enum:
    return "enum " + (t.enum_def()->name.empty() ? std::string("(anonymous)") : t.enum_def()->name);
  case TypeKind::Stack: {
    std::string s = t.user_stack() ? "ustack" : "kstack";
    if (t.stack_mode() != StackMode::Bpftrace || t.count() != 0)
      s += std::string("(") + stack_mode_name(t.stack_mode()) + ", " + std::to_string(t.count()) +
           ")";
    return s;
  }
  case TypeKind::Ksym:
    return "ksym";
  case TypeKind::Username:
    return "username";
  case TypeKind::USym:
    return "usym";
  case TypeKind::Strerror:
    return "strerror";
  case TypeKind::Inet:
    return "inet";
  case TypeKind::MacAddr:
    return "macaddr";
  case TypeKind::CgroupPath:
    return "cgroup_path";
  case TypeKind::Buffer:
    return "buffer[" + std::to_string(t.count()) + "]";
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
    return t.count() ? "hist(n, " + std::to_string(t.count()) + ")" : "hist";
  case TypeKind::LHist: {
    auto bound = [&](int which, int64_t value) {
      uint32_t n = t.lhist_param(which);
      return n ? "$" + std::to_string(n) : std::to_string(value);
    };
    return "lhist(" + bound(0, t.lhist_min()) + ", " + bound(1, t.lhist_max()) + ", " +
           bound(2, t.lhist_step()) + ")";
  }
  case TypeKind::TSeries: {
    std::string agg = rt::spelling_of(static_cast<rt::TSeriesAgg>(t.tseries_agg()));
    return std::string("tseries(") + (t.is_signed() ? "" : "unsigned, ") +
           std::to_string(t.tseries_interval()) + "ns, " + std::to_string(t.tseries_count()) +
           (agg.empty() ? "" : ", \"" + agg + "\"") + ")";
  }
  }
  return "?";
}

bool assignable(const Type& to, const Type& from) {
  if (to.is_int() && from.is_int()) return true;
  if (to.kind() != from.kind()) return false;
  switch (to.kind()) {
  case TypeKind::Tuple:
    if (to.elems().size() != from.elems().size()) return false;
    if (to.is_record_tuple() != from.is_record_tuple()) return false;
    for (size_t i = 0; i < to.elems().size(); ++i) {
      // A record's elements match by name, in any order, as in bpftrace.
      int j = to.is_record_tuple() ? from.field_index(to.field_names()[i]) : static_cast<int>(i);
      if (j < 0 || !assignable(to.elems()[i], from.elems()[j])) return false;
    }
    return true;
  case TypeKind::LHist:
  case TypeKind::TSeries:
  case TypeKind::Hist:
  case TypeKind::Record:
  case TypeKind::Array:
  case TypeKind::Stack:
    return to == from;
  default:
    return true;
  }
}

Type common_type(const Type& a, const Type& b) {
  if (a.kind() == TypeKind::Str && b.kind() == TypeKind::Str)
    return Type::string(std::max(a.str_size(), b.str_size()));
  if (a.kind() == TypeKind::Tuple && b.kind() == TypeKind::Tuple &&
      a.elems().size() == b.elems().size() && a.is_record_tuple() == b.is_record_tuple()) {
    std::vector<Type> elems;
    for (size_t i = 0; i < a.elems().size(); ++i) {
      int j = a.is_record_tuple() ? b.field_index(a.field_names()[i]) : static_cast<int>(i);
      if (j < 0) return a;
      elems.push_back(common_type(a.elems()[i], b.elems()[j]));
    }
    if (a.is_record_tuple()) return Type::record_tuple(std::move(elems), a.field_names());
    return Type::tuple(std::move(elems));
  }
  if (a.is_int() && b.is_int()) {
    // Values of one enum stay values of it (printed by name).
    if (a.kind() == TypeKind::Int && b.kind() == TypeKind::Int && a.enum_def() &&
        a.enum_def() == b.enum_def())
      return Type::enum_integer(*a.enum_def(), 64, a.is_signed() && b.is_signed());
    if (a.is_pointer_number() && b.is_pointer_number()) return a;
    return Type::integer(64, a.is_signed() && b.is_signed());
  }
  return a;
}

} // namespace btc

namespace btc {

std::optional<BpftraceTypeName> bpftrace_type_name(const Type& t) {
  auto whole = [](const Type& x) -> std::optional<std::string> {
    if (auto n = bpftrace_type_name(x)) return n->full;
    return std::nullopt;
  };
  switch (t.kind()) {
  case TypeKind::Int:
    return BpftraceTypeName{"int",
                            std::string(t.is_signed() ? "int" : "uint") + std::to_string(t.bits())};
  case TypeKind::Bool:
    return BpftraceTypeName{"bool", "bool"};
  case TypeKind::Str:
    return BpftraceTypeName{"string", "string[" + std::to_string(t.str_size()) + "]"};
  case TypeKind::Pointer: {
    std::string to = "void";
    if (const Type* p = t.pointee(); p && p->kind() != TypeKind::None) {
      auto n = whole(*p);
      if (!n) return std::nullopt;
      to = *n;
    }
    return BpftraceTypeName{"pointer", to + " *"};
  }
  case TypeKind::Array: {
    auto n = whole(*t.pointee());
    if (!n) return std::nullopt;
    return BpftraceTypeName{"array", *n + "[" + std::to_string(t.count()) + "]"};
  }
  case TypeKind::Record:
    if (t.record()->name.empty()) return std::nullopt;
    return BpftraceTypeName{"c_struct", std::string(t.record()->is_union ? "union " : "struct ") +
                                            t.record()->name};
  case TypeKind::Tuple: {
    std::string full = t.is_record_tuple() ? "record { " : "(";
    for (size_t i = 0; i < t.elems().size(); ++i) {
      auto n = whole(t.elems()[i]);
      if (!n) return std::nullopt;
      if (t.is_record_tuple())
        full += (i ? ", ." : ".") + t.field_names()[i] + " = " + *n;
      else
        full += (i ? "," : "") + *n;
    }
    if (t.is_record_tuple()) return BpftraceTypeName{"record", full + " }"};
    return BpftraceTypeName{"tuple", full + ")"};
  }
  case TypeKind::Stack: {
    const char* mode = t.stack_mode() == StackMode::Perf  ? "perf"
                       : t.stack_mode() == StackMode::Raw ? "raw"
                                                          : "bpftrace";
    return BpftraceTypeName{t.user_stack() ? "ustack" : "kstack",
                            std::string("stack_") + mode + "_" + std::to_string(t.count())};
  }
  case TypeKind::Timestamp:
    return BpftraceTypeName{"timestamp", "timestamp"};
  case TypeKind::Ksym:
    return BpftraceTypeName{"ksym_t", "ksym_t"};
  case TypeKind::USym:
    return BpftraceTypeName{"usym_t", "usym_t"};
  case TypeKind::Username:
    return BpftraceTypeName{"username", "username"};
  case TypeKind::MacAddr:
    return BpftraceTypeName{"mac_address", "mac_address"};
  case TypeKind::CgroupPath:
    return BpftraceTypeName{"cgroup_path_t", "cgroup_path_t"};
  default:
    return std::nullopt;
  }
}

} // namespace btc
