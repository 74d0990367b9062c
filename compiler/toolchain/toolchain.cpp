#include "toolchain/toolchain.h"

#include "btc_config.h"
#include "diag/self_path.h"

#include <algorithm>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace btc {

namespace {

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

bool executable(const std::string& path) {
  return access(path.c_str(), X_OK) == 0;
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// bpftool where the build host had it, else on PATH: a btc built elsewhere still finds the one
// this system installed (Debian puts it in /usr/sbin, which a user's PATH may lack, others in
// /usr/bin).
std::string find_bpftool() {
  if (const char* v = std::getenv("BTC_BPFTOOL"); v && *v) return v;
  if (executable(BTC_BPFTOOL)) return BTC_BPFTOOL;
  const char* path = std::getenv("PATH");
  std::string dirs = std::string(path ? path : "") + ":/usr/sbin:/sbin";
  for (size_t begin = 0; begin <= dirs.size();) {
    size_t end = std::min(dirs.find(':', begin), dirs.size());
    std::string dir = dirs.substr(begin, end - begin);
    if (!dir.empty() && executable(dir + "/bpftool")) return dir + "/bpftool";
    begin = end + 1;
  }
  return BTC_BPFTOOL;
}

} // namespace

std::string runtime_dir() {
  return self_dir() + "/" + BTC_RUNTIME_DIR;
}

bool find_toolchain(Toolchain& tc, std::string& error) {
  std::string runtime = runtime_dir();
  tc.runtime_lib = runtime + "/libbtc-runtime.a";
  tc.runtime_include = runtime + "/include";
  tc.libbpf_include = BTC_LIBBPF_INCLUDE;
  tc.static_libs = {BTC_LIBBPF_A, BTC_LIBELF_A, BTC_LIBZ_A};
  tc.bpftool = find_bpftool();
  tc.sanitize = BTC_TOOL_SANITIZE;
  tc.cxx = env_or("CXX", tc.sanitize.empty() ? "c++" : BTC_TOOL_CXX);
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
  if (!executable(tc.bpftool)) {
    error = "bpftool is missing: " + tc.bpftool + " (install bpftool)";
    return false;
  }
  return true;
}

} // namespace btc
