// The produced tool's command line.
#pragma once

#include "btc/manifest.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace btc::rt {

enum class OutputFormat { Text, Json };

// -B: how the tool's output is buffered (bpftrace's modes; line is its default). Batch is no -B
// mode: without -B, output that is not a terminal is written once per batch of events (after the
// tool handled all the ring buffer held) from a large buffer, instead of one write() per line.
enum class Buffering { Line, Full, None, Batch };

struct ToolOptions {
  std::string name;                         // what the tool calls itself: tool_name_from_argv()
  std::string output_file;                  // -o
  OutputFormat format{};                    // -f text (the default) or json
  bool quiet = false;                       // -q
  bool verbose = false;                     // -v: libbpf's own log
  int pid = 0;                              // -p PID (0: not given)
  std::vector<std::string> command;         // -c 'CMD ARGS', split into words (empty: not given)
  std::string command_text;                 // -c's argument as given
  std::vector<std::string> args;            // positional parameters $1..$N
  Buffering buffering = Buffering::Line;    // -B MODE
  bool buffering_given = false;             // -B was given
  bool warnings = true;                     // false with --no-warnings
  int helper_checks = 0;                    // -k: 1, -kk: 2 (BPF helper errors reported)
  bool dry_run = false;                     // --dry-run: load and attach, then stop
  bool bench = false;                       // --bench: time the bench:NAME probes
  bool test = false;                        // --test: run the test:NAME probes
  bool no_kprobe_multi = false;             // --no-feature kprobe_multi
  bool no_uprobe_multi = false;             // --no-feature uprobe_multi
  std::map<std::string, std::string> named; // --name=value of the script's getopt() options
};

// The basename of argv[0], so a renamed copy of a tool uses its new name in messages; the
// manifest's name when argv[0] is missing or empty.
std::string tool_name_from_argv(const Manifest& m, const char* argv0);

// Returns -1 to continue, or the exit status after --help/--version/usage errors.
int parse_tool_options(const Manifest& m, int argc, char** argv, ToolOptions& opts);

// Writes each getopt() option's value (given or default) into .rodata before load.
void set_named_options(const Manifest& m, const ToolOptions& opts, uint8_t* rodata);

// Sets `out`'s buffering as -B asks; before anything is written to it.
void set_buffering(FILE* out, Buffering mode);

// Whether the tool prints its warnings (not after --no-warnings). Set by parse_tool_options.
bool warnings_enabled();

// A warning on stderr, printf-style, unless --no-warnings was given.
void warn(const char* format, ...) __attribute__((format(printf, 1, 2)));

// What -k prints for a failed helper call (a HelperError event), as bpftrace does:
// `script.bt:L:C-E: WARNING: Failed to map_update_elem: Argument list too long (-7)`, then the
// script's line and the call underlined.
std::string helper_error_text(const Manifest& m, const EventSpec& e, int64_t ret);

// The script's leading comment block, without comment markers ("" when there is none).
std::string leading_comment(const char* script);

} // namespace btc::rt
