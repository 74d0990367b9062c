// `btc -l [SEARCH]` and `btc -lv`: the probes this machine offers, printed as bpftrace 0.17 lists
// them (one "type:target:name" line each, sorted within a type, types in name order; with -v a
// tracepoint's fields, a kernel function's or raw tracepoint's arguments indented by four spaces).
#pragma once

#include <string>

namespace btc::cli {

// Lists the probes matching `search` (bpftrace's forms: "" for every kernel probe,
// "type:pattern", or a pattern matched against every kernel probe); returns the exit status.
int list_probes(const std::string& search, bool verbose);

// `btc -l [SEARCH] -p PID`: the uprobes of the process's executable and the USDT probes of
// every file it maps, under /proc/PID/root, as bpftrace lists them; SEARCH filters them.
int list_process_probes(const std::string& pid, const std::string& search, bool verbose);

// Whether `text` matches the shell-style `pattern` ('*' any run of characters).
bool glob_match(const std::string& pattern, const std::string& text);

} // namespace btc::cli
