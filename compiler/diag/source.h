// A script's text and the mapping from byte offsets to lines and columns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace btc {

// A half-open byte range [begin, end) in the script.
struct SourceRange {
  uint32_t begin = 0;
  uint32_t end = 0;
};

class SourceFile {
public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  // 1-based line and column of a byte offset.
  uint32_t line_of(uint32_t offset) const;
  uint32_t column_of(uint32_t offset) const;
  std::string_view line_text(uint32_t line) const;
  uint32_t line_start(uint32_t line) const { return line_starts_[line - 1]; }

private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

} // namespace btc
