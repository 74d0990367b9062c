#include "user/user_targets.h"

#include "attach_glob.h"
#include "text.h"
#include "user/process_files.h"
#include "user/x86_length.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace btc::rt {
namespace {

bool is_regular_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "libc" names libc.so, libc.so.6...: NAME.so, then nothing or a version.
bool is_library_file(std::string_view file, std::string_view name) {
  if (!starts_with(file, name)) return false;
  std::string_view rest = file.substr(name.size());
  return starts_with(rest, ".so") && (rest.size() == 3 || rest[3] == '.');
}

bool starts_like_elf(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char magic[4] = {};
  bool elf = ::read(fd, magic, sizeof magic) == 4 && std::memcmp(magic,
                                                                 "\x7f"
                                                                 "ELF",
                                                                 4) == 0;
  ::close(fd);
  return elf;
}

// The first executable ELF file `name` in $PATH: a wrapper script before it (a pyenv shim named
// python3.11) cannot hold the functions or probes, the program it runs may; without one, the
// first executable, for the error that names it.
std::string find_in_path(const std::string& name) {
  const char* env = std::getenv("PATH");
  std::string_view dirs = env && *env ? env : "/usr/local/bin:/usr/bin:/bin";
  std::string first;
  while (!dirs.empty()) {
    size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    dirs.remove_prefix(colon == std::string_view::npos ? dirs.size() : colon + 1);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (!is_regular_file(candidate) || access(candidate.c_str(), X_OK) != 0) continue;
    if (starts_like_elf(candidate)) return candidate;
    if (first.empty()) first = candidate;
  }
  return first;
}

// The library `name` as process `pid` maps it (bcc's rule: a mapped path whose file name is
// NAME.so... or NAME-...so...), through /proc/PID/root when the process is in another mount
// namespace (a container): the uprobe then goes on the file it maps.
std::string find_in_maps(int pid, std::string_view name) {
  std::string proc = "/proc/" + std::to_string(pid);
  std::string maps = read_small_file((proc + "/maps").c_str());
  for (size_t at = 0, nl; at < maps.size(); at = nl + 1) {
    nl = maps.find('\n', at);
    if (nl == std::string::npos) nl = maps.size();
    std::string line = maps.substr(at, nl - at);
    size_t slash = line.find('/');
    if (slash == std::string::npos) continue;
    std::string path = line.substr(slash);
    std::string_view file = std::string_view(path).substr(path.rfind('/') + 1);
    if (file.find(".so") != std::string_view::npos &&
        (is_library_file(file, name) ||
         (starts_with(file, name) && file.size() > name.size() && file[name.size()] == '-')))
      return same_mount_namespace(proc) ? path : proc + "/root" + path;
  }
  return "";
}

std::string find_in_library_dirs(std::string_view name) {
  for (const char* dir : {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64",
                          "/usr/lib64", "/lib", "/usr/lib"}) {
    std::unique_ptr<DIR, int (*)(DIR*)> d(opendir(dir), closedir);
    if (!d) continue;
    std::vector<std::string> found;
    while (dirent* e = readdir(d.get()))
      if (is_library_file(e->d_name, name)) found.push_back(e->d_name);
    if (found.empty()) continue;
    std::sort(found.begin(), found.end());
    return std::string(dir) + "/" + found.front();
  }
  return "";
}

// Whether `word` ends in the name of an operator being spelled ("ns::operator", "operator<"):
// then a following '<' or '(' is part of the name, not a bracket.
bool is_operator_name(std::string_view word) {
  size_t at = word.rfind("operator");
  if (at == std::string_view::npos) return false;
  std::string_view rest = word.substr(at + 8);
  return rest.find_first_not_of("<>=!+-*/%&|^~[]()") == std::string_view::npos;
}

} // namespace

namespace {

// The library of the first x86-64 entry of ld.so.cache text `cache` whose key (a soname)
// `wanted` accepts; empty when none does.
template <typename Wanted> std::string ld_cache_find(std::string_view cache, Wanted wanted) {
  // glibc's "new" format (the only one Debian 12 writes), possibly after an old-format table.
  constexpr std::string_view kMagic = "glibc-ld.so.cache1.1";
  constexpr size_t kHeader = 48, kEntry = 24;
  constexpr uint32_t kX8664Libc6 = 0x0303; // FLAG_ELF_LIBC6 | FLAG_X8664_LIB64
  size_t base = cache.find(kMagic);
  if (base == std::string_view::npos || cache.size() - base < kHeader) return "";
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    if (at + 4 <= cache.size()) std::memcpy(&v, cache.data() + at, 4);
    return v;
  };
  auto string_at = [&](uint32_t offset) -> std::string_view {
    if (base + offset >= cache.size()) return {};
    std::string_view s = cache.substr(base + offset);
    return s.substr(0, s.find('\0'));
  };
  uint32_t count = u32(base + 20);
  for (uint32_t i = 0; i < count; ++i) {
    size_t entry = base + kHeader + i * kEntry;
    if (entry + kEntry > cache.size()) break;
    if ((u32(entry) & 0xffff) != kX8664Libc6) continue;
    if (wanted(string_at(u32(entry + 4)))) return std::string(string_at(u32(entry + 8)));
  }
  return "";
}

} // namespace

