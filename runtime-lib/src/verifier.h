// Turning libbpf's load failure log into a message against the user's script.
#pragma once

#include "btc/manifest.h"

#include <string>

namespace btc::rt {

// The report for a failed load: when the log holds a verifier rejection, the script line it
// came from (the generated code's BTF line info carries "@btc:LINE" markers) with the
// verifier's reason; otherwise a one-line summary of libbpf's complaint.
std::string explain_load_failure(const Manifest& m, const std::string& libbpf_log, int err);

} // namespace btc::rt
