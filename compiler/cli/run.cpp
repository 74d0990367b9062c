#include "cli/run.h"

#include "btc_config.h"
#include "cli/list_probes.h"
#include "cli/sha256.h"
#include "user/user_targets.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <tuple>
#include <unistd.h>

namespace btc::cli {

namespace {

const char kRunUsage[] =
    "usage: btc run [options] FILE [ARGS...]\n"
    "       btc run [options] -e 'PROGRAM' [ARGS...]\n"
    "       btc run -l [SEARCH] | -lv [SEARCH]\n"
    "\n"
    "Runs a bpftrace script as bpftrace does: the script is compiled once into a cache\n"
    "(BTC_CACHE_DIR, else $XDG_CACHE_HOME/btc, else ~/.cache/btc) and the tool is run from\n"
    "there, so later runs of the same script start at once. The cache holds at most\n"
    "BTC_CACHE_MAX_MB MiB (default 512): a new tool removes those used longest ago.\n"
    "\n"
    "compile options:\n"
    "  -e PROGRAM         run PROGRAM given on the command line\n"
    "  -I DIR             search DIR for the preamble's #include files\n"
    "  --include FILE     read the C header FILE before the script's preamble\n"
    "  --btf FILE         read kernel types from FILE instead of /sys/kernel/btf/vmlinux; again\n"
    "                     for a kernel module's (.ko or split BTF)\n"
    "  --unsafe           allow functions that change the traced system\n"
    "run options (given to the tool):\n"
    "  -o FILE            write the output to FILE\n"
    "  -f FORMAT          output format (text, json)\n"
    "  -B MODE            output buffering (none, line, full)\n"
    "  -p PID             trace process PID\n"
    "  -c 'CMD'           run CMD and trace it\n"
    "  -q                 do not print \"Attaching N probes...\"\n"
    "  -v                 verbose: libbpf's log\n"
    "  -k, -kk            warn when a BPF helper fails (-kk: memory reads too)\n"
    "  --no-warnings      no warning messages\n"
    "  --usdt-file-activation\n"
    "  --dry-run          load and attach the probes, then stop\n"
    "  --bench            time the bench:NAME probes and print their table\n"
    "  --test             run the test:NAME probes and report which passed\n"
    "  --no-feature kprobe_multi,uprobe_multi\n"
    "                     attach wildcards with one link per function\n"
    "  --NAME=VALUE       the script's named option NAME (getopt)\n"
    "other options:\n"
    "  -l [SEARCH]        list probes (-lv: with their arguments)\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n"
    "BTC_RUN_VERBOSE=1 says whether the cached tool was used or compiled.\n";

int run_error(const std::string& message) {
  std::cerr << "btc run: error: " << message << "\n";
  return 1;
}

// bpftrace's options that btc has no use for: a clear refusal rather than "unknown option".
bool debug_only_option(const std::string& a) {
  return a == "-d" || a == "-dd" || a == "--info" || a == "--emit-elf" || a == "--emit-llvm";
}

bool has_value(char c) {
  return c == 'e' || c == 'I' || c == 'o' || c == 'f' || c == 'p' || c == 'c' || c == 'B';
}
bool is_flag(char c) {
  return c == 'q' || c == 'v' || c == 'k' || c == 'l' || c == 'h' || c == 'V';
}

// One option of the run, by its letter and value; status -1 to go on.
int take_short(char c, const std::string& value, RunOptions& o) {
  switch (c) {
  case 'e':
    if (o.from_program) return run_error("-e given twice");
    o.program = value;
    o.from_program = true;
    return -1;
  case 'I':
    if (value.empty()) return run_error("-I needs a non-empty path");
    o.include_dirs.push_back(value);
    return -1;
  case 'l':
    o.list = true;
    return -1;
  case 'v':
    // -v means verbose listing with -l (bpftrace's -lv), libbpf's log otherwise.
    o.list_verbose = true;
    o.tool_options.push_back("-v");
    return -1;
  case 'h':
    std::cout << kRunUsage;
    return 0;
  case 'V':
    std::cout << "btc " << BTC_VERSION << "\n";
    return 0;
  default:
    o.tool_options.push_back(std::string("-") + c);
    if (has_value(c)) o.tool_options.push_back(value);
    return -1;
  }
}

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  text = buf.str();
  return true;
}

std::string stat_line(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return path + " missing\n";
  return path + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_ino) + " " +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "\n";
}

