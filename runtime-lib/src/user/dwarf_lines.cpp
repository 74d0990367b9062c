#include "user/dwarf_lines.h"

#include "user/dwarf_reader.h"

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <gelf.h>
#include <optional>
#include <unistd.h>
#include <zlib.h>

namespace btc::rt {
namespace {

using dwarf::join;
using dwarf::Reader;
using dwarf::skip_form;
using dwarf::string_at;

// DWARF 5 section 7: the constants the line-number program header and program use.
constexpr uint8_t kLnsCopy = 1, kLnsAdvancePc = 2, kLnsAdvanceLine = 3, kLnsSetFile = 4,
                  kLnsConstAddPc = 8, kLnsFixedAdvancePc = 9;
constexpr uint8_t kLneEndSequence = 1, kLneSetAddress = 2, kLneDefineFile = 3;
constexpr uint64_t kLnctPath = 1, kLnctDirectoryIndex = 2;
constexpr uint64_t kFormBlock2 = 0x03, kFormBlock4 = 0x04, kFormData2 = 0x05, kFormData4 = 0x06,
                   kFormData8 = 0x07, kFormString = 0x08, kFormBlock = 0x09, kFormBlock1 = 0x0a,
                   kFormData1 = 0x0b, kFormFlag = 0x0c, kFormSdata = 0x0d, kFormStrp = 0x0e,
                   kFormUdata = 0x0f, kFormData16 = 0x1e, kFormLineStrp = 0x1f;

// The bytes of section `scn`, decompressed when it is SHF_COMPRESSED with zlib (ELFCLASS64's
// Elf64_Chdr header). False when it cannot be read.
bool section_bytes(Elf_Scn* scn, std::string& out) {
  GElf_Shdr sh;
  Elf_Data* data = gelf_getshdr(scn, &sh) ? elf_rawdata(scn, nullptr) : nullptr;
  if (!data || !data->d_buf || sh.sh_type == SHT_NOBITS) return false;
  const char* bytes = static_cast<const char*>(data->d_buf);
  if (!(sh.sh_flags & SHF_COMPRESSED)) {
    out.assign(bytes, data->d_size);
    return true;
  }
  Elf64_Chdr ch;
  if (data->d_size < sizeof ch) return false;
  std::memcpy(&ch, bytes, sizeof ch);
  constexpr uint32_t kCompressZlib = 1;
  // zlib expands at most 1032 times: a larger claimed size is damage, not allocated.
  if (ch.ch_type != kCompressZlib || ch.ch_size > (uint64_t{1} << 30) ||
      ch.ch_size / 1032 > data->d_size)
    return false;
  out.resize(ch.ch_size);
  uLongf size = static_cast<uLongf>(ch.ch_size);
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                 reinterpret_cast<const Bytef*>(bytes + sizeof ch),
                 static_cast<uLong>(data->d_size - sizeof ch)) != Z_OK ||
      size != ch.ch_size)
    return false;
  return true;
}

