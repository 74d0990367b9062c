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

} // namespace btc
