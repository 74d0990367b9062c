// The generated C++ driver: the skeleton, the manifest as constant data and `main`.
#pragma once

#include "lower/manifest_data.h"

#include <string>

namespace btc {

struct DriverInfo {
  std::string tool_name;
  std::string skeleton_name; // the skeleton's struct name, e.g. "btc_tool"
  std::string script_name;
  std::string script_text;
  std::string version;
};

std::string emit_driver(const ManifestData& manifest, const DriverInfo& info);

// A short stable hash of the script, shown by the tool's --version.
std::string script_hash(const std::string& text);

} // namespace btc
