// The types of bpftrace values, as sema assigns them and lowering stores them.
//
// A Type is an immutable handle: one pointer to a TypeNode interned in one process-wide table.
// Every distinct type exists once, so equal types are the same node (same_node()), copies cost
// a pointer, and a compound type refers to its parts — tuple elements, the pointee of a
// pointer, the element of an array — as interned nodes too. Types are made only by the
// factories (Type::integer, Type::tuple, ...) and read through accessors; to change a type,
// build its parts and call a factory again. The pieces that kernel data shares — record
// (struct/union) layouts and enums — are interned the same way, so `struct task_struct` read
// from BTF in ten places is one RecordDef compared by address.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace btc {

enum class TypeKind : uint8_t {
  None, // not yet known / statement-like calls
  Int,
  Bool,
  Str,
  Tuple,
  Timestamp,  // strftime(): printed by printf's %s
  Pointer,    // an address in `addr_space`, to `pointee` (nullptr: unknown or void)
  Record,     // a struct or union (`record`), from BTF or declared in the script
  Array,      // `count` elements of `pointee`
  Enum,       // an integer of a named enum (`enum_def`)
  Stack,      // kstack/ustack: `count` frames at most
  Ksym,       // ksym(addr): a kernel address, printed as the name of its symbol
  Strerror,   // strerror(n): an error number, printed as its message
  Inet,       // ntop(): an address family and up to 16 address bytes, printed as text
  Buffer,     // buf(): up to `count` bytes and their length, printed escaped
  MacAddr,    // macaddr(): 6 bytes, printed as AA:BB:CC:DD:EE:FF
  CgroupPath, // cgroup_path(): a cgroup id, printed as its paths (`cgroup_filter`) where the tool
              // runs
  USym,       // usym(addr): a user address and its process, printed as the name of its symbol
  Username,   // username: a uid, printed as the user's name where the tool runs
  Args,       // the tracepoint `args` record
  // Map value kinds produced by aggregation functions.
  Count,
  Sum,
  Min,
  Max,
  Avg,
  Stats,
  Hist,
  LHist,
  TSeries,
};

// tseries(): the most intervals one keeps. Every CPU holds them all in one map value of 24
// bytes each, which must fit the kernel's 32 KiB per-CPU allocation.
inline constexpr int64_t kMaxTseriesIntervals = 1000;

// Where a pointer points: the kernel's memory, a process's, or nowhere known (a raw number).
enum class AddrSpace : uint8_t { None, Kernel, User };

// How a stack prints, as bpftrace's kstack(MODE, N).
enum class StackMode : uint8_t { Bpftrace, Perf, Raw };

struct TypeNode;
struct RecordDef;
struct EnumDef;

class Type {
public:
  // The unknown type (TypeKind::None): the only type without a node.
  Type() = default;

  static Type none() { return {}; }
  static Type integer(uint8_t bits = 64, bool is_signed = true);
  static Type boolean();
  static Type string(uint32_t size);
  // buf(): at most `size` bytes.
  static Type buffer(uint32_t size);
  static Type tuple(std::vector<Type> elems);
  // A record of current bpftrace, `(a = 1, b = "x")`: a tuple whose elements have names
  // (`names` as long as `elems`, unique). Stored as the tuple of its elements; a record and a
  // tuple, or records of other names, are different types.
  static Type record_tuple(std::vector<Type> elems, std::vector<std::string> names);
  // lhist(): `params` names the positional parameter ($N) that gives min, max or step where the
  // tool reads it when it starts (0: the literal value given).
  static Type lhist(int64_t min, int64_t max, int64_t step, std::array<uint32_t, 3> params = {});
  // tseries(v, interval, count, agg): the map value; `is_signed`: v's signedness. Its
  // parameters live in the node's lhist fields (min: interval, max: count, step: agg).
  static Type tseries(uint64_t interval_ns, uint32_t count, uint8_t agg, bool is_signed);
  // hist(n, bits): 2^bits linear buckets per power of 2 (0 to 5; 0 is hist(n)).
  static Type hist(uint32_t bits);
  // strftime(fmt, ...): the format travels with the type to the runtime that prints it.
  static Type timestamp(std::string fmt);
  // cgroup_path(id, filter): the hierarchies to look in travel with the type to the runtime.
  static Type cgroup_path(std::string filter);
  // A type by its kind alone; the parameters of the kinds that have some take the defaults
  // (int64, an empty tuple, an untyped pointer, ...).
  static Type of(TypeKind kind);
  // A pointer to `pointee` (none() for void *) in `space`.
  static Type pointer(const Type& pointee, AddrSpace space);
  // An address whose pointee is not known (a tracepoint's pointer field); `to_char`: its C
  // type is `char *`, a string for str().
  static Type untyped_pointer(bool to_char);
  static Type array(const Type& element, uint32_t count);
  static Type record_of(const RecordDef& def);
  static Type enum_of(const EnumDef& def);
  // A value of enum `def` as sema holds it: an integer that remembers its enum, so that printf's
  // %s, print() and maps show the enumerator's name (Kind::Enum); arithmetic gives a plain
  // integer.
  static Type enum_integer(const EnumDef& def, uint8_t bits, bool is_signed);
  // A pointer's value kept as a number (a map key or value, a tuple element): a uint64 that
  // prints as bpftrace 0.17 prints a pointer there (signed; in hexadecimal in a map key).
  static Type pointer_number();
  static Type stack(bool user, uint32_t frames, StackMode mode = StackMode::Bpftrace);

