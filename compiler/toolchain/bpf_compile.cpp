#include "toolchain/bpf_compile.h"

#include <clang/Basic/DiagnosticOptions.h>
#include <clang/CodeGen/CodeGenAction.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <llvm/ObjCopy/ConfigManager.h>
#include <llvm/ObjCopy/ObjCopy.h>
#include <llvm/Object/Binary.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Support/thread.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

extern "C" {
void LLVMInitializeBPFTargetInfo();
void LLVMInitializeBPFTarget();
void LLVMInitializeBPFTargetMC();
void LLVMInitializeBPFAsmPrinter();
}

namespace btc {

namespace {

// Holds the process in another working directory for its lifetime. The BPF backend reads the
// line file by the name in the debug info, relative to the process's directory, so a working
// directory for Clang's file manager alone would not do.
class WorkingDirectory {
public:
  explicit WorkingDirectory(const std::string& dir)
      : saved_(open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    entered_ = saved_ >= 0 && chdir(dir.c_str()) == 0;
    if (!entered_) error_ = std::strerror(errno);
  }
  ~WorkingDirectory() {
    if (entered_ && fchdir(saved_) != 0) std::perror("btc: cannot return to the working directory");
    if (saved_ >= 0) close(saved_);
  }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;
  bool entered() const { return entered_; }
  const std::string& error() const { return error_; }

private:
  int saved_;
  bool entered_ = false;
  std::string error_;
};

// Drops the DWARF sections of the object at `path` (its BTF and BTF line info stay): the DWARF is
// only Clang's source of BTF, and the object embedded in the tool shrinks by a quarter.
bool strip_debug(const std::string& path, std::string& errors) {
  llvm::SmallVector<char, 0> stripped;
  {
    auto binary = llvm::object::createBinary(path);
    if (!binary) {
      errors = path + ": " + llvm::toString(binary.takeError());
      return false;
    }
    llvm::objcopy::ConfigManager config;
    config.Common.InputFilename = path;
    config.Common.OutputFilename = path;
    config.Common.StripDebug = true;
    llvm::raw_svector_ostream out(stripped);
    if (llvm::Error e = llvm::objcopy::executeObjcopyOnBinary(config, *binary->getBinary(), out)) {
      errors = path + ": " + llvm::toString(std::move(e));
      return false;
    }
  }
  std::error_code ec;
  llvm::raw_fd_ostream file(path, ec);
  if (!ec) file.write(stripped.data(), stripped.size());
  file.close();
  if (ec || file.has_error()) {
    errors = path + ": " + (ec ? ec : file.error()).message();
    file.clear_error();
    return false;
  }
  return true;
}

// The compiling thread's stack (reserved, touched only as deep as the C nests).
constexpr unsigned kCompileStackBytes = 512u << 20;

} // namespace

bool compile_bpf(const std::string& work_dir, const std::string& c_name,
                 const std::string& object_name, const std::string& include_dir,
                 std::string& errors) {
  WorkingDirectory cwd(work_dir);
  if (!cwd.entered()) {
    errors = "cannot enter " + work_dir + ": " + cwd.error();
    return false;
  }

  LLVMInitializeBPFTargetInfo();
  LLVMInitializeBPFTarget();
  LLVMInitializeBPFTargetMC();
  LLVMInitializeBPFAsmPrinter();

  llvm::raw_string_ostream error_stream(errors);
  auto diag_opts = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  diag_opts->ShowCarets = false;
  auto* printer = new clang::TextDiagnosticPrinter(error_stream, diag_opts.get());

  // cc1 arguments: no driver, so no host toolchain lookup.
  std::vector<const char*> args = {"-triple", "bpf", "-emit-obj", "-O2", "-target-cpu", "v3",
                                   "-debug-info-kind=constructor", "-dwarf-version=5",
                                   // Clang 19 tracks assignments for the debug info of
                                   // optimized variables by default: the BTF btc needs (types,
                                   // lines) does not use it and the debug info is stripped,
                                   // but for 3000 statements in one probe it cost 1.8 GB and
                                   // half of the compile. The object is the same without it.
                                   "-fexperimental-assignment-tracking=disabled",
                                   "-fdebug-compilation-dir=.", "-std=gnu11", "-w", "-ferror-limit",
                                   "20",
                                   "-fbracket-depth", // a script nesting kMaxNesting levels
                                   "4096",            // deep nests deeper than 256 in C
                                   "-fno-common", "-nostdsysteminc", "-I", include_dir.c_str(),
                                   "-x", "c", "-o", object_name.c_str(), c_name.c_str()};

  auto invocation = std::make_shared<clang::CompilerInvocation>();
  {
    clang::DiagnosticsEngine diags(new clang::DiagnosticIDs, diag_opts.get(), printer, false);
    if (!clang::CompilerInvocation::CreateFromArgs(*invocation, args, diags)) {
      error_stream.flush();
      return false;
    }
  }
  // No caret snippets and no "N errors generated." on stderr: the caller reports.
  invocation->getDiagnosticOpts().ShowCarets = false;
  clang::CompilerInstance compiler;
  compiler.setInvocation(invocation);
  compiler.createDiagnostics(printer, true);
  clang::EmitObjAction action;
  // Clang's parser and LLVM's passes recurse once per level of a C expression: a script nesting
  // as deep as the parser allows (kMaxNesting) needs more than the main thread's 8 MiB.
  bool ok = false;
  llvm::thread worker(std::optional<unsigned>(kCompileStackBytes), [&] {
    // LLVM installs its own alternate signal stack on the thread that first registers its
    // signal handlers (this one: Clang removes a half-written output on a crash). The thread's
    // own is put back before it ends: a sanitizer runtime unmaps the stack it set up there.
    stack_t own{};
    bool saved = sigaltstack(nullptr, &own) == 0;
    ok = compiler.ExecuteAction(action);
    if (saved) sigaltstack(&own, nullptr);
  });
  worker.join();
  error_stream.flush();
  return ok && compiler.getDiagnostics().getNumErrors() == 0 && strip_debug(object_name, errors);
}

} // namespace btc
