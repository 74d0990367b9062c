#include "types/types.h"

namespace btc {

bool operator==(const Type& a, const Type& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
  case TypeKind::Int:
    return a.is_signed == b.is_signed;
  case TypeKind::Str:
    return a.str_size == b.str_size;
  case TypeKind::Tuple:
    return a.elems == b.elems;
  case TypeKind::LHist:
    return a.lhist_min == b.lhist_min && a.lhist_max == b.lhist_max && a.lhist_step == b.lhist_step;
  default:
    return true;
  }
}

std::string type_name(const Type& t) {
  switch (t.kind) {
  case TypeKind::None:
    return "none";
  case TypeKind::Int:
    return std::string(t.is_signed ? "int" : "uint") + std::to_string(t.bits);
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
    return t.points_to_char ? "char *" : "pointer";
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
  if (to.kind == TypeKind::Tuple) {
    if (to.elems.size() != from.elems.size()) return false;
    for (size_t i = 0; i < to.elems.size(); ++i)
      if (!assignable(to.elems[i], from.elems[i])) return false;
    return true;
  }
  if (to.kind == TypeKind::LHist) return to == from;
  return true;
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