  TypeKind kind() const;
  uint8_t bits() const;                   // Int, Enum: the declared width (values use 64 bits)
  bool is_signed() const;                 // Int, Enum
  bool is_pointer_number() const;         // Int: made by pointer_number()
  uint32_t str_size() const;              // Str: buffer size including the NUL
  bool points_to_char() const;            // Pointer: `char *`, a string for str()
  const std::vector<Type>& elems() const; // Tuple
  // Tuple: the element names of a record (record_tuple()); empty for a plain tuple.
  const std::vector<std::string>& field_names() const;
  bool is_record_tuple() const { return !field_names().empty(); }
  // The index of the record element `name`, or -1.
  int field_index(const std::string& name) const;
  int64_t lhist_min() const; // LHist
  int64_t lhist_max() const;
  int64_t lhist_step() const;
  // LHist: $N of min (0), max (1), step (2), 0 for a literal; lhist_at_start(): some is a $N.
  uint32_t lhist_param(int which) const;
  bool lhist_at_start() const;
  uint64_t tseries_interval() const { return static_cast<uint64_t>(lhist_min()); } // TSeries
  uint32_t tseries_count() const { return static_cast<uint32_t>(lhist_max()); }
  uint8_t tseries_agg() const { return static_cast<uint8_t>(lhist_step()); }
  const std::string& strftime_fmt() const;  // Timestamp
  const std::string& cgroup_filter() const; // CgroupPath
  // Pointer: the pointed-to type (nullptr: void or unknown); Array: the element.
  const Type* pointee() const;
  AddrSpace addr_space() const; // Pointer, Int (an address: kptr(), uptr())
  uint32_t count() const;       // Array: elements; Stack: frames at most; Buffer: bytes; Hist: bits
  const RecordDef* record() const; // Record (interned)
  const EnumDef* enum_def() const; // Enum (interned); Int: the enum of enum_integer()
  bool user_stack() const;         // Stack: ustack rather than kstack
  StackMode stack_mode() const;    // Stack
  // This pointer or integer as an address in `space` (reads through it use that space's
  // helpers); any other type unchanged.
  Type in_space(AddrSpace space) const;

  // Identity: the same interned node, so structurally equal in every field (operator== is
  // looser: a lone integer's width and a timestamp's format do not count there).
  bool same_node(const Type& other) const { return node_ == other.node_; }
  // The address of the node, shared exactly by same_node() types: a key for tables of types.
  const void* identity() const { return node_; }

  bool is_int() const {
    TypeKind k = kind();
    return k == TypeKind::Int || k == TypeKind::Pointer || k == TypeKind::Enum;
  }
  bool is_str() const { return kind() == TypeKind::Str; }
  bool is_aggregation() const { return is_aggregation_kind(kind()); }
  static bool is_aggregation_kind(TypeKind k);

private:
  explicit Type(const TypeNode* node) : node_(node) {}
  const TypeNode& node() const;
  // Finds or adds the node equal to `n` in the process-wide table.
  static Type make(TypeNode n);

  const TypeNode* node_ = nullptr;
};

