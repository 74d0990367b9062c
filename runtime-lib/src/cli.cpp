#include "cli.h"

#include "child.h"
#include "text.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace btc::rt {

namespace {

bool g_warnings = true;

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
  if (m.num_named_options) {
    std::printf("\nnamed options:\n");
    for (uint32_t i = 0; i < m.num_named_options; ++i) {
      const NamedOptionSpec& o = m.named_options[i];
      std::string form = std::string("--") + o.name;
      if (o.type == OptionType::Int) form += "=NUMBER";
      if (o.type == OptionType::String) form += "=TEXT";
      std::string about = o.description;
      about += std::string(about.empty() ? "" : " ") + "(default: " +
               (o.type == OptionType::String ? "\"" + std::string(o.default_value) + "\""
                                             : std::string(o.default_value)) +
               ")";
      if (form.size() > 13)
        std::printf("  %s\n  %-13s %s\n", form.c_str(), "", about.c_str());
      else
        std::printf("  %-13s %s\n", form.c_str(), about.c_str());
    }
  }
  std::printf("\noptions:\n"
              "  -o FILE       write the output to FILE\n"
              "  -f FORMAT     output format: text (default) or json (bpftrace's NDJSON)\n"
              "  -q            quiet: do not print \"Attaching N probes...\"\n"
              "  -v            verbose: show libbpf's log\n"
              "  -B MODE       output buffering: line, full or none (default: line on a\n"
              "                terminal, else written after each batch of events)\n"
              "  -k, -kk       report failed BPF map updates and deletes (-kk: and memory\n"
              "                reads)\n"
              "  --no-warnings do not print warnings\n"
              "  -p PID        trace process PID: user-space probes attach to it alone, the\n"
              "                other probes (not BEGIN, END, interval, iter) only count in it;\n"
              "                the tool ends when it exits\n"
              "  -c 'CMD ARGS' run CMD (split like a shell does, without expansions) and trace\n"
              "                it as -p does; cpid is its PID\n"
              "  --usdt-file-activation\n"
              "                accepted as bpftrace does: USDT semaphores are always set\n"
              "  --dry-run     load and attach every probe, then detach and stop (BEGIN and\n"
              "                END do not run)\n"
              "  --bench       run BEGIN, each bench:NAME probe repeatedly, END, then print\n"
              "                each one's average time in nanoseconds (nothing else attaches)\n"
              "  --test        run BEGIN, each test:NAME probe once, END, then report which\n"
              "                passed (returned 0, no exit()); status 1 when one failed\n"
              "  --no-feature kprobe_multi,uprobe_multi\n"
              "                attach wildcards with one link per function instead\n"
              "  -h, --help    show this help\n"
              "  -V, --version show the version\n");
}

void print_version(const Manifest& m, const char* name) {
  std::printf("%s (btc %s, script %s %s)\n", name, m.btc_version, m.script_name, m.script_hash);
}

// A named option's value as its type reads it: "" when it is fine, else what was expected.
std::string option_value_problem(const NamedOptionSpec& o, const std::string& v) {
  if (o.type == OptionType::Int) {
    char* end = nullptr;
    errno = 0;
    std::strtoll(v.c_str(), &end, 0);
    if (v.empty() || *end != '\0' || errno == ERANGE) return "a number";
  } else if (o.type == OptionType::Bool) {
    if (v != "true" && v != "false" && v != "1" && v != "0") return "true, false, 1 or 0";
  }
  return "";
}

