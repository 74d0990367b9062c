// btc: the command users type. Compiling goes to btc-compile (compile_main.cpp, in
// PREFIX/libexec), which links Clang and LLVM: loading them costs ~100 ms of relocations before
// main, which `btc run` with a cached tool and `btc -l` must not pay. This program links neither.
#include "cli/list_probes.h"
#include "cli/run.h"
#include "diag/self_path.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

// `btc -l [SEARCH]`, `btc -lv`, `btc -v -l`: bpftrace's listing options, alone on the line.
bool is_listing(int argc, char** argv, std::string& search, std::string& pid,
                std::optional<std::string>& program, bool& verbose, bool& bad) {
  bool list = false;
  int words = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-p" && i + 1 < argc) {
      pid = argv[++i];
    } else if (a.starts_with("-p") && a.size() > 2 &&
               std::isdigit(static_cast<unsigned char>(a[2]))) {
      pid = a.substr(2);
    } else if (a == "-e" && i + 1 < argc) {
      program = argv[++i];
    } else if (a == "-l" || a == "-lv" || a == "-vl") {
      list = true;
      verbose = verbose || a != "-l";
    } else if (a == "-v") {
      verbose = true;
    } else if (!a.starts_with("-") || a == "-") {
      search = a;
      ++words;
    } else {
      bad = true;
    }
  }
  bad = bad || words > 1;
  return list;
}

} // namespace

int main(int argc, char** argv) {
  std::string dir = btc::self_dir();
  if (argc > 1 && std::strcmp(argv[1], "run") == 0)
    return btc::cli::run_main(argc - 1, argv + 1, dir);
  std::string search, pid;
  std::optional<std::string> program;
  bool verbose = false, bad = false;
  if (is_listing(argc, argv, search, pid, program, verbose, bad)) {
    // With a program (-e, or a script file: current bpftrace's -l), the probes it would
    // attach: the compiler resolves them.
    struct stat st;
    bool script = !program && search.ends_with(".bt") && stat(search.c_str(), &st) == 0 &&
                  S_ISREG(st.st_mode);
    if ((program || script) && !bad && pid.empty()) {
      std::string compiler = dir + "/../libexec/btc-compile";
      std::vector<const char*> args{"btc", "-l"};
      if (program) {
        args.push_back("-e");
        args.push_back(program->c_str());
      } else {
        args.push_back(search.c_str());
      }
      args.push_back(nullptr);
      execv(compiler.c_str(), const_cast<char* const*>(args.data()));
      std::cerr << "btc: error: cannot run the compiler '" << compiler
                << "': " << std::strerror(errno) << " (a broken installation)\n";
      return 1;
    }
    if (bad) {
      std::cerr << "btc: error: -l takes -v, -p PID and one search pattern\n(see btc --help)\n";
      return 1;
    }
    if (!pid.empty()) return btc::cli::list_process_probes(pid, search, verbose);
    return btc::cli::list_probes(search, verbose);
  }
  std::string compiler = dir + "/../libexec/btc-compile";
  execv(compiler.c_str(), argv);
  std::cerr << "btc: error: cannot run the compiler '" << compiler << "': " << std::strerror(errno)
            << " (a broken installation)\n";
  return 1;
}
