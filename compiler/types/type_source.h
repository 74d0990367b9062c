// Where the named C types and constants a script uses come from. Sema asks a chain of sources
// in order: the script's own C declarations (preamble definitions, #include'd headers, macros),
// then the kernel's BTF. Each source answers only for what it defines.
#pragma once

#include "types/types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace btc {

class TypeSource {
public:
  virtual ~TypeSource() = default;
  // `struct NAME` (or `union NAME`), complete; nullptr when this source does not define it.
  virtual const RecordDef* record(const std::string& name, bool is_union) = 0;
  // `enum NAME`; nullptr when this source does not define it.
  virtual const EnumDef* enumeration(const std::string& name) = 0;
  // The type a typedef NAME stands for; nothing when this source does not define it.
  virtual std::optional<Type> typedef_type(const std::string& name) = 0;
  // The names of the structs (or unions) this source defines, for a suggestion when a script
  // names one no source has; only asked on that error.
  virtual std::vector<std::string> record_names(bool /*is_union*/) { return {}; }
  // An integer constant by name: an enumerator, or an object-like macro that evaluates to an
  // integer; nothing when this source does not define it.
  virtual std::optional<int64_t> constant(const std::string& name) = 0;
  // The named enum that enumerator NAME belongs to; nullptr for a macro, an enumerator of an
  // anonymous enum, or a name this source does not define.
  virtual const EnumDef* constant_enum(const std::string& /*name*/) { return nullptr; }
  // Why this source defines nothing at all (its file cannot be read, say), for messages about
  // names none of the sources knows; "" when it is usable.
  virtual std::string unavailable() { return ""; }
};

} // namespace btc
