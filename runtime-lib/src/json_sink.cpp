#include "json_sink.h"

#include "json_format.h"
#include "text_format.h"

namespace btc::rt {

void JsonSink::attaching(uint32_t num_probes) {
  write(json_count_line("attached_probes", "probes", num_probes));
  flush();
}

void JsonSink::pinned(const std::string& path) {
  write(json_text_line("pinned", path));
  flush();
}

void JsonSink::printf(const PrintfFormat& format, const std::vector<Value>& args) {
  write(json_text_line("printf", printf_text(format, args)));
}

void JsonSink::time_text(const std::string& text) {
  write(json_text_line("time", text));
}

void JsonSink::text(TextKind kind, const std::string& text) {
  switch (kind) {
  case TextKind::Cat:
    write(json_text_line("cat", text));
    break;
  case TextKind::System:
    write(json_text_line("syscall", text));
    break;
  case TextKind::Join:
    write(json_text_line("join", text));
    break;
  }
}

void JsonSink::helper_error(const std::string&, const std::string& helper, int64_t retcode,
                            uint32_t line, uint32_t column) {
  write("{\"type\": \"helper_error\", \"helper\": \"" + helper +
        "\", \"retcode\": " + std::to_string(retcode) + ", \"line\": " + std::to_string(line) +
        ", \"col\": " + std::to_string(column) + "}\n");
}

void JsonSink::print_value(const Value& value) {
  write("{\"type\": \"value\", \"data\": " + json_value(value) + "}\n");
}

void JsonSink::print_map(const MapSnapshot& map, uint64_t top, uint64_t div) {
  write(json_map(map, top, div));
}

void JsonSink::maps_at_exit(const std::vector<MapSnapshot>& maps) {
  std::string out = to_file_ ? "" : "\n\n";
  for (const MapSnapshot& m : maps) out += json_map(m);
  write(out);
}

void JsonSink::bench_results(const std::vector<BenchResult>& results) {
  std::string data;
  for (const BenchResult& r : results)
    data += (data.empty() ? "" : ", ") + json_string(r.name) + ": " + std::to_string(r.nanoseconds);
  write("{\"type\": \"benchmark\", \"data\": {" + data + "}}\n");
}

void JsonSink::test_results(const std::vector<TestResult>& results) {
  for (const TestResult& r : results)
    write("{\"type\": \"test\", \"data\": {\"name\": " + json_string(r.name) +
          ", \"passed\": " + (r.passed ? "true" : "false") +
          ", \"output\": " + json_string(r.passed ? "" : r.output) + "}}\n");
}

void JsonSink::lost_events(uint64_t count) {
  write(json_count_line("lost_events", "events", count));
}

} // namespace btc::rt
