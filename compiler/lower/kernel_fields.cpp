#include "lower/kernel_fields.h"

#include <algorithm>

namespace btc {

void KernelFields::add(std::string record, std::string path, SourceRange range,
                       KernelFieldKind kind, std::string event) {
  for (const KernelFieldUse& u : uses_)
    if (u.record == record && u.path == path && u.range.begin == range.begin &&
        u.range.end == range.end)
      return;
  uses_.push_back({std::move(record), std::move(path), range, kind, std::move(event)});
}

std::vector<KernelFieldEntry> KernelFields::entries(const SourceFile& source) const {
  std::vector<KernelFieldEntry> out;
  for (const KernelFieldUse& u : uses_) {
    uint32_t line = source.line_of(u.range.begin);
    uint32_t column = source.column_of(u.range.begin);
    // A use spanning lines is underlined to the end of its first line.
    auto line_end = static_cast<uint32_t>(source.line_start(line) + source.line_text(line).size());
    uint32_t end = std::min(std::max(u.range.end, u.range.begin + 1), line_end);
    out.push_back({u.record, u.path, u.kind, u.event, line, column,
                   std::max<uint32_t>(end - u.range.begin, 1)});
  }
  return out;
}

} // namespace btc
