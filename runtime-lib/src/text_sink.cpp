#include "text_sink.h"

#include "text_format.h"

namespace btc::rt {

void TextSink::attaching(uint32_t num_probes) {
  write("Attaching " + std::to_string(num_probes) +
        (num_probes == 1 ? " probe...\n" : " probes...\n"));
  flush();
}

void TextSink::pinned(const std::string& path) {
  write("Program pinned to " + path + "\n");
  flush();
}

void TextSink::printf(const PrintfFormat& format, const std::vector<Value>& args) {
  write(printf_text(format, args));
}

void TextSink::printf_event(const PrintfPlan& plan, const uint8_t* payload) {
  line_.clear();
  plan.append(payload, line_);
  write(line_);
}

void TextSink::time_text(const std::string& text) {
  write(text);
}

void TextSink::text(TextKind kind, const std::string& text) {
  write(kind == TextKind::Join ? text + "\n" : text);
}

void TextSink::helper_error(const std::string& report, const std::string&, int64_t, uint32_t,
                            uint32_t) {
  write(report);
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

void TextSink::bench_results(const std::vector<BenchResult>& results) {
  // Two empty lines between the "Attaching" line and the table, as bpftrace's manual shows.
  write("\n\n" + bench_table(results));
}

void TextSink::test_results(const std::vector<TestResult>& results) {
  write(test_report(results));
}

void TextSink::lost_events(uint64_t count) {
  write("Lost " + std::to_string(count) + " events\n");
}

} // namespace btc::rt
