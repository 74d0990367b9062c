// Where the running btc executable lives: bin/btc and libexec/btc-compile find what they run and
// link (libexec/btc-compile, lib/btc) relative to it, so an installed tree works from any prefix.
#pragma once

#include <string>

namespace btc {

// The directory of /proc/self/exe, or "." when it cannot be read.
std::string self_dir();

} // namespace btc
