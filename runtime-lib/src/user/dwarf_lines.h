// Source file and line of a code address, from an ELF file's DWARF line tables (.debug_line,
// DWARF 2 to 5), for config show_debug_info. The tool links neither LLVM nor libdw: this is a
// reader of the line-number programs alone (DWARF 5 section 6.2), with .debug_line_str and
// .debug_str for DWARF 5's file names and zlib-compressed sections (SHF_COMPRESSED).
//
// The file and line of an address are those of the innermost code there (an inlined function's
// body, for code inlined into its caller); the inlined calls themselves are dwarf_inlines.h's.
// Of .debug_info, only each compilation unit's first DIE is read here, for the compilation
// directory DWARF 2-4 file names are relative to.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace btc::rt {

namespace dwarf {
struct Sections;
}

class LineTable {
public:
  // The line tables of the ELF file at `path` (its .debug_line section); empty when it has
  // none or they cannot be read.
  static LineTable load(const std::string& path);
  // The same from the file's sections, already read.
  static LineTable build(const dwarf::Sections& sections);
  // Decodes a whole .debug_line section; `line_str` and `str` are the file's .debug_line_str and
  // .debug_str sections (DWARF 5 names point into them). A damaged unit is skipped (keeping the
  // sequences it ended before the damage); a damaged unit length ends the reading.
  // `comp_dirs`: the compilation directory of each DWARF 2-4 unit, by its offset in
  // .debug_line (from .debug_info); without one, that unit's names stay relative.
  static LineTable decode(std::string_view debug_line, std::string_view line_str,
                          std::string_view str,
                          const std::map<uint64_t, std::string>& comp_dirs = {});

  // The source file (a path: the file's directory joined to its name) and line of link-time
  // address `vaddr`; false when no line-number sequence covers it.
  bool find(uint64_t vaddr, std::string& file, uint32_t& line) const;
  // The path of file number `index` of the line table at offset `unit` of .debug_line (the
  // numbers DW_AT_call_file gives); false when there is none.
  bool unit_file(uint64_t unit, uint64_t index, std::string& path) const;
  bool empty() const { return seqs_.empty(); }
  size_t rows() const { return rows_.size(); }

private:
  struct Row {
    uint64_t addr;
    uint32_t line;
    uint32_t file; // index into files_
  };
  // The rows of one sequence: contiguous code from `start` to `end` (exclusive).
  struct Sequence {
    uint64_t start, end;
    size_t first, count; // in rows_
  };

  friend class LineProgram;
  std::vector<std::string> files_;
  std::vector<Row> rows_;
  std::vector<Sequence> seqs_;                           // sorted by start
  std::map<uint64_t, std::vector<uint32_t>> unit_files_; // unit offset -> its files in files_
};

} // namespace btc::rt