// The compilation directory (DW_AT_comp_dir) of each compilation unit of .debug_info, by the
// offset of its line table in .debug_line (DW_AT_stmt_list): DWARF 2-4 line tables name
// files relative to it without naming it. Only each unit's first DIE is read.
std::map<uint64_t, std::string> compilation_dirs(std::string_view info, std::string_view abbrev,
                                                 std::string_view str, std::string_view line_str) {
  constexpr uint64_t kAtStmtList = 0x10, kAtCompDir = 0x1b;
  std::map<uint64_t, std::string> dirs;
  Reader r(info);
  while (r.left() > 0 && !r.bad) {
    uint64_t length = r.fixed(4);
    unsigned offset_size = 4;
    if (length == 0xffffffff) {
      length = r.fixed(8);
      offset_size = 8;
    }
    if (r.bad || length > r.left()) break;
    Reader u(r.p, r.p + length);
    r.p += length;
    uint16_t version = static_cast<uint16_t>(u.fixed(2));
    if (version < 2 || version > 5) continue;
    uint64_t abbrev_offset = 0;
    unsigned address_size = 8;
    if (version >= 5) {
      uint8_t type = u.u8();
      address_size = u.u8();
      abbrev_offset = u.fixed(offset_size);
      if (type != 1) continue; // DW_UT_compile only: partial, type and split units have none
    } else {
      abbrev_offset = u.fixed(offset_size);
      address_size = u.u8();
    }
    uint64_t code = u.uleb();
    if (u.bad || code == 0 || abbrev_offset >= abbrev.size()) continue;
    // The abbreviation of that code in the unit's table.
    Reader a(abbrev.substr(abbrev_offset));
    bool found = false;
    while (!a.bad && a.left() > 0) {
      uint64_t c = a.uleb();
      if (c == 0) break;
      a.uleb(); // tag
      a.u8();   // children
      if (c == code) {
        found = true;
        break;
      }
      for (;;) {
        uint64_t name = a.uleb(), form = a.uleb();
        if (form == 0x21) a.sleb();
        if (a.bad || (name == 0 && form == 0)) break;
      }
    }
    if (!found) continue;
    std::optional<uint64_t> stmt_list;
    std::string_view comp_dir;
    for (;;) {
      uint64_t name = a.uleb(), form = a.uleb();
      if (form == 0x21) a.sleb();
      if (a.bad || (name == 0 && form == 0)) break;
      if (name == kAtStmtList && (form == 0x17 || form == 0x06 || form == 0x07)) {
        stmt_list = u.fixed(form == 0x07 ? 8 : form == 0x06 ? 4 : offset_size);
      } else if (name == kAtCompDir && form == 0x08) {
        comp_dir = u.cstr();
      } else if (name == kAtCompDir && form == 0x0e) {
        comp_dir = string_at(str, u.fixed(offset_size));
      } else if (name == kAtCompDir && form == 0x1f) {
        comp_dir = string_at(line_str, u.fixed(offset_size));
      } else if (!skip_form(u, form, offset_size, address_size, version)) {
        break;
      }
      if (u.bad) break;
    }
    if (stmt_list && !comp_dir.empty()) dirs.emplace(*stmt_list, std::string(comp_dir));
  }
  return dirs;
}

} // namespace

// The decoding of one line-number program unit into a LineTable.
class LineProgram {
public:
  LineProgram(LineTable& t, std::string_view line_str, std::string_view str,
              std::string_view comp_dir)
      : t_(t), line_str_(line_str), str_(str), comp_dir_(comp_dir) {}

  // Decodes the unit at the start of `r`, leaving `r` after it (a damaged unit keeps the
  // sequences it ended before the damage); false when its length is damaged, so that the units
  // after it cannot be found.
  bool unit(Reader& r) {
    uint64_t length = r.fixed(4);
    unsigned offset_size = 4;
    if (length == 0xffffffff) {
      length = r.fixed(8);
      offset_size = 8;
    }
    if (r.bad || length > r.left()) return false;
    Reader u(r.p, r.p + length);
    r.p += length;
    version_ = static_cast<uint16_t>(u.fixed(2));
    if (version_ < 2 || version_ > 5) return true; // a unit of another version: skipped
    if (version_ >= 5) {
      u.u8(); // address_size: set_address says it again
      u.u8(); // segment_selector_size
    }
    uint64_t header_length = u.fixed(offset_size);
    // From here on a damaged unit is skipped: its length tells where the next one starts.
    if (u.bad || header_length > u.left()) return true;
    Reader program(u.p + header_length, u.end);
    min_inst_ = u.u8();
    if (version_ >= 4) u.u8(); // maximum_operations_per_instruction: 1 but for VLIW
    u.u8();                    // default_is_stmt: every row is looked up, statement or not
    line_base_ = static_cast<int8_t>(u.u8());
    line_range_ = u.u8();
    opcode_base_ = u.u8();
    if (u.bad || line_range_ == 0 || opcode_base_ == 0) return true;
    std::vector<uint8_t> lengths(opcode_base_ - 1);
    for (uint8_t& l : lengths) l = u.u8();
    dirs_.clear();
    files_.clear();
    if (!(version_ >= 5 ? header_v5(u, offset_size) : header_v2(u))) return true;
    run(program, lengths); // the sequences it ended before any damage are kept
    return true;
  }

