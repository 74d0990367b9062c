// Kernel addresses to names, from /proc/kallsyms where the tool runs. The table is read once,
// on the first lookup: most tools never print a stack or a symbol, and reading kallsyms costs
// ~120 ms (the kernel produces it slowly).
//
// The choice of name is bpftrace 0.17's (bcc's KSyms): symbols of the text kinds (every type but
// b B d D r R), address 0 dropped, sorted with std::sort by address only, and an address
// belongs to the last symbol at or below it, with no size check. std::sort, not stable_sort:
// of several names at one address it picks the one bcc picks (docs/design/kernel-probes.md 4.3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace btc::rt {

class KernelSymbols {
public:
  // The table of this host's /proc/kallsyms, read on the first call.
  static const KernelSymbols& get();
  // A table from the text of a kallsyms file.
  static KernelSymbols parse(std::string_view text);
  // Makes get() return `table` from now on instead of reading /proc/kallsyms (unit tests).
  static void install(KernelSymbols table);

  // "name+offset" (decimal offset) or "name"; an address no symbol covers is "0x..." in
  // lowercase hex.
  std::string resolve(uint64_t addr, bool with_offset) const;
  bool empty() const { return syms_.empty(); }

private:
  struct Sym {
    uint64_t addr;
    uint32_t name; // offset into names_, NUL-terminated
  };
  void add_line(std::string_view line);
  void sort();

  std::vector<Sym> syms_;
  std::string names_;
};

// The addresses of kernel symbols in /proc/kallsyms (any kind, the first line naming each), in
// the order of `names`; 0 for a name no line has or when kallsyms shows no addresses. One pass
// over the file, stopping once every name is found; no table is built.
std::vector<uint64_t> kernel_symbol_addresses(const std::vector<std::string>& names);

// Whether this host's /proc/kallsyms shows addresses (kptr_restrict and privileges allow).
bool kernel_addresses_visible();

} // namespace btc::rt
