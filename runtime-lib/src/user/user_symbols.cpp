#include "user/user_symbols.h"
#include "pieces.h"

#include "text.h"
#include "user/dwarf_inlines.h"
#include "user/elf_image.h"
#include "user/proc_maps.h"
#include "user/user_targets.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <zlib.h>

namespace btc::rt {
namespace {

std::string hex_address(uint64_t addr) {
  // bpftrace streams a miss as a void*: libstdc++ shows a null one as "0".
  if (addr == 0) return "0";
  char hex[24];
  std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(addr));
  return hex;
}

bool g_cpp_demangle = true;
bool g_show_debug_info = false;
bool g_verbose = false; // -v: each symbol table and DWARF read is told on stderr

// bcc demangles names that look mangled and keeps the others (and those that fail) as they are.
std::string demangled(const char* name) {
  if (!g_cpp_demangle) return name;
  std::string d = demangle(name);
  return d.empty() ? name : d;
}

} // namespace

SymbolTable SymbolTable::load(const std::string& path, const std::string& name) {
  SymbolTable t;
  std::string error;
  std::unique_ptr<ElfImage> image = ElfImage::open(path, error, DebugFile::Ignore);
  if (!image) return t;
  t.fixed_address_ = image->fixed_address();
  // The debug file's symbols come first, as bcc reads them: the order decides which of several
  // names at one address std::sort leaves last.
  std::string debug = separate_debug_file(*image, name);
  if (!debug.empty())
    if (std::unique_ptr<ElfImage> d = ElfImage::open(debug, error, DebugFile::Ignore)) {
      for (const ElfSymbol& s : d->symbols()) t.add(s.name, s.value, s.size);
      t.debug_path_ = debug;
    }
  t.path_ = path;
  t.name_ = name;
  for (const ElfSymbol& s : image->symbols()) t.add(s.name, s.value, s.size);
  t.sort();
  // Its segments map file offsets to link-time addresses (the debug file's may not).
  t.image_ = std::move(image);
  return t;
}

void SymbolTable::add(std::string_view name, uint64_t start, uint64_t size) {
  syms_.push_back({start, size, static_cast<uint32_t>(names_.size())});
  names_.append(name);
  names_.push_back('\0');
}

void SymbolTable::sort() {
  std::sort(syms_.begin(), syms_.end(),
            [](const Sym& a, const Sym& b) { return a.start < b.start; });
}

uint64_t SymbolTable::vaddr_end() const {
  return image_ ? image_->vaddr_end() : 0;
}

bool SymbolTable::vaddr_of(uint64_t offset, uint64_t& vaddr) const {
  if (!image_) return false;
  std::optional<uint64_t> v = image_->vaddr_of(offset);
  if (!v) return false;
  vaddr = *v;
  return true;
}

bool SymbolTable::source(uint64_t vaddr, std::string& where,
                         std::vector<std::pair<std::string, std::string>>& inlined) const {
  const PieceApi<Piece::DebugInfo>& dwarf = piece<Piece::DebugInfo>();
  if (!source_) source_ = dwarf.load(path_, debug_path_, name_, g_verbose);
  std::string file;
  uint32_t line = 0;
  std::vector<InlinedCall> calls;
  if (!dwarf.find(*source_, vaddr, file, line, calls)) return false;
  where = file + ":" + std::to_string(line);
  // Innermost first: each inlined function at the place the one inside it is called from (the
  // innermost at the line table's place), the function around them all at the outermost call.
  for (size_t i = calls.size(); i-- > 0;) {
    inlined.emplace_back(demangled(calls[i].name.c_str()), where);
    where = calls[i].call_file + ":" + std::to_string(calls[i].call_line);
  }
  return true;
}

bool SymbolTable::find(uint64_t vaddr, std::string& name, uint64_t& offset) const {
  auto it = std::upper_bound(syms_.begin(), syms_.end(), vaddr,
                             [](uint64_t a, const Sym& s) { return a < s.start; });
  if (it == syms_.begin()) return false;
  --it;
  // Symbols nest (a function holding local labels with sizes): walk back while an earlier
  // symbol could still cover the address, but not past one that ends before the nearest start.
  const uint64_t limit = it->start;
  for (; vaddr >= it->start; --it) {
    if (vaddr < it->start + it->size) {
      name = demangled(names_.c_str() + it->name);
      offset = vaddr - it->start;
      return true;
    }
    if (limit > it->start + it->size || it == syms_.begin()) break;
  }
  return false;
}

