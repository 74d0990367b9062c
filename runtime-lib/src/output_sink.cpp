#include "output_sink.h"

#include <cerrno>

namespace btc::rt {

void StreamSink::write(const std::string& text) {
  if (error_ != 0 || text.empty()) return;
  errno = 0;
  // A line-buffered stream (-B line) takes the whole text into its buffer and reports a failed
  // write of it through its error flag only.
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size() || std::ferror(out_))
    error_ = errno ? errno : EIO;
}

void StreamSink::flush() {
  if (error_ != 0) return;
  errno = 0;
  if (std::fflush(out_) != 0) error_ = errno ? errno : EIO;
}

} // namespace btc::rt