const NamedOptionSpec* find_named(const Manifest& m, const std::string& name) {
  for (uint32_t i = 0; i < m.num_named_options; ++i)
    if (name == m.named_options[i].name) return &m.named_options[i];
  return nullptr;
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

namespace {

// An argument that starts with '-' and is not "-" or a negative number ("-5" is a parameter).
bool is_option(const std::string& a) {
  return a.size() > 1 && a[0] == '-' && !(a[1] >= '0' && a[1] <= '9');
}

} // namespace

int parse_tool_options(const Manifest& m, int argc, char** argv, ToolOptions& opts) {
  opts.name = tool_name_from_argv(m, argc > 0 ? argv[0] : nullptr);
  const char* name = opts.name.c_str();
  auto usage = [&](const std::string& message) {
    std::fprintf(stderr, "%s: error: %s\n", name, message.c_str());
    return 1;
  };
  // As GNU getopt: options anywhere before `--`, the other arguments are the parameters in
  // their order; short options may be grouped (-qk) and take their value attached (-ofile) or
  // as the next argument.
  // A script's named option (getopt()) `o` given as `a`: --name=value; a bool alone is true.
  // Returns false, with `v` empty, when a value is needed and `a` has none.
  auto named_value = [&](const NamedOptionSpec& o, const std::string& a, std::string& v) {
    if (a.find('=') != std::string::npos)
      v = a.substr(a.find('=') + 1);
    else if (o.type == OptionType::Bool)
      v = "true";
    else
      return false;
    return true;
  };
  auto set_named = [&](const NamedOptionSpec& o, const std::string& v) {
    std::string want = option_value_problem(o, v);
    if (!want.empty())
      return usage(std::string("--") + o.name + " expects " + want + ", got '" + v + "'");
    opts.named[o.name] = v;
    return 0;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      // As current bpftrace (`bpftrace script.bt -- --name=value`), a named option may follow
      // `--`; anything else there is a parameter, an option of the tool's own too.
      for (++i; i < argc; ++i) {
        std::string p = argv[i];
        const NamedOptionSpec* o =
            p.rfind("--", 0) == 0 ? find_named(m, p.substr(2, p.find('=') - 2)) : nullptr;
        if (!o) {
          opts.args.push_back(p);
          continue;
        }
        std::string v;
        if (!named_value(*o, p, v))
          return usage(std::string("--") + o->name + " needs a value: --" + o->name + "=VALUE");
        if (set_named(*o, v) != 0) return 1;
      }
      break;
    }
    if (!is_option(a)) {
      opts.args.push_back(a);
      continue;
    }
    if (a.rfind("--", 0) == 0) {
      if (a == "--help") {
        print_help(m, name);
        return 0;
      }
      if (a == "--version") {
        print_version(m, name);
        return 0;
      }
      if (a == "--usdt-file-activation") {
        // bpftrace's way to set the semaphores of every process mapping the file: the kernel
        // does that for each probe attached without a PID, and for the -p/-c process with one.
      } else if (a == "--no-warnings") {
        opts.warnings = false;
      } else if (a == "--dry-run") {
        opts.dry_run = true;
      } else if (a == "--bench") {
        opts.bench = true;
      } else if (a == "--test") {
        opts.test = true;
      } else if (a == "--no-feature" || a.rfind("--no-feature=", 0) == 0) {
        std::string list;
        if (a.size() > 12) {
          list = a.substr(13);
        } else if (i + 1 < argc) {
          list = argv[++i];
        } else {
          return usage("--no-feature needs a feature: kprobe_multi or uprobe_multi");
        }
        for (size_t at = 0; at <= list.size();) {
          size_t comma = std::min(list.find(',', at), list.size());
          std::string feature = list.substr(at, comma - at);
          if (feature == "kprobe_multi")
            opts.no_kprobe_multi = true;
          else if (feature == "uprobe_multi")
            opts.no_uprobe_multi = true;
          else
            return usage("--no-feature takes kprobe_multi and uprobe_multi, got '" + feature + "'");
          at = comma + 1;
        }
      } else if (const NamedOptionSpec* o = find_named(m, a.substr(2, a.find('=') - 2))) {
        // --name=value; --name value (not for a bool: `--flag x` is the flag and $1 = x);
        // a bool alone is true.
        std::string v;
        if (!named_value(*o, a, v)) {
          if (i + 1 >= argc) return usage(std::string("--") + o->name + " needs a value");
          v = argv[++i];
        }
        if (set_named(*o, v) != 0) return 1;
      } else {
        return usage("unknown option " + a + " (see " + opts.name + " --help)");
      }
      continue;
    }
    for (size_t j = 1; j < a.size(); ++j) {
      char c = a[j];
      // The value of an option that takes one: the rest of this argument, or the next one.
      auto value = [&](std::string& out) {
        if (j + 1 < a.size()) {
          out = a.substr(j + 1);
        } else if (i + 1 < argc) {
          out = argv[++i];
        } else {
          return false;
        }
        j = a.size();
        return true;
      };
      std::string v;
      switch (c) {
      case 'h':
        print_help(m, name);
        return 0;
      case 'V':
        print_version(m, name);
        return 0;
      case 'q':
        opts.quiet = true;
        break;
      case 'v':
        opts.verbose = true;
        break;
      case 'k':
        opts.helper_checks = std::min(opts.helper_checks + 1, 2);
        break;
      case 'o':
        if (!value(opts.output_file)) return usage("-o needs a file name");
        break;
      case 'f':
        if (!value(v)) return usage("-f needs a format: text or json");
        if (v != "text" && v != "json") return usage("-f takes text or json, got '" + v + "'");
        opts.format = v == "json" ? OutputFormat::Json : OutputFormat::Text;
        break;
      case 'B':
        if (!value(v)) return usage("-B needs a mode: line, full or none");
        opts.buffering_given = true;
        if (v == "line") {
          opts.buffering = Buffering::Line;
        } else if (v == "full") {
          opts.buffering = Buffering::Full;
        } else if (v == "none") {
          opts.buffering = Buffering::None;
        } else {
          return usage("-B needs a mode: line, full or none, got '" + v + "'");
        }
        break;
      case 'p': {
        if (!value(v)) return usage("-p needs a process id");
        char* end = nullptr;
        errno = 0;
        long pid = std::strtol(v.c_str(), &end, 10);
        if (v.empty() || *end != '\0' || errno == ERANGE || pid <= 0 || pid > INT_MAX ||
            !(v[0] >= '0' && v[0] <= '9'))
          return usage("-p needs a process id, got '" + v + "'");
        opts.pid = static_cast<int>(pid);
        break;
      }
      case 'c': {
        if (!value(opts.command_text)) return usage("-c needs a command");
        std::string error;
        if (!split_command(opts.command_text, opts.command, error)) return usage(error);
        break;
      }
      default:
        return usage(std::string("unknown option -") + c + " (see " + opts.name + " --help)");
      }
    }
  }
  if (opts.pid != 0 && !opts.command.empty()) return usage("-p and -c cannot be used together");
  if (opts.bench && opts.test) return usage("--bench and --test cannot be used together");
  g_warnings = opts.warnings;
  return -1;
}

