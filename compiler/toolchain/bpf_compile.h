// Compiling the generated BPF C to an object with BTF, in process, with Clang.
#pragma once

#include <string>

namespace btc {

// Returns false with Clang's diagnostics in `errors`. LLVM 19's BPF backend keeps static state
// between compilations: call this at most once per process.
bool compile_bpf(const std::string& c_path, const std::string& object_path,
                 const std::string& include_dir, std::string& errors);

} // namespace btc