// The files a script's uprobe and USDT probes name (`uprobe:/bin/bash:readline`,
// `usdt:libc:...`): the compiler reads their symbols and DWARF and the tool checks their
// build-id, so a rebuilt binary must give a new key. Specs in strings or comments add a harmless
// line; a binary given by a positional parameter is found where the tool runs, not here.
std::vector<std::string> user_binaries(const std::string& text) {
  static const char* const kPrefixes[] = {"uprobe:", "uretprobe:", "usdt:", "u:", "ur:", "U:"};
  std::vector<std::string> out;
  for (const char* prefix : kPrefixes) {
    size_t len = std::strlen(prefix);
    for (size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
      char before = at ? text[at - 1] : ' ';
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_') continue;
      size_t end = text.find_first_of(":,{ \t\n", at + len);
      std::string bin = text.substr(at + len, end == std::string::npos ? end : end - at - len);
      if (bin.empty() || bin.find_first_of("$*?[\"") != std::string::npos) continue;
      rt::ResolvedBinary found = rt::resolve_binary(bin, 0);
      out.push_back(bin + " " + (found.path.empty() ? "missing" : found.path));
    }
  }
  return out;
}

std::string absolute(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : path;
}

bool make_dirs(const std::string& dir) {
  for (size_t pos = 1;; ++pos) {
    pos = dir.find('/', pos);
    std::string part = dir.substr(0, pos);
    if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
    if (pos == std::string::npos) break;
  }
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return false;
  if (!S_ISDIR(st.st_mode)) {
    errno = ENOTDIR;
    return false;
  }
  return true;
}

constexpr char kTrailerMagic[8] = {'B', 'T', 'C', 'R', 'U', 'N', '0', '1'};
constexpr size_t kKeySize = 64;
constexpr size_t kTrailerSize = sizeof kTrailerMagic + 8 + kKeySize;

// Ctrl-C reaches the compiler (same process group) and ends it; btc run ignores these from
// before it creates its temporary file until the compiler has ended, then removes the file and
// ends by the same signal.
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

bool verbose() {
  const char* v = std::getenv("BTC_RUN_VERBOSE");
  return v && *v && std::strcmp(v, "0") != 0;
}

// Runs `compiler` on the script, writing the tool to `output`; the script's text goes on the
// compiler's stdin, so the compiled text is the hashed one even if the file changes meanwhile.
int compile(const std::string& compiler, const RunOptions& o, const std::string& name,
            const std::string& text, const std::string& output, int& killed_by) {
  std::vector<std::string> args{"btc"};
  for (const auto& d : o.include_dirs) args.insert(args.end(), {"-I", d});
  for (const auto& f : o.include_files) args.insert(args.end(), {"--include", f});
  for (const auto& f : o.btf_files) args.insert(args.end(), {"--btf", f});
  if (o.unsafe) args.push_back("--unsafe");
  args.insert(args.end(), {"--source-name", name, "-o", output, "-"});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return run_error(std::string("pipe: ") + std::strerror(errno));
  pid_t child = fork();
  if (child < 0) return run_error(std::string("fork: ") + std::strerror(errno));
  if (child == 0) {
    for (int sig : kStopSignals) std::signal(sig, SIG_DFL);
    dup2(fds[0], 0);
    execv(compiler.c_str(), argv.data());
    std::fprintf(stderr, "btc run: error: cannot run the compiler '%s': %s\n", compiler.c_str(),
                 std::strerror(errno));
    _exit(1);
  }
  close(fds[0]);
  // A compiler that stops early (a bad option) closes the pipe: that is its error to report.
  auto old = std::signal(SIGPIPE, SIG_IGN);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fds[1], text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += n;
  }
  close(fds[1]);
  std::signal(SIGPIPE, old);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  for (int sig : kStopSignals) std::signal(sig, SIG_DFL);
  if (WIFEXITED(status)) return WEXITSTATUS(status) == 0 ? 0 : 1;
  killed_by = WTERMSIG(status);
  return 1;
}

} // namespace

