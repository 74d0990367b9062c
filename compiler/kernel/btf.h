// What the compiler learns from the build host's kernel BTF (/sys/kernel/btf/vmlinux).
#pragma once

#include <optional>
#include <string>

struct btf;

namespace btc {

// The build host's kernel BTF, parsed once; nullptr when the host has none.
const btf* kernel_btf();

// The number of arguments of raw tracepoint `name` (from the `btf_trace_<name>` typedef):
// nothing when the host has no BTF to tell, -1 when the kernel has no such raw tracepoint.
std::optional<int> raw_tracepoint_arg_count(const std::string& name);

} // namespace btc
