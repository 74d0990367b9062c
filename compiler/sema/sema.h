// Semantic analysis: probe resolution, scopes, bpftrace's type rules and every user-facing
// error about meaning. Annotates the AST with types; produces the program's symbol tables.
#pragma once

#include "diag/diagnostics.h"
#include "sema/config.h"
#include "sema/probes.h"
#include "syntax/ast.h"
#include "types/type_source.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace btc {

struct MapInfo {
  std::string name; // "@" or "@name"
  bool has_key = false;
  Type key; // Tuple when the map has several keys
  Type value;
  SourceRange first_use;
};

// The BPF map types of `let @name = KIND(N);` (current bpftrace's map declarations).
enum class DeclaredMapKind : uint8_t { Hash, LruHash, PercpuHash, PercpuLruHash };

struct DeclaredMap {
  DeclaredMapKind kind;
  uint32_t max_entries;
  SourceRange range;      // the map's name in the declaration
  SourceRange kind_range; // its type
  bool per_cpu() const {
    return kind == DeclaredMapKind::PercpuHash || kind == DeclaredMapKind::PercpuLruHash;
  }
};
// "hash", "lruhash", ...: the name a declaration gives the kind.
const char* declared_map_kind_name(DeclaredMapKind kind);

struct VarInfo {
  Type type;
  bool is_let = false;
  bool declared = false; // `let $x: type`: the type stays as declared (no widening)
};

struct ProbeInfo {
  Probe* ast;
  std::vector<ResolvedProbe> attach; // one entry per concrete probe
  std::map<std::string, VarInfo> vars;
  bool uses_args = false;
  bool uses_probe_name = false;
  bool uses_func = false;
  bool uses_retval = false;
  // Read the probe's own context: a syscall wildcard then keeps its tracepoints (lower.cpp).
  bool uses_ctx = false;
  bool uses_kstack = false;
  // A `for` loop's body runs in a callback subprogram (bpf_for_each_map_elem, bpf_loop): then
  // every variable lives in the probe's per-CPU scratch, which the callbacks reach too.
  bool loop_callbacks = false;
  std::set<std::string> kfunc_args = {}; // kfunc/kretfunc arguments read by name
};

struct ParamUse {
  bool as_number = false;
  bool as_string = false;
  // The largest K of a str($N + K): the tool holds K more bytes of $N than max_strlen, so that
  // the string read from there has as many characters as bpftrace's substring.
  uint32_t str_offset_max = 0;
};

struct SemaResult {
  std::vector<ProbeInfo> probes;
  std::map<std::string, MapInfo> maps;              // ordered by name: bpftrace's print order
  std::map<std::string, DeclaredMap> declared_maps; // `let @name = hash(N);`, by name
  std::map<uint32_t, ParamUse> params;
  bool uses_argc = false;
  bool uses_elapsed = false;
  bool uses_cpid = false; // the tool then needs -c, unless the script also tests has_cpid
  bool uses_has_cpid = false;
  bool unsafe = false; // --unsafe: functions that change the system are allowed
  ScriptConfig config; // the config block
  // getopt("name", default, "description"): the tool's named options, by name.
  struct NamedOption {
    Type type; // int64, string or bool: the default's
    std::string default_value;
    std::string description;
    SourceRange first; // the first getopt() of the name
  };
  std::map<std::string, NamedOption> options;
};

// Type inference repeats its silent pass until no map or variable type changes, at most this
// many times (a chain of map assignments needs one pass per link).
inline constexpr int kMaxInferencePasses = 1000;

// `sources`: where named C types and constants come from, asked in order (the script's own
// declarations first, then the kernel's BTF); `c_preamble`: the first is the script's C;
// `unsafe`: btc --unsafe allows the functions that change the traced system.
std::optional<SemaResult> analyze(Program& program, Diagnostics& diags,
                                  const std::vector<TypeSource*>& sources = {},
                                  bool c_preamble = false, bool unsafe = false);

} // namespace btc