int parse_run_options(int argc, char** argv, RunOptions& o) {
  bool script_given = false;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&](const std::string& opt, std::string& value) {
      if (i + 1 >= argc) {
        run_error(opt + " needs an argument");
        return false;
      }
      value = argv[++i];
      return true;
    };
    bool positional = options_done || a.size() < 2 || a[0] != '-' || (a[1] >= '0' && a[1] <= '9');
    if (positional) {
      if (!script_given && !o.from_program) {
        o.file = a;
        script_given = true;
      } else {
        o.args.push_back(a);
      }
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (debug_only_option(a))
      return run_error(a + " is a bpftrace debugging option that btc does not have (see "
                           "btc --emit-c and --keep-temps)");
    if (a.starts_with("--")) {
      std::string name = a.substr(2, a.find('=') - 2);
      bool inline_value = a.find('=') != std::string::npos;
      std::string value = inline_value ? a.substr(a.find('=') + 1) : "";
      if (name == "help") {
        std::cout << kRunUsage;
        return 0;
      }
      if (name == "version") {
        std::cout << "btc " << BTC_VERSION << "\n";
        return 0;
      }
      if (name == "include" || name == "btf") {
        if (!inline_value && !next(a, value)) return 1;
        if (value.empty()) return run_error("--" + name + " needs a non-empty path");
        if (name == "include")
          o.include_files.push_back(value);
        else
          o.btf_files.push_back(value);
      } else if (name == "unsafe" && !inline_value) {
        o.unsafe = true;
      } else if ((name == "no-warnings" || name == "usdt-file-activation" || name == "dry-run" ||
                  name == "bench" || name == "test") &&
                 !inline_value) {
        o.tool_options.push_back(a);
      } else if (name == "no-feature") {
        // The tool checks the features named.
        if (!inline_value && !next(a, value)) return 1;
        o.tool_options.push_back("--no-feature=" + value);
      } else {
        // The script's own named options (getopt): the tool checks them.
        o.named_args.push_back(a);
      }
      continue;
    }
    if (a == "-kk") {
      // bpftrace's "check every helper" level, one word for the tool as for bpftrace.
      o.tool_options.push_back(a);
      continue;
    }
    // A cluster of short options, getopt style: "-qv", "-ofile", "-p 123".
    for (size_t k = 1; k < a.size(); ++k) {
      char c = a[k];
      if (!has_value(c) && !is_flag(c))
        return run_error(std::string("unknown option -") + c + " (see btc run --help)");
      std::string value;
      if (has_value(c)) {
        if (k + 1 < a.size())
          value = a.substr(k + 1);
        else if (!next(std::string("-") + c, value))
          return 1;
        k = a.size();
      }
      int status = take_short(c, value, o);
      if (status >= 0) return status;
    }
  }
  if (o.list) {
    // -l takes one search pattern, or a program (-e): the probes it would attach.
    if (o.args.size() > 0 || (o.from_program && script_given))
      return run_error("-l takes one search pattern or a program (-e)");
    return -1;
  }
  if (o.from_program && script_given && !o.file.empty()) {
    // With -e, the first positional word is the script's $1.
    o.args.insert(o.args.begin(), o.file);
    o.file.clear();
  }
  if (!o.from_program && !script_given) return run_error("no script given (see btc run --help)");
  return -1;
}

std::string cache_dir() {
  const char* dir = std::getenv("BTC_CACHE_DIR");
  if (dir && *dir) return dir;
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/btc";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/btc";
}

// The regular files under `dir`, sorted, at most kMaxHeaderFiles of them (an -I of a whole
// system include tree keys on its first files only).
constexpr size_t kMaxHeaderFiles = 20000;

std::vector<std::string> files_under(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  auto options = std::filesystem::directory_options::skip_permission_denied;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, options, ec);
       !ec && it != std::filesystem::recursive_directory_iterator() &&
       files.size() < kMaxHeaderFiles;
       it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string cache_key(const RunOptions& o, const std::string& name, const std::string& text,
                      const std::string& compiler) {
  Sha256 h;
  auto line = [&](const std::string& s) {
    h.update(s);
    h.update("\n");
  };
  line("btc run cache 1");
  line(std::string("version ") + BTC_VERSION);
  // The compiler and the runtime it links into tools: a rebuilt or upgraded btc gives new keys.
  std::string dir = compiler.substr(0, compiler.rfind('/'));
  line("compiler " + stat_line(compiler));
  line("runtime " + stat_line(dir + "/" + BTC_RUNTIME_DIR + "/libbtc-runtime.a"));
  // Tracepoint records, BTF and kernel headers come from the kernel the script is compiled on.
  struct utsname uts;
  if (uname(&uts) == 0)
    line(std::string("kernel ") + uts.release + " " + uts.version + " " + uts.machine);
  // With the BPFTRACE_* variables btc reads itself (sema/config.h): they shape the program.
  for (const char* env :
       {"BTC_BPFTOOL", "CXX", "BPFTRACE_MAX_STRLEN", "BPFTRACE_STRLEN", "BPFTRACE_ON_STACK_LIMIT",
        "BPFTRACE_MAX_BPF_PROGS", "BPFTRACE_LICENSE"}) {
    const char* v = std::getenv(env);
    line(std::string(env) + "=" + (v ? v : ""));
  }
  line("name " + name);
  line("script " + std::to_string(text.size()));
  h.update(text);
  // The headers the preamble finds there, and those they include: every file under the
  // directory, by size, inode and modification time, so an edited header gives a new key.
  for (const auto& d : o.include_dirs) {
    line("-I " + absolute(d));
    for (const std::string& file : files_under(d)) line("header " + stat_line(file));
  }
  for (const auto& f : o.include_files) {
    line("--include " + absolute(f));
    std::string content;
    if (!read_text(f, content)) {
      line("unreadable");
      continue;
    }
    Sha256 c;
    c.update(content);
    line(c.hex());
  }
  for (const auto& f : o.btf_files) line("--btf " + stat_line(absolute(f)));
  // Kernel files btc reads from the environment: by name and by what they hold.
  for (const char* env : {"BPFTRACE_BTF", "BPFTRACE_VMLINUX"})
    if (const char* v = std::getenv(env); v && *v)
      line(std::string(env) + " " + stat_line(absolute(v)));
  line(o.unsafe ? "unsafe" : "safe");
  for (const auto& bin : user_binaries(text))
    line("binary " + bin + " " + stat_line(bin.substr(bin.find(' ') + 1)));
  return h.hex();
}

