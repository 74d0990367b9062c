#include "toolchain/bpf_compile.h"

#include <clang/Basic/DiagnosticOptions.h>
#include <clang/CodeGen/CodeGenAction.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <llvm/Support/raw_ostream.h>

extern "C" {
void LLVMInitializeBPFTargetInfo();
void LLVMInitializeBPFTarget();
void LLVMInitializeBPFTargetMC();
void LLVMInitializeBPFAsmPrinter();
}

namespace btc {

bool compile_bpf(const std::string& c_path, const std::string& object_path,
                 const std::string& include_dir, std::string& errors) {
  LLVMInitializeBPFTargetInfo();
  LLVMInitializeBPFTarget();
  LLVMInitializeBPFTargetMC();
  LLVMInitializeBPFAsmPrinter();

  llvm::raw_string_ostream error_stream(errors);
  auto diag_opts = llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
  diag_opts->ShowCarets = false;
  auto* printer = new clang::TextDiagnosticPrinter(error_stream, diag_opts.get());

  // cc1 arguments: no driver, so no host toolchain lookup.
  std::vector<const char*> args = {"-triple",
                                   "bpf",
                                   "-emit-obj",
                                   "-O2",
                                   "-target-cpu",
                                   "v3",
                                   "-debug-info-kind=constructor",
                                   "-dwarf-version=5",
                                   "-std=gnu11",
                                   "-w",
                                   "-ferror-limit",
                                   "20",
                                   "-fno-common",
                                   "-nostdsysteminc",
                                   "-I",
                                   include_dir.c_str(),
                                   "-x",
                                   "c",
                                   "-o",
                                   object_path.c_str(),
                                   c_path.c_str()};

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
  bool ok = compiler.ExecuteAction(action);
  error_stream.flush();
  return ok && compiler.getDiagnostics().getNumErrors() == 0;
}

} // namespace btc
