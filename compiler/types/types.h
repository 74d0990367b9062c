// The types of bpftrace values, as sema assigns them and lowering stores them.
//
// A Type is a small value. The pieces that kernel data shares — record (struct/union) layouts,
// enums, the pointee of a pointer and the element of an array — are interned in one
// process-wide table: each distinct one exists once, so `struct task_struct` read from BTF in
// ten places is one RecordDef compared by address, and types stay cheap to copy and compare.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace btc {

enum class TypeKind : uint8_t {
  None, // not yet known / statement-like calls
  Int,
  Bool,
  Str,
  Tuple,
  Timestamp, // strftime(): printed by printf's %s
  Pointer,   // an address in `addr_space`, to `pointee` (nullptr: unknown or void)
  Record,    // a struct or union (`record`), from BTF or declared in the script
  Array,     // `count` elements of `pointee`
  Enum,      // an integer of a named enum (`enum_def`)
  Stack,     // kstack/ustack: `count` frames at most
  Args,      // the tracepoint `args` record
  // Map value kinds produced by aggregation functions.
  Count,
  Sum,
  Min,
  Max,
  Avg,
  Stats,
  Hist,
  LHist,
};

// Where a pointer points: the kernel's memory, a process's, or nowhere known (a raw number).
enum class AddrSpace : uint8_t { None, Kernel, User };

// How a stack prints, as bpftrace's kstack(MODE, N).
enum class StackMode : uint8_t { Bpftrace, Perf, Raw };

struct Type;
struct RecordDef;
struct EnumDef;

struct Type {
  TypeKind kind = TypeKind::None;
  uint8_t bits = 64;           // Int: the declared width (values are stored in 64 bits)
  bool is_signed = true;       // Int
  uint32_t str_size = 0;       // Str: buffer size including the NUL
  bool points_to_char = false; // Pointer: `char *`, a string for str()
  std::vector<Type> elems;     // Tuple
  int64_t lhist_min = 0, lhist_max = 0, lhist_step = 0; // LHist
  std::string strftime_fmt;                             // Timestamp
  const Type* pointee = nullptr; // Pointer: the pointed-to type; Array: the element (interned)
  AddrSpace addr_space = AddrSpace::None;     // Pointer
  uint32_t count = 0;                         // Array: elements; Stack: frames at most
  const RecordDef* record = nullptr;          // Record (interned)
  const EnumDef* enum_def = nullptr;          // Enum (interned)
  bool user_stack = false;                    // Stack: ustack rather than kstack
  StackMode stack_mode = StackMode::Bpftrace; // Stack

  static Type none() { return {}; }
  static Type integer(uint8_t bits = 64, bool is_signed = true) {
    Type t;
    t.kind = TypeKind::Int;
    t.bits = bits;
    t.is_signed = is_signed;
    return t;
  }
  static Type boolean() { return of(TypeKind::Bool); }
  static Type string(uint32_t size) {
    Type t;
    t.kind = TypeKind::Str;
    t.str_size = size;
    return t;
  }
  static Type of(TypeKind kind) {
    Type t;
    t.kind = kind;
    return t;
  }
  // A pointer to `pointee` (none() for void *) in `space`.
  static Type pointer(const Type& pointee, AddrSpace space);
  static Type array(const Type& element, uint32_t count);
  static Type record_of(const RecordDef& def);
  static Type enum_of(const EnumDef& def);
  static Type stack(bool user, uint32_t frames, StackMode mode = StackMode::Bpftrace);

  bool is_int() const {
    return kind == TypeKind::Int || kind == TypeKind::Pointer || kind == TypeKind::Enum;
  }
  bool is_str() const { return kind == TypeKind::Str; }
  bool is_aggregation() const { return is_aggregation_kind(kind); }
  static bool is_aggregation_kind(TypeKind k);
};

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
  uint32_t size = 0;
  std::vector<RecordField> fields;

  const RecordField* find(const std::string& field) const;
};

struct EnumDef {
  struct Value {
    std::string name;
    int64_t value;
  };
  std::string name;
  uint8_t bits = 32;
  bool is_signed = false;
  std::vector<Value> values;
};

// The interned copy of `t`: equal types give the same address for the life of the process.
const Type* intern(const Type& t);
// The interned record of that kind and name. A named record is defined once: a second
// definition with another layout yields nullptr (two kernels' BTF must not mix). Anonymous
// records are interned by their layout.
const RecordDef* intern_record(RecordDef def);
// The interned enum; like records, one layout per name.
const EnumDef* intern_enum(EnumDef def);

bool operator==(const Type& a, const Type& b);
// The bpftrace name of a type, for messages: "int64", "string[16]", "(int64,string[64])",
// "struct task_struct *", "int32[4]", "kstack".
std::string type_name(const Type& t);
// Whether a value of type `from` can be stored where `to` was fixed, as bpftrace allows.
bool assignable(const Type& to, const Type& from);
// The common type of two compatible types (strings widen to the larger size).
Type common_type(const Type& a, const Type& b);

// bpftrace's default string size (BPFTRACE_STRLEN).
inline constexpr uint32_t kStrLen = 64;
inline constexpr uint32_t kCommLen = 16;

} // namespace btc
