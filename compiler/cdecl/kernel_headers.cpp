// Finding a kernel's headers and the flags they need. No Clang here.
#include "cdecl/cdecl.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace btc {

namespace {

namespace fs = std::filesystem;

bool is_dir(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// The pristine sources that go with a build directory: Debian's and Ubuntu's build directories
// hold only generated files and a Makefile that includes the sources' Makefile.
std::string source_of(const std::string& build) {
  if (is_dir(build + "/include/linux")) return build;
  std::ifstream makefile(build + "/Makefile");
  std::string line;
  while (std::getline(makefile, line)) {
    if (!line.starts_with("include ") || !line.ends_with("/Makefile")) continue;
    std::string dir = line.substr(8, line.size() - 8 - 9);
    dir.erase(0, dir.find_first_not_of(" \t"));
    if (is_dir(dir + "/include/linux")) return dir;
  }
  return build;
}

// Version order for "6.1.0-57-amd64" against "6.12.3-1-amd64": numbers compare as numbers.
bool version_less(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) &&
        std::isdigit(static_cast<unsigned char>(b[j]))) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      unsigned long long x = std::strtoull(a.substr(i, ei - i).c_str(), nullptr, 10);
      unsigned long long y = std::strtoull(b.substr(j, ej - j).c_str(), nullptr, 10);
      if (x != y) return x < y;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

} // namespace

std::optional<KernelHeaders> find_kernel_headers(const std::string& release) {
  if (const char* source = std::getenv("BPFTRACE_KERNEL_SOURCE")) {
    const char* build = std::getenv("BPFTRACE_KERNEL_BUILD");
    return KernelHeaders{source, build ? build : source};
  }
  std::string modules = "/lib/modules/" + release;
  std::string source = modules + "/source", build = modules + "/build";
  bool has_source = is_dir(source), has_build = is_dir(build);
  if (has_source || has_build)
    return KernelHeaders{has_source ? source : build, has_build ? build : source};

  std::string own = "/usr/src/linux-headers-" + release;
  if (is_dir(own)) return KernelHeaders{source_of(own), own};
  // Headers for another kernel still define the same macros, nearly always with the same
  // values; the newest is the likeliest match.
  std::vector<std::string> builds;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/src", ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("linux-headers-") && is_dir(entry.path().string() + "/include/generated"))
      builds.push_back(entry.path().string());
  }
  if (builds.empty()) return std::nullopt;
  std::string newest = *std::max_element(builds.begin(), builds.end(), version_less);
  return KernelHeaders{source_of(newest), newest};
}

std::vector<std::string> kernel_header_flags(const KernelHeaders& kernel,
                                             const std::string& machine) {
  std::string arch = machine;
  if (machine == "x86_64" || (machine.size() == 4 && machine[0] == 'i' && machine.ends_with("86")))
    arch = "x86";
  else if (machine.starts_with("aarch64"))
    arch = "arm64";
  else if (machine.starts_with("arm") || machine.starts_with("sa110"))
    arch = "arm";
  else if (machine.starts_with("s390"))
    arch = "s390";
  else if (machine.starts_with("parisc"))
    arch = "parisc";
  else if (machine.starts_with("ppc"))
    arch = "powerpc";
  else if (machine.starts_with("mips"))
    arch = "mips";
  else if (machine.starts_with("riscv"))
    arch = "riscv";
  else if (machine.starts_with("loongarch"))
    arch = "loongarch";
  if (const char* env = std::getenv("ARCH")) arch = env;

  const std::string& src = kernel.source;
  const std::string& obj = kernel.build;
  // kbuild's LINUXINCLUDE and USERINCLUDE order.
  std::vector<std::string> dirs = {src + "/arch/" + arch + "/include",
                                   obj + "/arch/" + arch + "/include/generated",
                                   src + "/include",
                                   obj + "/include",
                                   src + "/arch/" + arch + "/include/uapi",
                                   obj + "/arch/" + arch + "/include/generated/uapi",
                                   src + "/include/uapi",
                                   obj + "/include/generated/uapi"};
  std::vector<std::string> flags;
  for (const std::string& dir : dirs) {
    flags.push_back("-isystem");
    flags.push_back(dir);
  }
  for (const char* define :
       {"__KERNEL__", "__BPF_TRACING__", "__HAVE_BUILTIN_BSWAP16__", "__HAVE_BUILTIN_BSWAP32__",
        "__HAVE_BUILTIN_BSWAP64__", "KBUILD_MODNAME=\"btc\""}) {
    flags.push_back("-D");
    flags.push_back(define);
  }
  if (std::getenv("ARCH")) {
    flags.push_back("-D");
    flags.push_back("__TARGET_ARCH_" + arch);
  }
  if (arch == "arm") {
    // Several of arch/arm's headers need it; kbuild sets it from the configuration.
    flags.push_back("-D");
    flags.push_back("__LINUX_ARM_ARCH__=7");
  }
  flags.push_back("-include");
  flags.push_back(src + "/include/linux/kconfig.h");
  return flags;
}

} // namespace btc
