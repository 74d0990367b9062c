#include "output_sink.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace btc::rt {

namespace {

ssize_t write_waiting(void* cookie, const char* data, size_t size) {
  int fd = static_cast<int>(reinterpret_cast<intptr_t>(cookie));
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::write(fd, data + done, size - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      if (poll(&p, 1, -1) >= 0 || errno == EINTR) continue;
    }
    // stdio takes a short count as an error (errno set by the failed write).
    return done > 0 ? static_cast<ssize_t>(done) : -1;
  }
  return static_cast<ssize_t>(done);
}

int close_nothing(void*) {
  return 0;
}

} // namespace

FILE* blocking_stream(FILE* out) {
  int fd = fileno(out);
  int flags = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
  if (flags < 0 || !(flags & O_NONBLOCK)) return out;
  std::fflush(out);
  cookie_io_functions_t io{};
  io.write = write_waiting;
  io.close = close_nothing;
  FILE* wrapped = fopencookie(reinterpret_cast<void*>(static_cast<intptr_t>(fd)), "w", io);
  return wrapped ? wrapped : out;
}

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
