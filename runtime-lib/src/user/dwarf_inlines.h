// The inlined calls at a code address, from .debug_info's DW_TAG_inlined_subroutine entries, for
// config show_debug_info's "[inlined] name@file:line" frames (current bpftrace's, through
// blazesym). Read by the tool itself, as the line tables are (dwarf_lines.h).
#pragma once

#include "user/dwarf_lines.h"

#include <cstdint>
#include <string>
#include <vector>

namespace btc::rt {

struct InlinedCall {
  std::string name;      // of the inlined function (its linkage name when it has one)
  std::string call_file; // where it is called from, in the function around it
  uint32_t call_line = 0;
};

class InlineTable {
public:
  // The inlined calls of the compilation units of `sections`; `lines` names their files.
  static InlineTable build(const dwarf::Sections& sections, const LineTable& lines);

  // The inlined calls whose code holds link-time address `vaddr`, outermost first.
  std::vector<InlinedCall> find(uint64_t vaddr) const;
  size_t size() const { return calls_.size(); }

private:
  struct Range {
    uint64_t lo, hi;
    uint32_t call;
  };
  struct Call {
    uint32_t name, call_file; // into strings_
    uint32_t call_line;
    uint32_t depth; // inlined calls around it
  };
  friend class InlineReader;
  std::vector<Call> calls_;
  std::vector<Range> ranges_;        // sorted by lo
  std::vector<uint64_t> reach_;      // reach_[i]: the highest hi of ranges_[0..i]
  std::vector<std::string> strings_; // names and files, each once
};

// What show_debug_info reads of one file: its line tables and inlined calls, together.
struct SourceInfo {
  LineTable lines;
  InlineTable inlines;
  // Both, of the ELF file at `path`; empty when it has no DWARF.
  static SourceInfo load(const std::string& path);
};

} // namespace btc::rt
