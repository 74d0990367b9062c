// Running the external tools of the build (bpftool, the host C++ compiler).
#pragma once

#include <string>
#include <vector>

namespace btc {

struct ProcessResult {
  int status = -1;    // exit status, or -1 when the program could not be run
  std::string output; // stdout and stderr, interleaved
};

ProcessResult run_process(const std::vector<std::string>& argv);
// Runs argv with its standard output sent to `stdout_path`; stderr is captured.
ProcessResult run_process_to_file(const std::vector<std::string>& argv,
                                  const std::string& stdout_path);

} // namespace btc