  // Keeps the unit's file numbers for DW_AT_call_file.
  void save_files(uint64_t offset) { t_.unit_files_[offset] = files_; }

private:
  // DWARF 2-4: include_directories then file_names, each list ended by an empty string. Both
  // count from 1; directory 0 is the compilation directory, named in .debug_info only, and
  // the others may be relative to it.
  bool header_v2(Reader& u) {
    dirs_.emplace_back(comp_dir_);
    for (std::string_view d; !(d = u.cstr()).empty();) dirs_.push_back(join(comp_dir_, d));
    files_.push_back(UINT32_MAX); // file 0 is not used before DWARF 5
    for (std::string_view name; !(name = u.cstr()).empty();) {
      uint64_t dir = u.uleb();
      u.uleb(); // modification time
      u.uleb(); // length
      files_.push_back(file_name(dir, name));
    }
    return !u.bad;
  }

  // DWARF 5: directories then file names, each described by (content type, form) pairs.
  bool header_v5(Reader& u, unsigned offset_size) {
    for (int list = 0; list < 2; ++list) {
      uint8_t format_count = u.u8();
      std::vector<std::pair<uint64_t, uint64_t>> format(format_count);
      for (auto& [type, form] : format) {
        type = u.uleb();
        form = u.uleb();
      }
      uint64_t count = u.uleb();
      if (u.bad || count > u.left()) return false;
      for (uint64_t i = 0; i < count; ++i) {
        std::string_view path;
        uint64_t dir = 0;
        for (auto [type, form] : format) {
          uint64_t number = 0;
          std::string_view text;
          if (!attribute(u, form, offset_size, number, text)) return false;
          if (type == kLnctPath) path = text;
          if (type == kLnctDirectoryIndex) dir = number;
        }
        if (list == 0) {
          // Directory 0 is the compilation directory; the others may be relative to it.
          dirs_.push_back(dirs_.empty() ? std::string(path) : join(dirs_[0], path));
        } else {
          files_.push_back(file_name(dir, path));
        }
      }
    }
    return !u.bad;
  }

  // One attribute value of form `form`: a number or a string (other forms are skipped).
  bool attribute(Reader& u, uint64_t form, unsigned offset_size, uint64_t& number,
                 std::string_view& text) {
    switch (form) {
    case kFormString:
      text = u.cstr();
      break;
    case kFormLineStrp:
      text = string_at(line_str_, u.fixed(offset_size));
      break;
    case kFormStrp:
      text = string_at(str_, u.fixed(offset_size));
      break;
    case kFormData1:
    case kFormFlag:
      number = u.fixed(1);
      break;
    case kFormData2:
      number = u.fixed(2);
      break;
    case kFormData4:
      number = u.fixed(4);
      break;
    case kFormData8:
      number = u.fixed(8);
      break;
    case kFormData16:
      u.skip(16);
      break;
    case kFormUdata:
      number = u.uleb();
      break;
    case kFormSdata:
      number = static_cast<uint64_t>(u.sleb());
      break;
    case kFormBlock:
      u.skip(u.uleb());
      break;
    case kFormBlock1:
      u.skip(u.fixed(1));
      break;
    case kFormBlock2:
      u.skip(u.fixed(2));
      break;
    case kFormBlock4:
      u.skip(u.fixed(4));
      break;
    default:
      return false; // strx and the like need .debug_str_offsets: the unit is not read
    }
    return !u.bad;
  }

