#include "toolchain/build.h"

#include "btc_config.h"
#include "toolchain/bpf_compile.h"
#include "toolchain/driver_emit.h"
#include "toolchain/process.h"
#include "toolchain/skeleton_embed.h"
#include "diag/diagnostics.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace btc {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out);
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
            << "This is a bug in btc, not in your script. To report it, rerun with --keep-temps DIR"
            << " and attach DIR (work directory: " << req.work_dir << ").\n";
  if (!details.empty()) std::cerr << first_lines(details, 4);
}

// The one error in generated code that a script can cause: a probe whose values do not fit the
// 512 bytes of BPF stack. Clang's note names the line file, and so the script line.
bool report_stack_overflow(const std::string& errors, const BuildRequest& req) {
  if (errors.find("stack limit") == std::string::npos) return false;
  size_t at = errors.find("script.lines:");
  uint32_t line = 1;
  if (at != std::string::npos) line = std::strtoul(errors.c_str() + at + 13, nullptr, 10);
  SourceFile source(req.script_name, req.script_text);
  std::string_view text = source.line_text(line);
  size_t indent = std::min(text.find_first_not_of(" \t"), text.size());
  uint32_t begin = source.line_start(line);
  std::cerr << render_diagnostic(
      source, Severity::Error,
      {begin + static_cast<uint32_t>(indent), begin + static_cast<uint32_t>(text.size())},
      "this probe needs more than the 512 bytes of stack a BPF program may use (each string is "
      "64 bytes): keep fewer strings in variables, tuples or printf arguments in one probe");
  return true;
}

} // namespace

bool build_tool(const BuildRequest& req, const ManifestData& manifest, const Toolchain& tc) {
  std::string object = req.work_dir + "/" + kSkeletonName + ".bpf.o";
  std::string errors;
  if (!compile_bpf(req.c_file, object, tc.libbpf_include, errors)) {
    if (report_stack_overflow(errors, req)) return false;
    internal_error("the generated BPF C did not compile", errors, req);
    return false;
  }

  // The DWARF is only the source of BTF, which stays: the embedded object shrinks by a quarter.
  if (!tc.objcopy.empty()) run_process({tc.objcopy, "--strip-debug", object});

  std::string skeleton = req.work_dir + "/" + kSkeletonName + ".skel.h";
  ProcessResult gen =
      run_process_to_file({tc.bpftool, "gen", "skeleton", object, "name", kSkeletonName}, skeleton);
  if (gen.status != 0) {
    internal_error("bpftool could not generate the skeleton", gen.output, req);
    return false;
  }

  std::string skeleton_text = read_file(skeleton);
  if (embed_object_by_reference(skeleton_text, kSkeletonName, object))
    write_file(skeleton, skeleton_text);

  DriverInfo info{req.tool_name, kSkeletonName, req.script_name, req.script_text, BTC_VERSION};
  std::string driver = req.work_dir + "/driver.cpp";
  if (!write_file(driver, emit_driver(manifest, info))) {
    std::cerr << "btc: error: cannot write " << driver << "\n";
    return false;
  }

  // -O0: the driver is constant data and a call; the runtime library is already optimized, and
  // optimizing a skeleton of hundreds of programs would cost the C++ compiler a second.
  std::vector<std::string> cmd = {tc.cxx,
                                  "-std=c++20",
                                  "-O0",
                                  "-static",
                                  "-pipe",
                                  "-Wl,--gc-sections",
                                  "-I" + req.work_dir,
                                  "-I" + tc.runtime_include,
                                  "-I" + tc.libbpf_include,
                                  driver,
                                  "-o",
                                  req.output,
                                  tc.runtime_lib};
  cmd.insert(cmd.end(), tc.static_libs.begin(), tc.static_libs.end());
  if (req.strip) cmd.push_back("-s");
  ProcessResult link = run_process(cmd);
  if (link.status != 0) {
    internal_error("the driver did not compile or link", link.output, req);
    return false;
  }
  return true;
}

} // namespace btc
