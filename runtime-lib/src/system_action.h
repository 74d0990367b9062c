// system(): a command run through /bin/sh where the tool runs.
#pragma once

#include <string>

namespace btc::rt {

// Runs `command` with /bin/sh -c and returns what it wrote to its standard output, once it has
// ended (its standard error is the tool's). `error` is set when the shell could not be started.
std::string run_system_command(const std::string& command, std::string& error);

} // namespace btc::rt