std::string ld_cache_lookup(std::string_view cache, std::string_view name) {
  return ld_cache_find(cache, [&](std::string_view key) { return is_library_file(key, name); });
}

std::string ld_cache_soname(std::string_view cache, std::string_view soname) {
  return ld_cache_find(cache, [&](std::string_view key) { return key == soname; });
}

ResolvedBinary resolve_binary(const std::string& spec, int pid) {
  if (spec.find('/') != std::string::npos) {
    if (is_regular_file(spec)) return {spec, ""};
    return {"", spec + " does not exist or is not a file"};
  }
  if (std::string found = find_in_path(spec); !found.empty()) return {found, ""};
  // A bare name is a program in $PATH, never a file of the current directory (bpftrace 0.17
  // accepts one there but cannot attach to it); say how to name that file.
  std::string here =
      is_regular_file(spec) ? "; ./" + spec + " is in the current directory: write ./" + spec : "";
  if (!starts_with(spec, "lib"))
    return {"", "cannot find " + spec + ": not a path and not a program in $PATH", here};
  std::string found = pid > 0 ? find_in_maps(pid, spec) : "";
  if (found.empty()) found = ld_cache_lookup(read_small_file("/etc/ld.so.cache"), spec);
  if (found.empty()) found = find_in_library_dirs(spec);
  if (!found.empty() && is_regular_file(found)) return {found, ""};
  return {"",
          "cannot find " + spec + ": not a program in $PATH nor a library in ld.so.cache" +
              (pid > 0 ? " or mapped by process " + std::to_string(pid) : ""),
          here};
}

std::string demangle(const std::string& name) {
  // "___Z": block invocation functions (bcc demangles them too).
  if (!starts_with(name, "_Z") && !starts_with(name, "___Z")) return "";
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> out(
      abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && out ? std::string(out.get()) : "";
}

std::string_view demangled_base(std::string_view d) {
  // The parameter list is the first '(' outside template arguments, except the parentheses of
  // "operator()" and "(anonymous namespace)".
  int angle = 0;
  size_t end = d.size();
  for (size_t i = 0; i < d.size(); ++i) {
    if (starts_with(d.substr(i), "operator()")) {
      i += 9;
    } else if (starts_with(d.substr(i), "(anonymous namespace)")) {
      i += 20;
    } else if (starts_with(d.substr(i), "operator<") || starts_with(d.substr(i), "operator>")) {
      i += 8 + (i + 9 < d.size() && (d[i + 9] == '<' || d[i + 9] == '>' || d[i + 9] == '='));
    } else if (d[i] == '<') {
      ++angle;
    } else if (d[i] == '>') {
      --angle;
    } else if (d[i] == '(' && angle == 0) {
      end = i;
      break;
    }
  }
  std::string_view head = d.substr(0, end);
  // A template function's name starts with its return type: "int ns::f<int>". The name is what
  // follows the last space outside <> and (), unless the word before that space is an operator
  // ("operator new", "operator< <int>").
  int depth = 0;
  size_t start = 0, word = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    char c = head[i];
    if (c == '<' || c == '(') {
      if (!is_operator_name(head.substr(word, i - word))) ++depth;
    } else if ((c == '>' || c == ')') && depth > 0) {
      --depth;
    } else if (c == ' ' && depth == 0) {
      if (head.substr(word, i - word).find("operator") == std::string_view::npos) start = i + 1;
      word = i + 1;
    }
  }
  return head.substr(start);
}

std::vector<const ElfFunction*> match_functions(const ElfImage& image, std::string_view pattern,
                                                bool cpp_only) {
  auto matches = [&](std::string_view text) { return attach_glob_match(pattern, text); };
  std::vector<const ElfFunction*> out;
  for (const ElfFunction& fn : image.functions()) {
    bool ok = !cpp_only && matches(fn.name);
    if (!ok) {
      std::string d = demangle(fn.name);
      // "f() [clone .cold]" is a split-off part of f, never called as f.
      ok = !d.empty() &&
           (matches(d) || (d.find(" [clone ") == std::string::npos && matches(demangled_base(d))));
    }
    if (ok && (out.empty() || out.back()->vaddr != fn.vaddr)) out.push_back(&fn);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>>
match_usdt(const ElfImage& image, std::string_view provider, std::string_view name) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const UsdtNote& n : image.usdt()) {
    if (!attach_glob_match(name, n.name) ||
        (!provider.empty() && !attach_glob_match(provider, n.provider)))
      continue;
    std::pair<std::string, std::string> probe{n.provider, n.name};
    // A probe inlined at several sites has a note per site: libbpf attaches them all at once.
    if (std::find(out.begin(), out.end(), probe) == out.end()) out.push_back(std::move(probe));
  }
  return out;
}

