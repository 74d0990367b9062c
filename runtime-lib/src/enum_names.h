// The names of enum values (printf's %s of an enum). A kernel enum's values can differ between
// kernels, so its names come from the BTF of the kernel the tool runs on, read once per enum;
// the compiler's table (the build host's, or the script's own enum) is the fallback.
#pragma once

#include "btc/manifest.h"

#include <cstdint>
#include <string>

namespace btc::rt {

// The enumerator of `type` (Kind::Enum) whose value is `value`, or the value in decimal when
// none has it, as current bpftrace prints it.
std::string enum_text(const Type& type, uint64_t value);

} // namespace btc::rt
