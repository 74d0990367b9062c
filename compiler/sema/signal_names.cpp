#include "sema/signal_names.h"

#include <cstring>

namespace btc {

std::string signal_name_text(int n) {
  // glibc numbers the real-time signals from SIGRTMIN (34): 32 and 33 are its own.
  if (n == 0 || n == 32 || n == 33) return "Unknown signal " + std::to_string(n);
  if (n >= 34) return "Real-time signal " + std::to_string(n - 34);
  return sigdescr_np(n);
}

} // namespace btc
