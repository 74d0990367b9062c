// Lowering: the typed AST to BPF C text plus the manifest.
#pragma once

#include "diag/internal_error.h"
#include "diag/source.h"
#include "lower/manifest_data.h"
#include "sema/sema.h"

#include <stdexcept>
#include <string>

namespace btc {

struct LowerOutput {
  std::string c_source;
  ManifestData manifest;
  // The generated C's `#line` directives name the line file. Its line N is line N of the script
  // followed by a marker ` @btc:N`; written where LowerPaths says, it puts the script line of
  // each instruction into the BTF line info, and so into the verifier's log.
  std::string line_file_text;
};

struct LowerPaths {
  std::string c_file;    // where the generated C will be written
  std::string line_file; // where the line file will be written
};

// Throws InternalError for a construct it cannot lower (a bug in btc).
LowerOutput lower(const SemaResult& sema, const SourceFile& source, const std::string& prelude,
                  const LowerPaths& paths);

// The marker the line file appends to line N; the runtime finds the last one in a verifier log
// (runtime-lib/src/verifier.cpp).
std::string line_marker(uint32_t line);

} // namespace btc
