// btc: compiles a bpftrace script into one standalone static executable.
#include "btc_config.h"
#include "toolchain/build.h"
#include "diag/diagnostics.h"
#include "lower/lower.h"
#include "sema/sema.h"
#include "syntax/parser.h"
#include "templates.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace {

struct Options {
  std::string file;    // script path, "-" for stdin
  std::string program; // -e text
  bool from_program = false;
  std::string output;
  std::string keep_temps;
  bool emit_c = false;
  bool strip = true;
};

const char kUsage[] =
    "usage: btc [options] FILE\n"
    "       btc [options] -e 'PROGRAM'\n"
    "       btc [options] -          (script on standard input)\n"
    "\n"
    "Compiles a bpftrace script into one standalone, statically linked executable.\n"
    "\n"
    "options:\n"
    "  -o FILE            write the tool to FILE (default: the script's name without .bt,\n"
    "                     a.out for -e and stdin)\n"
    "  -e PROGRAM         compile PROGRAM given on the command line\n"
    "  --emit-c           print the generated BPF C and stop\n"
    "  --keep-temps DIR   keep every intermediate file (BPF C, object, skeleton, driver) in DIR\n"
    "  --no-strip         keep symbols in the produced tool\n"
    "  -h, --help         show this help\n"
    "  --version          show the version\n";

int usage_error(const std::string& message) {
  std::cerr << "btc: error: " << message << "\n(see btc --help)\n";
  return 1;
}

std::string default_output(const Options& o) {
  if (o.from_program || o.file == "-") return "a.out";
  std::string base = o.file.substr(o.file.rfind('/') + 1);
  if (base.size() > 3 && base.ends_with(".bt")) base.resize(base.size() - 3);
  return base == o.file.substr(o.file.rfind('/') + 1) ? base + ".out" : base;
}

bool read_script(const Options& o, std::string& name, std::string& text) {
  if (o.from_program) {
    name = "stdin";
    text = o.program;
    return true;
  }
  std::stringstream buf;
  if (o.file == "-") {
    name = "stdin";
    buf << std::cin.rdbuf();
  } else {
    name = o.file;
    std::ifstream in(o.file);
    if (!in) {
      std::cerr << "btc: error: cannot read " << o.file << ": " << std::strerror(errno) << "\n";
      return false;
    }
    buf << in.rdbuf();
  }
  text = buf.str();
  return true;
}

bool make_work_dir(const Options& o, std::string& dir) {
  if (!o.keep_temps.empty()) {
    mkdir(o.keep_temps.c_str(), 0755);
    char real[PATH_MAX];
    if (!realpath(o.keep_temps.c_str(), real)) {
      std::cerr << "btc: error: cannot create " << o.keep_temps << ": " << std::strerror(errno)
                << "\n";
      return false;
    }
    dir = real;
    return true;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/btc-XXXXXX";
  if (!mkdtemp(tmpl.data())) {
    std::cerr << "btc: error: cannot create a temporary directory: " << std::strerror(errno)
              << "\n";
    return false;
  }
  dir = tmpl;
  return true;
}

void remove_work_dir(const std::string& dir) {
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

int parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--version") {
      std::cout << "btc " << BTC_VERSION << "\n";
      return 0;
    }
    if (a == "-o" || a == "-e" || a == "--keep-temps") {
      const char* v = value();
      if (!v) return usage_error(a + " needs an argument");
      if (a == "-o") o.output = v;
      if (a == "-e") {
        o.program = v;
        o.from_program = true;
      }
      if (a == "--keep-temps") o.keep_temps = v;
    } else if (a == "--emit-c") {
      o.emit_c = true;
    } else if (a == "--no-strip") {
      o.strip = false;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("unknown option " + a);
    } else if (!o.file.empty()) {
      return usage_error("more than one script given");
    } else {
      o.file = a;
    }
  }
  if (o.from_program == !o.file.empty())
    return usage_error(o.from_program ? "give either -e or a script file, not both"
                                      : "no script given");
  return -1;
}

int compile(const Options& o) {
  std::string name, text;
  if (!read_script(o, name, text)) return 1;
  btc::SourceFile source(name, text);
  btc::Diagnostics diags(source, std::cerr);

  btc::Parser parser(source, diags);
  auto program = parser.parse();
  if (!program) return 1;
  auto sema = btc::analyze(*program, diags);
  if (!sema) return 1;

  btc::Toolchain tc;
  std::string error;
  if (!o.emit_c && !btc::find_toolchain(tc, error)) {
    std::cerr << "btc: error: " << error << "\n";
    return 1;
  }
  std::string dir;
  if (!make_work_dir(o, dir)) return 1;
  btc::LowerPaths paths{dir + "/btc_tool.bpf.c", dir + "/script.lines"};
  btc::LowerOutput lowered;
  try {
    lowered = btc::lower(*sema, source, btc::kPreludeTemplate, paths);
  } catch (const btc::LoweringError& e) {
    diags.error(e.range, std::string("internal error: ") + e.what());
    if (o.keep_temps.empty()) remove_work_dir(dir);
    return 1;
  }
  if (o.emit_c) {
    std::cout << lowered.c_source;
    if (o.keep_temps.empty()) remove_work_dir(dir);
    return 0;
  }
  {
    std::ofstream c(paths.c_file), lines(paths.line_file);
    c << lowered.c_source;
    lines << lowered.line_file_text;
  }
  btc::BuildRequest req{
      dir, paths.c_file, o.output.empty() ? default_output(o) : o.output, "", name, text, o.strip};
  req.tool_name = req.output.substr(req.output.rfind('/') + 1);
  bool ok = btc::build_tool(req, lowered.manifest, tc);
  if (o.keep_temps.empty()) remove_work_dir(dir);
  return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  int status = parse_options(argc, argv, options);
  if (status >= 0) return status;
  return compile(options);
}
