#include "toolchain/build.h"

#include "btc_config.h"
#include "diag/diagnostics.h"
#include "toolchain/bpf_compile.h"
#include "toolchain/driver_emit.h"
#include "toolchain/process.h"
#include "toolchain/skeleton_embed.h"
#include "toolchain/stage_times.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace btc {

namespace {

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  text = buf.str();
  return static_cast<bool>(in);
}

std::string first_lines(const std::string& text, int n) {
  std::string out;
  size_t pos = 0;
  while (n-- > 0 && pos < text.size()) {
    size_t end = text.find('\n', pos);
    out += "  " + text.substr(pos, end - pos) + "\n";
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return out;
}

void internal_error(const std::string& what, const std::string& details, const BuildRequest& req) {
  std::cerr << "btc: internal error: " << what << "\n"
            << "This is a bug in btc, not in your script. To report it, ";
  if (req.work_dir_kept)
    std::cerr << "attach the directory " << req.work_dir << ".\n";
  else
    std::cerr << "rerun with --keep-temps DIR and attach DIR.\n";
  if (!details.empty()) std::cerr << first_lines(details, 4);
}

// The one error in generated code that a script can cause: a probe whose values do not fit the
// 512 bytes of BPF stack. Clang's note names the line file, and so the script line.
bool report_stack_overflow(const std::string& errors, const BuildRequest& req, uint32_t str_size) {
  if (errors.find("stack limit") == std::string::npos) return false;
  const std::string line_file = kWorkPaths.line_file + ":";
  // Clang's first note may name line 0 (code with no line of its own): take the first real one.
  uint32_t line = 0;
  for (size_t at = errors.find(line_file); at != std::string::npos && line == 0;
       at = errors.find(line_file, at + 1))
    line = std::strtoul(errors.c_str() + at + line_file.size(), nullptr, 10);
  if (line == 0) line = 1;
  SourceFile source(req.script_name, req.script_text);
  std::string_view text = source.line_text(line);
  size_t indent = std::min(text.find_first_not_of(" \t"), text.size());
  uint32_t begin = source.line_start(line);
  std::cerr << render_diagnostic(
      source, Severity::Error,
      {begin + static_cast<uint32_t>(indent), begin + static_cast<uint32_t>(text.size())},
      "this probe needs more than the 512 bytes of stack a BPF program may use: its strings (" +
          std::to_string(str_size) +
          " bytes each; a char array read as a string at its size, up to 256 bytes) and tuples "
          "or records up to 256 bytes live there. Keep fewer of them in variables, tuples, "
          "comparisons or printf arguments in one probe, or set config on_stack_limit lower "
          "(e.g. 64): larger values then live in per-CPU map memory");
  return true;
}

} // namespace

std::string file_error_reason(int err) {
  std::string reason = std::strerror(err);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
  return reason;
}

bool write_file_or_report(const std::string& path, const std::string& text) {
  errno = 0;
  std::ofstream out(path, std::ios::binary);
  if (out) out << text;
  if (out) out.close();
  if (out) return true;
  std::cerr << "btc: error: cannot write '" << path
            << "': " << file_error_reason(errno ? errno : EIO) << "\n";
  return false;
}

bool build_tool(const BuildRequest& req, const LowerOutput& lowered, const Toolchain& tc) {
  const std::string& dir = req.work_dir;
  if (!write_file_or_report(dir + "/" + kWorkPaths.c_file, lowered.c_source) ||
      !write_file_or_report(dir + "/" + kWorkPaths.line_file, lowered.line_file_text))
    return false;

  const std::string object = std::string(kSkeletonName) + ".bpf.o";
  std::string errors;
  if (!compile_bpf(dir, kWorkPaths.c_file, object, tc.libbpf_include, errors)) {
    if (report_stack_overflow(errors, req, lowered.manifest.max_strlen)) return false;
    internal_error("the generated BPF C did not compile", errors, req);
    return false;
  }
  end_stage("clang");

  const std::string skeleton = std::string(kSkeletonName) + ".skel.h";
  ProcessResult gen = run_process_to_file(
      {tc.bpftool, "gen", "skeleton", object, "name", kSkeletonName}, dir + "/" + skeleton, dir);
  if (gen.open_errno != 0) {
    std::cerr << "btc: error: cannot write '" << dir << "/" << skeleton
              << "': " << file_error_reason(gen.open_errno) << "\n";
    return false;
  }
  if (gen.status != 0) {
    internal_error("bpftool could not generate the skeleton", gen.output, req);
    return false;
  }

  std::string skeleton_text;
  if (!read_file(dir + "/" + skeleton, skeleton_text)) {
    internal_error("cannot read the skeleton bpftool wrote", "", req);
    return false;
  }
  if (embed_object_by_reference(skeleton_text, kSkeletonName, object) &&
      !write_file_or_report(dir + "/" + skeleton, skeleton_text))
    return false;
  end_stage("bpftool skeleton");

  // The tool's --version names the script by its file name: the directory it was built from is
  // no part of the tool.
  std::string script_file = req.script_name.substr(req.script_name.rfind('/') + 1);
  DriverInfo info{req.tool_name, kSkeletonName, script_file, req.script_text, BTC_VERSION};
  const std::string driver = "driver.cpp";
  if (!write_file_or_report(dir + "/" + driver, emit_driver(lowered.manifest, info))) return false;

  // -O0: the driver is constant data and a call; the runtime library is already optimized, and
  // optimizing a skeleton of hundreds of programs would cost the C++ compiler a second. The
  // compiler runs in the work directory on relative names (the skeleton's .incbin too), so the
  // tool is the same bytes whatever the work directory was. gold (binutils) links the static
  // tool in half the time of the default linker: 0.26 s against 0.56 s here. Not gold's
  // --icf=safe: 33 KB less in every tool is not worth its 45 ms of CPU in every compile.
  std::vector<std::string> cmd = {tc.cxx,
                                  "-std=c++20",
                                  "-O0",
                                  "-static",
                                  "-pipe",
                                  "-fuse-ld=gold",
                                  "-Wl,--gc-sections",
                                  "-I.",
                                  "-I" + tc.runtime_include,
                                  "-I" + tc.libbpf_include,
                                  driver,
                                  "-o",
                                  req.output,
                                  tc.runtime_lib};
  cmd.insert(cmd.end(), tc.static_libs.begin(), tc.static_libs.end());
  if (!tc.sanitize.empty())
    std::replace(cmd.begin(), cmd.end(), std::string("-static"), tc.sanitize);
  if (req.strip) cmd.push_back("-s");
  ProcessResult link = run_process(cmd, dir);
  if (link.status != 0) {
    internal_error("the driver did not compile or link", link.output, req);
    return false;
  }
  end_stage("driver c++ and link");
  return true;
}

} // namespace btc
