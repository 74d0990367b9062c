// btc-compile: compiles a bpftrace script into one standalone static executable. The `btc`
// command (main.cpp) runs it for every compile: loading Clang and LLVM costs ~100 ms, which
// `btc run`'s cached runs and `btc -l` do not pay.
#include "btc_config.h"
#include "cdecl/cdecl.h"
#include "diag/diagnostics.h"
#include "diag/internal_error.h"
#include "kernel/btf.h"
#include "kernel/vmlinux_image.h"
#include "lower/lower.h"
#include "sema/sema.h"
#include "syntax/parser.h"
#include "templates.h"
#include "toolchain/build.h"
#include "toolchain/stage_times.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace {

struct Options {
  std::string file;        // script path, "-" for stdin
  std::string program;     // -e text
  std::string source_name; // --source-name: the script's name when its text comes on stdin
  bool from_program = false;
  std::string output;
  std::string keep_temps;
  std::string btf;                      // --btf: kernel types from this file
  bool btf_from_environment = false;    // btf is BPFTRACE_BTF's
  std::vector<btc::ModuleFile> modules; // --btf given kernel modules: their BTF
  bool emit_c = false;
  bool list_probes = false; // -l with a script (btc -l -e ...): its probes, then stop
  bool strip = true;
  std::vector<std::string> include_dirs;  // -I
  std::vector<std::string> include_files; // --include
  bool unsafe = false;
};

const char kUsage[] =
    "usage: btc [options] FILE\n"
    "       btc [options] -e 'PROGRAM'\n"
    "       btc [options] -          (script on standard input)\n"
    "       btc run [bpftrace options] FILE | -e 'PROGRAM' [ARGS...]\n"
    "       btc -l [SEARCH] | -lv [SEARCH] | -l -p PID | -l -e 'PROGRAM' | -l FILE.bt\n"
    "\n"
    "Compiles a bpftrace script into one standalone, statically linked executable.\n"
    "`btc run` compiles into a cache and runs the tool, as bpftrace runs a script\n"
    "(see btc run --help); `btc -l` lists probes as bpftrace -l does.\n"
    "\n"
    "options:\n"
    "  -o FILE            write the tool to FILE (default: the script's name without .bt,\n"
    "                     a.out for -e and stdin)\n"
    "  -e PROGRAM         compile PROGRAM given on the command line\n"
    "  -I DIR             search DIR for the preamble's #include files, before the system\n"
    "  --include FILE     read the C header FILE before the script's preamble\n"
    "  --emit-c           print the generated BPF C and stop\n"
    "  --btf FILE         read kernel types from FILE (raw BTF or a vmlinux ELF) instead of\n"
    "                     /sys/kernel/btf/vmlinux; FILE may also be a kernel module (its .ko\n"
    "                     or raw split BTF) whose BTF extends that kernel's: repeat --btf\n"
    "                     for several modules\n"
    "  --keep-temps DIR   keep every intermediate file (BPF C, object, skeleton, driver) in DIR\n"
    "  --no-strip         keep symbols in the produced tool\n"
    "  --unsafe           allow functions that change the traced system (override, signal,\n"
    "                     system); the tool's --help says it was built so\n"
    "  -h, --help         show this help\n"
    "  -V, --version      show the version\n"
    "\n"
    "environment:\n"
    "  BPFTRACE_BTF       a kernel BTF file, as --btf FILE (a --btf naming a kernel wins)\n"
    "  BPFTRACE_VMLINUX   a vmlinux ELF with symbols: kprobe:fn+offset is checked against it\n"
    "                     (the offset must start an instruction of fn)\n";

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
    name = o.source_name.empty() ? "stdin" : o.source_name;
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

