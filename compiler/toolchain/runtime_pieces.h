// Which of the runtime's optional pieces (BTC_RUNTIME_PIECES, btc/manifest.h) a tool needs: the
// driver lists their installers, and the tool links only those pieces' code.
#pragma once

#include "lower/manifest_data.h"

#include <set>
#include <vector>

namespace btc {

// The runtime value types the driver describes (driver_emit's type table).
struct EmittedTypes {
  std::set<rt::Kind> kinds;
  std::set<rt::StackMode> user_stack_modes;   // of the UStack types
  std::set<rt::StackMode> kernel_stack_modes; // of the (kernel) Stack types
};

// The pieces the tool needs, in BTC_RUNTIME_PIECES order.
std::vector<rt::Piece> runtime_pieces(const ManifestData& m, const EmittedTypes& types);

} // namespace btc
