// system(): a command run through /bin/sh where the tool runs.
#pragma once

#include <string>

namespace btc::rt {

// Runs `command` with /bin/sh -c and returns what it wrote to its standard output, once it has
// ended (its standard error is the tool's). `error` is set when the shell could not be started.
std::string run_system_command(const std::string& command, std::string& error);

// The tool raised its soft limit of open files from `soft` (many probes, one descriptor or more
// each): the commands system() runs get `soft` back, the limit the tool was started with.
void set_command_open_files_limit(unsigned long soft);

} // namespace btc::rt
