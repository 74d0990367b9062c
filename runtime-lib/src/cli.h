// The produced tool's command line.
#pragma once

#include "btc/manifest.h"

#include <string>
#include <vector>

namespace btc::rt {

enum class OutputFormat { Text, Json };

struct ToolOptions {
  std::string name;                 // what the tool calls itself: tool_name_from_argv()
  std::string output_file;          // -o
  OutputFormat format{};            // -f text (the default) or json
  bool quiet = false;               // -q
  bool verbose = false;             // -v: libbpf's own log
  int pid = 0;                      // -p PID (0: not given)
  std::vector<std::string> command; // -c 'CMD ARGS', split into words (empty: not given)
  std::string command_text;         // -c's argument as given
  std::vector<std::string> args;    // positional parameters $1..$N
};

// The basename of argv[0], so a renamed copy of a tool uses its new name in messages; the
// manifest's name when argv[0] is missing or empty.
std::string tool_name_from_argv(const Manifest& m, const char* argv0);

// Returns -1 to continue, or the exit status after --help/--version/usage errors.
int parse_tool_options(const Manifest& m, int argc, char** argv, ToolOptions& opts);

// The script's leading comment block, without comment markers ("" when there is none).
std::string leading_comment(const char* script);

} // namespace btc::rt