  uint32_t file_name(uint64_t dir, std::string_view name) {
    std::string path = join(dir < dirs_.size() ? std::string_view(dirs_[dir]) : "", name);
    t_.files_.push_back(std::move(path));
    return static_cast<uint32_t>(t_.files_.size() - 1);
  }

  // Runs the line-number program, appending each sequence's rows to the table.
  bool run(Reader& r, const std::vector<uint8_t>& lengths) {
    auto reset = [&] {
      addr_ = 0;
      file_ = 1;
      line_ = 1;
      seq_first_ = t_.rows_.size();
    };
    reset();
    auto emit = [&] {
      uint32_t file = file_ < files_.size() ? files_[file_] : UINT32_MAX;
      t_.rows_.push_back({addr_, static_cast<uint32_t>(line_), file});
    };
    auto end_sequence = [&] {
      size_t count = t_.rows_.size() - seq_first_;
      if (count > 0 && addr_ > t_.rows_[seq_first_].addr) {
        t_.seqs_.push_back({t_.rows_[seq_first_].addr, addr_, seq_first_, count});
      } else {
        t_.rows_.resize(seq_first_); // empty: dropped
      }
      reset();
    };
    while (r.left() > 0 && !r.bad) {
      uint8_t op = r.u8();
      if (op >= opcode_base_) {
        unsigned adjusted = op - opcode_base_;
        addr_ += static_cast<uint64_t>(min_inst_) * (adjusted / line_range_);
        line_ += line_base_ + static_cast<int>(adjusted % line_range_);
        emit();
        continue;
      }
      switch (op) {
      case 0: {
        uint64_t len = r.uleb();
        if (r.bad || len == 0 || len > r.left()) {
          r.bad = true; // ends the loop: the unit is damaged
          break;
        }
        Reader ext(r.p, r.p + len);
        r.p += len;
        switch (ext.u8()) {
        case kLneEndSequence:
          end_sequence();
          break;
        case kLneSetAddress:
          addr_ = ext.fixed(static_cast<unsigned>(std::min<uint64_t>(len - 1, 8)));
          break;
        case kLneDefineFile: {
          std::string_view name = ext.cstr();
          uint64_t dir = ext.uleb();
          files_.push_back(file_name(dir, name));
          break;
        }
        default:
          break; // set_discriminator and vendor extensions
        }
        break;
      }
      case kLnsCopy:
        emit();
        break;
      case kLnsAdvancePc:
        addr_ += static_cast<uint64_t>(min_inst_) * r.uleb();
        break;
      case kLnsAdvanceLine:
        line_ += r.sleb();
        break;
      case kLnsSetFile:
        file_ = r.uleb();
        break;
      case kLnsConstAddPc:
        addr_ += static_cast<uint64_t>(min_inst_) * ((255u - opcode_base_) / line_range_);
        break;
      case kLnsFixedAdvancePc:
        addr_ += r.fixed(2);
        break;
      default:
        // set_column, negate_stmt, set_basic_block, prologue_end, epilogue_begin, set_isa
        // and opcodes of later versions: skipped by their operand counts.
        for (uint8_t i = 0; i < lengths[op - 1]; ++i) r.uleb();
        break;
      }
    }
    // Rows after the last end_sequence belong to no sequence.
    t_.rows_.resize(seq_first_);
    return !r.bad && r.left() == 0;
  }

  LineTable& t_;
  std::string_view line_str_, str_, comp_dir_;
  uint16_t version_ = 0;
  uint8_t min_inst_ = 1, line_range_ = 1, opcode_base_ = 1;
  int8_t line_base_ = 0;
  std::vector<std::string> dirs_;
  std::vector<uint32_t> files_; // the unit's file numbers -> LineTable::files_
  // The state machine's registers.
  uint64_t addr_ = 0, file_ = 1;
  int64_t line_ = 1;
  size_t seq_first_ = 0;
};

