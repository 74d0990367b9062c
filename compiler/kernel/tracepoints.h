// What the compiler learns about tracepoints from the build host's tracefs, when it can read it:
// which events exist (for wildcard expansion) and the layout of each event's record (the `args`
// of a probe). Records of non-syscall events normally come from BTF (kernel/tracepoint_btf.h),
// which describes them in the same terms.
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
  bool is_array = false;      // any name[N] (char or not)
  uint32_t count = 0;         // name[N]: N (0 for a flexible array name[])
  bool is_pointer = false;
  bool points_to_char = false; // char *: usable with str()
  bool is_data_loc = false;    // __data_loc char[]: a string stored in the record
  std::string member;          // the BTF record's member (`__data_loc_x` for x); "" from tracefs
};

struct TracepointFormat {
  std::string category;
  std::string event;
  std::vector<TracepointField> fields; // without the common_ header fields
  uint32_t size = 0;                   // end of the last field
  // The BTF record class (`timer_start` for `struct trace_event_raw_timer_start`) when the
  // fields came from BTF: they are read with CO-RE, so the running kernel's layout decides.
  std::string btf_class;

  const TracepointField* find(const std::string& name) const;
};

// The tracefs root whose events this process can read, or "" with `error` saying why there is
// none. The compiler never mounts it: a compiler has no business mounting file systems, and an
// unprivileged user could not anyway.
std::string tracefs_root(std::string& error);

// "category:event" names matching the glob pattern `category:event` ('*' and '?'), sorted.
std::vector<std::string> list_tracepoints(const std::string& root, const std::string& pattern);

std::optional<TracepointFormat> read_tracepoint_format(const std::string& root,
                                                       const std::string& category,
                                                       const std::string& event,
                                                       std::string& error);

// The syscalls:* events matching the glob `event_glob`, sorted, from the table generated into
// btc (syscall_formats.inc): what the compiler uses when it cannot read tracefs.
std::vector<std::string> builtin_syscall_events(const std::string& event_glob);

// The record of syscall tracepoint `event` from that table, laid out as on every kernel.
std::optional<TracepointFormat> builtin_syscall_format(const std::string& event);

// The x86-64 number of the syscall of event `sys_enter_X` or `sys_exit_X` (syscall_numbers.inc,
// the ABI's, the same on every kernel), or -1.
int syscall_number(const std::string& event);

// Parses the text of a `format` file. A malformed field line (offset or size missing or not a
// 32-bit number, no declaration, a name declared twice) fails with `error` naming its line;
// read_tracepoint_format adds the file's path. A field whose name is not a C identifier is left
// out of `fields` (no script can name it).
std::optional<TracepointFormat> parse_tracepoint_format(const std::string& text,
                                                        std::string& error);

} // namespace btc