// The data behind a Type. Only the factories create nodes, each distinct one once; fields a
// kind does not use keep their defaults, so the whole node identifies the type.
struct TypeNode {
  TypeKind kind = TypeKind::None;
  uint8_t bits = 64;
  bool is_signed = true;
  uint32_t str_size = 0;
  bool points_to_char = false;
  bool pointer_number = false; // Int: Type::pointer_number()
  std::vector<Type> elems;
  std::vector<std::string> names; // Tuple: a record's element names
  int64_t lhist_min = 0, lhist_max = 0, lhist_step = 0;
  std::array<uint32_t, 3> lhist_params{};
  std::string strftime_fmt; // Timestamp: the format; CgroupPath: the hierarchy filter
  Type pointee;             // Pointer, Array; the unknown type for void * and raw pointers
  AddrSpace addr_space = AddrSpace::None;
  uint32_t count = 0;
  const RecordDef* record = nullptr;
  const EnumDef* enum_def = nullptr;
  bool user_stack = false;
  StackMode stack_mode = StackMode::Bpftrace;
};

// What the null handle (none()) reads as. Made on first use, so valid before main: clang 19
// (the fuzzer's and sanitizer builds' compiler) cannot constant-initialize libstdc++ 12's
// std::string, so it cannot be constinit.
inline const TypeNode& none_type_node() {
  static const TypeNode node;
  return node;
}

inline const TypeNode& Type::node() const {
  return node_ ? *node_ : none_type_node();
}
inline TypeKind Type::kind() const {
  return node().kind;
}
inline uint8_t Type::bits() const {
  return node().bits;
}
inline bool Type::is_signed() const {
  return node().is_signed;
}
inline uint32_t Type::str_size() const {
  return node().str_size;
}
inline bool Type::is_pointer_number() const {
  return node().pointer_number;
}
inline bool Type::points_to_char() const {
  return node().points_to_char;
}
inline const std::vector<Type>& Type::elems() const {
  return node().elems;
}
inline const std::vector<std::string>& Type::field_names() const {
  return node().names;
}
inline int64_t Type::lhist_min() const {
  return node().lhist_min;
}
inline int64_t Type::lhist_max() const {
  return node().lhist_max;
}
inline int64_t Type::lhist_step() const {
  return node().lhist_step;
}
inline uint32_t Type::lhist_param(int which) const {
  return node().lhist_params[static_cast<size_t>(which)];
}
inline bool Type::lhist_at_start() const {
  const auto& p = node().lhist_params;
  return p[0] || p[1] || p[2];
}
inline const std::string& Type::strftime_fmt() const {
  return node().strftime_fmt;
}
inline const std::string& Type::cgroup_filter() const {
  return node().strftime_fmt;
}
inline const Type* Type::pointee() const {
  return node().pointee.kind() == TypeKind::None ? nullptr : &node().pointee;
}
inline AddrSpace Type::addr_space() const {
  return node().addr_space;
}
inline uint32_t Type::count() const {
  return node().count;
}
inline const RecordDef* Type::record() const {
  return node().record;
}
inline const EnumDef* Type::enum_def() const {
  return node().enum_def;
}
inline bool Type::user_stack() const {
  return node().user_stack;
}
inline StackMode Type::stack_mode() const {
  return node().stack_mode;
}

// Integer `t` (Int) widened to the 64 bits values are stored in, keeping its enum.
inline Type widened_int(const Type& t) {
  if (t.is_pointer_number()) return t;
  return t.enum_def() ? Type::enum_integer(*t.enum_def(), 64, t.is_signed())
                      : Type::integer(64, t.is_signed());
}

// A struct or union: its fields at their byte offsets (bit fields with their bit position).
struct RecordField {
  std::string name;
  Type type;
  uint32_t offset = 0;    // bytes from the record's start
  uint8_t bit_offset = 0; // within the byte at `offset`, for bit fields
  uint8_t bit_size = 0;   // 0: not a bit field
};

struct RecordDef {
  std::string name; // without "struct "/"union "; "" for an anonymous record
  bool is_union = false;
  // From the kernel's BTF: its layout on the target kernel may differ, so every access is a
  // CO-RE relocation. Records the script declares have exactly this layout.
  bool from_kernel = false;
  uint32_t size = 0;
  std::vector<RecordField> fields;
  // Set instead of `fields` for a record read lazily (kernel BTF): task_struct points to most
  // of the kernel, and to itself, so fields are converted the first time someone asks, which
  // lets a pointer member name a record before that record's fields exist.
  std::function<std::vector<RecordField>()> load_fields;

