// What btc knows of the language's builtins, functions and probe types, each described once in
// a table (builtins.def, functions.def, probe_types.def; the pattern of Clang's Builtins.def).
// Sema resolves a name to an entry once and stores its id on the AST (Expr::builtin,
// Expr::function) or on the ResolvedProbe (type); lowering switches on the ids. A planned entry
// is known by name only, so that its error says "not supported by btc yet"; docs/language.md
// shows the same status for every entry (tests/unit/registry_test.cpp).
#pragma once

#include "btc/manifest.h"
#include "sema/probes.h"
#include "types/types.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace btc {

enum class Support : uint8_t { Supported, Planned };

// A set of probe types, one bit per ProbeType.
using ProbeMask = uint32_t;
constexpr ProbeMask probe_mask(ProbeType t) {
  return ProbeMask{1} << static_cast<unsigned>(t);
}
inline constexpr ProbeMask kAnyProbe = ~ProbeMask{0};

// ---- builtins -----------------------------------------------------------------------------------

enum class BuiltinId : uint16_t {
  None, // not resolved (yet)
#define BUILTIN(Id, NAME, FAMILY, TYPE, PROBES, WHERE) Id,
#include "sema/builtins.def"
};

enum class BuiltinForm : uint8_t {
  Single, // the name itself
  Family, // the name followed by decimal digits: arg0, arg1, ...
};

enum class BuiltinType : uint8_t {
  None,
  U64,
  Comm,
  ProbeName,
  Args,
  Curtask,
  Stack,
  Retval,
  FuncName,
  UStack,
  Username,
  U8,
  ProbeTypeName,
  Bool
};

// Probes that run in a traced process: not BEGIN and END, which run in the tool itself (a user
// stack there would be the tool's own).
inline constexpr ProbeMask kTracedProcessProbes =
    kAnyProbe &
    ~(probe_mask(ProbeType::Begin) | probe_mask(ProbeType::End) | probe_mask(ProbeType::Self) |
      probe_mask(ProbeType::Bench) | probe_mask(ProbeType::Test));
inline constexpr const char* kTracedProcessWhere =
    "probes of traced processes, not in BEGIN, END, self, bench or test (they run in the tool "
    "itself)";

// probetype's string: the longest name ("asyncwatchpoint") and its NUL.
inline constexpr uint32_t kProbeTypeNameLen = 16;
// probetype's value: the name current bpftrace gives the type (BEGIN and END are "special").
std::string_view probetype_name(ProbeType t);

// kstack's frames when no limit is given, and the most a limit may ask for: the kernel's
// default perf_event_max_stack (a stack map with more frames per entry is refused).
inline constexpr uint32_t kDefaultStackFrames = 127;

// Expr::int_value of a pid or tid builtin seen from the tool's PID namespace (`pid(curr_ns)`);
// 0 (`pid`, `pid()`, `pid(init)`) is the initial namespace's, as bpftrace 0.17's pid.
inline constexpr uint64_t kPidCurrentNamespace = 1;

struct BuiltinInfo {
  BuiltinId id; // None for planned entries
  std::string_view name;
  Support support;
  BuiltinForm form;
  BuiltinType type;
  ProbeMask probes;
  std::string_view where; // "NAME can only be used in WHERE"
};

std::span<const BuiltinInfo> all_builtins();
// The entry `name` is written as (for a family, `index` receives its number), or nullptr.
const BuiltinInfo* find_builtin(std::string_view name, uint64_t& index);
// The entry of an id; BuiltinId::None gives a planned entry without a name.
const BuiltinInfo& builtin_info(BuiltinId id);

// ---- functions ----------------------------------------------------------------------------------

enum class FunctionId : uint16_t {
  None, // not resolved (yet)
#define FUNCTION(Id, NAME, MIN_ARGS, MAX_ARGS, KIND, RESULT) Id,
#include "sema/functions.def"
};

enum class CallKind : uint8_t {
  Value,       // an expression
  Statement,   // printf(), print(), ...: only where a statement stands
  Aggregation, // count(), hist(), ...: only assigned to a map element
};

struct FunctionInfo {
  FunctionId id; // None for planned entries
  std::string_view name;
  Support support;
  uint8_t min_args;
  uint8_t max_args;
  CallKind kind;
  TypeKind result; // Aggregation: the kind of value the map holds
};

std::span<const FunctionInfo> all_functions();
const FunctionInfo* find_function(std::string_view name);
// The entry of an id; FunctionId::None gives a planned value entry without a name.
const FunctionInfo& function_info(FunctionId id);

// ---- probe types --------------------------------------------------------------------------------

struct ProbeTypeInfo {
  ProbeType id; // meaningful for supported entries only
  std::string_view name;
  std::string_view aliases[2]; // "" when unused
  Support support;
  rt::ProbeKind attach; // meaningful for supported entries only
};

std::span<const ProbeTypeInfo> all_probe_types();
// The probe type written `name` (its name or an alias), or nullptr.
const ProbeTypeInfo* find_probe_type(std::string_view name);
const ProbeTypeInfo& probe_type_info(ProbeType id);

} // namespace btc