// The tool is written last, by the linker, after most of the work: a path it cannot be written
// to is the user's mistake, reported before any of that work and in the user's terms.
bool check_output(const std::string& output) {
  auto fail = [&](const char* reason) {
    std::cerr << "btc: error: cannot write the tool to '" << output << "': " << reason << "\n";
    return false;
  };
  struct stat st;
  bool exists = stat(output.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return fail("is a directory");
  size_t slash = output.rfind('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : output.substr(0, slash);
  if (stat(dir.c_str(), &st) != 0)
    return fail(errno == ENOENT ? "no such directory" : "not a directory");
  if (!S_ISDIR(st.st_mode)) return fail("not a directory");
  if (access(dir.c_str(), W_OK) != 0 || (exists && access(output.c_str(), W_OK) != 0))
    return fail(errno == EROFS ? "read-only file system" : "permission denied");
  return true;
}

bool make_work_dir(const Options& o, std::string& dir) {
  if (!o.keep_temps.empty()) {
    auto fail = [&](const std::string& reason) {
      std::cerr << "btc: error: cannot keep the intermediate files in '" << o.keep_temps
                << "': " << reason << "\n";
      return false;
    };
    if (mkdir(o.keep_temps.c_str(), 0755) != 0 && errno != EEXIST)
      return fail(btc::file_error_reason(errno));
    struct stat st;
    if (stat(o.keep_temps.c_str(), &st) != 0) return fail(btc::file_error_reason(errno));
    if (!S_ISDIR(st.st_mode)) return fail("not a directory");
    // As given: every build step runs in it, and its messages name it as the user wrote it.
    dir = o.keep_temps;
    return true;
  }
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/btc-XXXXXX";
  if (!mkdtemp(tmpl.data())) {
    std::cerr << "btc: error: cannot create a temporary directory in '"
              << tmpl.substr(0, tmpl.rfind('/')) << "': " << btc::file_error_reason(errno) << "\n";
    return false;
  }
  dir = tmpl;
  return true;
}

void remove_work_dir(const std::string& dir) {
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

// BPFTRACE_BTF is `--btf FILE` when the command line names no kernel BTF (the command line
// wins); BPFTRACE_VMLINUX is read now, so a wrong path is an error whatever the script probes.
int kernel_files_from_environment(Options& o) {
  std::string error;
  const char* btf = std::getenv("BPFTRACE_BTF");
  if (btf && *btf && o.btf.empty()) {
    btc::ModuleFile file;
    if (!btc::classify_btf_file(btf, file, error)) {
      std::cerr << "btc: error: BPFTRACE_BTF: " << error << "\n";
      return 1;
    }
    if (file.is_module)
      o.modules.push_back(file);
    else
      o.btf = btf;
    o.btf_from_environment = !file.is_module;
  }
  if (!btc::load_vmlinux_image(error)) {
    std::cerr << "btc: error: " << error << "\n";
    return 1;
  }
  return -1;
}

int parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--version" || a == "-V") {
      std::cout << "btc " << BTC_VERSION << "\n";
      return 0;
    }
    if (a.size() > 2 && a.starts_with("-I")) {
      o.include_dirs.push_back(a.substr(2));
      continue;
    }
    if (a == "-I" || a == "--include") {
      const char* v = value();
      if (!v || *v == '\0') return usage_error(a + " needs a non-empty path");
      (a == "-I" ? o.include_dirs : o.include_files).push_back(v);
      continue;
    }
    if (a == "-o" || a == "-e" || a == "--keep-temps" || a == "--btf" || a == "--source-name") {
      const char* v = value();
      if (!v) return usage_error(a + " needs an argument");
      if (*v == '\0' && a != "-e") return usage_error(a + " needs a non-empty path");
      if (a == "-o") o.output = v;
      if (a == "-e") {
        o.program = v;
        o.from_program = true;
      }
      if (a == "--keep-temps") o.keep_temps = v;
      if (a == "--btf") {
        btc::ModuleFile file;
        std::string error;
        if (!btc::classify_btf_file(v, file, error)) {
          std::cerr << "btc: error: " << error << "\n";
          return 1;
        }
        if (!file.is_module && !o.btf.empty())
          return usage_error("--btf names two kernels' BTF: " + o.btf + " and " + v);
        if (file.is_module)
          o.modules.push_back(file);
        else
          o.btf = v;
      }
      // btc run sends the script's text on stdin (read once, hashed for the cache key) and its
      // name here, so the tool and the diagnostics name the file the user gave.
      if (a == "--source-name") o.source_name = v;
    } else if (a == "--emit-c") {
      o.emit_c = true;
    } else if (a == "-l") {
      o.list_probes = true;
    } else if (a == "--no-strip") {
      o.strip = false;
    } else if (a == "--unsafe") {
      o.unsafe = true;
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
  return kernel_files_from_environment(o);
}

btc::CPreambleOptions c_preamble_options(const Options& o) {
  btc::CPreambleOptions c;
  c.include_dirs = o.include_dirs;
  c.include_files = o.include_files;
  // Kernel types come from BTF, as with bpftrace where the kernel has it.
  c.have_btf = !o.btf.empty() || access("/sys/kernel/btf/vmlinux", R_OK) == 0;
  struct utsname uts;
  if (uname(&uts) == 0) {
    c.machine = uts.machine;
    c.kernel = btc::find_kernel_headers(uts.release);
  }
  return c;
}

// The modules given with --btf: each extends the kernel BTF it was built with, so one built for
// another kernel than the build host's needs that kernel's BTF given too (their type ids would
// not match).
bool add_module_btf(const Options& o, btc::KernelBtf& kernel) {
  struct utsname uts;
  std::string host = uname(&uts) == 0 ? uts.release : "";
  for (const btc::ModuleFile& file : o.modules) {
    if (o.btf.empty() && !file.release.empty() && file.release != host) {
      std::cerr << "btc: error: " << file.path << " is a module of kernel " << file.release
                << ", whose BTF extends that kernel's: give its BTF with --btf too (this host "
                   "runs "
                << host << ")\n";
      return false;
    }
    kernel.add_module_file(file.name, file.path);
    if (!kernel.module(file.name)) {
      std::cerr << "btc: error: " << kernel.module_problem(file.name) << "\n";
      return false;
    }
  }
  return true;
}

int compile(const Options& o) {
  std::string output = o.output.empty() ? default_output(o) : o.output;
  if (!o.emit_c && !o.list_probes && !check_output(output)) return 1;

  std::string name, text;
  if (!read_script(o, name, text)) return 1;
  btc::SourceFile source(name, text);
  btc::Diagnostics diags(source, std::cerr);

  btc::KernelBtf& kernel = btc::KernelBtf::get();
  if (!o.btf.empty()) {
    kernel.use_file(o.btf);
    // Asked for explicitly: a wrong path is reported even when the script needs no type.
    if (!kernel.load_error().empty()) {
      std::cerr << "btc: error: " << (o.btf_from_environment ? "BPFTRACE_BTF: " : "")
                << kernel.load_error() << "\n";
      return 1;
    }
  }
  if (!add_module_btf(o, kernel)) return 1;

  // C in the preamble goes through Clang first: the lexer must know which of its lines the
  // preprocessor skipped.
  btc::PreambleScan preamble = btc::scan_preamble(text);
  std::unique_ptr<btc::CDeclarations> c_decls;
  // A header given with --include is C even when the script has none of its own.
  if (preamble.has_c || !o.include_files.empty()) {
    c_decls = btc::parse_c_preamble(source, preamble, btc::script_identifiers(text),
                                    c_preamble_options(o), diags);
    if (!c_decls) return 1;
  }
  btc::Parser parser(source, diags, c_decls ? &c_decls->preamble() : nullptr);
  auto program = parser.parse();
  if (!program) return 1;
  std::vector<btc::TypeSource*> sources;
  if (c_decls) sources.push_back(c_decls.get());
  sources.push_back(&kernel);
  auto sema = btc::analyze(*program, diags, sources, c_decls != nullptr, o.unsafe);
  if (!sema) return 1;
  btc::end_stage("front end");
  if (o.list_probes) {
    // The probes the script attaches, resolved as for a compile (wildcards expanded where the
    // compiler expands them), sorted as bpftrace lists them.
    std::set<std::string> probes;
    for (const auto& probe : sema->probes)
      for (const auto& r : probe.attach) probes.insert(r.display);
    for (const auto& p : probes) std::cout << p << "\n";
    std::cout << std::flush;
    return 0;
  }

  btc::Toolchain tc;
  std::string error;
  if (!o.emit_c && !btc::find_toolchain(tc, error)) {
    std::cerr << "btc: error: " << error << "\n";
    return 1;
  }
  btc::LowerOutput lowered;
  try {
    lowered = btc::lower(*sema, source, btc::kPreludeTemplate, btc::kWorkPaths);
  } catch (const btc::InternalError& e) {
    if (e.range)
      diags.error(*e.range, std::string("internal error: ") + e.what());
    else
      std::cerr << "btc: internal error: " << e.what() << "\n";
    std::cerr << "This is a bug in btc, not in your script.\n";
    return 1;
  }
  btc::end_stage("lowering");
  // bpftrace's guard against a script that would generate too many programs to load.
  std::set<std::string> programs;
  for (const auto& p : lowered.manifest.probes) programs.insert(p.program);
  if (programs.size() > sema->config.max_bpf_progs) {
    std::cerr << "btc: error: the script generates " << programs.size()
              << " BPF programs, more than max_bpf_progs (" << sema->config.max_bpf_progs
              << "); raise it with config = { max_bpf_progs = N } or BPFTRACE_MAX_BPF_PROGS\n";
    return 1;
  }
  if (o.emit_c) {
    std::cout << lowered.c_source << std::flush;
    if (!std::cout) {
      std::cerr << "btc: error: cannot write the C to standard output: "
                << btc::file_error_reason(errno ? errno : EIO) << "\n";
      return 1;
    }
    return 0;
  }

  // The link runs in the work directory: it needs the output's absolute path.
  std::error_code cwd_error;
  std::filesystem::path absolute_output = std::filesystem::absolute(output, cwd_error);
  if (cwd_error) {
    std::cerr << "btc: error: cannot write the tool to '" << output << "': " << cwd_error.message()
              << "\n";
    return 1;
  }
  std::string dir;
  if (!make_work_dir(o, dir)) return 1;
  btc::BuildRequest req{dir,
                        !o.keep_temps.empty(),
                        absolute_output.string(),
                        output.substr(output.rfind('/') + 1),
                        name,
                        text,
                        o.strip};
  bool ok = btc::build_tool(req, lowered, tc);
  if (o.keep_temps.empty()) remove_work_dir(dir);
  if (ok) btc::report_stage_times();
  return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
  Options options;
  int status = parse_options(argc, argv, options);
  if (status >= 0) return status;
  return compile(options);
}
