// Running the external tools of the build (bpftool, the host C++ compiler).
#pragma once

#include <string>
#include <vector>

namespace btc {

struct ProcessResult {
  int status = -1;    // exit status, or -1 when the program could not be run
  std::string output; // stdout and stderr, interleaved
  int open_errno = 0; // run_process_to_file: why stdout_path could not be written (not run)
};

// Runs argv in directory `cwd` ("" for btc's own): the build runs its tools in the work
// directory on relative names, so that no temporary path reaches what they produce.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd = "");
// Runs argv with its standard output sent to `stdout_path`; stderr is captured.
ProcessResult run_process_to_file(const std::vector<std::string>& argv,
                                  const std::string& stdout_path, const std::string& cwd = "");

} // namespace btc
