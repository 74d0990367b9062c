// Where a user-space probe goes, decided where the tool runs: the file a uprobe/USDT spec names
// (a path, a program in PATH, a library name through ld.so.cache or the traced process's
// mappings), the functions a name or wildcard matches there (C++ by demangled name too), and
// whether `func+off` starts an instruction. The compiler uses the same code to check specs
// against the build host's files. Research and measurements: docs/design/user-space.md 1.
#pragma once

#include "user/elf_image.h"

#include <string>
#include <string_view>
#include <vector>

namespace btc::rt {

struct ResolvedBinary {
  std::string path; // empty when not found; then `error` says why, in one line
  std::string error;
  // With `error`, for a bare name that is a file of the current directory: how to name it
  // ("; ./prog is in the current directory: write ./prog").
  std::string hint = "";
};

// bpftrace's rules for the binary of `uprobe:BIN:...` / `usdt:BIN:...`: BIN containing a '/' is
// a path; otherwise the first executable of that name in $PATH; otherwise, for a name starting
// with "lib" ("libc", "libssl", "libpython3.11"), the library mapped by process `pid` (when not
// 0), else the first ld.so.cache entry for this machine whose soname is NAME.so[.*], else the
// standard library directories.
ResolvedBinary resolve_binary(const std::string& spec, int pid);

// The library for a "lib..." name in ld.so.cache text `cache` (the file's bytes); empty when
// none. Exposed for tests.
std::string ld_cache_lookup(std::string_view cache, std::string_view name);
// The library whose soname is `soname` ("libc.so.6") in ld.so.cache text `cache`, as the dynamic
// linker finds a DT_NEEDED entry there; empty when none.
std::string ld_cache_soname(std::string_view cache, std::string_view soname);

// The C++ name of mangled `name` ("ns::f(int)"), or empty when it is not a mangled name.
std::string demangle(const std::string& name);
// `demangled` without its parameter list and return type: "int ns::f<int>(int) const" is
// "ns::f<int>".
std::string_view demangled_base(std::string_view demangled);

// The functions of `image` that `pattern` names: the symbol's own name, or for C++ symbols the
// demangled name with or without its parameters ("ns::f" names every overload, "ns::f(int)" one),
// or only demangled names when `cpp_only` (bpftrace's `cpp:` prefix). `pattern` may hold `*`
// wildcards. Aliases (several names at one address) give the first name only, so a call fires
// the probe once. In address order.
std::vector<const ElfFunction*> match_functions(const ElfImage& image, std::string_view pattern,
                                                bool cpp_only);

struct UprobeSite {
  uint64_t file_offset;
  std::string function;
};

enum class SiteProblem {
  None,
  NotFound, // no function matches: the target host's copy of the file may have one
  Refused,  // an IFUNC named exactly, an offset or address inside an instruction or outside
            // every function: wrong wherever this file is
};

// Where a uprobe on `image` goes: the functions `symbol` names (match_functions(); IFUNCs are
// skipped by a wildcard, refused by name) at `offset`, or the function holding link-time
// `address` instead. The compiler checks the build host's file with it, the tool its own.
// Fills `sites`, or returns the problem with `error` saying it in one line.
SiteProblem uprobe_sites(const ElfImage& image, const std::string& symbol, bool cpp,
                         uint64_t offset, uint64_t address, std::vector<UprobeSite>& sites,
                         std::string& error);

// Where a uprobe on library `spec` (a "lib..." name, not a path) whose file `image` has no
// function `symbol` goes instead: the first library it needs, next to it, that has one; empty
// when none does. glibc 2.34 moved libpthread's functions into libc and left libpthread.so.0 a
// stub needing libc.so.6: a program linked against it calls libc's pthread_create, as the
// dynamic linker binds it, and `uprobe:libpthread:pthread_create` means that function.
std::string needed_library_with(const std::string& spec, const ElfImage& image,
                                const std::string& symbol, bool cpp);

// The distinct (provider, name) USDT probes of `image` matching `provider` (empty: any) and
// `name`, which may hold `*` wildcards; in the notes' order.
std::vector<std::pair<std::string, std::string>>
match_usdt(const ElfImage& image, std::string_view provider, std::string_view name);

// Why `function+offset` of `image` cannot take a uprobe (empty when it can): beyond the function,
// or not the first byte of an instruction. `label` names it in the message ("ut_work+4").
std::string check_uprobe_offset(const ElfImage& image, const ElfFunction& function, uint64_t offset,
                                const std::string& label);

} // namespace btc::rt
