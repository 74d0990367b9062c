#include "pieces.h"

#include <cstdio>
#include <cstdlib>

namespace btc::rt {

namespace piece_detail {

const void* g_installed[kNumPieces] = {};

void missing(Piece p) {
  std::fflush(stdout);
  std::fprintf(stderr,
               "btc internal error: this tool was built without the runtime's %s piece; compile "
               "its script again\n",
               name_of(p));
  std::exit(1);
}

} // namespace piece_detail

void install_pieces(const Manifest& m) {
  for (uint32_t i = 0; i < m.num_pieces; ++i) m.pieces[i]();
}

} // namespace btc::rt
