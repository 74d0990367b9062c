// Turning libbpf's load failure log into a message against the user's script.
#pragma once

#include "btc/manifest.h"

#include <bpf/libbpf.h>
#include <optional>
#include <string>
#include <string_view>

namespace btc::rt {

// The report for a failed load: when the log holds a verifier rejection, the script line it
// came from (the generated code's BTF line info carries "@btc:LINE" markers) with the
// verifier's reason; otherwise a one-line summary of libbpf's complaint. A kernel field the
// running kernel lacks (a failed CO-RE relocation) is reported where the script reads it, from
// the manifest's kernel field table.
std::string explain_load_failure(const Manifest& m, const std::string& libbpf_log, int err);

// Before load: "" when the running kernel has every BPF helper that `for` loops need which the
// object's programs call (bpf_for_each_map_elem, Linux 5.13; bpf_loop, 5.17), else a one-line
// error naming the first missing one. Without it the verifier's complaint about an older kernel
// says nothing of loops ("number of funcs in func_info doesn't match number of subprogs").
std::string missing_loop_helpers(bpf_object* obj);

// The line of a verifier log that says why the program was rejected ("infinite loop detected at
// insn 3", "R1 invalid mem access 'scalar'"): the last line that is not part of the verifier's
// trace of instructions, register states and statistics.
std::string verifier_reason(std::string_view log);

// The kernel field a libbpf log line "failed to resolve CO-RE relocation <kind> [id] struct
// X___btc.PATH (spec)" names: X without its flavor, and PATH.
struct CoreFailure {
  std::string record;
  std::string path;
};
std::optional<CoreFailure> parse_core_failure(std::string_view reason);

} // namespace btc::rt