LineTable LineTable::decode(std::string_view debug_line, std::string_view line_str,
                            std::string_view str,
                            const std::map<uint64_t, std::string>& comp_dirs) {
  LineTable t;
  Reader r(debug_line);
  while (r.left() > 0) {
    uint64_t offset =
        static_cast<uint64_t>(r.p - reinterpret_cast<const uint8_t*>(debug_line.data()));
    auto dir = comp_dirs.find(offset);
    LineProgram unit(t, line_str, str, dir == comp_dirs.end() ? "" : std::string_view(dir->second));
    if (!unit.unit(r)) break;
    unit.save_files(offset);
  }
  std::stable_sort(t.seqs_.begin(), t.seqs_.end(),
                   [](const Sequence& a, const Sequence& b) { return a.start < b.start; });
  return t;
}

} // namespace btc::rt

namespace btc::rt::dwarf {

bool read_sections(const std::string& path, Sections& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  elf_version(EV_CURRENT);
  Elf* elf = elf_begin(fd, ELF_C_READ_MMAP, nullptr);
  size_t shstrndx = 0;
  bool ok = elf && elf_kind(elf) == ELF_K_ELF && elf_getshdrstrndx(elf, &shstrndx) == 0;
  if (ok) {
    const std::pair<const char*, std::string*> wanted[] = {
        {".debug_line", &out.line},
        {".debug_line_str", &out.line_str},
        {".debug_str", &out.str},
        {".debug_info", &out.info},
        {".debug_abbrev", &out.abbrev},
        {".debug_addr", &out.addr},
        {".debug_ranges", &out.ranges},
        {".debug_rnglists", &out.rnglists},
        {".debug_str_offsets", &out.str_offsets}};
    for (Elf_Scn* scn = nullptr; (scn = elf_nextscn(elf, scn));) {
      GElf_Shdr sh;
      if (!gelf_getshdr(scn, &sh)) continue;
      const char* name = elf_strptr(elf, shstrndx, sh.sh_name);
      for (const auto& [n, where] : wanted)
        if (name && std::strcmp(name, n) == 0) btc::rt::section_bytes(scn, *where);
    }
  }
  if (elf) elf_end(elf);
  close(fd);
  return ok;
}

} // namespace btc::rt::dwarf

namespace btc::rt {

LineTable LineTable::load(const std::string& path) {
  dwarf::Sections s;
  if (!dwarf::read_sections(path, s)) return {};
  return build(s);
}

LineTable LineTable::build(const dwarf::Sections& s) {
  if (s.line.empty()) return {};
  return decode(s.line, s.line_str, s.str, compilation_dirs(s.info, s.abbrev, s.str, s.line_str));
}

bool LineTable::unit_file(uint64_t unit, uint64_t index, std::string& path) const {
  auto it = unit_files_.find(unit);
  if (it == unit_files_.end() || index >= it->second.size() || it->second[index] >= files_.size())
    return false;
  path = files_[it->second[index]];
  return true;
}

bool LineTable::find(uint64_t vaddr, std::string& file, uint32_t& line) const {
  // The last sequence starting at or below the address; sequences of code the linker dropped
  // (address 0 and up) may overlap others, so a few earlier ones are looked at too.
  auto it = std::upper_bound(seqs_.begin(), seqs_.end(), vaddr,
                             [](uint64_t a, const Sequence& s) { return a < s.start; });
  for (int tries = 0; it != seqs_.begin() && tries < 16; ++tries) {
    const Sequence& s = *--it;
    if (vaddr >= s.end) continue;
    auto first = rows_.begin() + static_cast<std::ptrdiff_t>(s.first);
    auto last = first + static_cast<std::ptrdiff_t>(s.count);
    // The last row at or below the address (of several at one address, the last: the line
    // that address starts).
    auto row =
        std::upper_bound(first, last, vaddr, [](uint64_t a, const Row& r) { return a < r.addr; });
    if (row == first) continue;
    --row;
    if (row->file >= files_.size() || row->line == 0) return false;
    file = files_[row->file];
    line = row->line;
    return true;
  }
  return false;
}

} // namespace btc::rt
