// A bug in btc found while generating code: a construct sema accepted that lowering does not
// handle, or generated C that would not be valid. Code generation throws it rather than emit
// code that silently does something else; btc reports it (at `range` in the script when known)
// as an internal error, never as the user's mistake.
#pragma once

#include "diag/source.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace btc {

class InternalError : public std::logic_error {
public:
  explicit InternalError(const std::string& message, std::optional<SourceRange> where = {})
      : std::logic_error(message), range(where) {}

  std::optional<SourceRange> range;
};

} // namespace btc
