// The build stage: generated BPF C and manifest to a standalone static executable.
#pragma once

#include "lower/lower.h"
#include "toolchain/toolchain.h"

#include <string>

namespace btc {

inline constexpr const char* kSkeletonName = "btc_tool";

// The files of the work directory that the generated C names. Every build step runs in the work
// directory on these relative names, so that no temporary path reaches the C text, the BPF
// object or the tool: the same script gives the same bytes from any directory.
inline const LowerPaths kWorkPaths{"btc_tool.bpf.c", "script.lines"};

struct BuildRequest {
  std::string work_dir;  // holds every intermediate file
  bool work_dir_kept;    // --keep-temps: the work directory stays after btc exits
  std::string output;    // the executable to produce, absolute
  std::string tool_name; // the output's file name
  std::string script_name;
  std::string script_text;
  bool strip = true;
};

// Returns false after printing a message to stderr. Errors here are btc's bugs or a broken
// installation, never the user's script, except a probe that needs too much stack and a work
// file that cannot be written.
bool build_tool(const BuildRequest& req, const LowerOutput& lowered, const Toolchain& tc);

// Writes `text` to `path`; on failure prints `btc: error: cannot write 'PATH': REASON` and
// returns false.
bool write_file_or_report(const std::string& path, const std::string& text);

// A short lower-case reason for a failed file operation ("no such directory", "is a directory",
// "permission denied", ...).
std::string file_error_reason(int err);

} // namespace btc