// The cache's size bound, in MiB: BTC_CACHE_MAX_MB, else kDefaultCacheMiB.
constexpr uint64_t kDefaultCacheMiB = 512;

uint64_t cache_limit_bytes() {
  uint64_t mib = kDefaultCacheMiB;
  if (const char* v = std::getenv("BTC_CACHE_MAX_MB"); v && *v) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(v, &end, 10);
    if (*end == '\0') mib = n;
  }
  return mib << 20;
}

bool is_entry_name(const std::string& name) {
  return name.size() == kKeySize && name.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A cached tool was used: its access time orders the entries for pruning (set here, since
// relatime mounts update it at most daily); its modification time stays the compile's.
void touch_entry(const std::string& path) {
  struct timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  utimensat(AT_FDCWD, path.c_str(), times, 0);
}

// Keeps the cache within its bound: the entries used longest ago go first, never `keep` (the
// tool about to run). Temporary files of compiles that died more than a day ago go too.
void prune_cache(const std::string& dir, const std::string& keep) {
  struct Entry {
    std::string path;
    struct timespec used;
    uint64_t size;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  time_t now = time(nullptr);
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    struct stat st;
    if (lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    if (name.size() > kKeySize + 1 && name[0] == '.' && is_entry_name(name.substr(1, kKeySize))) {
      if (now - st.st_mtime > 86400) unlink(it->path().c_str());
      continue;
    }
    if (!is_entry_name(name)) continue;
    total += static_cast<uint64_t>(st.st_size);
    if (it->path().string() != keep)
      entries.push_back({it->path().string(), st.st_atim, static_cast<uint64_t>(st.st_size)});
  }
  uint64_t limit = cache_limit_bytes();
  if (total <= limit) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.used.tv_sec, a.used.tv_nsec) < std::tie(b.used.tv_sec, b.used.tv_nsec);
  });
  for (const Entry& e : entries) {
    if (total <= limit) break;
    if (unlink(e.path.c_str()) == 0) total -= e.size;
    if (verbose()) std::cerr << "btc run: pruned " << e.path << "\n";
  }
}

bool valid_entry(const std::string& path, const std::string& key) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  char head[4];
  char trailer[kTrailerSize];
  bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR) &&
            st.st_size > static_cast<off_t>(kTrailerSize + sizeof head) &&
            pread(fd, head, sizeof head, 0) == sizeof head &&
            std::memcmp(head,
                        "\x7f"
                        "ELF",
                        4) == 0 &&
            pread(fd, trailer, kTrailerSize, st.st_size - kTrailerSize) ==
                static_cast<ssize_t>(kTrailerSize);
  close(fd);
  if (!ok || std::memcmp(trailer, kTrailerMagic, sizeof kTrailerMagic) != 0) return false;
  uint64_t size = 0;
  std::memcpy(&size, trailer + sizeof kTrailerMagic, 8);
  return size == static_cast<uint64_t>(st.st_size) - kTrailerSize &&
         std::string_view(trailer + sizeof kTrailerMagic + 8, kKeySize) == key;
}

