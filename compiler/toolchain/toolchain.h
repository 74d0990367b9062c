// Where btc finds what it needs to build a tool: its runtime library and headers (relative to
// the btc executable, so an installed tree is relocatable), libbpf's headers and static
// libraries, bpftool and the host C++ compiler.
#pragma once

#include <string>
#include <vector>

namespace btc {

struct Toolchain {
  std::string runtime_lib;              // libbtc-runtime.a
  std::string runtime_include;          // directory holding btc/manifest.h
  std::string libbpf_include;           // directory holding bpf/bpf_helpers.h
  std::vector<std::string> static_libs; // libbpf.a libelf.a libz.a
  std::string bpftool;
  std::string objcopy; // llvm-objcopy, "" when there is none (objects keep their DWARF)
  std::string cxx;
  std::string sanitize; // link flags replacing -static, "" but in a sanitizer build
};

// Finds everything; on failure returns false with the reason in `error`.
bool find_toolchain(Toolchain& tc, std::string& error);

} // namespace btc
