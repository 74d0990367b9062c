// Where a running tool's output goes. The Tool (run.cpp) decodes what the kernel sends and hands
// the values to one sink; the sink decides how they look. TextSink (text_sink.h) prints
// bpftrace 0.17's text, JsonSink (json_sink.h) its `-f json` lines; other presentations
// (symbolized stacks, metrics) are other sinks.
#pragma once

#include "bench_table.h"
#include "btc/printf_format.h"
#include "printf_plan.h"
#include "test_report.h"
#include "values.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace btc::rt {

// Text that actions produce whole: what bpftrace's JSON output calls "cat", "syscall", "join".
enum class TextKind {
  Cat,    // cat(): the file's contents
  System, // system(): the command's output
  Join,   // join(): the arguments joined, without the newline the text output adds
};

class OutputSink {
public:
  virtual ~OutputSink() = default;

  // Before attaching (not called with -q).
  virtual void attaching(uint32_t num_probes) = 0;
  // An iterator pinned at `path` (iter:NAME:PIN): reading that file runs it from now on.
  virtual void pinned(const std::string& path) = 0;
  // printf(): the parsed format and its decoded arguments, one per conversion.
  virtual void printf(const PrintfFormat& format, const std::vector<Value>& args) = 0;
  // printf() as the ring buffer sent it: the arguments still in the payload. The tool calls this
  // one; by default the arguments are decoded for printf().
  virtual void printf_event(const PrintfPlan& plan, const uint8_t* payload) {
    printf(plan.format(), plan.decode(payload));
  }
  // time(format): the local time formatted by strftime().
  virtual void time_text(const std::string& text) = 0;
  // The text of cat(), system() or join().
  virtual void text(TextKind kind, const std::string& text) = 0;
  // -k: a BPF helper failed. `report` is bpftrace's text report (location, message, the script
  // line underlined); `helper` the helper's name ("map_update_elem"), `retcode` its result.
  virtual void helper_error(const std::string& report, const std::string& helper, int64_t retcode,
                            uint32_t line, uint32_t column) = 0;
  // print(value).
  virtual void print_value(const Value& value) = 0;
  // print(@map, top, div): the snapshot in print order; top/div as the script gave them.
  virtual void print_map(const MapSnapshot& map, uint64_t top, uint64_t div) = 0;
  // Every map, in name order, when the tool stops.
  virtual void maps_at_exit(const std::vector<MapSnapshot>& maps) = 0;
  // --bench: each bench:NAME probe's average time, in name order.
  virtual void bench_results(const std::vector<BenchResult>& results) = 0;
  // --test: each test:NAME probe's result, in script order.
  virtual void test_results(const std::vector<TestResult>& results) = 0;
  // Events the BPF side could not send since the last report.
  virtual void lost_events(uint64_t count) = 0;
  // Pushes buffered output out (the tool calls it after every batch of events).
  virtual void flush() = 0;
  // The errno of the first write or flush that failed, 0 while all succeeded. After a failure
  // the sink drops further output; the tool reports the error once.
  virtual int write_error() const = 0;
};

// `out` itself, or when its descriptor is non-blocking (O_NONBLOCK, set by whoever shares the
// pipe or terminal), a stream over that descriptor whose writes wait while it is full: a reader
// that is merely slow is not a failed output (EAGAIN). Closing the stream leaves the
// descriptor open.
FILE* blocking_stream(FILE* out);

// A sink writing to a stdio stream: keeps the first write error and drops output after it.
class StreamSink : public OutputSink {
public:
  explicit StreamSink(FILE* out) : out_(out) {}

  void flush() override;
  int write_error() const override { return error_; }

protected:
  void write(const std::string& text);

private:
  FILE* out_;
  int error_ = 0;
};

} // namespace btc::rt
