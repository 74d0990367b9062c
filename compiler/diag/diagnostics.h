// One diagnostics engine for every stage: `file:line:col: error: message`, the source line and
// the offending range underlined, like Clang.
#pragma once

#include "diag/source.h"

#include <iosfwd>
#include <string>

namespace btc {

enum class Severity { Error, Warning };

class Diagnostics {
public:
  Diagnostics(const SourceFile& source, std::ostream& out) : source_(source), out_(out) {}

  void error(SourceRange range, const std::string& message);
  void warning(SourceRange range, const std::string& message);
  // An error that has no place in the script (I/O, tools, internal errors).
  void error(const std::string& message);

  unsigned errors() const { return errors_; }
  unsigned warnings() const { return warnings_; }
  const SourceFile& source() const { return source_; }

private:
  void report(Severity severity, SourceRange range, const std::string& message);

  const SourceFile& source_;
  std::ostream& out_;
  unsigned errors_ = 0;
  unsigned warnings_ = 0;
};

// Renders one located message; shared with the verifier-error path of the build stage.
std::string render_diagnostic(const SourceFile& source, Severity severity, SourceRange range,
                              const std::string& message);

} // namespace btc
