// The JSON sink: bpftrace 0.17's `-f json` output (json_format.h), written to a stdio stream.
#pragma once

#include "output_sink.h"

namespace btc::rt {

class JsonSink final : public StreamSink {
public:
  // `to_file`: the output goes to an -o file. bpftrace 0.17 writes the two empty lines that
  // precede the maps at exit to stdout even then, so its file holds JSON lines only.
  JsonSink(FILE* out, bool to_file) : StreamSink(out), to_file_(to_file) {}

  void attaching(uint32_t num_probes) override;
  void pinned(const std::string& path) override;
  void printf(const PrintfFormat& format, const std::vector<Value>& args) override;
  void time_text(const std::string& text) override;
  void text(TextKind kind, const std::string& text) override;
  void helper_error(const std::string& report, const std::string& helper, int64_t retcode,
                    uint32_t line, uint32_t column) override;
  void print_value(const Value& value) override;
  void print_map(const MapSnapshot& map, uint64_t top, uint64_t div) override;
  void maps_at_exit(const std::vector<MapSnapshot>& maps) override;
  void bench_results(const std::vector<BenchResult>& results) override;
  void test_results(const std::vector<TestResult>& results) override;
  void lost_events(uint64_t count) override;

private:
  bool to_file_;
};

} // namespace btc::rt
