// The build stage: generated BPF C and manifest to a standalone static executable.
#pragma once

#include "toolchain/toolchain.h"
#include "lower/lower.h"

#include <string>

namespace btc {

struct BuildRequest {
  std::string work_dir; // holds every intermediate file
  std::string c_file;   // the BPF C already written by the caller
  std::string output;   // the executable to produce
  std::string tool_name;
  std::string script_name;
  std::string script_text;
  bool strip = true;
};

// Returns false after printing a message to stderr. Errors here are btc's bugs or a broken
// installation, never the user's script.
bool build_tool(const BuildRequest& req, const ManifestData& manifest, const Toolchain& tc);

inline constexpr const char* kSkeletonName = "btc_tool";

} // namespace btc