void set_named_options(const Manifest& m, const ToolOptions& opts, uint8_t* rodata) {
  for (uint32_t i = 0; i < m.num_named_options; ++i) {
    const NamedOptionSpec& o = m.named_options[i];
    auto given = opts.named.find(o.name);
    std::string v = given != opts.named.end() ? given->second : o.default_value;
    uint8_t* at = rodata + o.offset;
    if (o.type == OptionType::String) {
      std::memset(at, 0, o.str_size);
      std::memcpy(at, v.data(), std::min<size_t>(v.size(), o.str_size - 1));
    } else if (o.type == OptionType::Int) {
      int64_t n = std::strtoll(v.c_str(), nullptr, 0);
      std::memcpy(at, &n, sizeof n);
    } else {
      uint64_t b = v == "true" || v == "1";
      std::memcpy(at, &b, sizeof b);
    }
  }
}

void set_buffering(FILE* out, Buffering mode) {
  if (mode == Buffering::Batch) {
    // A write() per 64 KiB: a few thousand lines under a flood.
    std::setvbuf(out, nullptr, _IOFBF, 64 * 1024);
    return;
  }
  int how = mode == Buffering::None ? _IONBF : mode == Buffering::Full ? _IOFBF : _IOLBF;
  std::setvbuf(out, nullptr, how, BUFSIZ);
}

bool warnings_enabled() {
  return g_warnings;
}

std::string helper_error_text(const Manifest& m, const EventSpec& e, int64_t ret) {
  std::vector<std::string> lines = split_lines(m.script_text);
  std::string line = e.line >= 1 && e.line <= lines.size() ? lines[e.line - 1] : "";
  std::string out = std::string(m.script_name) + ":" + std::to_string(e.line) + ":" +
                    std::to_string(e.column) + "-" + std::to_string(e.column + e.length) +
                    ": WARNING: Failed to " + e.format + ": " +
                    std::strerror(static_cast<int>(-ret)) + " (" + std::to_string(ret) + ")\n";
  return out + line + "\n" + std::string(e.column > 0 ? e.column - 1 : 0, ' ') +
         std::string(e.length, '~') + "\n";
}

void warn(const char* format, ...) {
  if (!g_warnings) return;
  va_list args;
  va_start(args, format);
  std::vfprintf(stderr, format, args);
  va_end(args);
}

} // namespace btc::rt
