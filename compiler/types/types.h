// The types of bpftrace values, as sema assigns them and lowering stores them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace btc {

enum class TypeKind : uint8_t {
  None, // not yet known / statement-like calls
  Int,
  Str,
  Tuple,
  Timestamp, // strftime(): printed by printf's %s
  Pointer,   // a raw pointer from a tracepoint field; usable as an integer or by str()
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

struct Type {
  TypeKind kind = TypeKind::None;
  uint8_t bits = 64;           // Int: the declared width (values are stored in 64 bits)
  bool is_signed = true;       // Int
  uint32_t str_size = 0;       // Str: buffer size including the NUL
  bool points_to_char = false; // Pointer: `char *`, a string for str()
  std::vector<Type> elems;     // Tuple
  int64_t lhist_min = 0, lhist_max = 0, lhist_step = 0; // LHist
  std::string strftime_fmt;                             // Timestamp

  static Type none() { return {}; }
  static Type integer(uint8_t bits = 64, bool is_signed = true) {
    Type t;
    t.kind = TypeKind::Int;
    t.bits = bits;
    t.is_signed = is_signed;
    return t;
  }
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

  bool is_int() const { return kind == TypeKind::Int || kind == TypeKind::Pointer; }
  bool is_str() const { return kind == TypeKind::Str; }
  bool is_aggregation() const { return kind >= TypeKind::Count; }
};

bool operator==(const Type& a, const Type& b);
// The bpftrace name of a type, for messages: "int64", "string[16]", "(int64,string[64])".
std::string type_name(const Type& t);
// Whether a value of type `from` can be stored where `to` was fixed, as bpftrace allows.
bool assignable(const Type& to, const Type& from);
// The common type of two compatible types (strings widen to the larger size).
Type common_type(const Type& a, const Type& b);

// bpftrace's default string size (BPFTRACE_STRLEN).
inline constexpr uint32_t kStrLen = 64;
inline constexpr uint32_t kCommLen = 16;

} // namespace btc
