#include "diag/diagnostics.h"

#include <algorithm>
#include <ostream>

namespace btc {

std::string render_diagnostic(const SourceFile& source, Severity severity, SourceRange range,
                              const std::string& message) {
  uint32_t line = source.line_of(range.begin);
  uint32_t col = source.column_of(range.begin);
  std::string out = source.name() + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
                    (severity == Severity::Error ? "error: " : "warning: ") + message + "\n";
  std::string_view text = source.line_text(line);
  out.append(text);
  out += "\n";
  // The underline stops at the end of the first line of a multi-line range.
  uint32_t start = col - 1;
  uint32_t stop = std::min<uint32_t>(range.end - source.line_start(line), text.size());
  // One mark per character: UTF-8 continuation bytes take no column on the terminal.
  auto continuation = [&](uint32_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80;
  };
  std::string marks;
  for (uint32_t i = 0; i < start && i < text.size(); ++i)
    if (!continuation(i)) marks += text[i] == '\t' ? '\t' : ' ';
  marks += '^';
  for (uint32_t i = start + 1; i < stop; ++i)
    if (!continuation(i)) marks += '~';
  out += marks + "\n";
  return out;
}

void Diagnostics::report(Severity severity, SourceRange range, const std::string& message) {
  out_ << render_diagnostic(source_, severity, range, message);
}

void Diagnostics::error(SourceRange range, const std::string& message) {
  ++errors_;
  report(Severity::Error, range, message);
}

void Diagnostics::warning(SourceRange range, const std::string& message) {
  ++warnings_;
  report(Severity::Warning, range, message);
}

void Diagnostics::error(const std::string& message) {
  ++errors_;
  out_ << "btc: error: " << message << "\n";
}

} // namespace btc
