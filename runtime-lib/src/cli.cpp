#include "cli.h"

#include "child.h"
#include "text.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

namespace btc::rt {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

void print_help(const Manifest& m, const char* name) {
  std::printf("usage: %s [options] [--]%s\n", name, m.num_params ? " ARGS..." : "");
  if (m.unsafe)
    std::printf("\nbuilt with --unsafe: it may change the traced system (override, signal, "
                "system)\n");
  std::string about = leading_comment(m.script_text);
  if (!about.empty()) std::printf("\n%s", about.c_str());
  if (m.num_params) {
    std::printf("\nparameters:\n");
    for (uint32_t i = 0; i < m.num_params; ++i) {
      const ParamSpec& p = m.params[i];
      const char* kind = p.num_offset >= 0 && p.str_offset >= 0 ? "number or string"
                         : p.num_offset >= 0                    ? "number"
                                                                : "string";
      std::printf("  $%u  %s\n", p.index, kind);
    }
  }
  std::printf("\noptions:\n"
              "  -o FILE       write the output to FILE\n"
              "  -f FORMAT     output format: text (default) or json (bpftrace's NDJSON)\n"
              "  -q            quiet: do not print \"Attaching N probes...\"\n"
              "  -v            verbose: show libbpf's log\n"
              "  -p PID        trace process PID: user-space probes attach to it alone, the\n"
              "                other probes (not BEGIN, END, interval, iter) only count in it;\n"
              "                the tool ends when it exits\n"
              "  -c 'CMD ARGS' run CMD (split like a shell does, without expansions) and trace\n"
              "                it as -p does; cpid is its PID\n"
              "  --usdt-file-activation\n"
              "                accepted as bpftrace does: USDT semaphores are always set\n"
              "  -h, --help    show this help\n"
              "  --version     show the version\n");
}

} // namespace

std::string leading_comment(const char* script) {
  std::string out;
  bool in_block = false;
  bool first = true;
  for (const std::string& line : split_lines(script)) {
    std::string t = trim(line);
    if (first && t.rfind("#!", 0) == 0) {
      first = false;
      continue;
    }
    first = false;
    if (in_block) {
      size_t end = t.find("*/");
      std::string text = trim(end == std::string::npos ? t : t.substr(0, end));
      if (text.rfind("*", 0) == 0) text = trim(text.substr(1));
      if (!(end != std::string::npos && text.empty())) out += text + "\n";
      if (end != std::string::npos) in_block = false;
      continue;
    }
    if (t.rfind("//", 0) == 0) {
      out += trim(t.substr(2)) + "\n";
    } else if (t.rfind("/*", 0) == 0) {
      std::string rest = t.substr(2);
      size_t end = rest.find("*/");
      std::string text = trim(end == std::string::npos ? rest : rest.substr(0, end));
      if (!text.empty()) out += text + "\n";
      in_block = end == std::string::npos;
    } else if (!t.empty() || !out.empty()) {
      break;
    }
  }
  while (!out.empty() && out.front() == '\n') out.erase(0, 1);
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string tool_name_from_argv(const Manifest& m, const char* argv0) {
  std::string path = argv0 ? argv0 : "";
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::string base = path.substr(path.rfind('/') + 1);
  return base.empty() ? m.tool_name : base;
}

int parse_tool_options(const Manifest& m, int argc, char** argv, ToolOptions& opts) {
  opts.name = tool_name_from_argv(m, argc > 0 ? argv[0] : nullptr);
  const char* name = opts.name.c_str();
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "-h" || a == "--help") {
      print_help(m, name);
      return 0;
    }
    if (a == "--version") {
      std::printf("%s (btc %s, script %s %s)\n", name, m.btc_version, m.script_name, m.script_hash);
      return 0;
    }
    if (a == "-q") {
      opts.quiet = true;
    } else if (a == "-v") {
      opts.verbose = true;
    } else if (a == "-o") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: error: -o needs a file name\n", name);
        return 1;
      }
      opts.output_file = argv[++i];
    } else if (a == "-f") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: error: -f needs a format: text or json\n", name);
        return 1;
      }
      std::string format = argv[++i];
      if (format != "text" && format != "json") {
        std::fprintf(stderr, "%s: error: -f takes text or json, got '%s'\n", name, format.c_str());
        return 1;
      }
      opts.format = format == "json" ? OutputFormat::Json : OutputFormat::Text;
    } else if (a == "-p") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: error: -p needs a process id\n", name);
        return 1;
      }
      std::string value = argv[++i];
      char* end = nullptr;
      errno = 0;
      long pid = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || errno == ERANGE || pid <= 0 || pid > INT_MAX ||
          !(value[0] >= '0' && value[0] <= '9')) {
        std::fprintf(stderr, "%s: error: -p needs a process id, got '%s'\n", name, value.c_str());
        return 1;
      }
      opts.pid = static_cast<int>(pid);
    } else if (a == "-c") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s: error: -c needs a command\n", name);
        return 1;
      }
      opts.command_text = argv[++i];
      std::string error;
      if (!split_command(opts.command_text, opts.command, error)) {
        std::fprintf(stderr, "%s: error: %s\n", name, error.c_str());
        return 1;
      }
    } else if (a == "--usdt-file-activation") {
      // bpftrace's way to set the semaphores of every process mapping the file: the kernel
      // does that for each probe attached without a PID, and for the -p/-c process with one.
    } else if (a.size() > 1 && a[0] == '-' && !(a[1] >= '0' && a[1] <= '9')) {
      std::fprintf(stderr, "%s: error: unknown option %s (see %s --help)\n", name, a.c_str(), name);
      return 1;
    } else {
      break;
    }
  }
  if (opts.pid != 0 && !opts.command.empty()) {
    std::fprintf(stderr, "%s: error: -p and -c cannot be used together\n", name);
    return 1;
  }
  for (; i < argc; ++i) opts.args.emplace_back(argv[i]);
  return -1;
}

} // namespace btc::rt