bool user_symbol_address(const std::string& binary, const std::string& name, uint64_t& value,
                         std::string& error) {
  ResolvedBinary bin = resolve_binary(binary, 0);
  if (bin.path.empty()) {
    error = bin.error;
    return false;
  }
  std::unique_ptr<ElfImage> image = ElfImage::open(bin.path, error);
  if (!image) return false;
  for (const ElfSymbol& s : image->symbols())
    if (s.name == name) {
      value = s.value;
      return true;
    }
  error = bin.path + " has no symbol '" + name + "'";
  return false;
}

bool load_bias(int pid, const std::string& path, const ElfImage& image, uint64_t& bias) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return false;
  char dev[32];
  std::snprintf(dev, sizeof dev, "%02x:%02x", major(st.st_dev), minor(st.st_dev));
  const std::string inode = std::to_string(st.st_ino);
  std::string text = read_small_file(("/proc/" + std::to_string(pid) + "/maps").c_str());
  for (std::string_view rest = text; !rest.empty();) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    MapsLine m;
    if (!parse_maps_line(line, m) || m.inode != inode || m.dev != dev) continue;
    std::optional<uint64_t> vaddr = image.vaddr_of(m.offset);
    if (!vaddr) continue;
    bias = m.start - *vaddr;
    return true;
  }
  return false;
}

void set_cpp_demangle(bool on) {
  g_cpp_demangle = on;
}

bool cpp_demangle() {
  return g_cpp_demangle;
}

void set_show_debug_info(bool on) {
  g_show_debug_info = on;
}

bool show_debug_info() {
  return g_show_debug_info;
}

void set_symbols_verbose(bool on) {
  g_verbose = on;
}

UserSymbols& UserSymbols::get() {
  static UserSymbols symbols;
  return symbols;
}

void UserSymbols::add_mappings(uint32_t pid, std::string_view text, Process& proc) {
  proc.maps.clear();
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    MapsLine m;
    // Only executable mappings of files hold code; "[vdso]" and anonymous memory have no file.
    if (!parse_maps_line(line, m) || m.perms[2] != 'x' || m.path.empty() || m.path[0] != '/' ||
        m.inode == "0")
      continue;
    std::string file = std::string(m.dev) + " " + std::string(m.inode);
    auto [it, added] = module_by_file_.emplace(file, modules_.size());
    if (added) {
      Module mod;
      mod.name = std::string(m.path);
      // The process's own link reaches the file in its mount namespace, and still after the
      // file was replaced or deleted; kept open so that it outlives the process. Past
      // kMaxOpenFiles files (a long system-wide run) the path is read instead, keeping the
      // tool's descriptors for its own use.
      char link[96];
      std::snprintf(link, sizeof link, "/proc/%u/map_files/%llx-%llx", pid,
                    static_cast<unsigned long long>(m.start),
                    static_cast<unsigned long long>(m.end));
      mod.fd = pid && open_files_ < kMaxOpenFiles ? ::open(link, O_RDONLY | O_CLOEXEC) : -1;
      if (mod.fd >= 0) ++open_files_;
      mod.source = mod.fd >= 0 ? "/proc/self/fd/" + std::to_string(mod.fd) : mod.name;
      modules_.push_back(std::move(mod));
    }
    proc.maps.push_back({m.start, m.end, m.offset, it->second});
  }
}

bool UserSymbols::read_process(uint32_t pid, Process& proc) {
  std::string text = read_small_file(("/proc/" + std::to_string(pid) + "/maps").c_str());
  if (text.empty()) return false;
  add_mappings(pid, text, proc);
  return true;
}

bool UserSymbols::read_program(uint32_t pid, Process& proc) {
  struct stat st {};
  if (stat(("/proc/" + std::to_string(pid) + "/exe").c_str(), &st) != 0)
    return read_process(pid, proc);
  std::string exe = std::to_string(st.st_dev) + " " + std::to_string(st.st_ino);
  auto known = program_pid_.find(exe);
  if (known != program_pid_.end()) {
    auto first = procs_.find(known->second);
    if (first != procs_.end()) {
      proc = first->second;
      proc.reread = true; // the program's mappings stand for this process's, misses included
      return true;
    }
  }
  if (!read_process(pid, proc)) return false;
  program_pid_[exe] = pid;
  return true;
}

