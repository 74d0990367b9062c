// The text sink: bpftrace 0.17's output, written to a stdio stream.
#pragma once

#include "output_sink.h"

#include <cstdio>

namespace btc::rt {

class TextSink final : public OutputSink {
public:
  explicit TextSink(FILE* out) : out_(out) {}

  void attaching(uint32_t num_probes) override;
  void printf(const PrintfFormat& format, const std::vector<Value>& args) override;
  void time_text(const std::string& text) override;
  void text(const std::string& text) override;
  void print_value(const Value& value) override;
  void print_map(const MapSnapshot& map, uint64_t top, uint64_t div) override;
  void maps_at_exit(const std::vector<MapSnapshot>& maps) override;
  void lost_events(uint64_t count) override;
  void flush() override;
  int write_error() const override { return error_; }

private:
  void write(const std::string& text);

  FILE* out_;
  int error_ = 0;
};

} // namespace btc::rt
