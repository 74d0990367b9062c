// signal_name(): the text strsignal(3) gives each signal number, as current bpftrace's table;
// "N/A" outside 0..64. The BPF program looks it up in a table the compiler writes.
#pragma once

#include <cstdint>
#include <string>

namespace btc {

inline constexpr uint32_t kSignalNameSize = 32; // the longest text and its NUL fit
inline constexpr int kSignalNameCount = 65;     // 0..64 (SIGRTMAX)

// The text of signal `n`, 0 <= n < kSignalNameCount.
std::string signal_name_text(int n);

} // namespace btc