std::string needed_library_with(const std::string& spec, const ElfImage& image,
                                const std::string& symbol, bool cpp) {
  if (spec.find('/') != std::string::npos || spec.rfind("lib", 0) != 0 || symbol.empty()) return "";
  const std::string dir = image.path().substr(0, image.path().rfind('/') + 1);
  for (const std::string& lib : image.needed()) {
    std::string error;
    std::unique_ptr<ElfImage> other = ElfImage::open(dir + lib, error);
    if (other && !match_functions(*other, symbol, cpp).empty()) return other->path();
  }
  return "";
}

namespace {

// glibc names an IFUNC's implementations __NAME_VARIANT (__strlen_avx2, __memcpy_evex_...),
// local functions known from a debug file: " (a, b, ...)", or "" when there are none.
std::string ifunc_implementations(const ElfImage& image, const std::string& name) {
  std::vector<std::string> found;
  const std::string prefix = "__" + name + "_";
  for (const ElfFunction& f : image.functions())
    if (f.name.rfind(prefix, 0) == 0 && !f.ifunc) found.push_back(f.name);
  if (found.empty()) return "";
  std::sort(found.begin(), found.end());
  std::string list;
  for (const std::string& n : found) list += (list.empty() ? "" : ", ") + n;
  return " (" + list + ")";
}

} // namespace

SiteProblem uprobe_sites(const ElfImage& image, const std::string& symbol, bool cpp,
                         uint64_t offset, uint64_t address, std::vector<UprobeSite>& sites,
                         std::string& error) {
  if (address) {
    for (const ElfFunction& f : image.functions()) {
      if (address < f.vaddr || address >= f.vaddr + f.size) continue;
      uint64_t delta = address - f.vaddr;
      error = check_uprobe_offset(image, f, delta, f.name + "+" + std::to_string(delta));
      if (!error.empty()) return SiteProblem::Refused;
      sites.push_back({f.file_offset + delta, f.name});
      return SiteProblem::None;
    }
    error = "no function of " + image.path() + " holds that address";
    return SiteProblem::Refused;
  }
  bool wildcard = attach_glob_has_wildcard(symbol);
  for (const ElfFunction* f : match_functions(image, symbol, cpp)) {
    if (f->ifunc) {
      if (wildcard) continue; // a resolver, run once by ld.so: never what a wildcard means
      error = attach_glob_unescape(symbol) + " in " + image.path() +
              " is an IFUNC (its implementation is chosen when the program starts): probe one "
              "of its implementations instead" +
              ifunc_implementations(image, f->name);
      return SiteProblem::Refused;
    }
    if (offset) {
      error = check_uprobe_offset(image, *f, offset, symbol + "+" + std::to_string(offset));
      if (!error.empty()) return SiteProblem::Refused;
    }
    sites.push_back({f->file_offset + offset, f->name});
  }
  if (!sites.empty()) return SiteProblem::None;
  error =
      std::string("no function ") + (wildcard ? "matches " : "named ") +
      attach_glob_unescape(symbol) + " in " + image.path() +
      (image.has_symtab() ? "" : " (the file is stripped: only its exported functions are known)");
  return SiteProblem::NotFound;
}

std::string check_uprobe_offset(const ElfImage& image, const ElfFunction& function, uint64_t offset,
                                const std::string& label) {
  if (offset == 0) return "";
  if (function.size == 0)
    return "cannot probe " + label + ": the size of " + function.name + " is unknown, so " +
           "btc cannot check that the offset starts an instruction";
  if (offset >= function.size)
    return "cannot probe " + label + ": " + function.name + " is " + std::to_string(function.size) +
           " bytes long";
  std::vector<uint8_t> code;
  if (!image.read(function.file_offset, function.size, code))
    return "cannot probe " + label + ": cannot read " + function.name + " in " + image.path();
  switch (x86_is_instruction_boundary(code, offset)) {
  case Boundary::Yes:
    return "";
  case Boundary::Inside:
    return "cannot probe " + label + ": the offset is inside an instruction (a uprobe there " +
           "would corrupt the traced program)";
  case Boundary::Undecodable:
    break;
  }
  return "cannot probe " + label + ": btc cannot decode the instructions of " + function.name +
         " before the offset";
}

} // namespace btc::rt
