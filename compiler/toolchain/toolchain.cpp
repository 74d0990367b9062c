#include "toolchain/toolchain.h"

#include "btc_config.h"

#include <cstdlib>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

namespace btc {

namespace {

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string self_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  std::string path(buf, n);
  return path.substr(0, path.rfind('/'));
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

} // namespace

bool find_toolchain(Toolchain& tc, std::string& error) {
  std::string root = self_dir() + "/..";
  tc.runtime_lib = root + "/lib/libbtc-runtime.a";
  tc.runtime_include = root + "/include";
  tc.libbpf_include = BTC_LIBBPF_INCLUDE;
  tc.static_libs = {BTC_LIBBPF_A, BTC_LIBELF_A, BTC_LIBZ_A};
  tc.bpftool = env_or("BTC_BPFTOOL", BTC_BPFTOOL);
  tc.sanitize = BTC_TOOL_SANITIZE;
  tc.cxx = env_or("CXX", tc.sanitize.empty() ? "c++" : BTC_TOOL_CXX);
  tc.objcopy = exists(BTC_LLVM_OBJCOPY) ? BTC_LLVM_OBJCOPY : "";
  if (!exists(tc.runtime_lib)) {
    error = "the btc runtime library is missing: " + tc.runtime_lib;
    return false;
  }
  if (!exists(tc.runtime_include + "/btc/manifest.h")) {
    error = "the btc runtime headers are missing: " + tc.runtime_include;
    return false;
  }
  for (const auto& lib : tc.static_libs) {
    if (!exists(lib)) {
      error = "a static library a tool links is missing: " + lib +
              " (install libbpf-dev, libelf-dev and zlib1g-dev)";
      return false;
    }
  }
  if (!exists(tc.bpftool)) {
    error = "bpftool is missing: " + tc.bpftool + " (install bpftool)";
    return false;
  }
  return true;
}

} // namespace btc