bool seal_entry(const std::string& path, const std::string& key) {
  int fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  char trailer[kTrailerSize];
  bool ok = fstat(fd, &st) == 0 && key.size() == kKeySize;
  if (ok) {
    uint64_t size = st.st_size;
    std::memcpy(trailer, kTrailerMagic, sizeof kTrailerMagic);
    std::memcpy(trailer + sizeof kTrailerMagic, &size, 8);
    std::memcpy(trailer + sizeof kTrailerMagic + 8, key.data(), kKeySize);
    ok = write(fd, trailer, kTrailerSize) == static_cast<ssize_t>(kTrailerSize) &&
         fchmod(fd, 0755) == 0 && fsync(fd) == 0;
  }
  int saved = errno;
  close(fd);
  errno = saved;
  return ok;
}

int run_main(int argc, char** argv, const std::string& self_dir) {
  RunOptions o;
  int status = parse_run_options(argc, argv, o);
  if (status >= 0) return status;
  if (o.list && o.from_program) {
    std::string compiler = self_dir + "/../libexec/btc-compile";
    std::vector<char*> argv{const_cast<char*>("btc"), const_cast<char*>("-l"),
                            const_cast<char*>("-e"), o.program.data(), nullptr};
    execv(compiler.c_str(), argv.data());
    return run_error("cannot run the compiler '" + compiler + "': " + std::strerror(errno));
  }
  if (o.list) {
    // -p PID went to the tool options: with -l it names the process to list.
    for (size_t i = 0; i + 1 < o.tool_options.size(); ++i)
      if (o.tool_options[i] == "-p")
        return list_process_probes(o.tool_options[i + 1], o.file, o.list_verbose);
    return list_probes(o.file, o.list_verbose);
  }

  std::string name = "stdin", text;
  if (o.from_program) {
    text = o.program;
  } else if (o.file == "-") {
    std::stringstream buf;
    buf << std::cin.rdbuf();
    text = buf.str();
  } else {
    name = o.file;
    if (!read_text(o.file, text))
      return run_error("cannot read " + o.file + ": " + std::strerror(errno));
  }

  std::string compiler = self_dir + "/../libexec/btc-compile";
  std::string key = cache_key(o, name, text, compiler);
  std::string dir = cache_dir();
  std::string entry = dir + "/" + key;
  if (valid_entry(entry, key)) {
    if (verbose()) std::cerr << "btc run: cached tool " << entry << "\n";
    touch_entry(entry);
  } else {
    if (verbose()) std::cerr << "btc run: compiling into " << entry << "\n";
    if (!make_dirs(dir))
      return run_error("cannot create the cache directory '" + dir + "': " + std::strerror(errno));
    // A private name in the cache directory: rename() into place is atomic, so another run sees
    // either no entry or a complete one, and two runs compiling at once both end with one.
    std::string tmp = dir + "/." + key + ".XXXXXX";
    for (int sig : kStopSignals) std::signal(sig, SIG_IGN);
    int fd = mkstemp(tmp.data());
    if (fd < 0)
      return run_error("cannot write in the cache directory '" + dir +
                       "': " + std::strerror(errno));
    close(fd);
    int killed_by = 0;
    int compiled = compile(compiler, o, name, text, tmp, killed_by);
    if (compiled != 0) {
      unlink(tmp.c_str());
      if (killed_by == 0) return compiled;
      if (killed_by != SIGINT && killed_by != SIGTERM && killed_by != SIGHUP &&
          killed_by != SIGQUIT)
        return run_error("the compiler was killed by signal " + std::to_string(killed_by));
      raise(killed_by);
      return 1;
    }
    if (!seal_entry(tmp, key) || rename(tmp.c_str(), entry.c_str()) != 0) {
      int err = errno;
      unlink(tmp.c_str());
      return run_error("cannot write the tool into the cache '" + entry +
                       "': " + std::strerror(err));
    }
    prune_cache(dir, entry);
  }

  std::string tool_name = "btc run";
  if (!o.from_program && o.file != "-") {
    tool_name = o.file.substr(o.file.rfind('/') + 1);
    if (tool_name.size() > 3 && tool_name.ends_with(".bt")) tool_name.resize(tool_name.size() - 3);
  }
  std::vector<std::string> args{tool_name};
  args.insert(args.end(), o.tool_options.begin(), o.tool_options.end());
  args.insert(args.end(), o.named_args.begin(), o.named_args.end());
  if (!o.args.empty()) {
    args.push_back("--");
    args.insert(args.end(), o.args.begin(), o.args.end());
  }
  std::vector<char*> tool_argv;
  for (auto& a : args) tool_argv.push_back(a.data());
  tool_argv.push_back(nullptr);
  execv(entry.c_str(), tool_argv.data());
  return run_error("cannot run the tool '" + entry + "': " + std::strerror(errno));
}

} // namespace btc::cli