void UserSymbols::note_process(uint32_t pid, const std::string& file, uint64_t bias) {
  // Without a cache the mappings are read when an address is printed, not before.
  if (cache_ == UserSymbolCache::None) return;
  Process proc;
  if (cache_ == UserSymbolCache::PerProgram ? read_program(pid, proc) : read_process(pid, proc)) {
    if (!lazy_)
      for (const Mapping& m : proc.maps) table(modules_[m.module]);
    procs_[pid] = std::move(proc);
    return;
  }
  struct stat st {};
  if (file.empty() || stat(file.c_str(), &st) != 0) return;
  char key[64];
  std::snprintf(key, sizeof key, "%02x:%02x %llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  auto [it, added] = module_by_file_.emplace(key, modules_.size());
  if (added) {
    Module mod;
    mod.name = file;
    mod.source = file;
    modules_.push_back(std::move(mod));
  }
  const SymbolTable& t = table(modules_[it->second]);
  uint64_t start = t.fixed_address() ? 0 : bias;
  proc.maps.push_back({start, start + t.vaddr_end(), 0, it->second, true});
  proc.reread = true; // nothing more to read: the process is gone
  procs_[pid] = std::move(proc);
}

void UserSymbols::install(uint32_t pid, std::string_view maps_text) {
  Process proc;
  add_mappings(0, maps_text, proc);
  procs_[pid] = std::move(proc);
}

const SymbolTable& UserSymbols::table(Module& m) {
  if (!m.table) {
    m.table = std::make_unique<SymbolTable>(SymbolTable::load(m.source, m.name));
    if (verbose_)
      std::fprintf(stderr, "btc: read %zu symbols of %s\n", m.table->size(), m.name.c_str());
  }
  return *m.table;
}

std::string UserSymbols::resolve(uint32_t pid, uint64_t addr, bool with_offset, bool with_module,
                                 std::vector<std::string>* inlined) {
  if (cache_ == UserSymbolCache::None) {
    // Nothing kept: this address's process and file are read for it alone.
    Process proc;
    std::string name;
    if (read_process(pid, proc)) {
      procs_[pid] = std::move(proc);
      procs_[pid].reread = true;
      name = resolve_in(pid, addr, with_offset, with_module, inlined);
      procs_.erase(pid);
    }
    for (Module& m : modules_) m.table.reset();
    return name.empty() ? hex_address(addr) + (with_module ? " ([unknown])" : "") : name;
  }
  auto it = procs_.find(pid);
  if (it == procs_.end()) {
    Process proc;
    if (cache_ == UserSymbolCache::PerProgram ? read_program(pid, proc) : read_process(pid, proc))
      it = procs_.emplace(pid, std::move(proc)).first;
  }
  std::string name = resolve_in(pid, addr, with_offset, with_module, inlined);
  return name.empty() ? hex_address(addr) + (with_module ? " ([unknown])" : "") : name;
}

std::string UserSymbols::resolve_in(uint32_t pid, uint64_t addr, bool with_offset, bool with_module,
                                    std::vector<std::string>* inlined) {
  auto it = procs_.find(pid);
  for (int attempt = 0; it != procs_.end() && attempt < 2; ++attempt) {
    Process& proc = it->second;
    for (const Mapping& m : proc.maps) {
      if (addr < m.start || addr >= m.end) continue;
      Module& mod = modules_[m.module];
      const SymbolTable& t = table(mod);
      uint64_t vaddr = addr;
      if (m.by_bias)
        vaddr = addr - m.start;
      else if (!t.fixed_address() && !t.vaddr_of(addr - m.start + m.offset, vaddr))
        break;
      std::string name;
      uint64_t offset = 0;
      if (!t.find(vaddr, name, offset)) break;
      if (with_offset) name += "+" + std::to_string(offset);
      if (with_module) name += " (" + mod.name + ")";
      // As current bpftrace: the file and line follow the name, not in perf mode.
      // show_debug_info, in a stack only (usym never shows it, as in current bpftrace): the
      // file and line follow the name in bpftrace mode; the calls inlined there come first,
      // "[inlined] name@file:line" in bpftrace mode and "name (inlined)" in perf mode.
      std::string where;
      std::vector<std::pair<std::string, std::string>> calls;
      if (g_show_debug_info && inlined && t.source(vaddr, where, calls)) {
        if (!with_module) name += "@" + where;
        for (auto& [call, at] : calls)
          inlined->push_back(with_module ? call + " (inlined)" : "[inlined] " + call + "@" + at);
      }
      return name;
    }
    // A library loaded after the process was read: read it once more, if it still lives.
    if (proc.reread || !read_process(pid, proc)) break;
    proc.reread = true;
  }
  return "";
}

void install_user_symbols() {
  static const PieceApi<Piece::UserSymbols> api = {
      .configure =
          [](UserSymbolCache cache, bool lazy, bool verbose) {
            UserSymbols::get().set_cache(cache);
            UserSymbols::get().set_lazy(lazy, verbose);
          },
      .note_process = [](uint32_t pid, const std::string& file,
                         uint64_t bias) { UserSymbols::get().note_process(pid, file, bias); },
      .resolve =
          [](uint32_t pid, uint64_t addr, bool with_offset, bool with_module,
             std::vector<std::string>* inlined) {
            return UserSymbols::get().resolve(pid, addr, with_offset, with_module, inlined);
          }};
  install_piece(api);
}

} // namespace btc::rt
