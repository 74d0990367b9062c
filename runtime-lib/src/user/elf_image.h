// What a user-space probe needs from an ELF file (an executable or a shared library): its
// functions with their file offsets (uprobes are per inode and file offset, so the load address
// never matters), its USDT notes, its build-id, and its bytes. Read with libelf, once per file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace btc::rt {

struct ElfFunction {
  std::string name; // as in the symbol table: mangled for C++
  uint64_t vaddr = 0;
  uint64_t size = 0;
  uint64_t file_offset = 0;
  // STT_GNU_IFUNC: the address is a resolver run once by ld.so, not the function.
  bool ifunc = false;
};

// A symbol as a symbolizer sees it: any type, named, with a non-zero value.
struct ElfSymbol {
  std::string name;
  uint64_t value = 0;
  uint64_t size = 0;
};

// One `.note.stapsdt` entry (systemtap's <sys/sdt.h>, which USDT probes are).
struct UsdtNote {
  std::string provider, name;
  std::string args; // argument specs, e.g. "-4@%eax 8@-16(%rbp)"
  uint64_t pc = 0;  // link-time address, already corrected for prelinking
  uint64_t pc_file_offset = 0;
  uint64_t semaphore = 0; // link-time address; 0 without one
  uint64_t semaphore_file_offset = 0;
};

// Whether ElfImage::open() adds the functions of a stripped file's separate debug file.
enum class DebugFile { Read, Ignore };

class ElfImage {
public:
  // Reads `path`; nullptr with `error` set (one line, naming the file) when it cannot be read
  // or is not an ELF file of this machine. A stripped file's local functions come from its
  // separate debug file where one is installed (libc6-dbg's for libc), as bpftrace finds them.
  static std::unique_ptr<ElfImage> open(const std::string& path, std::string& error,
                                        DebugFile debug = DebugFile::Read);
  // As open(), without the symbol tables: the segments, USDT notes, build-id, interpreter and
  // dynamic section only, for looking through many files for USDT probes (usdt:*:...).
  static std::unique_ptr<ElfImage> open_notes(const std::string& path, std::string& error);

  const std::string& path() const { return path_; }
  // False for a stripped file without a debug file: only the exported functions (.dynsym) are
  // known.
  bool has_symtab() const { return has_symtab_; }
  // The separate debug file whose functions were added; empty when none was.
  const std::string& debug_file() const { return debug_file_; }
  // Defined functions of .symtab and .dynsym, each name once, sorted by address then name.
  const std::vector<ElfFunction>& functions() const { return functions_; }
  const std::vector<UsdtNote>& usdt() const { return usdt_; }
  // The GNU build-id in lowercase hex; empty when the file has none.
  const std::string& build_id() const { return build_id_; }
  // Every named symbol with a non-zero value, of any type, in the order of the file's .symtab and
  // .dynsym sections and their entries (the order bcc, so bpftrace, reads them in).
  const std::vector<ElfSymbol>& symbols() const { return symbols_; }
  // ET_EXEC: symbol values are run-time addresses (not PIE, not a shared library).
  bool fixed_address() const { return fixed_address_; }
  // The .gnu_debuglink section: the separate debug file's name and its CRC-32; empty without.
  const std::string& debuglink() const { return debuglink_; }
  uint32_t debuglink_crc() const { return debuglink_crc_; }

  // The file offset of link-time address `vaddr` (through the PT_LOAD segment holding it).
  std::optional<uint64_t> file_offset(uint64_t vaddr) const;
  // The link-time address of file offset `offset` (the inverse, through the PT_LOAD segments).
  std::optional<uint64_t> vaddr_of(uint64_t offset) const;
  // The libraries it needs (DT_NEEDED), as written ("libc.so.6").
  const std::vector<std::string>& needed() const { return needed_; }
  // Where the dynamic linker looks for them first: DT_RPATH and DT_RUNPATH as written
  // ("$ORIGIN/../lib:/opt/lib"); empty without.
  const std::string& rpath() const { return rpath_; }
  const std::string& runpath() const { return runpath_; }
  // The program interpreter (PT_INTERP, "/lib64/ld-linux-x86-64.so.2"); empty without.
  const std::string& interpreter() const { return interpreter_; }
  // The end of the highest PT_LOAD segment's file bytes, as a link-time address.
  uint64_t vaddr_end() const;
  // `size` bytes at `offset` in the file; false when the file is shorter.
  bool read(uint64_t offset, size_t size, std::vector<uint8_t>& out) const;

private:
  struct Segment {
    uint64_t vaddr, offset, filesz;
  };
  // `layout`: the file whose segments give file offsets (a debug file's own have no bytes).
  static std::unique_ptr<ElfImage> load(const std::string& path, std::string& error,
                                        const ElfImage* layout, bool symbols = true);

  std::string path_;
  std::string debug_file_;
  bool has_symtab_ = false;
  std::vector<ElfFunction> functions_;
  std::vector<UsdtNote> usdt_;
  std::string build_id_;
  std::vector<ElfSymbol> symbols_;
  bool fixed_address_ = false;
  std::string debuglink_;
  uint32_t debuglink_crc_ = 0;
  std::vector<Segment> loads_;
  std::vector<std::string> needed_;
  std::string rpath_, runpath_, interpreter_;
};

// The separate debug file of `image`, as gdb and bcc look for it: by build-id under
// /usr/lib/debug/.build-id, then by .gnu_debuglink beside `name` (the file's path), in its
// .debug directory or under /usr/lib/debug, with the CRC checked. Empty when there is none.
std::string separate_debug_file(const ElfImage& image, const std::string& name);

} // namespace btc::rt
