// `btc run`: bpftrace's command line over a cache of compiled tools. The options are split into
// those that change the compiled tool (given to the compiler and part of the cache key) and those
// the tool reads when it runs; a cached tool is exec'ed directly, so a second run of a script
// costs a hash and an exec.
#pragma once

#include <string>
#include <vector>

namespace btc::cli {

struct RunOptions {
  // Compile time.
  std::string file; // script path, "-" for stdin; empty with -e
  std::string program;
  bool from_program = false;
  std::vector<std::string> include_dirs;  // -I
  std::vector<std::string> include_files; // --include
  std::vector<std::string> btf_files;     // --btf: the kernel's, then modules' (as btc's)
  bool unsafe = false;
  // Run time, in the order given: options of the tool, then its named (--name=value) options.
  std::vector<std::string> tool_options;
  std::vector<std::string> named_args;
  std::vector<std::string> args; // positional parameters
  // -l [SEARCH] / -lv: list probes instead of running.
  bool list = false;
  bool list_verbose = false;
};

// Parses `btc run`'s arguments (argv[0] is "run"). Returns -1 to go on, or the exit status after
// printing help, the version or an error.
int parse_run_options(int argc, char** argv, RunOptions& o);

// The cache key of a compile: every input that changes the tool's bytes. `text` is the script's.
std::string cache_key(const RunOptions& o, const std::string& name, const std::string& text,
                      const std::string& compiler);

// The cache directory: BTC_CACHE_DIR, else $XDG_CACHE_HOME/btc, else ~/.cache/btc.
std::string cache_dir();

// Whether `path` is a complete entry of the cache for `key` (written by `seal_entry`): an ELF
// file ending with btc's trailer, which records the key and the size before it.
bool valid_entry(const std::string& path, const std::string& key);
// Appends the trailer to the tool at `path` and flushes it to disk; false with errno set.
bool seal_entry(const std::string& path, const std::string& key);

// The whole `btc run` command; `self_dir` holds the btc executable.
int run_main(int argc, char** argv, const std::string& self_dir);

} // namespace btc::cli
