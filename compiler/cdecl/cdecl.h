// C in scripts: the preamble's struct/union/enum/typedef definitions, #include'd headers and
// macros, parsed by Clang in process and offered to sema as a TypeSource. Kernel types still
// come from BTF: headers add macros and enum constants, and the records a script defines.
#pragma once

#include "diag/diagnostics.h"
#include "syntax/preamble.h"
#include "types/type_source.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace btc {

// Where a kernel's headers are: its pristine sources and the build's generated files (one
// directory when the kernel was built in its source tree).
struct KernelHeaders {
  std::string source;
  std::string build;
};

// Searched as bpftrace searches (BPFTRACE_KERNEL_SOURCE and BPFTRACE_KERNEL_BUILD, then
// /lib/modules/RELEASE/{source,build}), then /usr/src/linux-headers-RELEASE and at last the
// newest /usr/src/linux-headers-* that holds a build. `release` is `uname -r`; nothing when no
// headers are installed.
std::optional<KernelHeaders> find_kernel_headers(const std::string& release);

// The compiler flags that make a kernel's headers usable, as bpftrace passes them (its include
// directories in kbuild's order, kconfig.h, __KERNEL__); `machine` is `uname -m`.
std::vector<std::string> kernel_header_flags(const KernelHeaders& kernel,
                                             const std::string& machine);

struct CPreambleOptions {
  std::vector<std::string> include_dirs;  // -I DIR: searched before every other directory
  std::vector<std::string> include_files; // --include FILE: read before the script
  bool have_btf = false;                  // defines BPFTRACE_HAVE_BTF, as bpftrace does
  std::optional<KernelHeaders> kernel;    // kernel-internal headers, when installed
  std::string machine;                    // `uname -m`: the kernel's arch directory
};

// What the preamble defines. Records, enums and typedefs are the ones the script's own files
// define (the script, --include files, headers found through -I), never system or kernel
// headers: kernel types come from BTF. Constants are every enumerator and every object-like
// macro, wherever defined, that evaluates to an integer.
class CDeclarations final : public TypeSource {
public:
  const RecordDef* record(const std::string& name, bool is_union) override;
  std::vector<std::string> record_names(bool is_union) override;
  const EnumDef* enumeration(const std::string& name) override;
  std::optional<Type> typedef_type(const std::string& name) override;
  std::optional<int64_t> constant(const std::string& name) override;
  const EnumDef* constant_enum(const std::string& name) override;

  // For the lexer: the preamble's extent and the lines the preprocessor skipped.
  const CPreamble& preamble() const { return preamble_; }

private:
  friend class CDeclExtractor;
  friend std::unique_ptr<CDeclarations> parse_c_preamble(const SourceFile&, const PreambleScan&,
                                                         const std::vector<std::string>&,
                                                         const CPreambleOptions&, Diagnostics&);

  CPreamble preamble_;
  std::map<std::string, const RecordDef*> records_; // "struct NAME" / "union NAME"
  std::map<std::string, const EnumDef*> enums_;
  std::map<std::string, Type> typedefs_;
  std::map<std::string, int64_t> constants_;
  std::map<std::string, const EnumDef*> constant_enums_; // the script's named enums only
};

// Parses the script's preamble ([0, scan.end) of `source`) as C. `identifiers` are the names
// the script may use as constants (script_identifiers()): only macros among them are evaluated.
// Errors (an unknown header, a syntax error in a declaration, an unterminated #if) are reported
// at the script's line; nullptr then.
std::unique_ptr<CDeclarations> parse_c_preamble(const SourceFile& source, const PreambleScan& scan,
                                                const std::vector<std::string>& identifiers,
                                                const CPreambleOptions& options,
                                                Diagnostics& diags);

} // namespace btc