  // The fields, loaded on first use for a lazy record.
  const std::vector<RecordField>& members() const;
  const RecordField* find(const std::string& field) const;

private:
  mutable bool loaded_ = false;
  mutable std::vector<RecordField> loaded_fields_;
};

struct EnumDef {
  struct Value {
    std::string name;
    int64_t value;
  };
  std::string name;
  uint8_t bits = 32;
  bool is_signed = false;
  // From the kernel's BTF: its values may differ on the kernel the tool runs on, so the tool
  // reads the names from that kernel's BTF.
  bool from_kernel = false;
  std::vector<Value> values;
};

// The interned record of that kind and name. A named record is defined once: a second
// definition with another layout yields nullptr (two kernels' BTF must not mix). Anonymous
// records are interned by their layout. A lazy record (load_fields set) is compared by its size
// alone, and an anonymous lazy one is interned by `lazy_key` (its place in the BTF, say).
const RecordDef* intern_record(RecordDef def, const std::string& lazy_key = "");
// The interned enum; like records, one layout per name.
const EnumDef* intern_enum(EnumDef def);

// Record and array values: a copy of a whole struct, union or array (print, ==, map keys and
// values). btc stores one in a layout of its own, not the kernel's: each member the value
// holds, in declaration order, at its natural alignment (ints at their declared width, bools in
// a byte, pointers in 8 bytes, char arrays as strings, records and arrays nested the same way),
// so the layout is fixed when the script is compiled and the manifest describes it to the
// runtime, whatever the layout on the kernel the tool runs on. Lowering fills it member by
// member, each member a CO-RE read of the kernel's field.
struct ValueLayout {
  uint32_t size;
  uint32_t align;
};
// The members of `r` a value of it holds: those of a type btc reads (a function pointer is a
// pointer; a floating-point member has no type and is left out).
std::vector<const RecordField*> value_members(const RecordDef& r);
// The layout of `t` as a member of a record or array value (Int, Enum, Bool, Pointer, Str,
// Array, Record).
ValueLayout member_layout(const Type& t);
// The offset of each of value_members(r) in a value of `r`.
std::vector<uint32_t> value_member_offsets(const RecordDef& r);
// Whether `t` (Record or Array) can be a value: every element or member is one btc reads.
bool is_value_aggregate(const Type& t);
// The most bytes a record or array value takes on the 512-byte BPF stack, where an expression
// may hold two copies (a comparison, a map update with its key). A larger one lives in per-CPU
// map memory and is passed by address.
inline constexpr uint32_t kMaxValueBytes = 256;
// The most bytes a value may take at all: a per-CPU map's value holds at most 32 KiB (the
// kernel's PCPU_MIN_UNIT_SIZE), and the variables of a probe share one.
inline constexpr uint32_t kMaxScratchBytes = 32768;

// Whether two values have the same type as sema compares them: integers by signedness only
// (widths do not matter), timestamps whatever their format, every other kind with parameters
// by identity.
bool operator==(const Type& a, const Type& b);
// The bpftrace name of a type, for messages: "int64", "string[16]", "(int64,string[64])",
// "struct task_struct *", "int32[4]", "kstack".
std::string type_name(const Type& t);
// Whether a value of type `from` can be stored where `to` was fixed, as bpftrace allows.
bool assignable(const Type& to, const Type& from);

// typeinfo(expr): the type as current bpftrace names it, its kind (`base`: "int", "string",
// "pointer", "c_struct", ...) and the whole type (`full`: "uint32", "string[16]",
// "struct task_struct *", "(int64,string[2])", ...); nullopt for a type btc does not name.
struct BpftraceTypeName {
  std::string base;
  std::string full;
};
std::optional<BpftraceTypeName> bpftrace_type_name(const Type& t);
// The common type of two compatible types (strings widen to the larger size).
Type common_type(const Type& a, const Type& b);

// bpftrace's default string size (BPFTRACE_STRLEN).
inline constexpr uint32_t kStrLen = 64;
inline constexpr uint32_t kCommLen = 16;

} // namespace btc
