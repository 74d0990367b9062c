// The types of a tracepoint's `args` fields. A record's fields are described in C words (the
// format file's declarations, or BTF's in the same terms): strings, integers, arrays and
// pointers. A pointer field is an address in the kernel, or in the process for the syscall
// tracepoints (their arguments come from user space, as bpftrace has it); when its C type names
// a struct, a union or an integer that the script or the kernel's BTF knows, it is typed, so
// `args->rqtp->tv_sec` reads the process's `struct __kernel_timespec`.
#include "sema/checker.h"

#include <sstream>

namespace btc {

namespace {

// The C words of a declaration without its qualifiers: "const struct sigaction" → {"struct",
// "sigaction"}.
std::vector<std::string> type_words(const std::string& c_type) {
  std::vector<std::string> out;
  std::istringstream in(c_type);
  for (std::string w; in >> w;)
    if (w != "const" && w != "volatile") out.push_back(w);
  return out;
}

// A C integer spelled with the keywords alone ("unsigned long", "short int"); char and _Bool
// are not among them: a `char *` stays a string address.
std::optional<Type> keyword_integer(const std::vector<std::string>& words) {
  int longs = 0;
  bool is_short = false, is_unsigned = false;
  for (const std::string& w : words) {
    if (w == "long") {
      ++longs;
    } else if (w == "short") {
      is_short = true;
    } else if (w == "unsigned") {
      is_unsigned = true;
    } else if (w != "int" && w != "signed") {
      return std::nullopt;
    }
  }
  uint8_t bits = is_short ? 16 : longs ? 64 : 32;
  return Type::integer(bits, !is_unsigned);
}

} // namespace

std::optional<Type> Checker::c_pointee(const std::string& c_type) {
  size_t star = c_type.find('*');
  if (star == std::string::npos || c_type.find_first_not_of(" ", star + 1) != std::string::npos)
    return std::nullopt; // not one level of pointer
  std::vector<std::string> words = type_words(c_type.substr(0, star));
  if (words.empty()) return std::nullopt;
  if (words.size() == 2 && (words[0] == "struct" || words[0] == "union")) {
    const RecordDef* r = find_record(words[1], words[0] == "union", nullptr);
    return r ? std::optional(Type::record_of(*r)) : std::nullopt;
  }
  if (words.size() == 2 && words[0] == "enum") {
    for (TypeSource* source : sources_)
      if (const EnumDef* d = source->enumeration(words[1]))
        return Type::integer(d->bits, d->is_signed);
    return std::nullopt;
  }
  if (auto t = keyword_integer(words)) return t;
  if (words.size() != 1 || words[0] == "void" || words[0] == "char" || words[0] == "_Bool")
    return std::nullopt;
  for (TypeSource* source : sources_) {
    auto t = source->typedef_type(words[0]);
    if (!t) continue;
    if (t->kind() == TypeKind::Enum) return Type::integer(t->bits(), t->is_signed());
    if (t->kind() == TypeKind::Int || t->kind() == TypeKind::Record) return t;
    return std::nullopt;
  }
  return std::nullopt;
}

Type Checker::tracepoint_field_type(const ResolvedProbe& p, const TracepointField& f,
                                    const Expr& e) {
  if (f.is_char_array || f.is_data_loc)
    return Type::string(f.is_data_loc ? result_.config.max_strlen : f.size);
  if (f.is_pointer) {
    AddrSpace space = p.format->category == "syscalls" ? AddrSpace::User : AddrSpace::Kernel;
    if (auto pointee = c_pointee(f.c_type)) return Type::pointer(*pointee, space);
    return Type::untyped_pointer(f.points_to_char).in_space(space);
  }
  uint32_t elem = f.is_array && f.count ? f.size / f.count : 0;
  bool elem_ok = (elem == 1 || elem == 2 || elem == 4 || elem == 8) && elem * f.count == f.size;
  if (f.is_array && elem_ok)
    return Type::array(Type::integer(static_cast<uint8_t>(elem * 8), f.is_signed), f.count);
  if (f.is_array || f.size > 8 || (f.size & (f.size - 1)) != 0 || f.size == 0) {
    error(e.range, "field '" + e.name + "' (" + f.c_type + (f.is_array ? "[]" : "") + ", " +
                       std::to_string(f.size) + " bytes) is not supported yet");
    return Type::none();
  }
  // A field of a named enum remembers it, for printf's %s.
  std::vector<std::string> words = type_words(f.c_type);
  if (words.size() == 2 && words[0] == "enum")
    for (TypeSource* source : sources_)
      if (const EnumDef* d = source->enumeration(words[1]))
        return Type::enum_integer(*d, static_cast<uint8_t>(f.size * 8), f.is_signed);
  return Type::integer(static_cast<uint8_t>(f.size * 8), f.is_signed);
}

} // namespace btc
