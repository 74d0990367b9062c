// libFuzzer target over btc's front end: the bytes are a script that goes through the lexer,
// parser, sema and lowering to BPF C, as `btc --emit-c` takes it, but without Clang (no C
// preamble, no BPF compile). Kernel types come from the build host's BTF, as btc reads them.
//
// Besides the sanitizers' findings, it aborts on what btc must never do with any script:
// reject it without saying why, or fail in lowering (an internal error: sema accepted what
// lowering cannot handle).
#include "diag/diagnostics.h"
#include "diag/internal_error.h"
#include "kernel/btf.h"
#include "lower/lower.h"
#include "sema/sema.h"
#include "syntax/parser.h"
#include "syntax/preamble.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace {

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "btc front-end fuzzer: %s\n%s\n", what, detail.c_str());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  btc::SourceFile source("fuzz.bt", text);
  std::ostringstream messages;
  btc::Diagnostics diags(source, messages);

  // Scripts with C in their preamble need Clang (compiler/cdecl), which is too slow to run per
  // input: the parser then sees them as btc does a script whose C Clang found empty.
  btc::scan_preamble(text);
  btc::Parser parser(source, diags);
  auto program = parser.parse();
  if (!program) {
    if (diags.errors() == 0) finding("the parser rejected the script without an error", text);
    return 0;
  }
  std::vector<btc::TypeSource*> sources = {&btc::KernelBtf::get()};
  // --unsafe: the functions that change the system go through sema and lowering too.
  auto sema = btc::analyze(*program, diags, sources, false, true);
  if (!sema) {
    if (diags.errors() == 0) finding("sema rejected the script without an error", text);
    return 0;
  }
  if (diags.errors() != 0)
    finding("sema reported an error but accepted the script", messages.str());
  try {
    btc::lower(*sema, source, "", {"fuzz.bpf.c", "fuzz.lines"});
  } catch (const btc::InternalError& e) {
    finding("lowering failed on a script sema accepted", e.what());
  }
  return 0;
}
