// User-space addresses to names, for ustack and usym: the mappings of each traced process, read
// from /proc/PID/maps when its first stack or symbol arrives (the NewPid event), so that its
// addresses are still named after it exits; each mapped file's symbol table, read once per file
// (by device and inode) on the first address that falls in it.
//
// The names are bpftrace 0.17's, which are bcc's: the executable mappings of the process; in the
// file, the symbols of every type with a non-zero value of its separate debug file (through
// /usr/lib/debug/.build-id or .gnu_debuglink) and then of the file itself, sorted with std::sort
// by address only, and an address belongs to the last symbol at or below it whose size covers
// it (nested symbols looked through); C++ names demangled. Research and measurements:
// docs/design/user-space.md 3.
#pragma once

#include <btc/manifest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace btc::rt {

class ElfImage;
struct SourceInfo;

// One file's symbols, sorted for lookup.
class SymbolTable {
public:
  // The table of the ELF file at `path` and of its debug file; `name` is the file's path in the
  // process (where .gnu_debuglink's file is looked for). Empty when the file cannot be read.
  static SymbolTable load(const std::string& path, const std::string& name);

  // The symbol holding link-time address `vaddr` (demangled) and the offset into it; false
  // when none does.
  bool find(uint64_t vaddr, std::string& name, uint64_t& offset) const;
  // False for a PIE or shared library: link-time addresses are file-relative.
  bool fixed_address() const { return fixed_address_; }
  // The link-time address of file offset `offset`.
  bool vaddr_of(uint64_t offset, uint64_t& vaddr) const;
  // The end of the file's loaded segments' link-time addresses (0 when unread).
  uint64_t vaddr_end() const;
  size_t size() const { return syms_.size(); }
  // config show_debug_info: "file:line" of link-time address `vaddr` in the function around it
  // (the call site of the outermost inlined call there, else the line table's), and the inlined
  // calls there, innermost first, as (name, "file:line"); from the DWARF of the file or, without
  // it, of its debug file, read on the first call. False when neither has line tables for it.
  bool source(uint64_t vaddr, std::string& where,
              std::vector<std::pair<std::string, std::string>>& inlined) const;

  // Symbols added in bcc's reading order, then sorted (unit tests build tables this way).
  void add(std::string_view name, uint64_t start, uint64_t size);
  void sort();

private:
  struct Sym {
    uint64_t start;
    uint64_t size;
    uint32_t name; // offset into names_, NUL-terminated
  };
  std::vector<Sym> syms_;
  std::string names_;
  std::shared_ptr<const ElfImage> image_;
  bool fixed_address_ = false;
  std::string path_, debug_path_;                    // where the file and its debug file were read
  std::string name_;                                 // the file's path in the process
  mutable std::shared_ptr<const SourceInfo> source_; // read on first use
};

// uaddr("name"): the value of symbol `name` (any type: functions, variables) in the file `binary`
// names as a uprobe does, looked up where the tool runs; false with `error` set (one line) when
// the file or the symbol is missing.
bool user_symbol_address(const std::string& binary, const std::string& name, uint64_t& value,
                         std::string& error);

// Where process `pid` has loaded the file of `image` (opened at `path`): the load bias, what its
// link-time addresses are off by there. False when the process does not map the file (matched
// by device and inode) or is gone.
bool load_bias(int pid, const std::string& path, const ElfImage& image, uint64_t& bias);

// config cpp_demangle (BPFTRACE_NO_CPP_DEMANGLE where the tool runs): whether C++ names print
// demangled in user stacks, usym and the `func` of uprobe wildcards. On unless set off.
void set_cpp_demangle(bool on);
bool cpp_demangle();

// config show_debug_info (BPFTRACE_SHOW_DEBUG_INFO where the tool runs): user stack frames and
// usym in bpftrace's stack mode end in "@file:line" of DWARF line tables. Off unless set on.
void set_show_debug_info(bool on);
bool show_debug_info();
// -v: show_debug_info's DWARF reads are told on stderr, one line per file.
void set_symbols_verbose(bool on);

class UserSymbols {
public:
  // The symbolizer of this tool.
  static UserSymbols& get();

  // config cache_user_symbols (UserSymbolCache says what each mode keeps). Before the first
  // event.
  void set_cache(UserSymbolCache mode) { cache_ = mode; }
  // config lazy_symbolication: when false, a process's first note reads the symbol tables of
  // all its mapped files at once (bpftrace: "symbolicate everything ahead of time"); when true,
  // each file's table is read on the first address that falls in it. `verbose` (-v): each
  // table read is told on stderr. Before the first event.
  void set_lazy(bool lazy, bool verbose) {
    lazy_ = lazy;
    verbose_ = verbose;
    set_symbols_verbose(verbose);
  }

  // Reads the executable mappings of process `pid` now and opens their files, replacing what
  // was known of it. When the process is gone and `file` is not empty, the process is known to
  // have loaded `file` at load bias `bias` (what the probe that saw it could tell).
  void note_process(uint32_t pid, const std::string& file = {}, uint64_t bias = 0);

  // `addr` of process `pid` as bpftrace prints it: "name+offset" (decimal) or "name", followed
  // by " (path)" of the mapped file when `with_module`; an address nothing names is "0x..." in
  // lowercase hex, followed by " ([unknown])" when `with_module`. A
  // process never noted is read now (while it lives); one that has mapped more files since is read
  // once more.
  // A stack frame passes `inlined`: with show_debug_info, a named address is followed by
  // "@file:line" when DWARF tells it (not `with_module`: perf mode), and `inlined` receives the
  // lines of the calls inlined there, innermost first, printed before it: "[inlined]
  // name@file:line", or "name (inlined)" `with_module`.
  std::string resolve(uint32_t pid, uint64_t addr, bool with_offset, bool with_module,
                      std::vector<std::string>* inlined = nullptr);

  // Installs the mappings of a process from the text of a maps file, each file read at its
  // path (unit tests).
  void install(uint32_t pid, std::string_view maps_text);

private:
  struct Module {
    std::string name;   // the path as the process's maps show it
    std::string source; // where to read it: the process's map_files link, or a path
    int fd = -1;        // kept open from when the process was read: the file may go away
    std::unique_ptr<SymbolTable> table; // read on first use
  };
  struct Mapping {
    uint64_t start, end, offset;
    size_t module;
    // Known from a probe, not from the process's mappings: `start` is the load bias and
    // addresses less it are link-time addresses.
    bool by_bias = false;
  };
  struct Process {
    std::vector<Mapping> maps;
    bool reread = false; // read again after a miss already
  };

  bool read_process(uint32_t pid, Process& proc);
  // The name of `addr` in the known mappings of `pid` (read once more on a miss), "" when none.
  std::string resolve_in(uint32_t pid, uint64_t addr, bool with_offset, bool with_module,
                         std::vector<std::string>* inlined);
  void add_mappings(uint32_t pid, std::string_view maps_text, Process& proc);
  const SymbolTable& table(Module& m);

  // PerProgram: process `pid`'s mappings are those of the first process of its executable.
  bool read_program(uint32_t pid, Process& proc);

  UserSymbolCache cache_ = UserSymbolCache::PerPid;
  bool lazy_ = true;
  bool verbose_ = false;
  std::map<std::string, uint32_t> program_pid_; // PerProgram: "dev inode" of an executable
  std::unordered_map<uint32_t, Process> procs_;
  std::vector<Module> modules_;
  std::map<std::string, size_t> module_by_file_; // "dev inode" -> index into modules_
  static constexpr size_t kMaxOpenFiles = 256;
  size_t open_files_ = 0;
};

} // namespace btc::rt
