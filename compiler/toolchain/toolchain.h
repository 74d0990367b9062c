// Where btc finds what it needs to build a tool: its runtime library and headers (in the
// directory BTC_RUNTIME_DIR names relative to the btc executable, the same in the build tree and
// once installed, so an installed tree works from any prefix and after being moved), libbpf's
// headers and static libraries, bpftool and the host C++ compiler (system packages).
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
  std::string cxx;
  std::string sanitize; // link flags replacing -static, "" but in a sanitizer build
};

// The directory of the runtime library and headers: BTC_RUNTIME_DIR relative to the directory
// of the running executable, symbolic links resolved.
std::string runtime_dir();

// Finds everything; on failure returns false with the reason in `error`.
bool find_toolchain(Toolchain& tc, std::string& error);

} // namespace btc
