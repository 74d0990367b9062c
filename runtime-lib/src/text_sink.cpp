#include "text_sink.h"

#include "text_format.h"

#include <cerrno>

namespace btc::rt {

void TextSink::write(const std::string& text) {
  if (error_ != 0 || text.empty()) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) error_ = errno ? errno : EIO;
}

void TextSink::attaching(uint32_t num_probes) {
  write("Attaching " + std::to_string(num_probes) +
        (num_probes == 1 ? " probe...\n" : " probes...\n"));
  flush();
}

void TextSink::printf(const PrintfFormat& format, const std::vector<Value>& args) {
  write(printf_text(format, args));
}

void TextSink::time_text(const std::string& text) {
  write(text);
}

void TextSink::text(const std::string& text) {
  write(text);
}

void TextSink::print_value(const Value& value) {
  write(value_text(value) + "\n");
}

void TextSink::print_map(const MapSnapshot& map, uint64_t top, uint64_t div) {
  write(map_text(map, top, div));
}

void TextSink::maps_at_exit(const std::vector<MapSnapshot>& maps) {
  write(maps_at_exit_text(maps));
}

void TextSink::lost_events(uint64_t count) {
  write("Lost " + std::to_string(count) + " events\n");
}

void TextSink::flush() {
  if (error_ != 0) return;
  errno = 0;
  if (std::fflush(out_) != 0) error_ = errno ? errno : EIO;
}

} // namespace btc::rt
