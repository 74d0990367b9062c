// uprobe/uretprobe specs: `uprobe:BINARY:FUNCTION[+OFFSET]`, `uprobe:BINARY:ADDRESS`,
// `uprobe:BINARY:cpp:NAME`, quoted names (`uprobe:BIN:"ns::f(int)"`). Where the probe goes is
// decided where the tool runs; when the build host has the binary, what can be checked is
// checked here (docs/design/user-space.md 6.3).
#pragma once

#include "sema/probes.h"

namespace btc {

// `rest` is the spec after "uprobe:" (or "uretprobe:").
std::optional<std::vector<ResolvedProbe>> resolve_user_function(ProbeType type,
                                                                const std::string& kind,
                                                                const std::string& rest,
                                                                std::string& error);

// `usdt:BINARY:[PROVIDER:]NAME`; `rest` is the spec after "usdt:". `symbol` becomes
// "PROVIDER:NAME" (PROVIDER empty: any provider); both may hold `*` wildcards.
std::optional<std::vector<ResolvedProbe>> resolve_usdt(const std::string& rest, std::string& error);

// The size (with its NUL) of the string `probe` holds in probe `p`. A user-space probe whose
// file is found where the tool runs (`runtime_file`) has kRuntimeNameLen bytes, or what the
// build host's name needs if more: the tool cuts a longer one. One size for them all keeps
// `@[probe]` of several such probes free of conversions, and under the 124 bytes Clang's BPF
// backend copies inline.
inline constexpr size_t kRuntimeNameLen = 120;
uint32_t probe_name_size(const ResolvedProbe& p);

// With `runtime_file`: the name after the file (":readline+4", ":target:tick").
std::string probe_name_tail(const ResolvedProbe& p);

} // namespace btc
