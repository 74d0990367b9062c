// What the compiler learns about tracepoints from the build host's tracefs: which events exist
// (for wildcard expansion) and the layout of each event's record (the `args` of a probe).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace btc {

struct TracepointField {
  std::string name;
  std::string c_type; // as the format file declares it, for messages
  uint32_t offset = 0;
  uint32_t size = 0;
  bool is_signed = false;
  bool is_char_array = false; // char name[N]: a string
  bool is_pointer = false;
  bool points_to_char = false; // char *: usable with str()
  bool is_data_loc = false;    // __data_loc char[]: a string stored in the record
};

struct TracepointFormat {
  std::string category;
  std::string event;
  std::vector<TracepointField> fields; // without the common_ header fields
  uint32_t size = 0;                   // end of the last field

  const TracepointField* find(const std::string& name) const;
};

// The tracefs root, mounting it at /sys/kernel/tracing when nothing is mounted (as bpftrace
// does). Empty with `error` set when there is none.
std::string tracefs_root(std::string& error);

// "category:event" names matching the glob pattern `category:event` ('*' and '?'), sorted.
std::vector<std::string> list_tracepoints(const std::string& root, const std::string& pattern);

std::optional<TracepointFormat> read_tracepoint_format(const std::string& root,
                                                       const std::string& category,
                                                       const std::string& event,
                                                       std::string& error);

// Parses the text of a `format` file. A malformed field line (offset or size missing or not a
// 32-bit number, no declaration, a name declared twice) fails with `error` naming its line;
// read_tracepoint_format adds the file's path. A field whose name is not a C identifier is left
// out of `fields` (no script can name it).
std::optional<TracepointFormat> parse_tracepoint_format(const std::string& text,
                                                        std::string& error);

} // namespace btc
