#include "kernel_symbols.h"
#include "pieces.h"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace btc::rt {
namespace {

constexpr const char* kKallsyms = "/proc/kallsyms";

struct KallsymsLine {
  uint64_t addr = 0;
  char type = 0;
  std::string_view name;
};

// "ffffffff816d5b70 T vfs_read\t[module]": false for a line of another shape.
bool split_line(std::string_view line, KallsymsLine& out) {
  size_t i = 0;
  uint64_t addr = 0;
  for (; i < line.size() && i < 16; ++i) {
    char c = line[i];
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
    if (digit < 0) break;
    addr = addr << 4 | static_cast<uint64_t>(digit);
  }
  if (i == 0 || i + 3 > line.size() || line[i] != ' ' || line[i + 2] != ' ') return false;
  std::string_view rest = line.substr(i + 3);
  out.addr = addr;
  out.type = line[i + 1];
  out.name = rest.substr(0, rest.find_first_of(" \t"));
  return !out.name.empty();
}

// Calls `fn` with each line of /proc/kallsyms, read in 64 KB pieces; stops when it returns
// false.
template <typename Fn> void each_kallsyms_line(Fn fn) {
  int fd = open(kKallsyms, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  std::string buf(1 << 16, '\0');
  std::string carry;
  for (;;) {
    ssize_t n = read(fd, buf.data(), buf.size());
    if (n <= 0) break;
    std::string_view chunk(buf.data(), static_cast<size_t>(n));
    size_t start = 0;
    for (size_t nl; (nl = chunk.find('\n', start)) != std::string_view::npos; start = nl + 1) {
      std::string_view piece = chunk.substr(start, nl - start);
      bool more;
      if (!carry.empty()) {
        carry.append(piece);
        more = fn(std::string_view(carry));
        carry.clear();
      } else {
        more = fn(piece);
      }
      if (!more) {
        close(fd);
        return;
      }
    }
    carry.append(chunk.substr(start));
  }
  if (!carry.empty()) fn(std::string_view(carry));
  close(fd);
}

} // namespace

void KernelSymbols::add_line(std::string_view line) {
  KallsymsLine l;
  if (!split_line(line, l) || l.addr == 0 || l.addr == ~uint64_t{0}) return;
  // Data symbols never hold code; bcc leaves them out, and so the names it picks.
  if (std::string_view("bBdDrR").find(l.type) != std::string_view::npos) return;
  syms_.push_back({l.addr, static_cast<uint32_t>(names_.size())});
  names_.append(l.name);
  names_.push_back('\0');
}

void KernelSymbols::sort() {
  std::sort(syms_.begin(), syms_.end(), [](const Sym& a, const Sym& b) { return a.addr < b.addr; });
}

namespace {

// The table get() returns; empty until the first get() reads /proc/kallsyms.
std::unique_ptr<KernelSymbols>& current_table() {
  static std::unique_ptr<KernelSymbols> table;
  return table;
}

} // namespace

const KernelSymbols& KernelSymbols::get() {
  std::unique_ptr<KernelSymbols>& table = current_table();
  if (!table) {
    table = std::make_unique<KernelSymbols>();
    each_kallsyms_line([&](std::string_view line) {
      table->add_line(line);
      return true;
    });
    table->sort();
  }
  return *table;
}

void KernelSymbols::install(KernelSymbols table) {
  current_table() = std::make_unique<KernelSymbols>(std::move(table));
}

KernelSymbols KernelSymbols::parse(std::string_view text) {
  KernelSymbols t;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    t.add_line(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  t.sort();
  return t;
}

std::string KernelSymbols::resolve(uint64_t addr, bool with_offset) const {
  auto it = std::upper_bound(syms_.begin(), syms_.end(), addr,
                             [](uint64_t a, const Sym& s) { return a < s.addr; });
  if (it == syms_.begin()) {
    // bpftrace streams the address as a void*: libstdc++ shows a null one as "0".
    if (addr == 0) return "0";
    char hex[24];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(addr));
    return hex;
  }
  --it;
  std::string out(names_.c_str() + it->name);
  if (with_offset) out += "+" + std::to_string(addr - it->addr);
  return out;
}

std::vector<uint64_t> kernel_symbol_addresses(const std::vector<std::string>& names) {
  std::vector<uint64_t> found(names.size(), 0);
  std::vector<bool> seen(names.size(), false);
  size_t missing = names.size();
  if (missing == 0) return found;
  each_kallsyms_line([&](std::string_view line) {
    KallsymsLine l;
    if (!split_line(line, l)) return true;
    for (size_t i = 0; i < names.size(); ++i) {
      if (seen[i] || l.name != names[i]) continue;
      seen[i] = true;
      found[i] = l.addr;
      --missing;
    }
    return missing > 0;
  });
  return found;
}

bool kernel_addresses_visible() {
  bool visible = false;
  each_kallsyms_line([&](std::string_view line) {
    KallsymsLine l;
    visible = split_line(line, l) && l.addr != 0;
    return false;
  });
  return visible;
}

void install_kernel_symbols() {
  static const PieceApi<Piece::KernelSymbols> api = {
      .resolve = [](uint64_t addr, bool with_offset) {
        return KernelSymbols::get().resolve(addr, with_offset);
      }};
  install_piece(api);
}

} // namespace btc::rt
